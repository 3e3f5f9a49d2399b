import type { Author, PullRequest } from '@relnotes/core';

/** The fields every GraphQL query of this package asks for, one pull request. */
export const PULL_REQUEST_FIELDS =
  'number title body url state merged mergedAt updatedAt baseRefName mergeCommit { oid } author { login url } labels(first: 100) { nodes { name } }';

export interface PullRequestNode {
  number: number;
  title: string;
  body: string | null;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  merged: boolean;
  mergedAt: string | null;
  updatedAt: string;
  baseRefName: string | null;
  mergeCommit: { oid: string } | null;
  author: { login: string; url: string } | null;
  labels: { nodes: ({ name: string } | null)[] | null } | null;
}

/** GitHub shows deleted accounts as `ghost`. */
export const GHOST: Author = { login: 'ghost', url: 'https://github.com/ghost' };

export function mapPullRequest(node: Readonly<PullRequestNode>): PullRequest {
  const labels: string[] = [];
  for (const label of node.labels?.nodes ?? []) if (label) labels.push(label.name);
  return {
    number: node.number,
    title: node.title,
    body: node.body ?? '',
    labels,
    author: node.author ? mapAuthor(node.author) : { ...GHOST },
    url: node.url,
    mergedAt: node.mergedAt,
    mergeCommit: node.mergeCommit?.oid ?? null,
    baseRef: node.baseRefName,
  };
}

/** GraphQL names an app `dependabot` where REST (and git-based sources) say `dependabot[bot]`: use the REST form. */
function mapAuthor(author: { login: string; url: string }): Author {
  const isApp = author.url.includes('/apps/') && !author.login.endsWith('[bot]');
  return { login: isApp ? `${author.login}[bot]` : author.login, url: author.url };
}

const CHERRY_PICK_MARKER = 'automated cherry pick of #';

/** `Automated cherry pick of #123: …` (the Kubernetes cherry-pick script) → 123; the first number when several. */
export function parseCherryPickOf(title: string): number | null {
  const start = title.toLowerCase().indexOf(CHERRY_PICK_MARKER);
  if (start < 0) return null;
  let index = start + CHERRY_PICK_MARKER.length;
  let digits = '';
  while (index < title.length && digits.length < 10) {
    const char = title[index] ?? '';
    if (char < '0' || char > '9') break;
    digits += char;
    index += 1;
  }
  const number = Number(digits);
  return digits.length > 0 && number > 0 && Number.isSafeInteger(number) ? number : null;
}
