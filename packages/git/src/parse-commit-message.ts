/** How a pull request reached the branch, or what it is. */
export type PrKind = 'merge' | 'squash' | 'revert' | 'cherry-pick';

/** What a commit message says about the pull request that made it. */
export interface ParsedCommitMessage {
  number: number;
  kind: PrKind;
  /** The PR's title as the commit records it. */
  title: string;
  cherryPickOf?: number;
}

const MERGE_PREFIX = 'Merge pull request #';
const CHERRY_PICK_BRANCH = 'automated-cherry-pick-of-#';
const CHERRY_PICK_TITLES = ['automated cherry pick of #', 'cherry pick of #', 'cherry-pick of #'];
const REVERT_PREFIX = 'Revert "';
/** PR numbers longer than this are not PR numbers. */
const MAX_DIGITS = 9;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written at `start` and where it ends, or null; linear, no regex. */
function readNumber(text: string, start: number): { value: number; end: number } | null {
  let end = start;
  while (end < text.length && end - start <= MAX_DIGITS && isDigit(text.charCodeAt(end))) end++;
  const length = end - start;
  if (length === 0 || length > MAX_DIGITS) return null;
  const value = Number(text.slice(start, end));
  return value > 0 ? { value, end } : null;
}

/** The first line of the body that has text in it. */
function firstBodyLine(body: string): string {
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const line = body.slice(start, end).trim();
    if (line !== '') return line;
    start = end + 1;
  }
  return '';
}

/** `Automated cherry pick of #M: …` (or a plain `Cherry pick of #M`): M. */
function cherryPickOfTitle(title: string): number | undefined {
  const lower = title.slice(0, 32).toLowerCase();
  for (const prefix of CHERRY_PICK_TITLES) {
    if (lower.startsWith(prefix)) return readNumber(title, prefix.length)?.value;
  }
  return undefined;
}

/** `owner/automated-cherry-pick-of-#M-upstream-release-1.29`: M. */
function cherryPickOfBranch(branch: string): number | undefined {
  const slash = branch.indexOf('/');
  const name = slash === -1 ? branch : branch.slice(slash + 1);
  return name.startsWith(CHERRY_PICK_BRANCH) ? readNumber(name, CHERRY_PICK_BRANCH.length)?.value : undefined;
}

function describe(
  number: number,
  title: string,
  plainKind: PrKind,
  cherryPickOf: number | undefined,
): ParsedCommitMessage {
  if (title.startsWith(REVERT_PREFIX)) return { number, kind: 'revert', title };
  if (cherryPickOf !== undefined) return { number, kind: 'cherry-pick', title, cherryPickOf };
  return { number, kind: plainKind, title };
}

/** `Merge pull request #N from owner/branch`, with the PR title as the body's first line. */
function parseMergeCommit(subject: string, body: string): ParsedCommitMessage | null {
  if (!subject.startsWith(MERGE_PREFIX)) return null;
  const number = readNumber(subject, MERGE_PREFIX.length);
  if (number === null) return null;
  const rest = subject.slice(number.end);
  if (rest !== '' && !rest.startsWith(' ')) return null;
  const branch = rest.startsWith(' from ') ? rest.slice(' from '.length).trim() : '';
  const title = firstBodyLine(body) || subject;
  return describe(number.value, title, 'merge', cherryPickOfTitle(title) ?? cherryPickOfBranch(branch));
}

/** `Title (#N)`: the number GitHub appends to a squash merge's subject. */
function parseSquashCommit(subject: string): ParsedCommitMessage | null {
  const trimmed = subject.trimEnd();
  if (!trimmed.endsWith(')')) return null;
  const open = trimmed.lastIndexOf('(#');
  if (open === -1) return null;
  const number = readNumber(trimmed, open + 2);
  if (number === null || number.end !== trimmed.length - 1) return null;
  const title = trimmed.slice(0, open).trimEnd();
  return describe(number.value, title || trimmed, 'squash', cherryPickOfTitle(title));
}

/**
 * The pull request a commit message names, or null for a commit that names none (a direct push, a
 * `Merge branch 'main' into release-1.0`, a local `git revert`). Linear in the length of the message.
 */
export function parseCommitMessage(subject: string, body: string): ParsedCommitMessage | null {
  return parseMergeCommit(subject, body) ?? parseSquashCommit(subject);
}

/** For a commit with no PR of its own that reverts one (`Revert "Title (#N)"`): N. */
export function revertedPullRequest(subject: string): number | undefined {
  const trimmed = subject.trimEnd();
  if (!trimmed.startsWith(REVERT_PREFIX) || !trimmed.endsWith('"')) return undefined;
  return parseSquashCommit(trimmed.slice(REVERT_PREFIX.length, -1))?.number;
}
