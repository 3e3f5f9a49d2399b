import { createHash } from 'node:crypto';
import { RelnotesError } from '@relnotes/core';

export interface InsertReleaseOptions {
  /** The release the section belongs to, e.g. `v0.5.0`: it names the section's markers. */
  release: string;
  /** The file's name, for error messages. */
  file: string;
}

export interface InsertedRelease {
  text: string;
  /** `created`: no file before; `inserted`: a new section; `replaced`: the same release's section, re-rendered. */
  action: 'created' | 'inserted' | 'replaced';
}

export const REGION_START = '<!-- relnotes:start -->';
export const REGION_END = '<!-- relnotes:end -->';
const RELEASE_START = '<!-- relnotes:release ';
const RELEASE_END = '<!-- relnotes:release-end ';

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's end of line (or the end of the text). */
  end: number;
  /** The line without its end of line. */
  text: string;
  /** 1-based. */
  number: number;
}

/**
 * Places one release's notes in an existing changelog and returns the new file content. The section is
 * wrapped in `<!-- relnotes:release V sha256:… -->` … `<!-- relnotes:release-end V -->`. On a re-run the
 * same release's section is replaced in place; else the section goes first between
 * `<!-- relnotes:start -->` / `<!-- relnotes:end -->` if the file has them; else, in a file that starts
 * with a title, after the title and its intro, before the first release (a heading at the level of the
 * notes' own first heading or above, or one naming a version, past any "Unreleased" one, or a section
 * relnotes wrote), at the end
 * if there is none; else at the top. Every byte outside the section is kept (CRLF files get CRLF
 * sections). A section
 * edited by hand since relnotes wrote it (its hash no longer matches) is never replaced: that throws.
 */
export function insertRelease(
  existing: string | null,
  notes: string,
  options: Readonly<InsertReleaseOptions>,
): InsertedRelease {
  const { release, file } = options;
  checkRelease(release, file);
  if (existing === null || existing === '') return { text: wrapSection(notes, release, '\n'), action: 'created' };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const section = wrapSection(notes, release, eol);
  const lines = splitLines(existing);

  const found = findReleaseSection(lines, release, file);
  if (found) {
    checkNotEditedByHand(existing, found, release, file);
    const after = existing.slice(found.endLine.end);
    // The section's own end of line is written again only if the file went on after it.
    const trimmed = found.endLine.end === found.endLine.start + found.endLine.text.length ? stripEol(section) : section;
    return { text: existing.slice(0, found.startLine.start) + trimmed + after, action: 'replaced' };
  }

  const region = findRegion(lines, file);
  if (region) {
    const at = region.end;
    const rest = existing.slice(at);
    const lead = at === region.start + region.text.length ? eol : '';
    const gap = rest.startsWith(REGION_END) || startsWithBlankLine(rest) ? '' : eol;
    return { text: existing.slice(0, at) + lead + section + gap + rest, action: 'inserted' };
  }

  const bom = existing.startsWith('\uFEFF') ? 1 : 0;
  const level = headingLevelOf(notes);
  const marks = scanHeadings(lines);
  const first = marks[0];
  const title = first !== undefined && first.line === lines[0] && isTitle(first, level) ? first : undefined;
  if (title) {
    const next = firstReleaseAfter(marks, title, level);
    if (next !== undefined) {
      const previous = lines[next.number - 2] as Line;
      const lead = previous.text.trim() === '' ? '' : eol;
      return {
        text: existing.slice(0, next.start) + lead + section + eol + existing.slice(next.start),
        action: 'inserted',
      };
    }
    // No release yet: after the intro, at the end.
    const last = lines[lines.length - 1] as Line;
    const ended = last.end !== last.start + last.text.length;
    const lead = (ended ? '' : eol) + (last.text.trim() === '' && ended ? '' : eol);
    return { text: existing + lead + section, action: 'inserted' };
  }
  const head = existing.slice(0, bom);
  const rest = existing.slice(bom);
  return { text: head + section + (startsWithBlankLine(rest) ? '' : eol) + rest, action: 'inserted' };
}

/** An ATX heading of the file (outside code blocks), or the start marker of a section relnotes wrote. */
interface Mark {
  line: Line;
  /** 1–6 for a heading; 0 for a relnotes section, which is always a release. */
  level: number;
  text: string;
}

function scanHeadings(lines: readonly Line[]): Mark[] {
  const marks: Mark[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const text = line.number === 1 && line.text.startsWith('\uFEFF') ? line.text.slice(1) : line.text;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t](.*))?$/.exec(text);
    if (heading) marks.push({ line, level: (heading[1] as string).length, text: (heading[2] ?? '').trim() });
    else if (parseReleaseMarker(text)?.kind === 'start') marks.push({ line, level: 0, text: '' });
  }
  return marks;
}

/** The level of the rendered notes' first heading: the level releases have in the changelog. */
function headingLevelOf(notes: string): number {
  const first = scanHeadings(splitLines(notes)).find((mark) => mark.level > 0);
  return first?.level ?? 2;
}

/**
 * The file's first heading is its title when it is above the releases' level (`# Changelog` over
 * `## [1.0.0]`), or at that level but naming no version (`# Changelog` over `# v1.0.0`).
 */
function isTitle(mark: Readonly<Mark>, level: number): boolean {
  if (mark.level === 0) return false;
  return mark.level < level || (mark.level === level && !/\d/.test(mark.text));
}

