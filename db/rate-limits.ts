import { lt, sql } from "drizzle-orm";
import type { Database } from "./database.ts";
import { limietTellers } from "./schema/index.ts";

/** The longest window any limit uses (failed sign-ins: 15 minutes). */
const LANGSTE_VENSTER_MS = 15 * 60_000;

/**
 * Rate-limit counters in the register's database (`limiet_tellers`): every isolate of a Worker,
 * or every process on one file, counts in the same place. One statement per hit (an upsert that
 * starts a new window when the old one ended), so concurrent hits never lose a count. Matches
 * `RateLimitStore` in src/http/rate-limit.ts.
 */
export function databaseRateLimits(db: Database) {
  return {
    async hit(key: string, windowMs: number, now: number): Promise<{ count: number; start: number }> {
      const [row] = await db.orm.all<{ venster_start: number; aantal: number }>(
        sql`INSERT INTO limiet_tellers (sleutel, venster_start, aantal) VALUES (${key}, ${now}, 1)
            ON CONFLICT (sleutel) DO UPDATE SET
              aantal = CASE WHEN ${now} - venster_start < ${windowMs} THEN aantal + 1 ELSE 1 END,
              venster_start = CASE WHEN ${now} - venster_start < ${windowMs} THEN venster_start ELSE ${now} END
            RETURNING venster_start, aantal`,
      );
      return { count: Number(row?.aantal ?? 1), start: Number(row?.venster_start ?? now) };
    },
  };
}

/** Deletes counters whose window has ended (a timer runs it; nothing reads them any more). */
export async function purgeRateLimits(db: Database, now: number): Promise<void> {
  await db.atomic([{ query: db.orm.delete(limietTellers).where(lt(limietTellers.vensterStart, now - LANGSTE_VENSTER_MS)) }]);
}
