import { and, asc, count, eq, lte, sql } from "drizzle-orm";
import { type AtomicStep, rawWrite } from "../../db/database.ts";
import { casussen, matchvoorstellen, reserveringen } from "../../db/schema/index.ts";
import { ApiError, ErrorCode } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { isoTimestamp } from "../lib/time.ts";
import { findAanbod } from "./aanbod.ts";
import { assertOvergang, casusHistorieStep, getCasus, statusStep } from "./casussen.ts";
import { conditions, type Paging, paged } from "./common.ts";
import { instellingen, type ServiceDeps } from "./deps.ts";
import { geefPlekTerugSteps, neemPlekSteps } from "./plekken.ts";
import { HEEL_REGISTER, koppelingInScope, koppelingWhere, type Scope } from "./scope.ts";

export type ReserveringRow = typeof reserveringen.$inferSelect;

export function toReservering(row: ReserveringRow) {
  return {
    id: row.id,
    aanbodId: row.aanbodId,
    casusId: row.casusId,
    voorstelId: row.voorstelId,
    status: row.status,
    verlooptOp: row.verlooptOp,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
  };
}

/** A hold, or 404 when it does not exist or lies outside the caller's scope. */
export async function getReservering(deps: ServiceDeps, id: string, scope: Scope = HEEL_REGISTER): Promise<ReserveringRow> {
  const [row] = await deps.db.orm.select().from(reserveringen).where(eq(reserveringen.id, id));
  if (!row || !(await koppelingInScope(deps, scope, row))) throw ApiError.notFound(`Reservering ${id}`);
  return row;
}

export async function listReserveringen(
  deps: ServiceDeps,
  filter: { casusId?: string; aanbodId?: string; status?: ReserveringRow["status"] },
  paging: Paging,
  scope: Scope,
) {
  const { db } = deps;
  const where = and(
    ...conditions(
      koppelingWhere(deps, scope, reserveringen),
      filter.casusId ? eq(reserveringen.casusId, filter.casusId) : undefined,
      filter.aanbodId ? eq(reserveringen.aanbodId, filter.aanbodId) : undefined,
      filter.status ? eq(reserveringen.status, filter.status) : undefined,
    ),
  );
  return paged(
    paging,
    (limit, offset) =>
      db.orm
        .select()
        .from(reserveringen)
        .where(where)
        .orderBy(asc(reserveringen.aangemaaktOp), asc(reserveringen.id))
        .limit(limit)
        .offset(offset),
    () => db.orm.select({ n: count() }).from(reserveringen).where(where),
    (row) => row,
  );
}

/**
 * Holds one free place for a case (from a proposal or directly after a phone call with the
 * provider). The place is taken atomically: when it is gone, 409 and nothing changes.
 */
export async function reserveer(
  deps: ServiceDeps,
  input: { aanbodId: string; casusId: string; voorstelId?: string },
  door: string,
  extra: AtomicStep[] = [],
): Promise<ReserveringRow> {
  const casus = await getCasus(deps, input.casusId);
  const offer = await findAanbod(deps, input.aanbodId);
  if (!offer) throw ApiError.invalid([{ name: "aanbodId", code: "onbekend", reason: `Aanbod ${input.aanbodId} bestaat niet.` }]);
  assertOvergang(casus, "gereserveerd");
  const now = deps.clock.now();
  const op = isoTimestamp(now);
  const row: ReserveringRow = {
    id: newId(),
    aanbodId: input.aanbodId,
    casusId: input.casusId,
    voorstelId: input.voorstelId ?? null,
    status: "actief",
    verlooptOp: isoTimestamp(new Date(now.getTime() + instellingen(deps).reserveringUren * 3_600_000)),
    aangemaaktOp: op,
    gewijzigdOp: op,
  };
  await deps.db.atomic([
    ...neemPlekSteps(input.aanbodId, door, op),
    { query: deps.db.orm.insert(reserveringen).values(row) },
    statusStep(deps, casus, "gereserveerd", op),
    casusHistorieStep(deps, {
      casusId: casus.id,
      soort: "status",
      van: casus.status,
      naar: "gereserveerd",
      reden: `reservering ${row.id}`,
      door,
      op,
    }),
    ...extra,
  ]);
  return row;
}

async function beeindig(deps: ServiceDeps, id: string, naar: "geplaatst" | "ingetrokken", door: string): Promise<ReserveringRow> {
  const hold = await getReservering(deps, id);
  if (hold.status !== "actief") {
    throw new ApiError(ErrorCode.conflict, `Reservering ${id} is ${hold.status}; alleen een actieve reservering kan dat.`);
  }
  const casus = await getCasus(deps, hold.casusId);
  const casusNaar = naar === "geplaatst" ? "geplaatst" : "wachtend";
  assertOvergang(casus, casusNaar);
  const op = isoTimestamp(deps.clock.now());
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(reserveringen)
        .set({ status: naar, gewijzigdOp: op })
        .where(and(eq(reserveringen.id, id), eq(reserveringen.status, "actief"))),
      expectChanges: 1,
      onMismatch: () => new ApiError(ErrorCode.conflict, `Reservering ${id} is intussen beëindigd.`),
    },
    ...(naar === "ingetrokken" ? geefPlekTerugSteps(hold.aanbodId, door, op) : []),
    statusStep(deps, casus, casusNaar, op),
    casusHistorieStep(deps, {
      casusId: casus.id,
      soort: "status",
      van: casus.status,
      naar: casusNaar,
      reden: `reservering ${naar}`,
      door,
      op,
    }),
  ]);
  return { ...hold, status: naar, gewijzigdOp: op };
}

