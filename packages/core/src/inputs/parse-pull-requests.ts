import { RelnotesError } from '../errors.js';
import type { Author, PullRequest } from '../model.js';
import { safeLinkDestination } from '../sanitize/link-destination.js';
import { cherryPickOrigin } from './cherry-pick.js';
import { describeValue, isRecord } from './describe-value.js';
import { parseJsonText } from './json-text.js';

export interface ParsePullRequestsOptions {
  /** The file the JSON came from, for error messages. */
  file?: string;
}

const HINT =
  'Give the output of `gh pr list --json number,title,body,labels,author,mergedAt,url` or of the GitHub REST API `GET /repos/{owner}/{repo}/pulls`.';
const GITHUB = 'https://github.com/';
const GHOST: Author = { login: 'ghost', url: `${GITHUB}ghost` };
// What Go's zero time looks like when a tool prints an unmerged PR's merge date.
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * Reads a list of pull requests a user hands over. Accepts, per item, any of:
 * - the GitHub REST shape (`GET /repos/{o}/{r}/pulls`: `user`, `html_url`, `merged_at`, `merge_commit_sha`, `base.ref`);
 * - `gh pr list --json number,title,body,labels,author,mergedAt,url` (`author.login`, bots as `app/NAME`,
 *   optional `mergeCommit.oid`, `baseRefName`, `headRefName`);
 * - relnotes' own `PullRequest` JSON.
 *
 * The top level is an array of those, `{ "pullRequests": [...] }`, or a single pull request; `json` may
 * also be the raw text, so that a syntax error gets a line and column.
 * Pull requests that are not merged are kept, with `mergedAt: null`: a list given by hand means "these".
 * A `state` field (REST `open`/`closed`, gh `OPEN`/`CLOSED`/`MERGED`) is kept as `state`, so that
 * `buildReleaseNotes` can leave out a PR closed without being merged.
 * Labels may be `{name}` objects or plain strings; a missing `body` or `labels` means none.
 * Cherry-picks are recognised by a Kubernetes-style title or robot branch; the original author is not
 * known from a list, so `cherryPickOf.author` is the cherry-pick's author.
 * Bad input throws `RelnotesError('E_INPUT')` naming the item (0-based index), the PR and the field.
 */
export function parsePullRequests(json: unknown, options: Readonly<ParsePullRequestsOptions> = {}): PullRequest[] {
  const value = typeof json === 'string' ? parseJsonText(json, options.file) : json;
  const items = topLevelItems(value, options.file);
  const seen = new Map<number, number>();
  return items.map((item, index) => {
    const pr = parseItem(item, index, options.file);
    const first = seen.get(pr.number);
    if (first !== undefined) {
      throw inputError(
        `item ${index} (PR #${pr.number}): PR #${pr.number} is listed twice (also item ${first})`,
        options.file,
      );
    }
    seen.set(pr.number, index);
    return pr;
  });
}

function topLevelItems(json: unknown, file: string | undefined): readonly unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json)) {
    if (Array.isArray(json.pullRequests)) return json.pullRequests;
    if ('number' in json) return [json];
  }
  throw inputError(
    `expected an array of pull requests, {"pullRequests": [...]} or one pull request, got ${describeValue(json)}`,
    file,
  );
}

function parseItem(item: unknown, index: number, file: string | undefined): PullRequest {
  if (!isRecord(item))
    throw inputError(`item ${index}: must be a pull request object, got ${describeValue(item)}`, file);
  const where = Number.isSafeInteger(item.number) ? `item ${index} (PR #${String(item.number)})` : `item ${index}`;
  const fail: Fail = (field, expected, value) => {
    throw inputError(`${where}: "${field}" must be ${expected}, got ${describeValue(value)}`, file);
  };

  const number = item.number;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
    fail('number', 'a positive whole number', number);
  }
  const title = item.title;
  if (typeof title !== 'string') fail('title', 'a string', title);
  const body = item.body ?? '';
  if (typeof body !== 'string') fail('body', 'a string or null', body);

  const url = item.html_url ?? item.url;
  const urlField = item.html_url === undefined ? 'url' : 'html_url';
  if (typeof url !== 'string' || safeLinkDestination(url) === '')
    fail(urlField, 'the http(s) URL of the pull request', url);

  const mergedAtField = 'merged_at' in item ? 'merged_at' : 'mergedAt';
  const mergedAt = optionalString(item[mergedAtField], mergedAtField, fail);
  const merged = mergedAt !== null && mergedAt !== '' && mergedAt !== ZERO_TIME ? mergedAt : null;

  const pr: PullRequest = {
    number,
    title,
    body,
    labels: parseLabels(item.labels, fail),
    author: parseAuthor(item, fail),
    url,
    mergedAt: merged,
    mergeCommit: parseMergeCommit(item, merged !== null, fail),
    baseRef: parseBaseRef(item, fail),
  };
  const state = parseState(item.state, merged !== null, fail);
  if (state !== undefined) pr.state = state;
  const cherryPickOf = parseCherryPickOf(item, pr, fail);
  if (cherryPickOf !== undefined) pr.cherryPickOf = cherryPickOf;
  return pr;
}

