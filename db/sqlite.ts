import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { type Database, mismatch, type Orm } from "./database.ts";
import * as schema from "./schema/index.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

export interface SqliteDatabase extends Database {
  driver: "better-sqlite3";
  sqlite: BetterSqlite3.Database;
}

/** Opens (and migrates) a SQLite file, or an in-memory database for `":memory:"`. */
export function openSqlite(path: string, options: { migrate?: boolean } = {}): SqliteDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const orm = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });

  // better-sqlite3 transactions are synchronous: every step runs inside one native
  // transaction, and a throwing guard rolls the whole write back.
  const runAll = sqlite.transaction((steps: Parameters<Database["atomic"]>[0]) =>
    steps.map((step) => {
      const { sql, params } = step.query.toSQL();
      const { changes } = sqlite.prepare(sql).run(...(params as unknown[]));
      if (step.expectChanges !== undefined && changes !== step.expectChanges) throw mismatch(step);
      return changes;
    }),
  );

  return {
    orm: orm as unknown as Orm,
    driver: "better-sqlite3",
    sqlite,
    async atomic(steps) {
      return runAll(steps);
    },
    close() {
      // Keeps table statistics current for the planner (SQLite's advice before closing). Not at
      // open: statistics of a still-empty database would mislead the triggers of a bulk load.
      if (sqlite.open) sqlite.pragma("optimize");
      sqlite.close();
    },
  };
}
