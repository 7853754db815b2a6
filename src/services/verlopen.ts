import { type AnyColumn, and, eq, lte, sql } from "drizzle-orm";
import type { AtomicStep } from "../../db/database.ts";
import { aanmeldingen, matchvoorstellen, reserveringen } from "../../db/schema/index.ts";
import { isoTimestamp } from "../kern/time.ts";
import { aanmeldingHistorieStep } from "./aanmelding-stappen.ts";
import { herberekenSteps } from "./casus-overgangen.ts";
import type { Deps } from "./context.ts";

/** Another request ended the same item a moment earlier: nothing left to do. */
class AlAfgehandeld extends Error {}
function negeerAfgehandeld(error: unknown): void {
  if (!(error instanceof AlAfgehandeld)) throw error;
}

/**
 * Finalises what passed its end: holds, referrals without an answer before their deadline, and
 * proposals. They end as `verlopen` (a referral's held place with it) and their cases go where
 * the rest puts them, with a history line. Reads already treat them as ended; this writes it
 * down. A timer (Node) or a Cron Trigger (Workers) runs it for everything, and a write that
 * touches a case runs it for that case first. Cheap when nothing expired.
 */
export async function expireOverdue(deps: Deps, filter: { casusId?: string } = {}): Promise<number> {
  const now = isoTimestamp(deps.clock.now());
  /** Ends one expired item; the first step claims it, so a concurrent finaliser changes nothing twice. */
  const beeindig = (claim: AtomicStep["query"], rest: AtomicStep[]) =>
    deps.db.atomic([{ query: claim, expectChanges: 1, onMismatch: () => new AlAfgehandeld() }, ...rest]).catch(negeerAfgehandeld);
  const vanCasus = (kolom: AnyColumn) => (filter.casusId ? eq(kolom, filter.casusId) : undefined);

  const verlopenAanmeldingen = await deps.db.orm
    .select({ id: aanmeldingen.id, casusId: aanmeldingen.casusId, reserveringId: aanmeldingen.reserveringId })
    .from(aanmeldingen)
    .where(and(eq(aanmeldingen.status, "verzonden"), lte(aanmeldingen.antwoordVoor, now), vanCasus(aanmeldingen.casusId)));
  for (const a of verlopenAanmeldingen) {
    await beeindig(
      deps.db.orm
        .update(aanmeldingen)
        .set({ status: "verlopen", gewijzigdOp: now, versie: sql`${aanmeldingen.versie} + 1` })
        .where(and(eq(aanmeldingen.id, a.id), eq(aanmeldingen.status, "verzonden"))),
      [
        aanmeldingHistorieStep(deps, {
          aanmeldingId: a.id,
          van: "verzonden",
          naar: "verlopen",
          reden: "geen antwoord voor de termijn",
          door: "systeem",
          op: now,
        }),
        ...(a.reserveringId
          ? [
              {
                query: deps.db.orm
                  .update(reserveringen)
                  .set({ status: "verlopen", gewijzigdOp: now })
                  .where(and(eq(reserveringen.id, a.reserveringId), eq(reserveringen.status, "actief"))),
              },
            ]
          : []),
        ...herberekenSteps(a.casusId, "aanmelding verlopen: de aanbieder antwoordde niet op tijd", "systeem", now),
      ],
    );
  }

  const holds = await deps.db.orm
    .select({ id: reserveringen.id, casusId: reserveringen.casusId })
    .from(reserveringen)
    .where(and(eq(reserveringen.status, "actief"), lte(reserveringen.verlooptOp, now), vanCasus(reserveringen.casusId)));
  for (const h of holds) {
    await beeindig(
      deps.db.orm
        .update(reserveringen)
        .set({ status: "verlopen", gewijzigdOp: now })
        .where(and(eq(reserveringen.id, h.id), eq(reserveringen.status, "actief"))),
      herberekenSteps(h.casusId, "vastgehouden plek verlopen", "systeem", now),
    );
  }

  const proposals = await deps.db.orm
    .select({ id: matchvoorstellen.id, casusId: matchvoorstellen.casusId })
    .from(matchvoorstellen)
    .where(and(eq(matchvoorstellen.status, "open"), lte(matchvoorstellen.verlooptOp, now), vanCasus(matchvoorstellen.casusId)));
  for (const p of proposals) {
    await beeindig(
      deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "verlopen", gewijzigdOp: now })
        .where(and(eq(matchvoorstellen.id, p.id), eq(matchvoorstellen.status, "open"))),
      herberekenSteps(p.casusId, "matchvoorstel verlopen", "systeem", now),
    );
  }
  return verlopenAanmeldingen.length + holds.length + proposals.length;
}
