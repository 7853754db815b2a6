import { is, Param, Placeholder, type SQL } from "drizzle-orm";
import { type BaseSQLiteDatabase, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema/index.ts";

/** The drizzle database, typed so that the same repository code runs on better-sqlite3 and D1. */
export type Orm = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

/** A write statement built with drizzle (insert/update/delete), not yet executed. */
export interface WriteQuery {
  toSQL(): { sql: string; params: unknown[] };
}

const dialect = new SQLiteSyncDialect();

/** A write in plain SQL (what the query builder cannot say), usable as an atomic step. */
export function rawWrite(query: SQL): WriteQuery {
  return { toSQL: () => dialect.sqlToQuery(query) };
}

/** The SQL text of each `templateWrite` shape, with its parameters, as drizzle built it the first time. */
const templates = new Map<string, { sql: string; params: unknown[] }>();

/**
 * A write of a fixed shape whose SQL text drizzle builds once, with a placeholder
 * (`sql.placeholder(name)`) for every value; after that a write only fills in its values.
 * Building an UPDATE of aanbod cost 50 µs, more than running it. `shape` names everything that
 * changes the text (the table, the columns); `values` has a value for every placeholder, and
 * null or undefined is written as NULL.
 */
export function templateWrite(shape: string, build: () => WriteQuery, values: Record<string, unknown>): WriteQuery {
  return {
    toSQL() {
      let template = templates.get(shape);
      if (!template) {
        template = build().toSQL();
        templates.set(shape, template);
      }
      return { sql: template.sql, params: template.params.map((param) => fill(param, values)) };
    },
  };
}

/** A built parameter with its value: a placeholder in a column's place goes through the column's encoder, as drizzle does. */
function fill(param: unknown, values: Record<string, unknown>): unknown {
  const placeholder = is(param, Placeholder) ? param : is(param, Param) && is(param.value, Placeholder) ? param.value : undefined;
  if (!placeholder) return param;
  if (!(placeholder.name in values)) throw new Error(`No value for placeholder "${placeholder.name}"`);
  const value = values[placeholder.name];
  if (value === null || value === undefined) return null;
  return is(param, Param) ? param.encoder.mapToDriverValue(value) : value;
}

/** The reads `preparedRead` prepared, per connection and name. */
const reads = new WeakMap<Database, Map<string, unknown>>();

/**
 * A hot read that drizzle builds and prepares once per connection, with a placeholder
 * (`sql.placeholder(name)`) for every value; after that a read only runs. Building the token
 * read of every API request cost 110 µs, running it 5 µs. On D1 a read is a round trip that
 * dwarfs building it, so there it is built each time, as any other read.
 */
export function preparedRead<Q>(db: Database, name: string, build: (orm: Orm) => Q): Q {
  if (db.driver !== "better-sqlite3") return build(db.orm);
  let kept = reads.get(db);
  if (!kept) {
    kept = new Map();
    reads.set(db, kept);
  }
  let read = kept.get(name) as Q | undefined;
  if (!read) {
    read = build(db.orm);
    kept.set(name, read);
  }
  return read;
}

/**
 * One statement of an atomic write. `expectChanges` turns a conditional statement into a
 * guard: when it changes a different number of rows, `onMismatch` is thrown and nothing of
 * the whole write is kept (the way to take the last free place or enforce If-Match).
 */
export interface AtomicStep {
  query: WriteQuery;
  expectChanges?: number;
  onMismatch?: () => Error;
}

/** A database handle: the ORM plus the one helper for multi-statement writes. */
export interface Database {
  orm: Orm;
  driver: "better-sqlite3" | "d1";
  /**
   * Runs all steps or none; answers the changed-row count of each step (on D1, for a step without
   * `expectChanges`, including rows its triggers changed).
   */
  atomic(steps: AtomicStep[]): Promise<number[]>;
  close(): void;
}

export function mismatch(step: AtomicStep): Error {
  return step.onMismatch?.() ?? new Error(`Atomic write guard failed: ${step.query.toSQL().sql}`);
}