/** The child is placed: the hold ends, the place stays taken. */
export const plaats = (deps: ServiceDeps, id: string, door: string) => beeindig(deps, id, "geplaatst", door);
/** The hold is withdrawn: the place goes back. */
export const trekIn = (deps: ServiceDeps, id: string, door: string) => beeindig(deps, id, "ingetrokken", door);

/** Steps that end a case's open proposals and active holds (the case is stopped or changed by a person). */
export async function releaseSteps(
  deps: ServiceDeps,
  { casusId, now, door }: { casusId: string; now: string; door: string; reden: string },
): Promise<AtomicStep[]> {
  const holds = await deps.db.orm
    .select()
    .from(reserveringen)
    .where(and(eq(reserveringen.casusId, casusId), eq(reserveringen.status, "actief")));
  return [
    ...holds.flatMap((h) => [
      {
        query: deps.db.orm
          .update(reserveringen)
          .set({ status: "ingetrokken", gewijzigdOp: now })
          .where(eq(reserveringen.id, h.id)),
      },
      ...geefPlekTerugSteps(h.aanbodId, door, now),
    ]),
    {
      query: deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "verlopen", gewijzigdOp: now })
        .where(and(eq(matchvoorstellen.casusId, casusId), eq(matchvoorstellen.status, "open"))),
    },
  ];
}

/** Another request ended the same hold or proposal a moment earlier: nothing left to do. */
class AlHandled extends Error {}
function negeerAlHandled(error: unknown): void {
  if (!(error instanceof AlHandled)) throw error;
}

/**
 * Ends expired holds (their places go back) and expired proposals, before anything reads or
 * writes places, so that no stale hold ever blocks a place. Cheap when nothing expired.
 */
export async function verwerkVerlopen(deps: ServiceDeps): Promise<number> {
  const now = isoTimestamp(deps.clock.now());
  const holds = await deps.db.orm
    .select()
    .from(reserveringen)
    .where(and(eq(reserveringen.status, "actief"), lte(reserveringen.verlooptOp, now)));
  /** Ends one expired item; the first step claims it, so a concurrent sweep changes nothing twice. */
  const beeindigVerlopen = (claim: AtomicStep["query"], rest: AtomicStep[]) =>
    deps.db.atomic([{ query: claim, expectChanges: 1, onMismatch: () => new AlHandled() }, ...rest]).catch(negeerAlHandled);
  for (const h of holds) {
    await beeindigVerlopen(
      deps.db.orm
        .update(reserveringen)
        .set({ status: "verlopen", gewijzigdOp: now })
        .where(and(eq(reserveringen.id, h.id), eq(reserveringen.status, "actief"))),
      [
        ...geefPlekTerugSteps(h.aanbodId, "systeem", now),
        ...casusTerugSteps(deps, h.casusId, "gereserveerd", `reservering ${h.id} verlopen`, now),
      ],
    );
  }
  const proposals = await deps.db.orm
    .select({ id: matchvoorstellen.id, casusId: matchvoorstellen.casusId })
    .from(matchvoorstellen)
    .where(and(eq(matchvoorstellen.status, "open"), lte(matchvoorstellen.verlooptOp, now)));
  for (const p of proposals) {
    await beeindigVerlopen(
      deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "verlopen", gewijzigdOp: now })
        .where(and(eq(matchvoorstellen.id, p.id), eq(matchvoorstellen.status, "open"))),
      casusTerugSteps(deps, p.casusId, "voorgesteld", `voorstel ${p.id} verlopen`, now),
    );
  }
  return holds.length + proposals.length;
}

/** A case back on the waiting list, only if it is still where the expired hold or proposal left it. */
export function casusTerugSteps(
  deps: ServiceDeps,
  casusId: string,
  van: "gereserveerd" | "voorgesteld",
  reden: string,
  op: string,
): AtomicStep[] {
  return [
    casusHistorieStepIf(casusId, van, reden, op),
    {
      query: deps.db.orm
        .update(casussen)
        .set({ status: "wachtend", versie: sql`${casussen.versie} + 1`, gewijzigdOp: op })
        .where(and(eq(casussen.id, casusId), eq(casussen.status, van))),
    },
  ];
}

function casusHistorieStepIf(casusId: string, van: string, reden: string, op: string): AtomicStep {
  return {
    query: rawWrite(sql`INSERT INTO casus_historie (id, casus_id, volgnummer, soort, van, naar, reden, door, op)
      SELECT ${newId()}, id, (SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM casus_historie WHERE casus_id = ${casusId}),
        'status', ${van}, 'wachtend', ${reden}, 'systeem', ${op}
      FROM casussen WHERE id = ${casusId} AND status = ${van}`),
  };
}
