import type { Code, Nodes, Root, Text } from 'mdast';
import type { Diagnostic } from '../model.js';
import { afterBracket } from './autolink-literal.js';
import { bareUrlBoundaryEdits } from './bare-url-boundaries.js';
import { findMentions, type MentionMatch, mayHoldMentions } from './find-mentions.js';
import { neutraliseMentions as neutraliseMentionsByLine } from './mentions-by-line.js';
import {
  hasManyLinkBrackets,
  hasTooManyLines,
  MAX_LINK_BRACKETS,
  MAX_PARSED_LINES,
  parseNoteTree,
} from './parse-note-tree.js';
import { isPlainNote } from './plain-note.js';
import { isSafeUrl } from './safe-url.js';
import { escapeManySetextUnderlines } from './setext-underlines.js';
import { RemovedCharacterCounts, type RemovedCharacters, stripUnsafeCharacters } from './strip-unsafe-characters.js';
import { applyEdits, escapeAllPunctuation, expandLeadingTabs, isEscaped, type TextEdit } from './text-edits.js';
import { footnoteEscapes, textNodeEdits } from './text-node-edits.js';
import { findUnsafeAutolinks, mayHoldUnsafeAutolinks } from './unsafe-autolinks.js';

export interface SanitizeOptions {
  /** The PR number to name in diagnostics. */
  pr?: number;
  /**
   * `false` neutralises `@user`, `@org/team`, `#123`, `owner/repo#123` and `GH-123` in the note's text
   * (as code spans, which GitHub neither links nor notifies), for output that GitHub renders.
   * Default `true`: left as written.
   */
  mentions?: boolean;
}

export interface SanitizedNote {
  /** Safe Markdown: the note as written wherever it was already safe. */
  markdown: string;
  /** One diagnostic per kind of change (rule ids `note-heading`, `zero-width-character`, …). */
  diagnostics: Diagnostic[];
  /**
   * All the changes in one warning (rule id `note-sanitized`), for a report with one line per PR; `null` when
   * nothing had to change. Mentions neutralised on request are not a change to report.
   */
  summary: Diagnostic | null;
}

/** Longer notes, or deeper nesting, are not parsed (micromark is super-linear there) but shown as code. */
export const MAX_SANITIZED_NOTE_LENGTH = 10_000;
const MAX_LINE_PREFIX = 12;
/** Past this many `*` and `_`, they are escaped: emphasis parsing is quadratic in every Markdown renderer. */
const MAX_EMPHASIS_DELIMITERS = 1_000;
const MAX_PASSES = 6;

type Finding =
  | 'heading'
  | 'thematic-break'
  | 'html'
  | 'definition'
  | 'footnote'
  | 'bare-url'
  | 'unsafe-url'
  | 'unclosed-fence'
  | 'too-complex'
  | 'emphasis'
  | 'brackets';

/** Per finding: its rule id, what the note has (for its own diagnostic) and what was done (for the summary). */
const FINDINGS: Readonly<Record<Finding, { ruleId: string; what: string; done: string }>> = {
  heading: {
    ruleId: 'note-heading',
    what: 'a heading, shown as a plain paragraph so that it cannot open a section',
    done: 'a heading flattened to text',
  },
  'thematic-break': {
    ruleId: 'note-thematic-break',
    what: 'a thematic break (---), shown as text',
    done: 'a thematic break shown as text',
  },
  html: { ruleId: 'note-raw-html', what: 'raw HTML, shown as text', done: 'raw HTML made inert text' },
  definition: {
    ruleId: 'note-link-definition',
    what: 'a link reference definition, removed (it can hijack links)',
    done: 'a link reference definition removed',
  },
  footnote: {
    ruleId: 'note-footnote',
    what: 'a footnote ([^1] or [^1]: …), shown as text (GitHub moves a footnote to the end of the page)',
    done: 'a footnote shown as text',
  },
  'bare-url': {
    ruleId: 'note-bare-url',
    what: 'a bare URL right before a code span or an escaped <, which GitHub would take into the link (leaving the code live); a space now ends the URL',
    done: 'a space put after a bare URL that ran into code',
  },
  'unsafe-url': {
    ruleId: 'note-unsafe-url',
    what: 'a link or image whose URL is not http, https or mailto; the link was removed and its text kept (as code for a bare ftp:// or xmpp: one)',
    done: 'a link whose URL is not http, https or mailto (javascript:, data:, ftp:, xmpp:, …) removed, its text kept',
  },
  'unclosed-fence': {
    ruleId: 'note-unclosed-fence',
    what: 'an unclosed code fence, closed at the end of the note',
    done: 'an unclosed code fence closed',
  },
  'too-complex': {
    ruleId: 'note-too-complex',
    what: `more than ${MAX_SANITIZED_NOTE_LENGTH} characters, more than ${MAX_PARSED_LINES} lines or deeply nested blocks; it is shown as a code block`,
    done: 'the whole note shown as a code block (too long, too many lines or too deeply nested)',
  },
  emphasis: {
    ruleId: 'note-emphasis',
    what: `more than ${MAX_EMPHASIS_DELIMITERS} * and _, escaped`,
    done: `* and _ escaped (more than ${MAX_EMPHASIS_DELIMITERS})`,
  },
  brackets: {
    ruleId: 'note-brackets',
    what: `more than ${MAX_LINK_BRACKETS} [, escaped with the ] (its links are shown as text)`,
    done: `[ and ] escaped (more than ${MAX_LINK_BRACKETS} [), links shown as text`,
  },
};

