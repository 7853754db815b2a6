import { sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { zoekMeta, zoekOutbox } from "../db/schema/index.ts";
import type { SqliteDatabase } from "../db/sqlite.ts";
import type { Clock } from "../src/kern/time.ts";
import type { SearchEngine } from "./engine.ts";
import { keepAliveHttpClient } from "./http-client.ts";
import { MeiliSearchEngine } from "./meili-engine.ts";
import { MemorySearchEngine } from "./memory-engine.ts";
import { OutboxWorker } from "./outbox.ts";
import { SearchProvider } from "./provider.ts";
import { SqliteSearchEngine } from "./sqlite-engine.ts";

export interface SearchConfig {
  meili?: { url: string; apiKey: string; index?: string };
  /**
   * The engine that answers without Meilisearch (and while it is down): the in-memory index
   * (default on better-sqlite3) or SQL on the projection (the only one on D1).
   */
  embedded?: "geheugen" | "sqlite";
  /** A read-only register: search on what SQLite holds, change nothing (no rebuild, no outbox). */
  alleenLezen?: boolean;
  clock?: Clock;
  log?: (message: string) => void;
}

export interface Search {
  provider: SearchProvider;
  sqlite: SqliteSearchEngine;
  /** The in-memory engine, when it is the embedded one. */
  memory?: MemorySearchEngine;
  meili?: MeiliSearchEngine;
  worker?: OutboxWorker;
  close(): Promise<void>;
}

/**
 * Sets up search for a register: always an embedded engine (the in-memory index on
 * better-sqlite3, built here from the projection; SQL on the projection otherwise); with
 * Meilisearch configured also that engine, its outbox worker and the fallback between the
 * two. Never fails on an unreachable Meilisearch: the worker keeps trying while the embedded
 * engine answers.
 */
export async function createSearch(db: Database, config: SearchConfig = {}): Promise<Search> {
  const log = config.log ?? (() => {});
  const sqlite = new SqliteSearchEngine(db);
  const inMemory = (config.embedded ?? "geheugen") === "geheugen" && db.driver === "better-sqlite3";
  const memory = inMemory ? new MemorySearchEngine(db as SqliteDatabase, { log }) : undefined;
  const embedded: SearchEngine = memory ?? sqlite;
  if (config.alleenLezen) {
    if (config.meili) log("Search: the register is read-only, so it searches without Meilisearch (the outbox cannot be kept).");
    await memory?.init();
    return { provider: new SearchProvider(embedded), sqlite, memory, close: async () => {} };
  }
  if (await sqlite.init()) log("Search: SQLite projection rebuilt for this version.");
  await memory?.init();
  if (!config.meili) {
    // No external engine: nothing consumes the outbox, so it is switched off and emptied.
    await db.atomic([
      { query: db.orm.update(zoekMeta).set({ waarde: "uit" }).where(sql`${zoekMeta.sleutel} = 'outbox'`) },
      { query: db.orm.delete(zoekOutbox) },
    ]);
    return { provider: new SearchProvider(embedded), sqlite, memory, close: async () => {} };
  }

  const meili = new MeiliSearchEngine(db, {
    ...config.meili,
    clock: config.clock,
    httpClient: keepAliveHttpClient({ timeoutMs: 2_000 }),
  });
  const provider = new SearchProvider(embedded, meili, {
    retryAfterMs: 5_000,
    onFailure: (error) => log(`Search: Meilisearch failed, answering from ${embedded.name} (${(error as Error).message})`),
  });
  let ready = false;
  const worker = new OutboxWorker(
    {
      drain: async () => {
        if (!ready) {
          const rebuilt = await meili.init();
          ready = true;
          log(`Search: Meilisearch index ${meili.indexUid} ${rebuilt ? "built from SQLite" : "up to date"}.`);
          return 0;
        }
        return meili.drain();
      },
    },
    provider,
    { onError: (error, attempt) => log(`Search: outbox drain failed (attempt ${attempt}): ${(error as Error).message}`) },
  );
  // Until the index is known to be complete, the embedded engine answers; building a large
  // index takes a while and must not hold up the start of the server.
  provider.markDown();
  worker.start();
  return {
    provider,
    sqlite,
    memory,
    meili,
    worker,
    close: async () => {
      await worker.stop();
      meili.close();
    },
  };
}
