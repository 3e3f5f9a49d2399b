/**
 * The first sentence of a note's first paragraph, on one line: for a one-line summary such as a highlight.
 * Full stops inside code spans (`v1.2`) do not end it; a sentence longer than `max` characters is cut at a
 * space outside code spans and ends with `…`. A trailing colon (a list's lead-in) becomes a full stop.
 */
export function firstSentence(text: string, max = 200): string {
  const paragraph: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').trim().split('\n')) {
    if (line.trim() === '') break;
    paragraph.push(line.trim());
  }
  const flat = paragraph.join(' ');
  let end = flat.length;
  let lastSpace = -1;
  let i = 0;
  while (i < flat.length) {
    const char = flat[i];
    if (char === '`') {
      let run = 0;
      while (flat[i + run] === '`') run++;
      const close = flat.indexOf('`'.repeat(run), i + run);
      i = close < 0 ? i + run : close + run;
      continue;
    }
    if (i >= max) break;
    if (char === ' ') lastSpace = i;
    if ((char === '.' || char === '!' || char === '?') && (i + 1 === flat.length || flat[i + 1] === ' ')) {
      end = i + 1;
      break;
    }
    i++;
  }
  // A lead-in to a list ("three new subcommands:") reads as a sentence on its own line.
  if (end <= max) return inline(flat.endsWith(':', end) ? `${flat.slice(0, end - 1)}.` : flat.slice(0, end));
  return inline(`${flat.slice(0, lastSpace > 0 ? lastSpace : max).trimEnd()}…`);
}

/**
 * The sentence stays one paragraph wherever a template puts it: a leading fence, block quote or list marker
 * of the note (now followed by the whole sentence on one line) is escaped.
 */
function inline(sentence: string): string {
  if (sentence.startsWith('```') || sentence.startsWith('~~~') || sentence.startsWith('>')) return `\\${sentence}`;
  const first = sentence.charAt(0);
  if ((first === '-' || first === '+' || first === '*') && isBlank(sentence.charAt(1))) return `\\${sentence}`;
  let digits = 0;
  while (digits < 10 && sentence.charAt(digits) >= '0' && sentence.charAt(digits) <= '9') digits++;
  const delimiter = sentence.charAt(digits);
  if (digits > 0 && (delimiter === '.' || delimiter === ')') && isBlank(sentence.charAt(digits + 1))) {
    return `${sentence.slice(0, digits)}\\${sentence.slice(digits)}`;
  }
  return sentence;
}

function isBlank(char: string): boolean {
  return char === '' || char === ' ' || char === '\t';
}
