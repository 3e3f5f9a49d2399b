export type RateResource = 'core' | 'graphql';

export interface RateSnapshot {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds. */
  reset: number;
  resource: RateResource;
}

const WINDOW_SECONDS = 3600;

/** GitHub's hourly budgets, one per resource, refilled when the window ends. */
export class RateLimiter {
  private used: Record<RateResource, number> = { core: 0, graphql: 0 };
  private resetAt: Record<RateResource, number>;

  constructor(
    private readonly limits: Record<RateResource, number>,
    private readonly now: () => number = Date.now,
  ) {
    const reset = this.windowEnd();
    this.resetAt = { core: reset, graphql: reset };
  }

  private windowEnd(): number {
    return Math.floor(this.now() / 1000) + WINDOW_SECONDS;
  }

  private roll(resource: RateResource): void {
    if (Math.floor(this.now() / 1000) >= this.resetAt[resource]) {
      this.used[resource] = 0;
      this.resetAt[resource] = this.windowEnd();
    }
  }

  snapshot(resource: RateResource): RateSnapshot {
    this.roll(resource);
    const limit = this.limits[resource];
    const used = Math.min(this.used[resource], limit);
    return { limit, used, remaining: limit - used, reset: this.resetAt[resource], resource };
  }

  exhausted(resource: RateResource): boolean {
    return this.snapshot(resource).remaining <= 0;
  }

  consume(resource: RateResource, cost = 1): RateSnapshot {
    this.roll(resource);
    this.used[resource] += cost;
    return this.snapshot(resource);
  }

  reset(): void {
    const reset = this.windowEnd();
    this.used = { core: 0, graphql: 0 };
    this.resetAt = { core: reset, graphql: reset };
  }
}

export function rateLimitHeaders(snapshot: RateSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(snapshot.limit),
    'x-ratelimit-remaining': String(snapshot.remaining),
    'x-ratelimit-reset': String(snapshot.reset),
    'x-ratelimit-used': String(snapshot.used),
    'x-ratelimit-resource': snapshot.resource,
  };
}
