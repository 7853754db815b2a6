/**
 * Where rate-limit counters live: in the memory of one process (Node), or in the register's
 * database, shared by every isolate that serves it (Workers; see `db/rate-limits.ts`). A
 * window starts at a key's first hit and lasts `windowMs`.
 */
export interface RateLimitStore {
  /** Counts one hit on `key` at `now`; answers the hits in the key's current window and when it started. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; start: number }>;
}

/** Fixed-window counters in memory: per process (on Workers, per isolate, which is not enough there). */
export function memoryRateLimits(): RateLimitStore {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (now: number) => {
    // Windows are at most 15 minutes; anything older has ended.
    for (const [key, w] of windows) if (now - w.start >= 15 * 60_000) windows.delete(key);
  };
  return {
    async hit(key, windowMs, now) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (windows.size >= 50_000) sweep(now);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return { count: w.count, start: w.start };
    },
  };
}

export type Hit = { ok: true; count: number } | { ok: false; count: number; retryAfter: number };

/** A limit of `limit` hits per window per key, counted in `store` under its own name. */
export class RateLimiter {
  constructor(
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly store: RateLimitStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; answers the hits so far and, when the key is over its limit, how many seconds to wait. */
  async hit(key: string): Promise<Hit> {
    const now = this.now();
    const w = await this.store.hit(`${this.name}:${key}`, this.windowMs, now);
    if (w.count <= this.limit) return { ok: true, count: w.count };
    return { ok: false, count: w.count, retryAfter: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
  }
}
