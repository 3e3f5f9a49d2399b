const ESC = 0x1b;
/** The one-character forms of `ESC [` and `ESC ]` (C1 controls). */
const C1_CSI = 0x9b;
const C1_OSC = 0x9d;
const BEL = 0x07;

/**
 * Where the ANSI escape sequence that starts at `start` ends (exclusive), or -1 when no sequence starts
 * there. CSI (`ESC [` or U+009B, parameter and intermediate bytes, one final byte), OSC (`ESC ]` or U+009D,
 * up to BEL or `ESC \`), or ESC and one character. A sequence never runs past the end of its line, so
 * removing it keeps line numbers. A forward scan: each character is looked at once.
 */
export function ansiEscapeEnd(text: string, start: number): number {
  return ansiSequenceEnd(text, text.charCodeAt(start), start + 1);
}

/**
 * Where the ANSI escape sequence ends that the character `code` (ESC, U+009B or U+009D) starts, written just
 * before `after` (as itself, or as a character reference such as `&#27;`); -1 when `code` starts none.
 */
export function ansiSequenceEnd(text: string, code: number, after: number): number {
  if (code === C1_CSI) return csiEnd(text, after);
  if (code === C1_OSC) return oscEnd(text, after);
  if (code !== ESC) return -1;
  const next = text.charAt(after);
  if (next === '[') return csiEnd(text, after + 1);
  if (next === ']') return oscEnd(text, after + 1);
  return next === '' || next === '\n' || next === '\r' ? after : after + 1;
}

/** Parameter and intermediate bytes (0x20–0x3f), then one final byte (0x40–0x7e) if there is one. */
function csiEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x3f) i++;
  const final = text.charCodeAt(i);
  return final >= 0x40 && final <= 0x7e ? i + 1 : i;
}

/** Up to and including BEL or `ESC \` (ST); an unterminated one stops at the end of the line. */
function oscEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BEL) return i + 1;
    if (code === 0x0a || code === 0x0d) return i;
    if (code === ESC) return text.charAt(i + 1) === '\\' ? i + 2 : i;
  }
  return text.length;
}
