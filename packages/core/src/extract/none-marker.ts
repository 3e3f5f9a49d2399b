// Spellings that say "no release note". Compared after trimming punctuation, quotes and backticks and
// lower-casing, so `"NONE"`, `None.` and `` `n/a` `` all match.
const NONE_WORDS = new Set([
  'none',
  'n/a',
  'na',
  'no',
  'nope',
  'nothing',
  'not applicable',
  'no release note',
  'no release-note',
  'no release notes',
  'no user-facing change',
  'no user-facing changes',
  'no user facing change',
  'no user facing changes',
  'none needed',
  'none required',
]);

// After a bare NONE, these start an explanation ("NONE - test only"), not a sentence ("None of the pods…").
const EXPLANATION_STARTS = new Set(['.', ':', '-', '–', '—', ',', ';', '(', '!']);

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

/** The text with non-word characters trimmed from both ends (a linear scan, no regex over the whole). */
function trimToWords(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && !isWordChar(text.charAt(start))) start++;
  while (end > start && !isWordChar(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

export interface NoneMatch {
  /** The marker as written: `"NONE"`, `N/A`, `` `none` ``. */
  marker: string;
  /** Text after the marker that was ignored ("NONE - test only change"), or empty. */
  rest: string;
}

/** Whether a note's (trimmed) content says there is no note; null if it is a real note. */
export function matchNoneMarker(content: string): NoneMatch | null {
  const text = content.trim();
  if (text.length > 200) return null;
  const words = trimToWords(text).toLowerCase().split(/\s+/).join(' ');
  if (NONE_WORDS.has(words)) return { marker: text, rest: '' };
  // "NONE - test only", "None. Refactoring only."
  const firstLine = text.split('\n', 1)[0] ?? '';
  const head = trimToWords(firstLine.slice(0, 8)).toLowerCase();
  if (!head.startsWith('none')) return null;
  let i = firstLine.toLowerCase().indexOf('none') + 4;
  while (firstLine.charAt(i) === '*' || firstLine.charAt(i) === '"' || firstLine.charAt(i) === '`') i++;
  let j = i;
  while (firstLine.charAt(j) === ' ') j++;
  if (!EXPLANATION_STARTS.has(firstLine.charAt(j))) return null;
  return { marker: firstLine.slice(0, i).trim(), rest: text.slice(i).trim() };
}
