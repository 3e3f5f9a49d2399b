import type { Code, Html, Paragraph, Root } from 'mdast';
import type { Diagnostic, DocLink, Extraction, NoteStatus, Position, Severity } from '../model.js';
import { stripActionRequired } from './action-required.js';
import { parseDocsBlock } from './docs-links.js';
import { matchNoneMarker } from './none-marker.js';
import { canNormalizeStructure, normalizeNoteMarkdown } from './normalize-note.js';
import { parseBodyBlocks } from './parse-markdown.js';
import { MAX_BODY_LENGTH, prepareBody, type RemovedControl } from './prepare-body.js';
import { stripHtmlComments, stripTemplateComments } from './strip-template-comments.js';

export interface ExtractOptions {
  /** The PR number to put on diagnostics. */
  pr?: number;
}

const NOTE_LANGS = new Set(['release-note', 'release-notes']);

function isNoteFence(node: Code): boolean {
  return NOTE_LANGS.has((node.lang ?? '').trim().toLowerCase());
}

function isDocsFence(node: Code): boolean {
  return (node.lang ?? '').trim().toLowerCase() === 'docs';
}

interface Block {
  node: Code;
  /** First and last body line the block covers. */
  startLine: number;
  endLine: number;
  content: string;
  unclosed: boolean;
}

interface Candidate {
  block: Block;
  status: Exclude<NoteStatus, 'missing'>;
  text: string | null;
  noneMarker: string | null;
  actionRequired: boolean;
}

