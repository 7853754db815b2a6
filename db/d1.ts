import { type AnyD1Database, drizzle } from "drizzle-orm/d1";
import { type Database, mismatch, type Orm } from "./database.ts";
import * as schema from "./schema/index.ts";

/**
 * The Workers driver. D1 has no interactive transactions; `batch()` runs its statements in
 * one implicit transaction. A guard that changes no rows does not abort a batch, so guarded
 * steps are checked afterwards; full Workers support (guards as constraint failures) is a
 * later issue.
 */
export function openD1(binding: AnyD1Database): Database {
  const orm = drizzle(binding, { schema });
  return {
    orm: orm as unknown as Orm,
    driver: "d1",
    async atomic(steps) {
      if (steps.length === 0) return [];
      const statements = steps.map((step) => {
        const { sql, params } = step.query.toSQL();
        return binding.prepare(sql).bind(...params);
      });
      const results = await binding.batch(statements);
      return results.map((result: { meta?: { changes?: number } }, i: number) => {
        const changes = Number(result.meta?.changes ?? 0);
        const step = steps[i];
        if (step?.expectChanges !== undefined && changes !== step.expectChanges) throw mismatch(step);
        return changes;
      });
    },
    close() {},
  };
}