const CHARACTER_NAMES: Readonly<Record<RemovedCharacters['kind'], [string, string]>> = {
  control: ['control-character', 'control character'],
  'ansi-escape': ['ansi-escape', 'ANSI escape sequence'],
  bidi: ['bidi-control', 'bidirectional text control character'],
  'zero-width': ['zero-width-character', 'zero-width character'],
  invisible: ['invisible-character', 'invisible format character'],
};

/**
 * Makes a note's Markdown safe to paste into a changelog, a GitHub release or an HTML page, as a tree
 * edit rather than a rewrite: text that is already safe is returned as written (no re-escaping).
 * - headings, thematic breaks and setext underlines become paragraph text (a note cannot open a section);
 * - an unclosed fence is closed at the end of the note;
 * - raw HTML becomes text; link reference definitions are removed;
 * - links and images keep only `http`, `https` and `mailto` URLs (others lose the link, keep the text; a
 *   bare `ftp://` or `xmpp:` link GitHub would make is shown as code);
 * - footnotes (`[^1]`, `[^1]: …`) are text: GitHub would move them out of the note, to the end of the page;
 * - control characters, ANSI escapes, bidi controls and zero-width characters are removed, written as
 *   themselves or as character references (`&#x202E;`), except a joiner inside a word or emoji outside ASCII;
 * - CRLF is LF; notes too long or too nested to parse quickly become a code block.
 * Every change is a diagnostic naming the PR. The output is a fixed point: sanitising it again changes nothing.
 */
export function sanitizeNote(markdown: string, options: Readonly<SanitizeOptions> = {}): SanitizedNote {
  const diagnostics: Diagnostic[] = [];
  const whose = options.pr === undefined ? 'the note' : `the note of #${options.pr}`;
  const report = (ruleId: string, message: string): void => {
    const diagnostic: Diagnostic = { severity: 'warning', ruleId, message };
    if (options.pr !== undefined) diagnostic.pr = options.pr;
    diagnostics.push(diagnostic);
  };
  const done: string[] = [];
  const stripped = stripUnsafeCharacters(markdown);
  const findings = new Set<Finding>();
  const structure = sanitizeStructure(expandLeadingTabs(stripped.text).trim(), options.mentions !== false, findings);
  const removedCharacters = new RemovedCharacterCounts();
  removedCharacters.addAll(stripped.removed);
  removedCharacters.addAll(structure.removed);
  for (const removed of removedCharacters.list()) {
    const [ruleId, name] = CHARACTER_NAMES[removed.kind];
    const what = `${removed.count} ${name}${removed.count === 1 ? '' : 's'} (first: ${removed.first})`;
    report(ruleId, `Removed ${what} from ${whose}.`);
    done.push(`removed ${what}`);
  }
  const text = structure.markdown;
  for (const finding of findings) {
    const { ruleId, what } = FINDINGS[finding];
    report(ruleId, `${capitalise(whose)} has ${what}.`);
    done.push(FINDINGS[finding].done);
  }
  return { markdown: text, diagnostics, summary: summarise(done, whose, options.pr) };
}

function summarise(done: readonly string[], whose: string, pr: number | undefined): Diagnostic | null {
  if (done.length === 0) return null;
  const summary: Diagnostic = {
    severity: 'warning',
    ruleId: 'note-sanitized',
    message: `${capitalise(whose)} was changed to be safe to publish: ${done.join('; ')}.`,
  };
  if (pr !== undefined) summary.pr = pr;
  return summary;
}

