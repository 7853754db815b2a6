import { and, eq, inArray, sql } from "drizzle-orm";
import type { AtomicStep } from "../../db/database.ts";
import { aanmeldingen, aanmeldingHistorie, reserveringen } from "../../db/schema/index.ts";
import { newId } from "../kern/ids.ts";
import { AANMELDING_ACTIEF, type AanmeldingStatus } from "../kern/vocabulary.ts";
import type { Deps } from "./context.ts";

export type AanmeldingRow = typeof aanmeldingen.$inferSelect;

/** The history line of one transition of a referral, written atomically with it. */
export function aanmeldingHistorieStep(
  { db }: Deps,
  e: {
    aanmeldingId: string;
    van: AanmeldingStatus | null;
    naar: AanmeldingStatus;
    reden?: string | null;
    door: string;
    op: string;
  },
): AtomicStep {
  return {
    query: db.orm.insert(aanmeldingHistorie).values({
      id: newId(),
      aanmeldingId: e.aanmeldingId,
      van: e.van,
      naar: e.naar,
      reden: e.reden ?? null,
      door: e.door,
      op: e.op,
      volgnummer: sql`(SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM aanmelding_historie WHERE aanmelding_id = ${e.aanmeldingId})`,
    }),
  };
}

/**
 * Steps that end the case's other referrals still in play (help started elsewhere, or the
 * referrer confirmed another acceptance), each with its history line and its held place given
 * back. The caller recomputes the case's status after them.
 */
export async function andereAanmeldingenIntrekkenSteps(
  deps: Deps,
  e: { casusId: string; behalve: string; reden: string; door: string; op: string },
): Promise<AtomicStep[]> {
  const anderen = await deps.db.orm
    .select()
    .from(aanmeldingen)
    .where(and(eq(aanmeldingen.casusId, e.casusId), inArray(aanmeldingen.status, [...AANMELDING_ACTIEF])));
  return anderen.filter((a) => a.id !== e.behalve).flatMap((a) => intrekkenSteps(deps, a, "ingetrokken", e.reden, e.door, e.op));
}

/** A referral ends (declined, withdrawn): its status guarded on what was seen, its hold given back, its history line. */
export function intrekkenSteps(
  deps: Deps,
  a: AanmeldingRow,
  naar: "afgewezen" | "ingetrokken",
  reden: string | null,
  door: string,
  op: string,
  extra: Partial<AanmeldingRow> = {},
): AtomicStep[] {
  return [
    {
      query: deps.db.orm
        .update(aanmeldingen)
        .set({ status: naar, reden, gewijzigdOp: op, versie: a.versie + 1, ...extra })
        .where(and(eq(aanmeldingen.id, a.id), eq(aanmeldingen.status, a.status))),
      expectChanges: 1,
    },
    aanmeldingHistorieStep(deps, { aanmeldingId: a.id, van: a.status, naar, reden, door, op }),
    ...(a.reserveringId
      ? [
          {
            query: deps.db.orm
              .update(reserveringen)
              .set({ status: "ingetrokken", gewijzigdOp: op })
              .where(and(eq(reserveringen.id, a.reserveringId), eq(reserveringen.status, "actief"))),
          },
        ]
      : []),
  ];
}
