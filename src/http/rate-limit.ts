/** Fixed-window counters in memory: per process (on Workers, per isolate). */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; answers how many seconds to wait when the key is over its limit. */
  hit(key: string): { ok: true } | { ok: false; retryAfter: number } {
    const now = this.now();
    let w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.#windows.size >= 50_000) this.#sweep(now);
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.limit) return { ok: true };
    return { ok: false, retryAfter: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
  }

  /** Hits so far in the key's current window. */
  count(key: string): number {
    const w = this.#windows.get(key);
    return w && this.now() - w.start < this.windowMs ? w.count : 0;
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(key);
  }
}
