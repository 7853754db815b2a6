import { mkdirSync, readFileSync } from "node:fs";
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

/** Opens (and migrates) a SQLite file, or an in-memory database for `":memory:"`; read-only opens neither write nor migrate. */
export function openSqlite(path: string, options: { migrate?: boolean; readonly?: boolean } = {}): SqliteDatabase {
  if (path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
  }
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const orm = drizzle(sqlite, { schema });
  if (options.migrate !== false && !options.readonly) migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });

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
      if (sqlite.open && !sqlite.readonly) {
        // Keeps table statistics current for the planner (SQLite's advice before closing; not at
        // open: statistics of a still-empty database would mislead the triggers of a bulk load),
        // and folds the WAL into the database file so a copy of the file alone is complete.
        sqlite.pragma("optimize");
        sqlite.pragma("wal_checkpoint(TRUNCATE)");
      }
      sqlite.close();
    },
  };
}

/** SQLite's answer when the file, its folder or the disk cannot be written. */
const ALLEEN_LEZEN = new Set(["SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_READONLY_DIRECTORY", "SQLITE_IOERR_WRITE"]);

/**
 * The register's database file for the server: written and migrated when it can be; when the
 * file, its folder or the disk is read-only, opened read-only instead (reads keep working), as
 * long as its schema is the one this code expects.
 */
export function openRegisterFile(path: string): { db: SqliteDatabase; alleenLezen: boolean } {
  try {
    return { db: openSqlite(path), alleenLezen: false };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!ALLEEN_LEZEN.has(code) && !["EACCES", "EROFS", "EPERM"].includes(code)) throw error;
  }
  const db = openSqlite(path, { readonly: true });
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, "utf8")) as { entries: unknown[] };
  const [toegepast] = db.sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").all() as { n: number }[];
  if ((toegepast?.n ?? 0) !== journal.entries.length) {
    db.close();
    throw new Error(
      `Database ${path} is read-only and its schema is not this version's (${toegepast?.n ?? 0} of ${journal.entries.length} migrations): make it writable once so the migrations can run.`,
    );
  }
  return { db, alleenLezen: true };
}