/**
 * Neutralises mentions (as `sanitizeNote` with `mentions: false` does) in Markdown that is already safe,
 * such as a note formatted by a template helper, changing nothing else, surrounding whitespace included.
 */
export function neutralizeMentions(markdown: string): string {
  const start = markdown.length - markdown.trimStart().length;
  const end = markdown.trimEnd().length;
  let text = markdown.slice(start, end);
  if (text === '' || !mayHoldMentions(text)) return markdown;
  // Formatted notes can outgrow a quick parse (indentation); past that, a line scan does the job.
  if (text.length > 2 * MAX_SANITIZED_NOTE_LENGTH || hasDeepPrefix(text) || hasTooManyLines(text)) {
    return neutraliseMentionsByLine(markdown);
  }
  if (escapeManySetextUnderlines(text) !== null) return neutraliseMentionsByLine(markdown);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const manyBrackets = hasManyLinkBrackets(text);
    const root = parseNoteTree(text, { links: !manyBrackets });
    const edits = inlineEdits(
      text,
      root,
      { keepMentions: false, unsafeAutolinks: false, escapeBrackets: manyBrackets },
      new Set(),
    );
    if (edits.length === 0) return markdown.slice(0, start) + text + markdown.slice(end);
    text = applyEdits(text, edits);
  }
  return neutraliseMentionsByLine(markdown);
}

/**
 * The note's structure made safe, by passes of tree edits until one finds nothing to change. Characters
 * removed as character references are counted in `removed` (none when the note ends up as one code block).
 */
function sanitizeStructure(
  input: string,
  keepMentions: boolean,
  findings: Set<Finding>,
): { markdown: string; removed: RemovedCharacters[] } {
  const asIs = { markdown: input, removed: [] };
  if (input === '') return asIs;
  if (input.length > MAX_SANITIZED_NOTE_LENGTH || hasDeepPrefix(input) || hasTooManyLines(input)) {
    if (isOneSafeFence(input)) return asIs;
    findings.add('too-complex');
    return { markdown: asCodeBlock(input), removed: [] };
  }
  // Most notes hold nothing to change: no need to parse them.
  const mentionsSafe = keepMentions || !mayHoldMentions(input);
  const plain = isPlainNote(input) && !mayHoldUnsafeAutolinks(input);
  if (mentionsSafe && plain && countEmphasisDelimiters(input) <= MAX_EMPHASIS_DELIMITERS) return asIs;
  const underlined = escapeManySetextUnderlines(input);
  if (underlined !== null) findings.add('heading');
  let text = underlined ?? input;
  const removed = new RemovedCharacterCounts();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const manyBrackets = hasManyLinkBrackets(text);
    const root = parseNoteTree(text, { links: !manyBrackets });
    const edits = [
      ...blockEdits(text, root, findings),
      ...bareUrlEdits(text, root, findings),
      ...textNodeEdits(text, root, {
        footnote: () => findings.add('footnote'),
        removed: (kind, codePoint) => removed.add(kind, codePoint),
      }),
      ...inlineEdits(text, root, { keepMentions, unsafeAutolinks: true, escapeBrackets: manyBrackets }, findings),
    ];
    if (edits.length === 0) return { markdown: text, removed: removed.list() };
    // An edit may leave a tab at the start of a line (a removed `&#xE0041;` before it): expand it as before.
    text = expandLeadingTabs(applyEdits(text, edits)).trim();
    // Escapes can grow a note past what a second pass would parse: keep the output a fixed point.
    if (text.length > MAX_SANITIZED_NOTE_LENGTH) break;
  }
  // Edits kept uncovering new constructs, or grew the note too long: give up on its structure.
  findings.add('too-complex');
  return { markdown: asCodeBlock(input), removed: [] };
}

/** How many `*` and `_` the text has, counting no further than just past the limit. */
function countEmphasisDelimiters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length && count <= MAX_EMPHASIS_DELIMITERS; i++) {
    const char = text.charAt(i);
    if (char === '*' || char === '_') count++;
  }
  return count;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hasDeepPrefix(text: string): boolean {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let n = lineStart;
    while (n < text.length && n - lineStart <= MAX_LINE_PREFIX && ' \t>-*+'.includes(text.charAt(n))) n++;
    if (n - lineStart > MAX_LINE_PREFIX) return true;
    const next = text.indexOf('\n', lineStart);
    if (next < 0) return false;
    lineStart = next + 1;
  }
  return false;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charAt(i) === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** The note as one fenced code block, cut to the length that can be parsed again. */
