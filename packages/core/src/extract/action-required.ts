export interface ActionRequiredResult {
  text: string;
  actionRequired: boolean;
}

const PHRASE = 'action required';

function isEmphasis(char: string): boolean {
  return char === '*' || char === '_';
}

function isLineStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '-' || text[i] === '*')) i--;
  return i < 0 || text[i] === '\n';
}

/** "No action required:" and "not action required" say the opposite. */
function isNegated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 5), index).toLowerCase();
  return before.endsWith('no ') || before.endsWith('not ');
}

/**
 * Finds `ACTION REQUIRED:`, `[Action Required]`, `**action required**:` (any case), and a bare
 * `Action required` that opens a line, and removes them with the `: ` that followed; a note that began
 * with the marker gets its new first letter capitalised. Unlike prow, a
 * phrase inside a sentence ("no action required for users") does not mark the note.
 */
export function stripActionRequired(note: string): ActionRequiredResult {
  const lower = note.toLowerCase();
  // toLowerCase can change the length for a few scripts; then positions would not line up.
  if (lower.length !== note.length) return { text: note, actionRequired: false };
  const cuts: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const at = lower.indexOf(PHRASE, from);
    if (at < 0) break;
    from = at + PHRASE.length;
    let start = at;
    let end = at + PHRASE.length;
    while (start > 0 && isEmphasis(note.charAt(start - 1))) start--;
    let bracketed = false;
    if (note.charAt(start - 1) === '[' && note.charAt(end) === ']') {
      bracketed = true;
      start--;
      end++;
    }
    while (isEmphasis(note.charAt(end))) end++;
    let colon = false;
    if (note.charAt(end) === ':') {
      colon = true;
      end++;
      while (isEmphasis(note.charAt(end))) end++;
    }
    const opensLine = isLineStart(note, start);
    const followedByBreak = end >= note.length || /[\s!\-–—]/.test(note.charAt(end));
    const marker = bracketed || (colon && !isNegated(note, start)) || (opensLine && followedByBreak);
    if (!marker) continue;
    while (end < note.length && (note.charAt(end) === ' ' || note.charAt(end) === '\t')) end++;
    if (!colon && !bracketed) {
      // "Action required - do X": drop the dash that stood for the colon.
      if (/[-–—!]/.test(note.charAt(end))) end++;
      while (end < note.length && note.charAt(end) === ' ') end++;
    }
    cuts.push([start, end]);
    from = end;
  }
  if (cuts.length === 0) return { text: note, actionRequired: false };
  let joined = '';
  let last = 0;
  for (const [start, end] of cuts) {
    joined += note.slice(last, start);
    last = end;
  }
  joined += note.slice(last);
  // A marker alone on its line leaves an empty line behind.
  const lines = joined.split('\n');
  const kept = lines.filter((line, i) => line.trim() !== '' || (lines[i - 1] ?? '').trim() !== '');
  const stripped = kept.join('\n').trim();
  // The marker opened the sentence; what is left starts it now ("ACTION REQUIRED: the flag…" → "The flag…").
  const opened = (cuts[0]?.[0] ?? -1) === note.length - note.trimStart().length;
  const first = stripped.charAt(0);
  const text = opened && first !== first.toUpperCase() ? first.toUpperCase() + stripped.slice(1) : stripped;
  return { text, actionRequired: true };
}
