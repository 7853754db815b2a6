/**
 * Exports the register's rows from D1 as INSERT statements: a backup next to D1 Time Travel.
 * `wrangler d1 export` refuses a database with an FTS5 table (the search index), so this reads
 * every data table through a D1 binding (wrangler's platform proxy: the local D1, or the remote
 * one with `--remote`) and writes what db/sql-dump.ts writes. Restore into an empty D1:
 *   wrangler d1 migrations apply <db> --remote && wrangler d1 execute <db> --remote --file <backup.sql>
 *
 *   npm run export:worker -- --output backup.sql [--remote] [--persist-to <dir>]
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { AnyD1Database } from "drizzle-orm/d1";
import { getPlatformProxy, unstable_readConfig } from "wrangler";
import { dumpRows, type RowSource } from "./sql-dump.ts";

const { values } = parseArgs({
  options: {
    output: { type: "string" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
    database: { type: "string", default: "plekwijzer" },
  },
});
if (!values.output) {
  console.error("Usage: npm run export:worker -- --output <file.sql> [--remote] [--persist-to <dir>]");
  process.exit(2);
}

const config = unstable_readConfig({ config: "wrangler.toml" });
const d1 = config.d1_databases.find((d: { database_name?: string }) => d.database_name === values.database);
if (!d1) throw new Error(`wrangler.toml names no D1 database ${values.database}`);
// A configuration with only this database, remote when asked: the proxy then reads the real D1.
const dir = mkdtempSync(join(tmpdir(), "plekwijzer-d1-export-"));
const configPath = join(dir, "wrangler.json");
writeFileSync(
  configPath,
  JSON.stringify({
    name: config.name,
    compatibility_date: config.compatibility_date,
    d1_databases: [{ binding: "DB", database_name: d1.database_name, database_id: d1.database_id, remote: values.remote }],
  }),
);
const proxy = await getPlatformProxy<{ DB: AnyD1Database }>({
  configPath,
  persist: values["persist-to"] ? { path: join(resolve(values["persist-to"]), "v3") } : { path: resolve(".wrangler/state/v3") },
  remoteBindings: values.remote,
});
try {
  const db = proxy.env.DB;
  const source: RowSource = {
    async tables() {
      return (await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all<{ name: string; sql: string }>())
        .results;
    },
    async rows(table, after, limit) {
      return (
        await db
          .prepare(`SELECT rowid AS __rowid, * FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`)
          .bind(after, limit)
          .all<Record<string, unknown>>()
      ).results;
    },
  };
  const out = createWriteStream(values.output);
  out.write(
    `-- Plekwijzer: rows of D1 ${d1.database_name}, ${new Date().toISOString()}; restore into an empty D1 with the migrations applied.\n`,
  );
  const counts = await dumpRows(source, (statement) => out.write(`${statement}\n`));
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Exported ${total} rows of ${Object.keys(counts).length} tables to ${values.output}.`);
} finally {
  await proxy.dispose();
  rmSync(dir, { recursive: true, force: true });
}
