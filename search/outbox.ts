import type { SearchProvider } from "./provider.ts";

export interface Drainable {
  drain(): Promise<number>;
}

export interface OutboxWorkerOptions {
  /** How often to look for changes written by other processes (seed, import). */
  pollMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  onError?: (error: unknown, attempt: number) => void;
}

/**
 * Drains the outbox to the external engine in order, one drain at a time: right after a
 * write (`kick`), on a slow poll, and after a failure with exponential backoff. While the
 * engine is down the provider answers from SQLite and the outbox keeps every change.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly engine: Drainable,
    private readonly provider: SearchProvider,
    private readonly options: OutboxWorkerOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a drain as soon as possible (after a write), unless one is waiting out a failure. */
  kick(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Drains now and waits; for tests and the reindex command. */
  async flush(): Promise<void> {
    await this.running;
    await this.run();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
    this.timer.unref?.();
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      let next = this.options.pollMs ?? 1_000;
      try {
        do {
          this.again = false;
          await this.engine.drain();
        } while (this.again);
        this.provider.markUp();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.provider.markDown();
        this.options.onError?.(error, this.failures);
        const base = this.options.backoffMs ?? 200;
        next = Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** (this.failures - 1));
      } finally {
        this.running = undefined;
        this.schedule(next);
      }
    })();
    return this.running;
  }
}