function startOf(node: Code | Html): Position {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

interface Fence {
  char: string;
  length: number;
}

function openingFence(text: string, open: number): Fence {
  let i = open;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const char = text.charAt(i);
  let length = 0;
  while (text[i + length] === char) length++;
  return { char, length };
}

/** Whether a fenced code node ends with its own closing fence (micromark runs an unclosed one to the end). */
function isClosed(node: Code, text: string, fence: Fence): boolean {
  const open = node.position?.start.offset ?? 0;
  let j = node.position?.end.offset ?? 0;
  while (j > open && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
  let closeLength = 0;
  while (j > open && text[j - 1] === fence.char) {
    j--;
    closeLength++;
  }
  while (j > open && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
  return j > open && text[j - 1] === '\n' && closeLength >= fence.length;
}

function isFenceLine(line: string, fence: Fence | null): boolean {
  if (fence) return line.startsWith(fence.char.repeat(fence.length));
  return line.startsWith('```') || line.startsWith('~~~');
}

/**
 * Where a note whose fence was not closed stops: before the PR template's next heading, HTML comment or
 * fence. `fence` narrows the fences to ones like the block's own that carry a tag (```docs): in a closed
 * block such a line means its real closing fence was forgotten and a later block's closed it.
 */
function cutAtTemplate(value: string, fence: Fence | null): { content: string; lines: number } | null {
  const lines = value.split('\n');
  if (fence && !lines.some((line) => isTaggedFence(line.trimStart(), fence))) return null;
  let seenText = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trimStart();
    const heading = line.startsWith('#') && /^#{1,6}(\s|$)/.test(line);
    const boundary = fence ? isTaggedFence(line, fence) : isFenceLine(line, null);
    if (boundary || heading || (seenText && !fence && line.startsWith('<!--'))) {
      return { content: lines.slice(0, i).join('\n'), lines: i };
    }
    if (line !== '') seenText = true;
  }
  return null;
}

function isTaggedFence(line: string, fence: Fence): boolean {
  return isFenceLine(line, fence) && /[^`~\s]/.test(line);
}

function toBlock(node: Code, text: string): Block {
  const startLine = node.position?.start.line ?? 1;
  const endLine = node.position?.end.line ?? startLine;
  const fence = openingFence(text, node.position?.start.offset ?? 0);
  const closed = isClosed(node, text, fence);
  const cut = cutAtTemplate(node.value, closed ? fence : null);
  if (!cut) return { node, startLine, endLine, content: node.value, unclosed: !closed };
  return { node, startLine, endLine: startLine + cut.lines, content: cut.content, unclosed: true };
}

function classify(block: Block): Candidate {
  const content = stripTemplateComments(block.content).trim();
  const base = { block, text: null, noneMarker: null, actionRequired: false };
  if (content === '') return { ...base, status: 'empty' };
  const action = stripActionRequired(content);
  // `ACTION REQUIRED: NONE` still says there is no note.
  const none = matchNoneMarker(content) ?? matchNoneMarker(action.text.trim());
  if (none) return { ...base, status: 'none', noneMarker: none.marker };
  const text = normalizeNoteMarkdown(action.text);
  if (text === '') return { ...base, status: 'empty', actionRequired: action.actionRequired };
  return { ...base, status: 'note', text, actionRequired: action.actionRequired };
}

const RANK: Record<Candidate['status'], number> = { note: 2, none: 1, empty: 0 };

/** The first block with a real note; else the first NONE; else the first (empty) block. */
function choose(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) if (!best || RANK[candidate.status] > RANK[best.status]) best = candidate;
  return best;
}

/**
 * ```release-note NONE``` written on one line is not a fence in CommonMark (an info string cannot hold
 * a backtick) but a paragraph; krel reads it as NONE, so it is read as a one-line block.
 */
function oneLineBlock(node: Paragraph): Code | null {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type !== 'text' || only.value.length > 500 || only.value.includes('\n')) return null;
  const value = only.value.trim();
  let ticks = 0;
  while (value[ticks] === '`') ticks++;
  if (ticks < 3 || !value.endsWith('`'.repeat(ticks)) || value.length < 2 * ticks) return null;
  const inner = value.slice(ticks, value.length - ticks).trim();
  const space = inner.search(/\s/);
  const lang = space < 0 ? inner : inner.slice(0, space);
  if (!NOTE_LANGS.has(lang.toLowerCase())) return null;
  const code: Code = { type: 'code', lang, meta: null, value: space < 0 ? '' : inner.slice(space + 1) };
  if (node.position) code.position = node.position;
  return code;
}

interface Found {
  notes: Code[];
  docs: Code[];
  comments: Html[];
  /** Notes written as ```release-note text``` on one line. */
  oneLine: Set<Code>;
}

function collect(root: Root): Found {
  const found: Found = { notes: [], docs: [], comments: [], oneLine: new Set() };
  for (const node of root.children) {
    if (node.type === 'code' && isNoteFence(node)) found.notes.push(node);
    else if (node.type === 'code' && isDocsFence(node)) found.docs.push(node);
    else if (node.type === 'html' && node.value.startsWith('<!--')) found.comments.push(node);
    else if (node.type === 'paragraph') {
      const code = oneLineBlock(node);
      if (code) {
        found.notes.push(code);
        found.oneLine.add(code);
      }
    }
  }
  return found;
}

/** Release-note fences inside an HTML comment: hidden on GitHub, so template text, never a note. */
function findCommentedBlocks(comments: readonly Html[]): Html[] {
  return comments.filter((comment) => {
    const inner = comment.value.slice(4, comment.value.endsWith('-->') ? -3 : undefined);
    return collect(parseBodyBlocks(inner)).notes.some((node) => node.value.trim() !== '');
  });
}

const REMOVED_NAMES: Readonly<Record<RemovedControl['kind'], [string, string]>> = {
  bidi: ['bidi-control', 'bidirectional text control character'],
  control: ['control-character', 'control character'],
  'ansi-escape': ['ansi-escape', 'ANSI escape sequence'],
};

function describe(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Extracts the release note of a PR body: the content of its first fenced code block whose info string
 * is `release-note` or `release-notes` (any case, ``` or ~~~ fences, CRLF or LF), parsed with remark,
 * plus the links of its ```docs blocks. Never throws: every problem found is a diagnostic.
 *
 * - `note`: the block holds a note, normalised Markdown with any `ACTION REQUIRED:` marker removed
 *   (and `actionRequired` set);
 * - `none`: it says NONE, N/A, "None.", `no`, … (`noneMarker` is the text as written);
 * - `empty`: the block is blank; `missing`: there is no such block (outside HTML comments).
 *
 * Where it differs from krel and prow on purpose: no other fence (```go, a bare ```) and no template prose
 * is ever taken as a note; a block inside an HTML comment is template text; the tag is case-insensitive;
 * with several blocks, a real note is never erased by a later empty or NONE block; an unclosed fence
 * stops before the template's next heading, comment or fence instead of swallowing the rest; only the
 * first 65,536 characters (GitHub's limit) are read.
 */
export function extractNote(body: string, options: Readonly<ExtractOptions> = {}): Extraction {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, ruleId: string, message: string, position?: Position): void => {
    const diagnostic: Diagnostic = { severity, ruleId, message };
    if (options.pr !== undefined) diagnostic.pr = options.pr;
    if (position) diagnostic.position = position;
    diagnostics.push(diagnostic);
  };

  const prepared = prepareBody(body);
  if (prepared.truncated) {
    report(
      'warning',
      'body-too-long',
      `The PR body has ${prepared.originalLength} characters; only the first ${MAX_BODY_LENGTH} (GitHub's limit for a PR body) were read.`,
    );
  }
  const { text } = prepared;
  const found = collect(parseBodyBlocks(text));
  const blocks = found.notes.map((node): Block => {
    if (!found.oneLine.has(node)) return toBlock(node, text);
    const line = node.position?.start.line ?? 1;
    return { node, startLine: line, endLine: line, content: node.value, unclosed: false };
  });
  const candidates = blocks.map(classify);
  const chosen = choose(candidates);

  const docBlocks: Block[] = found.docs.map((node) => toBlock(node, text));
  if (chosen?.block.unclosed) {
    // The unclosed fence swallowed the rest of the body as code: read its docs blocks again.
    const restStart = chosen.block.endLine;
    const rest = text.split('\n').slice(restStart).join('\n');
    // Skip a second parse when the rest cannot hold a docs block.
    const docsInRest = rest.toLowerCase().includes('docs') ? collect(parseBodyBlocks(rest)).docs : [];
    for (const node of docsInRest) {
      const block = toBlock(node, rest);
      docBlocks.push({ ...block, startLine: block.startLine + restStart, endLine: block.endLine + restStart });
    }
  }

  for (const block of blocks) {
    if (block.unclosed) {
      report(
        'warning',
        'unclosed-fence',
        `The release-note block opened at line ${block.startLine} has no closing fence of its own; expected a line with ${'```'} right after the note. The note was read up to line ${block.endLine}.`,
        startOf(block.node),
      );
    }
  }

  if (chosen && candidates.length > 1) {
    for (const candidate of candidates) {
      if (candidate === chosen) continue;
      report(
        'warning',
        'multiple-blocks',
        `Found ${candidates.length} release-note blocks; the ${candidate.status} one at line ${candidate.block.startLine} was ignored in favour of the ${chosen.status} one at line ${chosen.block.startLine}. Expected a single ${'```'}release-note block.`,
        startOf(candidate.block.node),
      );
    }
  }

  if (!chosen) {
    const commented = findCommentedBlocks(found.comments);
    const first = commented[0];
    if (first) {
      report(
        'warning',
        'commented-out-block',
        `The release-note block at line ${startOf(first).line} is inside an HTML comment (<!-- … -->), so it is hidden on GitHub and is treated as PR template text; expected the block outside the comment.`,
        startOf(first),
      );
    } else {
      report(
        'warning',
        'missing-block',
        `No release-note block found; expected a ${'```'}release-note fenced block with the note, or NONE.`,
      );
    }
  } else if (chosen.status === 'empty') {
    report(
      'warning',
      'empty-block',
      `The release-note block at line ${chosen.block.startLine} is empty; expected a note, or NONE if the change is not user-facing.`,
      startOf(chosen.block.node),
    );
  } else if (chosen.status === 'note' && chosen.text && !canNormalizeStructure(chosen.text)) {
    report(
      'info',
      'note-not-normalised',
      `The note at line ${chosen.block.startLine} is too long or too deeply nested to normalise its lists; it is kept as written.`,
      startOf(chosen.block.node),
    );
  }

  const docs: DocLink[] = [];
  const seen = new Set<string>();
  for (const block of docBlocks) {
    for (const link of parseDocsBlock(stripHtmlComments(block.content))) {
      if (seen.has(link.url)) continue;
      seen.add(link.url);
      docs.push(link);
    }
  }

  const inRange = (removed: RemovedControl): boolean => {
    const ranges = [...(chosen ? [chosen.block] : []), ...docBlocks];
    return ranges.some((block) => removed.position.line >= block.startLine && removed.position.line <= block.endLine);
  };
  const relevant = prepared.removed.filter(inRange);
  for (const kind of ['bidi', 'control', 'ansi-escape'] as const) {
    const hits = relevant.filter((removed) => removed.kind === kind);
    const first = hits[0];
    if (!first) continue;
    const [ruleId, what] = REMOVED_NAMES[kind];
    report(
      'warning',
      ruleId,
      `Removed ${hits.length} ${what}${hits.length === 1 ? '' : 's'} (first: ${describe(first.codePoint)}) from the release note; expected plain text.`,
      first.position,
    );
  }

  return {
    status: chosen?.status ?? 'missing',
    text: chosen?.status === 'note' ? chosen.text : null,
    noneMarker: chosen?.status === 'none' ? chosen.noneMarker : null,
    actionRequired: chosen?.status === 'note' ? chosen.actionRequired : false,
    docs,
    diagnostics,
  };
}
