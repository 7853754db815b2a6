import { and, eq, sql } from "drizzle-orm";
import { normMomentopnames } from "../../db/schema/index.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { readRegios } from "./catalogus.ts";
import type { Deps } from "./context.ts";
import { normCijfersVastgesteld } from "./rapportage-norm.ts";

/**
 * The monthly snapshots of the norm report (DOMAIN.md, "Norms and monitoring"): the figures of
 * the first of each month as they were recorded that day, kept so that a past month's report
 * never changes silently.
 */

/**
 * Takes the snapshot of the first of the month for every region, once that day has ended and
 * when none was taken yet. Run by the server's timer (the Cron Trigger on Workers).
 */
export async function maakMomentopnames(deps: Deps): Promise<number> {
  const nu = deps.clock.now();
  const eerste = `${isoDate(nu).slice(0, 8)}01`;
  if (isoDate(nu) === eerste) return 0;
  let gemaakt = 0;
  for (const regio of await readRegios(deps)) {
    const [bestaand] = await deps.db.orm
      .select({ p: normMomentopnames.peildatum })
      .from(normMomentopnames)
      .where(and(eq(normMomentopnames.regio, regio.code), eq(normMomentopnames.peildatum, eerste)));
    if (bestaand) continue;
    const [aantal] = await deps.db.orm.all<{ n: number }>(sql`SELECT count(*) AS n FROM gemeenten WHERE regio = ${regio.code}`);
    if (!aantal?.n) continue;
    await bewaarMomentopname(deps, regio.code, eerste);
    gemaakt++;
  }
  return gemaakt;
}

/** Stores the figures of one region on one peildatum as recorded now; an existing snapshot is kept. */
export async function bewaarMomentopname(deps: Deps, regio: string, peildatum: string): Promise<void> {
  const rapport = await normCijfersVastgesteld(deps, regio, peildatum);
  await deps.db.atomic([
    {
      query: deps.db.orm
        .insert(normMomentopnames)
        .values({ regio, peildatum, rapport, gemaaktOp: isoTimestamp(deps.clock.now()) })
        .onConflictDoNothing(),
    },
  ]);
}
