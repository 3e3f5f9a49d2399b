import type { FeatureStage } from '../model.js';

interface Token {
  word: string;
  sentence: number;
  start: number;
  end: number;
}

const isLetterOrDigit = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;

function startsBlock(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i >= text.length) return true;
  const c = text.charAt(i);
  if (c === '\n' || c === '\r' || c === '-' || c === '*' || c === '+' || c === '#' || c === '>' || c === '|')
    return true;
  let j = i;
  while (j < text.length && j - i < 4 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j > i && (text[j] === '.' || text[j] === ')');
}

/** Words (lower-cased, with inner `'` and `-` kept) and the sentence each is in. One pass over the text. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isLetterOrDigit(code)) {
      let end = i + 1;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (isLetterOrDigit(c)) end++;
        else if (
          (c === 39 || c === 45 || c === 0x2019) &&
          end + 1 < text.length &&
          isLetterOrDigit(text.charCodeAt(end + 1))
        )
          end += 2;
        else break;
      }
      tokens.push({ word: text.slice(i, end).toLowerCase(), sentence, start: i, end });
      i = end;
      continue;
    }
    // Notes are often hard-wrapped: a newline ends a sentence only before a blank line or a list item.
    if (code === 10 && startsBlock(text, i + 1)) sentence++;
    else if (
      (code === 46 || code === 33 || code === 63 || code === 59) &&
      (i + 1 >= text.length || /\s/.test(text.charAt(i + 1)))
    ) {
      sentence++;
    }
    i++;
  }
  return tokens;
}

const TRANSITION = new Set([
  'graduate',
  'graduated',
  'graduates',
  'graduating',
  'promote',
  'promoted',
  'promotes',
  'promoting',
  'move',
  'moved',
  'moves',
  'made',
  'makes',
  'reached',
  'reaches',
  'become',
  'becomes',
  'now',
]);
const INTRODUCTION = new Set([
  'new',
  'add',
  'added',
  'adds',
  'adding',
  'introduce',
  'introduced',
  'introduces',
  'introducing',
  'implement',
  'implemented',
  'implements',
  'as',
]);
/** Words that make the stage a past or future fact, or a relative clause, not this release's change. */
const BLOCKERS = new Set([
  'that',
  'which',
  'previously',
  'already',
  'since',
  'was',
  'were',
  'will',
  'not',
  'no',
  'longer',
  'when',
  'if',
]);
const SUBORDINATE = new Set(['that', 'which', 'if', 'when', 'while', 'unless', 'whether']);
const FUTURE = new Set([
  'will',
  'would',
  'may',
  'might',
  'can',
  'could',
  'should',
  'shall',
  'to',
  'future',
  'planned',
  'scheduled',
  'before',
]);
const STATE_VERBS = new Set(['is', 'are', 'been', 'was', 'were', 'now', 'has', 'have', 'officially', 'formally']);
const REMOVED = new Set(['removed', 'remove', 'removes', 'removing', 'removal']);
const DEPRECATED = new Set(['deprecated', 'deprecate', 'deprecates', 'deprecating', 'deprecation']);
const REMOVABLE = new Set([
  'feature',
  'features',
  'feature-gate',
  'feature-gates',
  'gate',
  'gates',
  'api',
  'apis',
  'flag',
  'flags',
  'field',
  'fields',
]);
const API_VERSION = /^v\d+(?:alpha|beta)\d*$/;

function stageOfWord(tokens: readonly Token[], i: number): { stage: FeatureStage; last: number } | null {
  const word = tokens[i]?.word;
  const next = tokens[i + 1];
  const sameSentence = next !== undefined && next.sentence === tokens[i]?.sentence;
  if (word === 'alpha') return { stage: 'alpha', last: i };
  if (word === 'beta') return { stage: 'beta', last: i };
  if (word === 'ga' || word === 'stable') return { stage: 'stable', last: i };
  if (word === 'general' && sameSentence && next.word === 'availability') return { stage: 'stable', last: i + 1 };
  if (word === 'generally' && sameSentence && next.word === 'available') return { stage: 'stable', last: i + 1 };
  return null;
}

/**
 * Reads a stage change from a note's own words: "graduated to GA", "promoted to beta", "new alpha feature",
 * "(alpha)", "is now beta", "Removed the X feature gate", "X is deprecated". Ignores API versions
 * (`v1beta1`), metric stability ("promoted to BETA stability"), relative clauses ("that graduated to GA")
 * and the future ("will be removed"). The first statement in the text wins. Linear in the text's length.
 */
