import { createRequire } from 'node:module';
import type { Root } from 'mdast';

type MicromarkExtension = ReturnType<typeof import('micromark-extension-gfm-table').gfmTable>;
type FromMarkdownExtension = ReturnType<typeof import('mdast-util-gfm-table').gfmTableFromMarkdown>;

// remark, micromark and rehype are a few hundred small modules: loading them is a good part of a cold
// `relnotes render` that parses no note at all (most notes need no parse). They are required on first use;
// Node ≥ 20.19 requires ES modules synchronously.
const require = createRequire(import.meta.url);

/**
 * A remark parser without the given micromark constructs; remark is loaded when it first parses. With
 * `tables`, it reads GFM tables as GitHub does (a table ends a paragraph: an indented line after it is code).
 */
export function lazyMarkdownParser(
  disabled: readonly string[],
  options: Readonly<{ tables?: boolean }> = {},
): (markdown: string) => Root {
  const processor = lazily((load) => {
    const { unified } = load('unified') as typeof import('unified');
    const remarkParse = (load('remark-parse') as typeof import('remark-parse')).default;
    const micromarkExtensions: MicromarkExtension[] = [];
    const fromMarkdownExtensions: FromMarkdownExtension[] = [];
    if (options.tables) {
      const table = load('micromark-extension-gfm-table') as typeof import('micromark-extension-gfm-table');
      const tableTree = load('mdast-util-gfm-table') as typeof import('mdast-util-gfm-table');
      micromarkExtensions.push(table.gfmTable());
      fromMarkdownExtensions.push(tableTree.gfmTableFromMarkdown());
    }
    micromarkExtensions.push({ disable: { null: [...disabled] } });
    return unified()
      .use(remarkParse)
      .data('micromarkExtensions', micromarkExtensions)
      .data('fromMarkdownExtensions', fromMarkdownExtensions);
  });
  return (markdown) => processor().parse(markdown);
}

/** `build(require)` on the first call, resolved from this package; the same value on every later call. */
export function lazily<Value>(build: (load: NodeJS.Require) => Value): () => Value {
  let built: { value: Value } | undefined;
  return () => {
    built ??= { value: build(require) };
    return built.value;
  };
}
