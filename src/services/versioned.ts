import { and, eq, getTableName, isSQLWrapper, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { type AtomicStep, templateWrite } from "../../db/database.ts";
import { assertVersion, staleVersionError } from "../kern/version.ts";
import type { Deps } from "./context.ts";

/** A table whose rows carry an id and a version (ETag). */
type Versioned = SQLiteTable & { id: SQLiteColumn; versie: SQLiteColumn };

/** The row as the caller read it: a write applies only over exactly this version. */
export function atVersion(table: Versioned, current: { id: string; versie: number }): SQL {
  return and(eq(table.id, current.id), eq(table.versie, current.versie)) as SQL;
}

/**
 * The guarded update to the next version; when another write came first it changes nothing (412).
 * Its SQL text is built once per table and set of columns (`templateWrite`).
 */
export function nextVersionStep(
  deps: Deps,
  table: Versioned,
  current: { id: string; versie: number },
  set: Record<string, unknown>,
): AtomicStep {
  const kolommen = Object.keys(set).filter((k) => k !== "versie" && set[k] !== undefined);
  const values: Record<string, unknown> = { versie: current.versie + 1, "waar id": current.id, "waar versie": current.versie };
  for (const k of kolommen) {
    if (isSQLWrapper(set[k])) throw new Error(`nextVersionStep sets values, not SQL (${k})`);
    values[k] = set[k];
  }
  return {
    query: templateWrite(
      `${getTableName(table)} naar de volgende versie: ${kolommen.join(",")}`,
      () =>
        deps.db.orm
          .update(table)
          .set(Object.fromEntries([...kolommen, "versie"].map((k) => [k, sql.placeholder(k)])) as never)
          .where(and(eq(table.id, sql.placeholder("waar id")), eq(table.versie, sql.placeholder("waar versie")))),
      values,
    ),
    expectChanges: 1,
    onMismatch: staleVersionError,
  };
}

/**
 * The one versioned write: the version the caller built on must be the stored one (If-Match),
 * the next version is written guarded on the version read, and whatever belongs to the change
 * (its history line) goes in the same atomic write. Answers the row as stored.
 */
export async function writeVersion<Row extends { id: string; versie: number }>(
  deps: Deps,
  spec: {
    table: Versioned;
    current: Row;
    /** Versions the caller allows (from If-Match); undefined: any. */
    allowed?: readonly number[];
    set: Partial<Row>;
    also?: AtomicStep[];
  },
): Promise<Row> {
  assertVersion(spec.current.versie, spec.allowed);
  await deps.db.atomic([nextVersionStep(deps, spec.table, spec.current, spec.set), ...(spec.also ?? [])]);
  return { ...spec.current, ...spec.set, versie: spec.current.versie + 1 };
}