function asCodeBlock(text: string): string {
  const room = MAX_SANITIZED_NOTE_LENGTH - 200;
  // Every later parse (a template's, the HTML page's) pays for each line of the block: keep few enough.
  let end = Math.min(text.length, room);
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_PARSED_LINES - 3) {
      end = i;
      break;
    }
  }
  const body = end < text.length ? `${text.slice(0, end)}\n…` : text;
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}\n${body}\n${fence}`;
}

/** Whether the note is exactly one backtick-fenced block that nothing inside can close early (asCodeBlock's output). */
function isOneSafeFence(text: string): boolean {
  const firstEnd = text.indexOf('\n');
  const fence = firstEnd < 0 ? '' : text.slice(0, firstEnd);
  if (fence.length < 3 || longestRun(fence, '`') !== fence.length || !text.endsWith(`\n${fence}`)) return false;
  const body = text.slice(firstEnd + 1, text.length - fence.length - 1);
  return longestRun(body, '`') < fence.length;
}

function offsets(node: Nodes): { start: number; end: number } | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : { start, end };
}

function skipIndent(text: string, from: number): number {
  let i = from;
  while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
  return i;
}

/** Edits that take away every construct a note must not contain (a tree walk; inline content included). */
function blockEdits(text: string, root: Root, findings: Set<Finding>): TextEdit[] {
  const edits: TextEdit[] = [];
  // After a template's `- `, a first line such as `- -` or `**` would make a thematic break of the item.
  if (isMarksOnly(text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')))) {
    findings.add('thematic-break');
    edits.push({ start: 0, end: 0, insert: '\\' });
  }
  // A template may write text before the note; a list that cannot interrupt that paragraph (one starting at
  // 2, an empty item) would be read as its continuation, and the note's next lines differently. Plain text.
  // On one line (note-text keeps a one-line note there), any list or quote marker is text after that text,
  // and what the marker held (indented code: `-     <b>`) would be read as inline text.
  const first = root.children[0];
  const oneLine = !text.includes('\n');
  const absorbed =
    first?.type === 'list' &&
    (oneLine || (first.ordered ? first.start !== 1 : first.children[0]?.children.length === 0));
  if (absorbed || (oneLine && first?.type === 'blockquote')) {
    const marker = skipIndent(text, 0);
    let delimiter = marker;
    while (first.type === 'list' && first.ordered && isDigit(text.charCodeAt(delimiter))) delimiter++;
    // Alone: the rest of the note reads differently once this is text, and the next pass sees it so.
    return [{ start: delimiter, end: delimiter, insert: '\\' }];
  }
  const stack: Nodes[] = [...root.children].reverse();
  const escapeAt = (at: number): void => {
    edits.push({ start: at, end: at, insert: '\\' });
  };
  for (let node = stack.pop(); node; node = stack.pop()) {
    const at = offsets(node);
    if (!at) continue;
    let descend = true;
    switch (node.type) {
      case 'heading': {
        findings.add('heading');
        if (node.position?.start.line === node.position?.end.line) escapeAt(skipIndent(text, at.start));
        else escapeAt(setextUnderlineStart(text, at));
        break;
      }
      case 'thematicBreak':
        findings.add('thematic-break');
        escapeAt(skipIndent(text, at.start));
        break;
      case 'html':
        findings.add('html');
        for (let i = text.indexOf('<', at.start); i >= 0 && i < at.end; i = text.indexOf('<', i + 1)) {
          edits.push({ start: i, end: i + 1, insert: '&lt;' });
        }
        break;
      case 'definition':
        // `[^1]: https://…` is a footnote on GitHub: text, not a removed definition.
        if (isFootnoteLabel(node.label)) {
          findings.add('footnote');
          edits.push(...footnoteEscapes(text, skipIndent(text, at.start), at.end));
          descend = false;
          break;
        }
        findings.add('definition');
        edits.push({ start: at.start, end: at.end, insert: '' });
        break;
      case 'link':
      case 'linkReference': {
        if (node.type === 'link' && isSafeUrl(node.url)) break;
        if (node.type === 'linkReference' && node.referenceType !== 'full' && isFootnoteLabel(node.label)) {
          findings.add('footnote');
          edits.push(...footnoteEscapes(text, at.start, at.end));
          descend = false;
          break;
        }
        findings.add(node.type === 'link' ? 'unsafe-url' : 'definition');
        const first = node.children[0] && offsets(node.children[0]);
        const lastChild = node.children[node.children.length - 1];
        const last = lastChild && offsets(lastChild);
        if (first && last) {
          edits.push({ start: at.start, end: first.start, insert: '' }, { start: last.end, end: at.end, insert: '' });
        } else {
          edits.push({ start: at.start, end: at.end, insert: '' });
          descend = false;
        }
        break;
      }
      case 'image':
      case 'imageReference':
        if (node.type === 'image' && isSafeUrl(node.url)) break;
        findings.add(node.type === 'image' ? 'unsafe-url' : 'definition');
        edits.push({ start: at.start, end: at.end, insert: escapeAllPunctuation(node.alt ?? '') });
        break;
      case 'code': {
        // An unclosed fence runs to the end of its container; at the top level, over everything after the note.
        const close = missingClosingFence(text, node, at);
        if (close !== null) {
          findings.add('unclosed-fence');
          // After the last content line: a block that ends after blank lines ends at the start of a line.
          let end = at.end;
          while (end > at.start && text.charAt(end - 1) === '\n') end--;
          edits.push({ start: end, end, insert: `\n${containerPrefix(text, at.start)}${close}` });
        }
        break;
      }
      default:
        break;
    }
    if (descend && 'children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return edits;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function bareUrlEdits(text: string, root: Root, findings: Set<Finding>): TextEdit[] {
  const edits = bareUrlBoundaryEdits(text, root);
  if (edits.length > 0) findings.add('bare-url');
  return edits;
}

function isFootnoteLabel(label: string | null | undefined): boolean {
  return label?.startsWith('^') === true;
}

function isMarksOnly(line: string): boolean {
  let marks = 0;
  for (const char of line) {
    if (char === '-' || char === '*' || char === '_') marks++;
    else if (char !== ' ' && char !== '\t') return false;
  }
  return marks > 0;
}

/** Where the `===` or `---` underline of a setext heading starts. */
function setextUnderlineStart(text: string, at: { start: number; end: number }): number {
  let i = at.end;
  while (i > at.start && (text.charAt(i - 1) === ' ' || text.charAt(i - 1) === '\t')) i--;
  const char = text.charAt(i - 1);
  while (i > at.start && text.charAt(i - 1) === char) i--;
  return i;
}

/** For a fenced code block that runs to the end of the note: the fence that closes it; else null. */
function missingClosingFence(text: string, node: Code, at: { start: number; end: number }): string | null {
  const open = skipIndent(text, at.start);
  const char = text.charAt(open);
  if (char !== '`' && char !== '~') return null;
  let length = 0;
  while (text.charAt(open + length) === char) length++;
  if (length < 3) return null;
  return isClosedFence(text, node, { char, length }) ? null : char.repeat(length);
}

/**
 * Whether micromark found the fence's closing line: the node then spans its opening line, its content and
 * that line. An unclosed one spans only its content (and may end at the start of a line, after blank lines);
 * a line that only looks like a fence (indented four spaces past its container) is content. An empty value
 * is no content line or one blank one: over two lines, the last one tells which.
 */
function isClosedFence(text: string, node: Code, fence: Readonly<{ char: string; length: number }>): boolean {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end || end.column === 1) return false;
  const spanned = end.line - start.line + 1;
  if (node.value !== '') return spanned === node.value.split('\n').length + 2;
  if (spanned !== 2) return spanned === 3;
  const endOffset = end.offset ?? 0;
  const lastLine = text.slice(text.lastIndexOf('\n', endOffset - 1) + 1, endOffset);
  let i = 0;
  while (i < lastLine.length && ' \t>'.includes(lastLine.charAt(i))) i++;
  let marks = 0;
  while (lastLine.charAt(i + marks) === fence.char) marks++;
  return marks >= fence.length && lastLine.slice(i + marks).trim() === '';
}

/** What a line must start with to be inside the same containers as `offset`: `>` kept, list markers as spaces. */
function containerPrefix(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let prefix = '';
  for (let i = lineStart; i < skipIndent(text, offset); i++) prefix += text.charAt(i) === '>' ? '>' : ' ';
  return prefix;
}

/**
 * Edits of the text runs outside code and links: mentions, and with `unsafeAutolinks` the bare `ftp://` and
 * `xmpp:` links GitHub would make, become code spans (and literal backticks are escaped so those spans cannot
 * pair with them); past MAX_EMPHASIS_DELIMITERS, `*` and `_` are escaped; with `escapeBrackets` (the tree
 * was parsed without links), `[` and `]` are.
 */
function inlineEdits(
  text: string,
  root: Root,
  options: Readonly<{ keepMentions: boolean; unsafeAutolinks: boolean; escapeBrackets: boolean }>,
  findings: Set<Finding>,
): TextEdit[] {
  const runs = textRuns(text, root);
  const edits: TextEdit[] = brokenLinkEdits(text, runs);
  const escapeEmphasis = countEmphasisDelimiters(text) > MAX_EMPHASIS_DELIMITERS;
  const { escapeBrackets } = options;
  const found: MentionMatch[] = [];
  for (const run of runs) {
    if (!options.keepMentions) found.push(...findMentions(text, run.start, run.end, run.openBrackets));
    if (options.unsafeAutolinks) {
      const links = findUnsafeAutolinks(text, run.start, run.end, run.openBrackets);
      if (links.length > 0) findings.add('unsafe-url');
      found.push(...links);
    }
  }
  const spans = withoutOverlaps(found);
  for (const span of spans) edits.push({ start: span.start, end: span.end, insert: codeSpanOf(text, span) });
  if (spans.length === 0 && !escapeEmphasis && !escapeBrackets) return edits;
  let next = 0;
  for (const run of runs) {
    for (let i = run.start; i < run.end; i++) {
      while ((spans[next]?.end ?? Number.POSITIVE_INFINITY) <= i) next++;
      const inSpan = (spans[next]?.start ?? Number.POSITIVE_INFINITY) <= i;
      const char = text.charAt(i);
      let finding: Finding | null = null;
      if (escapeEmphasis && (char === '*' || char === '_')) finding = 'emphasis';
      else if (escapeBrackets && (char === '[' || char === ']')) finding = 'brackets';
      const needsEscape = finding !== null || (char === '`' && spans.length > 0);
      if (needsEscape && !inSpan && !isEscaped(text, i, run.start)) {
        edits.push({ start: i, end: i, insert: '\\' });
        if (finding) findings.add(finding);
      }
    }
  }
  return edits;
}

interface TextRun {
  start: number;
  end: number;
  openBrackets: number;
}

/** The spans in order of position, each one that overlaps an earlier one left out (for the next pass). */
function withoutOverlaps(spans: MentionMatch[]): MentionMatch[] {
  const sorted = spans.sort((a, b) => a.start - b.start);
  const kept: MentionMatch[] = [];
  for (const span of sorted) if (span.start >= (kept[kept.length - 1]?.end ?? 0)) kept.push(span);
  return kept;
}

/**
 * A mention as a code span. Next to a backtick (a code span's own), a space keeps the two runs of backticks
 * apart: merged, they would close neither span.
 */
function codeSpanOf(text: string, mention: Readonly<{ start: number; end: number; text: string }>): string {
  const before = text.charAt(mention.start - 1) === '`' ? ' ' : '';
  const after = text.charAt(mention.end) === '`' ? ' ' : '';
  return `${before}\`${mention.text}\`${after}`;
}

/**
 * `](` in text is a link that did not parse (`[x](*`, `[x](https://a.example`): text a template writes after
 * the note (` ([#1](…))`) could complete it and swallow the PR link. Escaping the `(` ends that.
 */
function brokenLinkEdits(text: string, runs: readonly { start: number; end: number }[]): TextEdit[] {
  const edits: TextEdit[] = [];
  if (!text.includes('](')) return edits;
  let next = 0;
  for (let i = text.indexOf(']('); i >= 0; i = text.indexOf('](', i + 1)) {
    while (next < runs.length && (runs[next]?.end ?? 0) <= i + 1) next++;
    const run = runs[next];
    if (run && run.start <= i && !isEscaped(text, i, run.start)) edits.push({ start: i + 1, end: i + 1, insert: '\\' });
  }
  return edits;
}

/**
 * Source ranges of the text nodes outside links (where GitHub would link a mention), in order, each with
 * how many brackets its paragraph or heading left open before it (GitHub links no bare URL inside one).
 */
function textRuns(text: string, root: Root): TextRun[] {
  const runs: TextRun[] = [];
  let open = 0;
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') open = 0;
    if (node.type === 'text') {
      const at = offsets(node as Text);
      if (at) {
        runs.push({ ...at, openBrackets: open });
        for (let i = at.start; i < at.end; i++) open = afterBracket(text, i, at.start, open);
      }
    } else if (node.type !== 'link' && node.type !== 'linkReference' && 'children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return runs;
}
