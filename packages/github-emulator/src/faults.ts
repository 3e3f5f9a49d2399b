import type { Fault, FaultKind, FaultPlan } from './types.js';

/**
 * Glob match over a request path: `*` matches within one segment, `**` across segments. Iterative
 * two-pointer matching, so the cost stays O(path × pattern) whatever the input.
 */
export function matchGlob(pattern: string, path: string): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  let globP = -1;
  let globS = 0;
  while (s < path.length) {
    const pc = pattern.charAt(p);
    if (pc === '*' && pattern.charAt(p + 1) === '*') {
      p += 2;
      globP = p;
      globS = s;
      starP = -1;
    } else if (pc === '*') {
      p += 1;
      starP = p;
      starS = s;
    } else if (p < pattern.length && pc === path.charAt(s)) {
      p++;
      s++;
    } else if (starP >= 0 && path.charAt(starS) !== '/') {
      starS++;
      s = starS;
      p = starP;
    } else if (globP >= 0) {
      globS++;
      s = globS;
      p = globP;
      starP = -1;
    } else {
      return false;
    }
  }
  while (pattern.charAt(p) === '*') p++;
  return p === pattern.length;
}

function matches(fault: Fault, method: string, path: string, isGraphQL: boolean): boolean {
  if (fault.on === 'graphql') return isGraphQL;
  const space = fault.on.indexOf(' ');
  if (space > 0) {
    return fault.on.slice(0, space).toUpperCase() === method && matchGlob(fault.on.slice(space + 1), path);
  }
  return matchGlob(fault.on, path);
}

export interface FiredFault {
  kind: FaultKind;
  retryAfterSeconds: number;
}

/** Counts matching requests per fault and says which fault, if any, fires for this one. */
export class FaultInjector {
  private seen: number[] = [];

  constructor(private plan: FaultPlan) {
    this.seen = plan.map(() => 0);
  }

  replace(plan: FaultPlan): void {
    this.plan = plan;
    this.seen = plan.map(() => 0);
  }

  reset(): void {
    this.seen = this.plan.map(() => 0);
  }

  next(method: string, path: string, isGraphQL: boolean): FiredFault | null {
    let fired: FiredFault | null = null;
    this.plan.forEach((fault, index) => {
      if (!matches(fault, method, path, isGraphQL)) return;
      const count = (this.seen[index] ?? 0) + 1;
      this.seen[index] = count;
      const first = fault.nth ?? 1;
      const times = fault.times ?? 1;
      if (fired === null && count >= first && count < first + times) {
        fired = { kind: fault.kind, retryAfterSeconds: fault.retryAfterSeconds ?? 1 };
      }
    });
    return fired;
  }
}