/**
 * The first release below the title: a relnotes section, or a heading at the releases' level or above, or
 * a deeper one that names a version (a changelog written by hand may use `### 0.4.0`).
 */
function firstReleaseAfter(marks: readonly Mark[], title: Readonly<Mark>, level: number): Line | undefined {
  for (const mark of marks) {
    if (mark === title || (mark.level > level && !/\d/.test(mark.text))) continue;
    // Keep a Changelog's "## [Unreleased]" stays above the releases.
    if (/^\[?unreleased\]?$/i.test(mark.text)) continue;
    return mark.line;
  }
  return undefined;
}

/** `<!-- relnotes:release V sha256:H -->`, the notes, `<!-- relnotes:release-end V -->`, in the file's EOL. */
function wrapSection(notes: string, release: string, eol: string): string {
  const body = notes.replace(/\r\n/g, '\n').replace(/(?<!\n)\n+$/, '');
  const lines = [`${RELEASE_START}${release} sha256:${hashOf(body)} -->`, body, `${RELEASE_END}${release} -->`, ''];
  return lines.join('\n').replace(/\n/g, eol);
}

function hashOf(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

function checkRelease(release: string, file: string): void {
  // The version is written inside an HTML comment and read back by a line scan.
  if (release === '' || /\s/.test(release) || release.includes('--') || release.includes('>')) {
    throw new RelnotesError(
      'E_USAGE',
      `--insert needs a release version without spaces, "--" or ">", got "${release}"`,
      {
        file,
        hint: 'Give --release v1.2.3.',
      },
    );
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    let content = text.slice(start, newline === -1 ? text.length : newline);
    if (content.endsWith('\r')) content = content.slice(0, -1);
    lines.push({ start, end, text: content, number: lines.length + 1 });
    start = end;
  }
  return lines;
}

interface ReleaseMarker {
  kind: 'start' | 'end';
  release: string;
  hash: string | null;
}

function parseReleaseMarker(line: string): ReleaseMarker | null {
  const text = line.trim();
  if (!text.endsWith('-->')) return null;
  const kind = text.startsWith(RELEASE_END) ? 'end' : text.startsWith(RELEASE_START) ? 'start' : null;
  if (kind === null) return null;
  const words = text
    .slice((kind === 'end' ? RELEASE_END : RELEASE_START).length, -3)
    .trim()
    .split(/\s+/);
  const release = words[0] ?? '';
  const hashWord = words.find((word) => word.startsWith('sha256:'));
  return { kind, release, hash: hashWord === undefined ? null : hashWord.slice('sha256:'.length) };
}

interface FoundSection {
  startLine: Line;
  endLine: Line;
  hash: string | null;
}

function findReleaseSection(lines: readonly Line[], release: string, file: string): FoundSection | null {
  let found: FoundSection | null = null;
  for (let i = 0; i < lines.length; i++) {
    const marker = parseReleaseMarker((lines[i] as Line).text);
    if (marker?.kind !== 'start' || marker.release !== release) continue;
    const startLine = lines[i] as Line;
    if (found) {
      throw markerError(file, startLine, `a second section for ${release}`, 'Delete one of the two sections.');
    }
    let j = i + 1;
    for (; j < lines.length; j++) {
      const end = parseReleaseMarker((lines[j] as Line).text);
      if (end?.kind === 'end' && end.release === release) break;
      if (end?.kind === 'start') j = lines.length;
    }
    const endLine = lines[j];
    if (endLine === undefined) {
      throw markerError(
        file,
        startLine,
        `the section of ${release} has no end marker "${RELEASE_END}${release} -->"`,
        'Add the end marker after the section, or delete the start marker.',
      );
    }
    found = { startLine, endLine, hash: marker.hash };
    i = j;
  }
  return found;
}

function checkNotEditedByHand(text: string, found: FoundSection, release: string, file: string): void {
  if (found.hash === null) return;
  const body = text
    .slice(found.startLine.end, found.endLine.start)
    .replace(/\r\n/g, '\n')
    .replace(/(?<!\n)\n+$/, '');
  if (hashOf(body) === found.hash) return;
  throw markerError(
    file,
    found.startLine,
    `the section of ${release} was edited by hand since relnotes wrote it; not replacing it`,
    `Move the edits into override files (relnotes maps new PR), or delete "sha256:${found.hash}" from its start marker to let relnotes replace it.`,
  );
}

function findRegion(lines: readonly Line[], file: string): Line | null {
  const start = lines.findIndex((line) => line.text.trim() === REGION_START);
  if (start === -1) return null;
  const startLine = lines[start] as Line;
  const hasEnd = lines.slice(start + 1).some((line) => line.text.trim() === REGION_END);
  if (!hasEnd) {
    throw markerError(file, startLine, `"${REGION_START}" has no "${REGION_END}" after it`, 'Add the end marker.');
  }
  return startLine;
}

function markerError(file: string, line: Readonly<Line>, problem: string, hint: string): RelnotesError {
  return new RelnotesError('E_INPUT', `${file}:${line.number}:1: ${problem}`, {
    file,
    line: line.number,
    column: 1,
    hint,
  });
}

function startsWithBlankLine(text: string): boolean {
  return text.startsWith('\n') || text.startsWith('\r\n');
}

function stripEol(text: string): string {
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}
