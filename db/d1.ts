import { type AnyD1Database, drizzle } from "drizzle-orm/d1";
import { type AtomicStep, type Database, mismatch, type Orm } from "./database.ts";
import * as schema from "./schema/index.ts";

/**
 * After a guarded step: aborts the whole batch when that step changed another number of rows
 * than it had to (`atomic_guard`, migration 0030: a view whose INSTEAD OF trigger raises).
 * `changes()` is the row count of the statement just before it in the same batch.
 */
const GUARD_SQL = "INSERT INTO atomic_guard (step, expected, actual) VALUES (?, ?, changes())";

const GUARD_FAILED = /atomic guard (\d+)/;

/** The step whose guard aborted the batch, when that is what the error says. */
function failedGuard(error: unknown, steps: readonly AtomicStep[]): AtomicStep | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const match = GUARD_FAILED.exec(e.message);
    if (match) return steps[Number(match[1])];
  }
  return undefined;
}

/**
 * The Workers driver. D1 has no interactive transactions; `batch()` runs its statements in one
 * transaction that rolls back when a statement fails. A guard that changes no rows fails no
 * statement by itself, so every guarded step is followed by a statement that raises inside the
 * batch when the guard did not hold: a failed guard keeps nothing at all, as on better-sqlite3.
 */
export function openD1(binding: AnyD1Database): Database {
  const orm = drizzle(binding, { schema });
  return {
    orm: orm as unknown as Orm,
    driver: "d1",
    async atomic(steps) {
      if (steps.length === 0) return [];
      const statements: ReturnType<AnyD1Database["prepare"]>[] = [];
      /** Where each step's own statement sits in the batch. */
      const positions: number[] = [];
      steps.forEach((step, i) => {
        const { sql, params } = step.query.toSQL();
        positions.push(statements.length);
        statements.push(binding.prepare(sql).bind(...params));
        if (step.expectChanges !== undefined) statements.push(binding.prepare(GUARD_SQL).bind(i, step.expectChanges));
      });
      let results: { meta?: { changes?: number } }[];
      try {
        results = await binding.batch(statements);
      } catch (error) {
        const step = failedGuard(error, steps);
        throw step ? mismatch(step) : error;
      }
      // A guarded step changed exactly what it expected (else the batch failed). D1's count of
      // another step also includes rows its triggers changed (search projection, outbox).
      return steps.map((step, i) => step.expectChanges ?? Number(results[positions[i] ?? 0]?.meta?.changes ?? 0));
    },
    close() {},
  };
}
