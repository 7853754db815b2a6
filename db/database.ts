import type { SQL } from "drizzle-orm";
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