export function detectStageInText(text: string): { stage: FeatureStage; words: string } | null {
  const tokens = tokenize(text);
  const metricSentences = new Set<number>();
  const removableSentences = new Set<number>();
  for (const token of tokens) {
    if (token.word.startsWith('metric')) metricSentences.add(token.sentence);
    if (REMOVABLE.has(token.word) || API_VERSION.test(token.word)) removableSentences.add(token.sentence);
  }
  const words = (from: number, to: number) => {
    const end = tokens[to]?.end ?? 0;
    return text.slice(tokens[from]?.start ?? 0, text[end] === '`' ? end + 1 : end);
  };
  // The index of the latest transition verb seen in the current sentence, or -1.
  let transitionAt = -1;
  // Whether a blocker ("that", "was", "will", …) came after that verb: kept as a flag to stay linear.
  let blockedSinceTransition = false;
  let sentence = -1;
  // Whether the current sentence named a feature, gate, API or flag before the current word.
  let removableSoFar = false;
  // Whether a subordinate clause ("explains that …", "if …") began earlier in the sentence.
  let subordinateSoFar = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.sentence !== sentence) {
      sentence = token.sentence;
      transitionAt = -1;
      removableSoFar = false;
      subordinateSoFar = false;
    }
    const subordinate = subordinateSoFar;
    if (SUBORDINATE.has(token.word)) subordinateSoFar = true;
    const removableBefore = removableSoFar;
    if (REMOVABLE.has(token.word) || API_VERSION.test(token.word)) removableSoFar = true;
    const inSentence = (j: number) => j >= 0 && tokens[j]?.sentence === sentence;
    const before = (j: number) => (inSentence(j) ? (tokens[j]?.word ?? '') : '');
    const sentenceStart = !inSentence(i - 1);

    if (TRANSITION.has(token.word)) {
      transitionAt = BLOCKERS.has(before(i - 1)) ? -1 : i;
      blockedSinceTransition = false;
      continue;
    }
    if (BLOCKERS.has(token.word)) blockedSinceTransition = true;

    if (REMOVED.has(token.word) || DEPRECATED.has(token.word)) {
      const removal = REMOVED.has(token.word);
      const future = [1, 2, 3].some((k) => FUTURE.has(before(i - k)));
      const verb =
        sentenceStart ||
        STATE_VERBS.has(before(i - 1)) ||
        (before(i - 1) === 'as' && !removal) ||
        token.word === 'removes' ||
        token.word === 'deprecates';
      // "Removed the X feature gate" names it after; "the X flag has been removed" names it before.
      const subject = !removal || (sentenceStart ? removableSentences.has(sentence) : removableBefore);
      if (!future && verb && subject) return { stage: removal ? 'removed' : 'deprecated', words: words(i, i) };
      continue;
    }

    const found = stageOfWord(tokens, i);
    if (!found) continue;
    const next = tokens[found.last + 1];
    if (next && next.sentence === sentence && next.word === 'stability') continue;
    if (metricSentences.has(sentence)) continue;

    const parenthesised = text[token.start - 1] === '(' && text[tokens[found.last]?.end ?? 0] === ')';
    if (parenthesised && found.stage !== 'stable') return { stage: found.stage, words: `(${words(i, found.last)})` };

    // "graduated … to GA", "moved X to stable", "is now beta"
    if (transitionAt >= 0) {
      if (!blockedSinceTransition && (before(i - 1) === 'to' || i - transitionAt <= 3)) {
        return { stage: found.stage, words: words(transitionAt, found.last) };
      }
    }
    // "is GA", "are beta"
    const previous = before(i - 1);
    if ((previous === 'is' || previous === 'are') && !BLOCKERS.has(before(i - 2)) && !subordinate) {
      return { stage: found.stage, words: words(i - 1, found.last) };
    }
    // "new alpha feature", "implemented beta support", "available as alpha"
    if (found.stage !== 'stable') {
      for (let k = 1; k <= 3; k++) {
        const w = before(i - k);
        if (BLOCKERS.has(w)) break;
        if (INTRODUCTION.has(w)) return { stage: found.stage, words: words(i - k, found.last) };
      }
    }
  }
  return null;
}
