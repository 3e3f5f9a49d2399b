const TITLE_PREFIX = 'automated cherry pick of #';
const BRANCH_PREFIX = 'cherry-pick-';
const BRANCH_INFIX = '-to-';

/**
 * The number of the PR a cherry-pick was picked from, read from a Kubernetes-style title
 * (`Automated cherry pick of #123: …`, the first number when several were picked) or from the
 * head branch of the cherry-pick robot (`cherry-pick-123-to-release-1.29`); null otherwise.
 */
export function cherryPickOrigin(title: string, headRef?: string | null): number | null {
  if (title.slice(0, TITLE_PREFIX.length).toLowerCase() === TITLE_PREFIX) {
    const found = leadingNumber(title, TITLE_PREFIX.length);
    if (found !== null) return found.number;
  }
  if (headRef) {
    // The robot's head label may carry an owner: `k8s-infra-cherrypick-robot:cherry-pick-123-to-…`.
    const branch = headRef.slice(headRef.indexOf(':') + 1);
    if (branch.startsWith(BRANCH_PREFIX)) {
      const found = leadingNumber(branch, BRANCH_PREFIX.length);
      if (found !== null && branch.startsWith(BRANCH_INFIX, found.end)) return found.number;
    }
  }
  return null;
}

function leadingNumber(text: string, start: number): { number: number; end: number } | null {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  // More than 15 digits is no PR number (and no longer a safe integer).
  const number = end - start > 15 ? 0 : Number(text.slice(start, end));
  return number > 0 ? { number, end } : null;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