type Fail = (field: string, expected: string, value: unknown) => never;

function optionalString(value: unknown, field: string, fail: Fail): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return fail(field, 'a string or null', value);
  return value;
}

function parseLabels(value: unknown, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  const expected = 'an array of {name} objects or strings';
  if (!Array.isArray(value)) return fail('labels', expected, value);
  const labels: string[] = [];
  for (const [index, label] of value.entries()) {
    const name = isRecord(label) ? label.name : label;
    if (typeof name !== 'string') return fail(`labels[${index}]`, 'a {name} object or a string', label);
    if (!labels.includes(name)) labels.push(name);
  }
  return labels;
}

function parseAuthor(item: Record<string, unknown>, fail: Fail): Author {
  const field = 'user' in item ? 'user' : 'author';
  const value = item[field];
  if (value === null) return { ...GHOST };
  if (!isRecord(value) || typeof value.login !== 'string' || value.login === '') {
    return fail(field, 'an object with a "login"', value);
  }
  const url = value.html_url ?? value.url;
  if (url !== undefined && (typeof url !== 'string' || safeLinkDestination(url) === ''))
    return fail(`${field}.url`, 'an http(s) URL', url);
  // gh names GitHub Apps `app/NAME`; the REST API calls the same account `NAME[bot]`.
  if (value.login.startsWith('app/') && url === undefined) {
    const app = value.login.slice('app/'.length);
    return { login: `${app}[bot]`, url: `${GITHUB}apps/${app}` };
  }
  return { login: value.login, url: url ?? `${GITHUB}${value.login}` };
}

function parseMergeCommit(item: Record<string, unknown>, merged: boolean, fail: Fail): string | null {
  if ('merge_commit_sha' in item) {
    // For an open PR the REST API gives the sha of a test merge, which is no commit of the branch.
    const sha = optionalString(item.merge_commit_sha, 'merge_commit_sha', fail);
    return merged ? sha : null;
  }
  const value = item.mergeCommit;
  if (isRecord(value)) return optionalString(value.oid, 'mergeCommit.oid', fail);
  return optionalString(value, 'mergeCommit', fail);
}

function parseState(value: unknown, merged: boolean, fail: Fail): PullRequest['state'] {
  if (value === undefined || value === null) return undefined;
  const state = typeof value === 'string' ? value.toLowerCase() : value;
  if (state === 'open') return 'open';
  // REST says `closed` for a merged PR too; only its merge date tells them apart.
  if (state === 'closed' || state === 'merged') return merged || state === 'merged' ? 'merged' : 'closed';
  return fail('state', '"open", "closed" or "merged"', value);
}

function parseBaseRef(item: Record<string, unknown>, fail: Fail): string | null {
  if (isRecord(item.base)) return optionalString(item.base.ref, 'base.ref', fail);
  if ('baseRefName' in item) return optionalString(item.baseRefName, 'baseRefName', fail);
  return optionalString(item.baseRef, 'baseRef', fail);
}

function parseCherryPickOf(
  item: Record<string, unknown>,
  pr: Readonly<PullRequest>,
  fail: Fail,
): PullRequest['cherryPickOf'] | undefined {
  const given = item.cherryPickOf;
  if (given !== undefined && given !== null) {
    if (!isRecord(given) || typeof given.number !== 'number' || !Number.isSafeInteger(given.number)) {
      return fail('cherryPickOf', 'an object {number, author: {login, url}}', given);
    }
    const author = given.author === undefined ? pr.author : parseAuthor({ author: given.author }, fail);
    return { number: given.number, author };
  }
  const head = isRecord(item.head) ? (item.head.label ?? item.head.ref) : item.headRefName;
  const origin = cherryPickOrigin(pr.title, typeof head === 'string' ? head : null);
  return origin === null ? undefined : { number: origin, author: { ...pr.author } };
}

function inputError(message: string, file: string | undefined): RelnotesError {
  return new RelnotesError('E_INPUT', message, { ...(file === undefined ? {} : { file }), hint: HINT });
}
