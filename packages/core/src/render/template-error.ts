import { RelnotesError, type RelnotesErrorCode } from '../errors.js';

/** Which template a piece of compiled code came from, for error messages. */
export interface TemplateOrigin {
  /** File path, or a name such as `partial "note"` when there is no file. */
  file: string;
  source: string;
  /** The template pack the file belongs to, named in errors. */
  pack?: string | undefined;
}

/** A 1-based place in a template. */
export interface TemplatePlace {
  line: number;
  column: number;
}

/** Thrown by a wrapped helper; turned into a RelnotesError by the template that called it. */
export class HelperFailure extends Error {
  override readonly name = 'HelperFailure';
  readonly helper: string;
  readonly place: TemplatePlace | undefined;

  /** `file` is where a pack's helper is defined (its helpers.mjs); built-in helpers have none. */
  constructor(helper: string, place: TemplatePlace | undefined, cause: unknown, file?: string) {
    super(`helper "${helper}"${file === undefined ? '' : ` from ${file}`} failed: ${messageOf(cause)}`, { cause });
    this.helper = helper;
    this.place = place;
  }
}

/**
 * A RelnotesError whose message reads `file:line:column: problem` (`file:line:column: in pack "name": problem`
 * for a pack's template), then the offending line. The place stays first, so editors and grep find it.
 */
export function createTemplateError(
  code: RelnotesErrorCode,
  origin: Readonly<TemplateOrigin>,
  problem: string,
  place: Readonly<Partial<TemplatePlace>> | undefined,
  hint: string,
  cause?: unknown,
): RelnotesError {
  const line = place?.line;
  const column = place?.column;
  const where = line === undefined ? origin.file : `${origin.file}:${line}${column === undefined ? '' : `:${column}`}`;
  const pack = origin.pack === undefined ? '' : `in pack "${origin.pack}": `;
  const message = `${where}: ${pack}${problem}${line === undefined ? '' : showLine(origin.source, line, column)}`;
  const details = {
    file: origin.file,
    hint,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  };
  return new RelnotesError(code, message, details, cause === undefined ? undefined : { cause });
}

/** The offending line with a caret under the column, cut to a readable width. */
function showLine(source: string, line: number, column: number | undefined): string {
  const text = source.split(/\r?\n/)[line - 1];
  if (text === undefined) return '';
  const max = 120;
  const start = column !== undefined && column > max - 20 ? column - (max - 20) : 0;
  const shown = text.slice(start, start + max).replace(/\t/g, ' ');
  const gutter = `${line} | `;
  const caret = column === undefined ? '' : `\n${' '.repeat(gutter.length + column - 1 - start)}^`;
  return `\n${gutter}${shown}${caret}`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
