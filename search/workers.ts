import { sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { zoekMeta, zoekOutbox } from "../db/schema/index.ts";
import type { Clock } from "../src/kern/time.ts";
import { MeiliSearchEngine } from "./meili-engine.ts";
import { SearchProvider } from "./provider.ts";
import { SqliteSearchEngine } from "./sqlite-engine.ts";

export interface WorkerSearch {
  provider: SearchProvider;
  sqlite: SqliteSearchEngine;
  meili?: MeiliSearchEngine;
}

/**
 * Search on Workers: the SQLite FTS5 engine on D1, and with Meilisearch configured that engine
 * over `fetch` (no `node:http` here), with the same fallback to D1 as on Node. No timers: the
 * Cron Trigger keeps the indexes up to date (`maintainSearch`).
 */
export function createWorkerSearch(
  db: Database,
  config: { meili?: { url: string; apiKey: string; index?: string }; clock: Clock; log?: (message: string) => void },
): WorkerSearch {
  const sqlite = new SqliteSearchEngine(db);
  if (!config.meili) return { provider: new SearchProvider(sqlite), sqlite };
  const meili = new MeiliSearchEngine(db, { ...config.meili, clock: config.clock });
  const provider = new SearchProvider(sqlite, meili, {
    retryAfterMs: 5_000,
    onFailure: (error) => config.log?.(`Search: Meilisearch failed, answering from D1 (${(error as Error).message})`),
  });
  return { provider, sqlite, meili };
}

/** One drain at a time across isolates: a second one could send an older state after a newer one. */
const LEASE = "outbox-lease";
const LEASE_MS = 5 * 60_000;

/**
 * What the Cron Trigger does for search: rebuilds the D1 projection when it was built by
 * another version; with Meilisearch, makes sure its index is complete and sends the outbox
 * (under a lease in D1, so runs that overlap never send out of order); without it, keeps the
 * outbox switched off and empty. Answers the outbox rows sent.
 */
export async function maintainSearch(db: Database, search: WorkerSearch, now: Date): Promise<number> {
  await search.sqlite.init();
  if (!search.meili) {
    await db.atomic([
      { query: db.orm.update(zoekMeta).set({ waarde: "uit" }).where(sql`${zoekMeta.sleutel} = 'outbox'`) },
      { query: db.orm.delete(zoekOutbox) },
    ]);
    return 0;
  }
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const taken = await db.atomic([
    {
      query: db.orm
        .insert(zoekMeta)
        .values({ sleutel: LEASE, waarde: until })
        .onConflictDoUpdate({
          target: zoekMeta.sleutel,
          set: { waarde: until },
          setWhere: sql`${zoekMeta.waarde} < ${now.toISOString()}`,
        }),
    },
  ]);
  if (taken[0] !== 1) return 0;
  try {
    const [pending] = await db.orm.all<{ n: number }>(sql`SELECT count(*) AS n FROM zoek_outbox`);
    await search.meili.init();
    search.provider.markUp();
    return Number(pending?.n ?? 0);
  } catch (error) {
    search.provider.markDown();
    throw error;
  } finally {
    await db.atomic([{ query: db.orm.update(zoekMeta).set({ waarde: "" }).where(sql`${zoekMeta.sleutel} = ${LEASE}`) }]);
  }
}
