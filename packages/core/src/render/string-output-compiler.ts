// Handlebars with `noEscape` adds adjacent numbers instead of joining them: `{{a}}{{b}}` with
// a = 1, b = 2 renders "3", because unescaped appends are merged into `buffer += a + b`.
// This compiler makes every inline append a string first.
import type Handlebars from 'handlebars';

type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

interface CompilerInternals {
  isInline(): boolean;
  replaceStack(callback: (current: unknown) => unknown[]): void;
  popStack(): unknown;
  pushSource(source: unknown): void;
  appendToBuffer(source: unknown, location?: unknown, explicit?: boolean): unknown;
}

type CompilerClass = new () => CompilerInternals;

/** Installs the string-joining compiler on one Handlebars environment (not the global one). */
export function useStringOutputCompiler(env: HandlebarsEnv): void {
  const holder = env as unknown as { JavaScriptCompiler: CompilerClass };
  const Base = holder.JavaScriptCompiler;
  const baseAppend = (Base.prototype as unknown as { append: (this: CompilerInternals) => void }).append;
  class StringOutputCompiler extends Base {
    append(this: CompilerInternals): void {
      if (!this.isInline()) {
        baseAppend.call(this);
        return;
      }
      this.replaceStack((current) => [' != null ? ', current, ' : ""']);
      this.pushSource(this.appendToBuffer(['"" + ', this.popStack()]));
    }
  }
  // Child programs (block bodies) are compiled with `new this.compiler()`.
  (StringOutputCompiler.prototype as unknown as { compiler: CompilerClass }).compiler = StringOutputCompiler;
  holder.JavaScriptCompiler = StringOutputCompiler;
}
