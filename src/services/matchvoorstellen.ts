import { and, asc, count, eq, gt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { matchvoorstellen } from "../../db/schema/index.ts";
import { auteur } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import { AFWIJSLABELS, AFWIJSREDENEN, type VoorstelStatus } from "../kern/vocabulary.ts";
import { type AanmeldingView, presentAanmeldingen, verstuurAanmelding } from "./aanmeldingen.ts";
import { assertOvergang, casusHistorieStep, kenmerken, requireCasus, statusStep } from "./casus-overgangen.ts";
import { type Ctx, type Deps, noteer, useCase } from "./context.ts";
import { conditions, paged } from "./query.ts";
import { scopeBinnenRegio } from "./reserveringen.ts";
import { HEEL_REGISTER, koppelingInScope, koppelingWhere, type Scope, scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";
import { expireOverdue } from "./verlopen.ts";

export type VoorstelRow = typeof matchvoorstellen.$inferSelect;

export const AfwijzingInput = z
  .strictObject({
    reden: z.enum(AFWIJSREDENEN),
    toelichting: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reden === "anders" && !v.toelichting) {
      ctx.addIssue({
        code: "custom",
        path: ["toelichting"],
        message: "Bij 'anders' is een toelichting verplicht.",
        params: { code: "verplicht" },
      });
    }
  })
  .meta({ id: "AfwijzingInput" });

export interface Uitleg {
  casus: { groep: number | null; redenen: string[]; wachtdagen: number };
  plek: {
    zorgvorm: string;
    naam: string;
    afstandKm: number | null;
    wachttijdWeken: number | null;
    gecontracteerd: boolean;
    /** No free place: accepting sends an aanmelding for the provider's waiting list (no hold). */
    wachtlijst?: boolean;
    /** Today plus both waiting times. */
    verwachteStart?: string;
    /** The case's norm date, or registration plus the region's maximum wait. */
    uiterlijkeStart?: string | null;
  };
  samenvatting: string;
}

export function toVoorstel(row: VoorstelRow) {
  return {
    id: row.id,
    casusId: row.casusId,
    aanbodId: row.aanbodId,
    score: row.score,
    uitleg: row.uitleg as Uitleg,
    status: row.status,
    afwijsreden: row.afwijsreden,
    toelichting: row.toelichting,
    verlooptOp: row.verlooptOp,
    aangemaaktOp: row.aangemaaktOp,
  };
}

/**
 * Proposals as the caller may see them. A provider learns the child's age and the care asked,
 * and nothing that tells the priority group, a measure or the waiting: no case id, no reasons,
 * no summary, no score (it encodes the group), no distance, no note of the broker.
 */
export async function presentVoorstellen(deps: Deps, scope: Scope, rows: readonly VoorstelRow[]) {
  const van = await kenmerken(
    deps,
    rows.map((r) => r.casusId),
  );
  const now = isoTimestamp(deps.clock.now());
  return rows.map((row) => {
    // A proposal past its end has ended, whether or not it has been finalised yet.
    const v = toVoorstel(row.status === "open" && row.verlooptOp <= now ? { ...row, status: "verlopen" } : row);
    const k = van.get(row.casusId);
    const gezien = { leeftijd: k?.leeftijd ?? null, gevraagdeZorgvorm: k?.gevraagdeZorgvorm ?? null };
    if (scope.aanbiederId === undefined) return { ...v, ...gezien };
    // The distance would tell where the child lives, the latest start the measure.
    const uitleg = { plek: { ...v.uitleg.plek, afstandKm: null, uiterlijkeStart: null }, casus: null, samenvatting: null };
    return { ...v, ...gezien, casusId: null, score: null, uitleg, afwijsreden: null, toelichting: null };
  });
}
export type VoorstelView = Awaited<ReturnType<typeof presentVoorstellen>>[number];

/** A proposal, or 404 when it does not exist or lies outside the caller's scope. */
async function requireVoorstel(deps: Deps, id: string, scope: Scope = HEEL_REGISTER): Promise<VoorstelRow> {
  const [row] = await deps.db.orm.select().from(matchvoorstellen).where(eq(matchvoorstellen.id, id));
  if (!row || !(await koppelingInScope(deps, scope, row))) throw DomainError.notFound(`Matchvoorstel ${id}`);
  return row;
}

/** A proposal the actor may see (else 404), noted for the access log. */
async function voorstelVan(ctx: Ctx, id: string): Promise<VoorstelRow> {
  const row = await requireVoorstel(ctx.deps, id, scopeOf(ctx.actor));
  noteer(ctx, [row.casusId]);
  return row;
}

const INZAGE = ["zorgmakelaar", "aanbieder"] as const;

/** Proposals with this status as they stand at `now`: an expired open proposal is `verlopen`. */
function voorstelStatusWhere(status: VoorstelStatus, now: string): SQL | undefined {
  if (status === "open") return and(eq(matchvoorstellen.status, "open"), gt(matchvoorstellen.verlooptOp, now));
  if (status === "verlopen")
    return or(
      eq(matchvoorstellen.status, "verlopen"),
      and(eq(matchvoorstellen.status, "open"), lte(matchvoorstellen.verlooptOp, now)),
    );
  return eq(matchvoorstellen.status, status);
}

/** Every open proposal in a scope, unpaged and unlogged: the caller orders, pages and logs what it shows. */
export async function openVoorstelRows(deps: Deps, scope: Scope): Promise<VoorstelRow[]> {
  const now = isoTimestamp(deps.clock.now());
  return deps.db.orm
    .select()
    .from(matchvoorstellen)
    .where(and(...conditions(koppelingWhere(deps, scope, matchvoorstellen), voorstelStatusWhere("open", now))))
    .orderBy(asc(matchvoorstellen.aangemaaktOp), asc(matchvoorstellen.id));
}

/** Proposals in the actor's scope, oldest first; a broker may narrow them to one of its regions. */
export const listVoorstellen = useCase(
  INZAGE,
  async (ctx, input: Paging & { casusId?: string; status?: VoorstelStatus; regio?: string }) => {
    const { deps } = ctx;
    const scope = await scopeBinnenRegio(ctx, input.regio);
    const where = and(
      ...conditions(
        koppelingWhere(deps, scope, matchvoorstellen),
        input.casusId ? eq(matchvoorstellen.casusId, input.casusId) : undefined,
        input.status ? voorstelStatusWhere(input.status, isoTimestamp(deps.clock.now())) : undefined,
      ),
    );
    const page = await paged(
      input,
      (limit, offset) =>
        deps.db.orm
          .select()
          .from(matchvoorstellen)
          .where(where)
          .orderBy(asc(matchvoorstellen.aangemaaktOp), asc(matchvoorstellen.id))
          .limit(limit)
          .offset(offset),
      () => deps.db.orm.select({ n: count() }).from(matchvoorstellen).where(where),
      (row) => row,
    );
    noteer(
      ctx,
      page.resultaten.map((r) => r.casusId),
    );
    return { ...page, rijen: page.resultaten, resultaten: await presentVoorstellen(deps, scope, page.resultaten) };
  },
);

export const getVoorstel = useCase(INZAGE, async (ctx, { id }: { id: string }) => {
  const row = await voorstelVan(ctx, id);
  const [out] = await presentVoorstellen(ctx.deps, scopeOf(ctx.actor), [row]);
  return out as VoorstelView;
});

function assertOpen(row: VoorstelRow): void {
  if (row.status !== "open") throw DomainError.conflict(`Matchvoorstel ${row.id} is ${row.status}, niet meer open.`);
}

/**
 * Accepting sends the proposal as an aanmelding to the provider, who decides (the referral
 * process, step 5): with a free place the place is held at once (409 when it is gone), with a
 * waiting-list offer the aanmelding goes on the provider's waiting list.
 */
export const acceptVoorstel = useCase(["zorgmakelaar"], async (ctx, { id }: { id: string }): Promise<AanmeldingView> => {
  const { deps } = ctx;
  const gezien = await voorstelVan(ctx, id);
  await expireOverdue(deps, { casusId: gezien.casusId });
  const voorstel = await requireVoorstel(deps, id);
  assertOpen(voorstel);
  const op = isoTimestamp(deps.clock.now());
  const uitleg = voorstel.uitleg as Uitleg;
  const row = await verstuurAanmelding(
    ctx,
    {
      casusId: voorstel.casusId,
      aanbodId: voorstel.aanbodId,
      contactpersoon: { naam: ctx.actor.organisatieNaam },
      metReservering: uitleg.plek.wachtlijst !== true,
      toelichting: undefined,
    },
    {
      voorstelId: id,
      extra: [
        {
          query: deps.db.orm
            .update(matchvoorstellen)
            .set({ status: "geaccepteerd", gewijzigdOp: op })
            .where(and(eq(matchvoorstellen.id, id), eq(matchvoorstellen.status, "open"))),
          expectChanges: 1,
          onMismatch: () => DomainError.conflict(`Matchvoorstel ${id} is intussen afgehandeld.`),
        },
      ],
    },
  );
  const [out] = await presentAanmeldingen(deps, scopeOf(ctx.actor), [row]);
  return out as AanmeldingView;
});

/** Declining needs a reason; the pair is never proposed again. */
export const declineVoorstel = useCase(
  ["zorgmakelaar"],
  async (ctx, input: { id: string; afwijzing: z.output<typeof AfwijzingInput> }) => {
    const { deps } = ctx;
    const { id } = input;
    const gezien = await voorstelVan(ctx, id);
    await expireOverdue(deps, { casusId: gezien.casusId });
    const voorstel = await requireVoorstel(deps, id);
    assertOpen(voorstel);
    const casus = await requireCasus(deps, voorstel.casusId);
    assertOvergang(casus, "wachtend");
    const op = isoTimestamp(deps.clock.now());
    const { reden, toelichting } = input.afwijzing;
    await atomicMetLog(
      ctx,
      [
        {
          query: deps.db.orm
            .update(matchvoorstellen)
            .set({ status: "afgewezen", afwijsreden: reden, toelichting: toelichting ?? null, gewijzigdOp: op })
            .where(and(eq(matchvoorstellen.id, id), eq(matchvoorstellen.status, "open"))),
          expectChanges: 1,
          onMismatch: () => DomainError.conflict(`Matchvoorstel ${id} is intussen afgehandeld.`),
        },
        statusStep(deps, casus, "wachtend", op),
        casusHistorieStep(deps, {
          casusId: casus.id,
          soort: "status",
          van: casus.status,
          naar: "wachtend",
          reden: `matchvoorstel afgewezen: ${AFWIJSLABELS[reden]}${toelichting ? `: ${toelichting}` : ""}`,
          ...auteur(ctx.actor),
          op,
        }),
      ],
      [casus.id],
    );
    const row: VoorstelRow = {
      ...voorstel,
      status: "afgewezen",
      afwijsreden: reden,
      toelichting: toelichting ?? null,
      gewijzigdOp: op,
    };
    const [out] = await presentVoorstellen(deps, scopeOf(ctx.actor), [row]);
    return out as VoorstelView;
  },
);
