/**
 * Rebuilds search indexes from the register: `npm run reindex [-- --engine sqlite|meilisearch|alle]`.
 * Meilisearch is rebuilt when MEILI_URL and MEILI_MASTER_KEY are set.
 */
import { parseArgs } from "node:util";
import { openSqlite } from "../db/sqlite.ts";
import { readEnv } from "../src/env.ts";
import { keepAliveHttpClient } from "./http-client.ts";
import { MeiliSearchEngine } from "./meili-engine.ts";
import { SqliteSearchEngine } from "./sqlite-engine.ts";

const { values } = parseArgs({ options: { engine: { type: "string", default: "alle" } } });
const engine = values.engine ?? "alle";
if (!["sqlite", "meilisearch", "alle"].includes(engine)) {
  console.error(`Unknown engine "${engine}": use sqlite, meilisearch or alle.`);
  process.exit(1);
}
const env = readEnv();
const db = openSqlite(env.DATABASE_PATH);
try {
  if (engine !== "meilisearch") {
    const started = performance.now();
    const n = await new SqliteSearchEngine(db).reindex();
    console.log(`SQLite: ${n} offers indexed in ${(performance.now() - started).toFixed(0)} ms.`);
  }
  if (engine !== "sqlite") {
    if (!env.MEILI_URL || !env.MEILI_MASTER_KEY) {
      if (engine === "meilisearch") throw new Error("Set MEILI_URL and MEILI_MASTER_KEY to reindex Meilisearch.");
      console.log("Meilisearch: not configured, skipped.");
    } else {
      const meili = new MeiliSearchEngine(db, {
        url: env.MEILI_URL,
        apiKey: env.MEILI_MASTER_KEY,
        index: env.MEILI_INDEX,
        httpClient: keepAliveHttpClient({ timeoutMs: 2_000 }),
      });
      const started = performance.now();
      const n = await meili.reindex();
      meili.close();
      console.log(`Meilisearch: ${n} offers indexed into ${meili.indexUid} in ${(performance.now() - started).toFixed(0)} ms.`);
    }
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  db.close();
}
