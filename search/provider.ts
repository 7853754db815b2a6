import type { Referenties, SearchEngine, SearchQuery, SearchResult } from "./engine.ts";

/**
 * Chooses the engine for each search: the configured one (Meilisearch) while it answers, the
 * embedded SQLite engine when it does not, so that an outage never takes search down.
 */
export class SearchProvider {
  private downUntil = 0;

  constructor(
    readonly embedded: SearchEngine,
    readonly external?: SearchEngine,
    private readonly options: { retryAfterMs: number; onFailure?: (error: unknown) => void } = { retryAfterMs: 5_000 },
  ) {}

  /** Marks the external engine as down (e.g. by the outbox drain) until the next retry. */
  markDown(): void {
    this.downUntil = Date.now() + this.options.retryAfterMs;
  }

  markUp(): void {
    this.downUntil = 0;
  }

  get externalUp(): boolean {
    return this.external !== undefined && Date.now() >= this.downUntil;
  }

  /** Care types and municipalities as the embedded engine holds them, when it does (the in-memory engine). */
  async referenties(): Promise<Referenties | undefined> {
    return this.embedded.referenties?.();
  }

  async search(query: SearchQuery): Promise<{ result: SearchResult; engine: SearchEngine["name"] }> {
    if (this.external && this.externalUp) {
      try {
        return { result: await this.external.search(query), engine: this.external.name };
      } catch (error) {
        this.markDown();
        this.options.onFailure?.(error);
      }
    }
    return { result: await this.embedded.search(query), engine: this.embedded.name };
  }
}
