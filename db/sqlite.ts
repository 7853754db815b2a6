import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { checkpointOpAchtergrond } from "./checkpointer.ts";
import { type Database, mismatch, type Orm } from "./database.ts";
import * as schema from "./schema/index.ts";

/** Write statements kept prepared per connection (see `atomic`). */
const MAX_PREPARED = 500;

// Said from the top of the project, so that it also holds in the bundle `npm start` runs (dist/server.mjs).
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../db/migrations", import.meta.url));

export interface SqliteDatabase extends Database {
  driver: "better-sqlite3";
  sqlite: BetterSqlite3.Database;
}

/**
 * Opens (and migrates) a SQLite file, or an in-memory database for `":memory:"`; read-only opens
 * neither write nor migrate. A buffer is a copy of a database file, opened read-only in memory.
 */
export function openSqlite(
  path: string | Buffer,
  options: {
    migrate?: boolean;
    readonly?: boolean;
    /** Fold the WAL into the file on a thread of its own, not inside a commit (the server's file; see db/checkpointer.ts). */
    checkpointOpAchtergrond?: boolean;
  } = {},
): SqliteDatabase {
  if (typeof path === "string" && path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite =
    typeof path === "string"
      ? new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
      : new BetterSqlite3(path, { readonly: true });
  if (!options.readonly) {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
  }
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Statements are prepared once per SQL text, the writes of `atomic` and drizzle's reads alike:
  // preparing an UPDATE of aanbod compiles its search triggers too, which costs more than
  // running it, and a request's reads were a sixth of its time in SQLite's compiler. Bounded,
  // as some texts vary with the number of values.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_PREPARED) statements.clear();
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const orm = drizzle(viaPrepared(sqlite, prepared), { schema });
  if (options.migrate !== false && !options.readonly) migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
  statements.clear(); // the migrations' statements run once
  let checkpointer: { stop(): void } | undefined;
  if (options.checkpointOpAchtergrond && typeof path === "string" && path !== ":memory:" && !options.readonly) {
    sqlite.pragma("wal_autocheckpoint = 0");
    checkpointer = checkpointOpAchtergrond(path);
  }

  // better-sqlite3 transactions are synchronous: every step runs inside one native
  // transaction, and a throwing guard rolls the whole write back.
  const runAll = sqlite.transaction((steps: Parameters<Database["atomic"]>[0]) =>
    steps.map((step) => {
      const { sql, params } = step.query.toSQL();
      const { changes } = prepared(sql).run(...(params as unknown[]));
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
      checkpointer?.stop();
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

/**
 * The connection as drizzle sees it: `prepare` hands out the statement kept for that SQL text.
 * drizzle turns a statement's raw mode on when it wants rows as arrays and never off, so a kept
 * statement is handed out with raw mode off. Everything else is the connection itself.
 */
function viaPrepared(sqlite: BetterSqlite3.Database, prepared: (sql: string) => BetterSqlite3.Statement): BetterSqlite3.Database {
  const prepare = (sql: string) => {
    const statement = prepared(sql);
    return statement.reader ? statement.raw(false) : statement;
  };
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === "prepare") return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
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
    return { db: openSqlite(path, { checkpointOpAchtergrond: true }), alleenLezen: false };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!ALLEEN_LEZEN.has(code) && !["EACCES", "EROFS", "EPERM"].includes(code)) throw error;
  }
  const db = openReadOnly(path);
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

/**
 * A WAL-mode file in a read-only folder cannot be opened in place (SQLite needs its -shm file
 * beside it), so it is read into memory instead, its header set to the rollback format it is
 * equivalent to once checkpointed (a clean stop does that). Changes still in a -wal file left by
 * a crash are not seen, and the log says so.
 */
function openReadOnly(path: string): SqliteDatabase {
  try {
    const db = openSqlite(path, { readonly: true });
    db.sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
    return db;
  } catch (error) {
    if (!ALLEEN_LEZEN.has((error as { code?: string }).code ?? "")) throw error;
  }
  const kopie = readFileSync(path);
  // Bytes 18 and 19: file format write and read versions, 2 for WAL and 1 for rollback.
  kopie[18] = 1;
  kopie[19] = 1;
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    console.warn(
      `Database ${path}: its -wal file was not checkpointed (no clean stop); the latest changes are not visible read-only.`,
    );
  return openSqlite(kopie, { readonly: true });
}
