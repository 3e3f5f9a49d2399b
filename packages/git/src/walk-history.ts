import type { RangeCommit } from './read-range.js';

/** How a commit was reached, which decides what its message means. */
export interface LineContext {
  /** The PRs whose branch this commit is on (innermost last): a commit naming one of them is its own work. */
  ownNumbers: readonly number[];
  /** The innermost PR whose merge brought this commit in; undefined on `to`'s line and plain merges' sides. */
  broughtInBy: number | undefined;
}

export interface WalkedCommit {
  commit: RangeCommit;
  context: LineContext;
}

interface Node extends WalkedCommit {
  sides: Node[][];
}

/** One first-parent line being walked: collected when it is reached, its commits taken oldest first. */
interface Frame {
  tip: string | undefined;
  context: LineContext;
  line: string[] | null;
  next: number;
  /** The line's commits, oldest first until the frame ends, then newest first. */
  out: Node[];
}

const TOP: LineContext = { ownNumbers: [], broughtInBy: undefined };

/** A merge's sides belong to the PR it merges, if it names one; a plain merge's sides to its own line. */
function sideContext(commit: RangeCommit, context: LineContext): LineContext {
  if (commit.pr === null) return context;
  return { ownNumbers: [...context.ownNumbers, commit.pr.number], broughtInBy: commit.pr.number };
}

/**
 * Every commit of the range, each once, in the order the notes list them: `to`'s first-parent line newest
 * first, and after each merge the line(s) of what only it brought in (its other parents' first-parent
 * lines, minus what the merge's first parent already had), nested the same way.
 *
 * A line's commits are taken oldest first, so when a merge is reached, everything its first parent has
 * is already taken and its sides hold exactly what it added: one pass over the range, no git per merge.
 */
export function walkHistory(commits: ReadonlyMap<string, RangeCommit>, toHash: string): WalkedCommit[] {
  const taken = new Set<string>();
  const collect = (tip: string | undefined): string[] => {
    const line: string[] = [];
    for (let hash = tip; hash !== undefined && !taken.has(hash); ) {
      const commit = commits.get(hash);
      // Outside the range: `from` has it.
      if (commit === undefined) break;
      line.push(hash);
      hash = commit.parents[0];
    }
    return line;
  };

  const root: Node[] = [];
  const frames: Frame[] = [{ tip: toHash, context: TOP, line: null, next: 0, out: root }];
  for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
    if (frame.line === null) {
      frame.line = collect(frame.tip);
      frame.next = frame.line.length - 1;
    }
    const hash = frame.next >= 0 ? frame.line[frame.next--] : undefined;
    const commit = hash === undefined ? undefined : commits.get(hash);
    if (hash === undefined || commit === undefined) {
      frames.pop();
      frame.out.reverse();
      continue;
    }
    taken.add(hash);
    const node: Node = { commit, context: frame.context, sides: [] };
    frame.out.push(node);
    const context = sideContext(commit, frame.context);
    const sides: Frame[] = commit.parents.slice(1).map((parent) => {
      const out: Node[] = [];
      node.sides.push(out);
      return { tip: parent, context, line: null, next: 0, out };
    });
    // The first side is walked first: a later side holds only what the earlier ones did not bring.
    frames.push(...sides.reverse());
  }

  const ordered: WalkedCommit[] = [];
  const lists: { list: Node[]; index: number }[] = [{ list: root, index: 0 }];
  for (let top = lists.at(-1); top !== undefined; top = lists.at(-1)) {
    const node = top.list[top.index++];
    if (node === undefined) {
      lists.pop();
      continue;
    }
    ordered.push({ commit: node.commit, context: node.context });
    for (const side of [...node.sides].reverse()) lists.push({ list: side, index: 0 });
  }
  return ordered;
}
