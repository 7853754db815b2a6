import { and, asc, count, eq, gt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AtomicStep } from "../../db/database.ts";
import { aanmeldingen, matchvoorstellen, reserveringen } from "../../db/schema/index.ts";
import { auteur } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import type { ReserveringStatus } from "../kern/vocabulary.ts";
import { findAanbod } from "./aanbod.ts";
import { assertOvergang, casusHistorieStep, kenmerken, requireCasus, statusStep } from "./casus-overgangen.ts";
import { type ActorCtx, type Ctx, type Deps, instellingen, noteer, useCase } from "./context.ts";
import { holdInsertStep, plaatsingSteps } from "./plekken.ts";
import { conditions, paged } from "./query.ts";
import { HEEL_REGISTER, koppelingInScope, koppelingWhere, requireRegioInScope, type Scope, scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";
import { expireOverdue } from "./verlopen.ts";

export type ReserveringRow = typeof reserveringen.$inferSelect;

export const ReserveringInput = z
  .strictObject({
    aanbodId: z.uuid({ message: "Moet een UUID zijn." }),
    casusId: z.uuid({ message: "Moet een UUID zijn." }),
  })
  .meta({ id: "ReserveringInput" });

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

/** Holds as the caller may see them; a provider gets the child's age instead of the case id. */
export async function presentReserveringen(deps: Deps, scope: Scope, rows: readonly ReserveringRow[]) {
  const van = await kenmerken(
    deps,
    rows.map((r) => r.casusId),
  );
  const now = isoTimestamp(deps.clock.now());
  return rows.map((row) => {
    // A hold past its end has ended, whether or not it has been finalised yet.
    const r = toReservering(row.status === "actief" && row.verlooptOp <= now ? { ...row, status: "verlopen" } : row);
    const k = van.get(row.casusId);
    const gezien = { leeftijd: k?.leeftijd ?? null, gevraagdeZorgvorm: k?.gevraagdeZorgvorm ?? null };
    return scope.aanbiederId === undefined ? { ...r, ...gezien } : { ...r, casusId: null, ...gezien };
  });
}
export type ReserveringView = Awaited<ReturnType<typeof presentReserveringen>>[number];

/** A hold, or 404 when it does not exist or lies outside the caller's scope. */
async function requireReservering(deps: Deps, id: string, scope: Scope = HEEL_REGISTER): Promise<ReserveringRow> {
  const [row] = await deps.db.orm.select().from(reserveringen).where(eq(reserveringen.id, id));
  if (!row || !(await koppelingInScope(deps, scope, row))) throw DomainError.notFound(`Reservering ${id}`);
  return row;
}

/** Holds with this status as they stand at `now`: an expired active hold is `verlopen`. */
function statusWhere(status: ReserveringStatus, now: string): SQL | undefined {
  const verlopen = and(eq(reserveringen.status, "actief"), lte(reserveringen.verlooptOp, now));
  if (status === "actief") return and(eq(reserveringen.status, "actief"), gt(reserveringen.verlooptOp, now));
  if (status === "verlopen") return or(eq(reserveringen.status, "verlopen"), verlopen);
  return eq(reserveringen.status, status);
}

/** Holds in the actor's scope: a broker's for its regions' cases, a provider's on its own offers. */
export async function readReserveringen(
  deps: Deps,
  filter: { casusId?: string; aanbodId?: string; status?: ReserveringStatus },
  paging: Paging,
  scope: Scope,
) {
  const where = and(
    ...conditions(
      koppelingWhere(deps, scope, reserveringen),
      filter.casusId ? eq(reserveringen.casusId, filter.casusId) : undefined,
      filter.aanbodId ? eq(reserveringen.aanbodId, filter.aanbodId) : undefined,
      filter.status ? statusWhere(filter.status, isoTimestamp(deps.clock.now())) : undefined,
    ),
  );
  return paged(
    paging,
    (limit, offset) =>
      deps.db.orm
        .select()
        .from(reserveringen)
        .where(where)
        .orderBy(asc(reserveringen.aangemaaktOp), asc(reserveringen.id))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(reserveringen).where(where),
    (row) => row,
  );
}

const INZAGE = ["zorgmakelaar", "aanbieder"] as const;

/** The actor's scope, narrowed to one of its regions when the caller names one (a broker's page per region). */
export async function scopeBinnenRegio(ctx: Ctx, regio: string | undefined): Promise<Scope> {
  if (regio === undefined) return scopeOf(ctx.actor);
  await requireRegioInScope(ctx.deps, ctx.actor, regio);
  return { regios: [regio] };
}

export const listReserveringen = useCase(
  INZAGE,
  async (ctx, input: Paging & { casusId?: string; aanbodId?: string; status?: ReserveringStatus; regio?: string }) => {
    const { pagina, perPagina, regio, ...filter } = input;
    const scope = await scopeBinnenRegio(ctx, regio);
    const page = await readReserveringen(ctx.deps, filter, { pagina, perPagina }, scope);
    noteer(
      ctx,
      page.resultaten.map((r) => r.casusId),
    );
    return { ...page, resultaten: await presentReserveringen(ctx.deps, scope, page.resultaten) };
  },
);

export const getReservering = useCase(INZAGE, async (ctx, { id }: { id: string }) => {
  const scope = scopeOf(ctx.actor);
  const row = await requireReservering(ctx.deps, id, scope);
  noteer(ctx, [row.casusId]);
  const [out] = await presentReserveringen(ctx.deps, scope, [row]);
  return out as ReserveringView;
});

/**
 * Holds one free place for a case (from a proposal or directly after a phone call with the
 * provider). The hold counts against the offer's free places at once: when no free place is
 * left that another hold does not count on, 409 and nothing changes.
 */
export async function holdPlek(
  ctx: ActorCtx,
  input: { aanbodId: string; casusId: string; voorstelId?: string },
  extra: AtomicStep[] = [],
): Promise<ReserveringRow> {
  const { deps } = ctx;
  const wie = auteur(ctx.actor);
  await expireOverdue(deps, { casusId: input.casusId });
  const casus = await requireCasus(deps, input.casusId);
  const offer = await findAanbod(deps, input.aanbodId);
  if (!offer)
    throw DomainError.invalid([{ name: "aanbodId", code: "onbekend", reason: `Aanbod ${input.aanbodId} bestaat niet.` }]);
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
  await atomicMetLog(
    ctx,
    [
      holdInsertStep(row),
      statusStep(deps, casus, "gereserveerd", op),
      casusHistorieStep(deps, {
        casusId: casus.id,
        soort: "status",
        van: casus.status,
        naar: "gereserveerd",
        reden: `plek vastgehouden bij ${offer.naam}`,
        ...wie,
        op,
      }),
      ...extra,
    ],
    [casus.id],
  );
  return row;
}

/** POST /reserveringen: a broker holds a place for a case of its regions. */
export const createReservering = useCase(["zorgmakelaar"], async (ctx, input: z.output<typeof ReserveringInput>) => {
  // A case outside the broker's regions answers as if it did not exist.
  const casus = await requireCasus(ctx.deps, input.casusId, scopeOf(ctx.actor));
  noteer(ctx, [casus.id]);
  const row = await holdPlek(ctx, input);
  const [out] = await presentReserveringen(ctx.deps, scopeOf(ctx.actor), [row]);
  return out as ReserveringView;
});

async function endHold(ctx: ActorCtx, gezien: ReserveringRow, naar: "geplaatst" | "ingetrokken"): Promise<ReserveringRow> {
  const { deps } = ctx;
  const wie = auteur(ctx.actor);
  const { id } = gezien;
  // A hold past its end is ended first (its case waits again), so it cannot be placed any more.
  await expireOverdue(deps, { casusId: gezien.casusId });
  const hold = await requireReservering(deps, id);
  if (hold.status !== "actief") {
    throw DomainError.conflict(`Reservering ${id} is ${hold.status}; alleen een actieve reservering kan dat.`);
  }
  const [aanmelding] = await deps.db.orm
    .select({ id: aanmeldingen.id })
    .from(aanmeldingen)
    .where(eq(aanmeldingen.reserveringId, id));
  if (aanmelding) {
    throw DomainError.conflict(
      `Reservering ${id} hoort bij aanmelding ${aanmelding.id}: de aanbieder legt daar de start vast, en intrekken gaat via die aanmelding.`,
      { extensions: { aanmeldingId: aanmelding.id } },
    );
  }
  const casus = await requireCasus(deps, hold.casusId);
  const casusNaar = naar === "geplaatst" ? "geplaatst" : "wachtend";
  assertOvergang(casus, casusNaar);
  const op = isoTimestamp(deps.clock.now());
  await atomicMetLog(
    ctx,
    [
      {
        query: deps.db.orm
          .update(reserveringen)
          .set({ status: naar, gewijzigdOp: op })
          .where(and(eq(reserveringen.id, id), eq(reserveringen.status, "actief"))),
        expectChanges: 1,
        onMismatch: () => DomainError.conflict(`Reservering ${id} is intussen beëindigd.`),
      },
      ...(naar === "geplaatst" ? plaatsingSteps(hold.aanbodId, wie, op) : []),
      // Placed: help starts today, and the norm clock stops.
      statusStep(deps, casus, casusNaar, op, naar === "geplaatst" ? { startdatum: isoDate(deps.clock.now()) } : {}),
      casusHistorieStep(deps, {
        casusId: casus.id,
        soort: "status",
        van: casus.status,
        naar: casusNaar,
        reden: `reservering ${naar}`,
        ...wie,
        op,
      }),
    ],
    [casus.id],
  );
  return { ...hold, status: naar, gewijzigdOp: op };
}

function endHoldUseCase(naar: "geplaatst" | "ingetrokken") {
  return useCase(INZAGE, async (ctx, { id }: { id: string }) => {
    const scope = scopeOf(ctx.actor);
    const hold = await requireReservering(ctx.deps, id, scope);
    noteer(ctx, [hold.casusId]);
    const row = await endHold(ctx, hold, naar);
    const [out] = await presentReserveringen(ctx.deps, scope, [row]);
    return out as ReserveringView;
  });
}

/** The child is placed: the hold ends, the place stays taken. */
export const placeReservering = endHoldUseCase("geplaatst");
/** The hold is withdrawn: the place goes back. */
export const withdrawReservering = endHoldUseCase("ingetrokken");

/** Steps that end a case's open proposals and active holds (the case is stopped or changed by a person). */
export async function endKoppelingenSteps(
  deps: Deps,
  { casusId, now, wie }: { casusId: string; now: string; wie: string },
): Promise<AtomicStep[]> {
  const holds = await deps.db.orm
    .select()
    .from(reserveringen)
    .where(and(eq(reserveringen.casusId, casusId), eq(reserveringen.status, "actief")));
  return [
    ...holds.map((h) => ({
      query: deps.db.orm.update(reserveringen).set({ status: "ingetrokken", gewijzigdOp: now }).where(eq(reserveringen.id, h.id)),
    })),
    {
      query: deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "verlopen", gewijzigdOp: now })
        .where(and(eq(matchvoorstellen.casusId, casusId), eq(matchvoorstellen.status, "open"))),
    },
  ];
}
