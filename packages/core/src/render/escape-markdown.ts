const MARKDOWN_SPECIAL = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#']);

/** Backslash-escapes the characters that would otherwise start Markdown syntax. */
export function escapeMarkdown(text: string): string {
  let out = '';
  for (const char of text) out += MARKDOWN_SPECIAL.has(char) ? `\\${char}` : char;
  return out;
}
