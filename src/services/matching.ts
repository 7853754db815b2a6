import { and, asc, count, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type Contractvraag, dekkingVoor } from "../../db/dekking.ts";
import { aanbod, casussen, gemeenten, matchvoorstellen, zoekAanbod } from "../../db/schema/index.ts";
import { door } from "../kern/actor.ts";
import { leeftijdJaren } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { regioCode, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { DAY_MS, HIDDEN_AFTER_DAYS, isoTimestamp } from "../kern/time.ts";
import { AFWIJSREDENEN, type VoorstelStatus } from "../kern/vocabulary.ts";
import { type MatchAanbod, type MatchCasus, matchCasussen } from "../priority/matching.ts";
import { assertOvergang, type CasusRow, casusHistorieStep, leeftijden, requireCasus, statusStep } from "./casus-overgangen.ts";
import { catalogueTree } from "./catalogus.ts";
import { conditions, jsonIds, paged } from "./common.ts";
import { type Ctx, type Deps, instellingen, noteer, useCase } from "./context.ts";
import { loadPrioriteitContext, type Prioriteit } from "./prioritering.ts";
import { expireOverdue, holdPlek, presentReserveringen, type ReserveringView, scopeBinnenRegio } from "./reserveringen.ts";
import { HEEL_REGISTER, koppelingInScope, koppelingWhere, requireRegioInScope, type Scope, scopeOf } from "./scope.ts";

export type VoorstelRow = typeof matchvoorstellen.$inferSelect;

export const MatchingInput = z
  .strictObject({ regio: regioCode, zorgvorm: zorgvormCode.optional() })
  .meta({ id: "MatchingInput" });

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
  plek: { zorgvorm: string; naam: string; afstandKm: number | null; wachttijdWeken: number | null; gecontracteerd: true };
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
 * Proposals as the caller may see them. A provider learns the child's age and nothing else:
 * no case id to link with, no priority reasons (they can name a protection measure).
 */
export async function presentVoorstellen(deps: Deps, scope: Scope, rows: readonly VoorstelRow[]) {
  const ages = await leeftijden(
    deps,
    rows.map((r) => r.casusId),
  );
  return rows.map((row) => {
    const v = toVoorstel(row);
    const leeftijd = ages.get(row.casusId) ?? null;
    if (scope.aanbiederId === undefined) return { ...v, leeftijd };
    const uitleg: Omit<Uitleg, "casus"> & { casus: null } = { ...v.uitleg, casus: null };
    return { ...v, casusId: null, uitleg, leeftijd };
  });
}
export type VoorstelView = Awaited<ReturnType<typeof presentVoorstellen>>[number];

/** `aanbiederId|zorgvorm` of every care type contracted for the municipality on the day (the one rule in db/dekking.ts). */
async function contractSleutels(deps: Deps, vraag: Contractvraag): Promise<Set<string>> {
  const rows = await deps.db.orm.all<{ a: string; z: string }>(
    sql`SELECT DISTINCT d.aanbieder_id AS a, d.zorgvorm AS z FROM contract_dekking d WHERE ${dekkingVoor(vraag)}`,
  );
  return new Set(rows.map((r) => `${r.a}|${r.z}`));
}

/** Higher for a higher group and longer waiting: the order in which the engine served cases. */
function score(p: Prioriteit): number {
  return (p.groep === null ? 0 : Math.max(0, 10 - p.groep)) * 100_000 + Math.min(p.wachtdagen, 99_999);
}

function samenvatting(p: Prioriteit, offer: { naam: string }, afstandKm: number | null, wacht: number | null): string {
  const waarom = p.groep === null ? "geen prioriteitsgroep" : `groep ${p.groep}`;
  const waar = afstandKm === null ? "afstand onbekend" : `${afstandKm.toFixed(1).replace(".", ",")} km van de woongemeente`;
  const wanneer = wacht === null ? "wachttijd onbekend" : `${wacht} weken wachttijd`;
  return `${waarom}, ${p.wachtdagen} dagen wachtend; ${offer.naam}: gecontracteerd, ${waar}, ${wanneer}.`;
}

/**
 * One matching run for a region: the waiting cases inside the framework (regulier, status
 * wachtend, no open proposal) against open, not strongly stale offers with free places.
 * Optimal per the lexicographic objective of `matchCasussen`; every proposal explained.
 */
export const runMatching = useCase(["zorgmakelaar"], async (ctx, input: z.output<typeof MatchingInput>) => {
  const { deps } = ctx;
  await requireRegioInScope(deps, ctx.actor, input.regio);
  await expireOverdue(deps);
  const tree = await catalogueTree(deps);
  if (input.zorgvorm && !tree.known.has(input.zorgvorm)) {
    throw DomainError.invalid([
      { name: "zorgvorm", code: "onbekende-code", reason: `Zorgvorm ${input.zorgvorm} staat niet in de catalogus.` },
    ]);
  }
  const now = deps.clock.now();
  const prioriteiten = await loadPrioriteitContext(deps);
  const gms = await deps.db.orm.select().from(gemeenten).where(eq(gemeenten.regio, input.regio));
  const gemeente = new Map(gms.map((g) => [g.code, g]));
  const binnen = input.zorgvorm ? new Set(tree.subtree(input.zorgvorm)) : undefined;
  const rows = (
    await deps.db.orm
      .select()
      .from(casussen)
      .where(
        and(
          eq(casussen.status, "wachtend"),
          eq(casussen.urgentie, "regulier"),
          inArray(casussen.woongemeente, [...gemeente.keys()]),
        ),
      )
  ).filter((c) => !binnen || binnen.has(c.zorgvorm));
  noteer(
    ctx,
    rows.map((r) => r.id),
  );

  const afgewezen = new Map<string, Set<string>>();
  if (rows.length > 0) {
    const declined = await deps.db.orm
      .select({ casusId: matchvoorstellen.casusId, aanbodId: matchvoorstellen.aanbodId })
      .from(matchvoorstellen)
      .where(
        and(
          eq(matchvoorstellen.status, "afgewezen"),
          sql`${matchvoorstellen.casusId} IN (SELECT value FROM json_each(${jsonIds(rows.map((r) => r.id))}))`,
        ),
      );
    for (const d of declined) afgewezen.set(d.casusId, (afgewezen.get(d.casusId) ?? new Set()).add(d.aanbodId));
  }
  const sleutels = new Map<string, Set<string>>();
  for (const g of gms)
    sleutels.set(g.code, await contractSleutels(deps, { gemeente: g.code, regio: g.regio, dag: prioriteiten.opDatum }));

  const prio = new Map(rows.map((r) => [r.id, prioriteiten.prioriteit(r)]));
  const cases: MatchCasus[] = rows.map((r) => {
    const g = gemeente.get(r.woongemeente);
    return {
      id: r.id,
      groep: prio.get(r.id)?.groep ?? null,
      wachtdagen: prio.get(r.id)?.wachtdagen ?? 0,
      lat: g?.lat ?? null,
      lon: g?.lon ?? null,
      zorgvormen: new Set(tree.subtree(r.zorgvorm)),
      leeftijdJaren: leeftijdJaren(r.geboortedatum, prioriteiten.opDatum),
      contractSleutels: sleutels.get(r.woongemeente) ?? new Set(),
      afgewezen: afgewezen.get(r.id),
    };
  });
  const cutoff = new Date(now.getTime() - HIDDEN_AFTER_DAYS * DAY_MS).toISOString();
  const offers = await deps.db.orm
    .select({ a: aanbod, lat: zoekAanbod.lat, lon: zoekAanbod.lon })
    .from(aanbod)
    .innerJoin(zoekAanbod, eq(zoekAanbod.id, aanbod.id))
    .where(and(eq(aanbod.intakeStatus, "open"), gt(aanbod.vrijePlekken, 0), gte(aanbod.bevestigdOp, cutoff)));
  const byOffer = new Map(offers.map((o) => [o.a.id, o.a]));
  const places: MatchAanbod[] = offers.map(({ a, lat, lon }) => ({
    id: a.id,
    aanbiederId: a.aanbiederId,
    zorgvorm: a.zorgvorm,
    leeftijdVan: a.leeftijdVan,
    leeftijdTot: a.leeftijdTot,
    capaciteit: a.vrijePlekken,
    wachttijdWeken:
      a.aanmeldwachttijdWeken === null || a.behandelwachttijdWeken === null
        ? null
        : a.aanmeldwachttijdWeken + a.behandelwachttijdWeken,
    lat,
    lon,
  }));

  const { voorstellen } = matchCasussen(cases, places);
  const caseById = new Map(rows.map((r) => [r.id, r]));
  const placeById = new Map(places.map((p) => [p.id, p]));
  const run = newId();
  const op = isoTimestamp(now);
  const verlooptOp = isoTimestamp(new Date(now.getTime() + instellingen(deps).voorstelUren * 3_600_000));
  const wie = door(ctx.actor);
  const created: VoorstelRow[] = [];
  const steps = voorstellen.flatMap((v) => {
    const casus = caseById.get(v.casusId) as CasusRow;
    const offer = byOffer.get(v.aanbodId) as typeof aanbod.$inferSelect;
    const p = prio.get(v.casusId) as Prioriteit;
    const place = placeById.get(v.aanbodId) as MatchAanbod;
    const afstandKm = v.afstandKm === null ? null : Math.round(v.afstandKm * 10) / 10;
    const uitleg: Uitleg = {
      casus: { groep: p.groep, redenen: p.redenen, wachtdagen: p.wachtdagen },
      plek: { zorgvorm: offer.zorgvorm, naam: offer.naam, afstandKm, wachttijdWeken: place.wachttijdWeken, gecontracteerd: true },
      samenvatting: samenvatting(p, offer, afstandKm, place.wachttijdWeken),
    };
    const row: VoorstelRow = {
      id: newId(),
      run,
      casusId: v.casusId,
      aanbodId: v.aanbodId,
      score: score(p),
      uitleg,
      status: "open",
      afwijsreden: null,
      toelichting: null,
      verlooptOp,
      aangemaaktOp: op,
      gewijzigdOp: op,
    };
    created.push(row);
    return [
      { query: deps.db.orm.insert(matchvoorstellen).values(row) },
      statusStep(deps, casus, "voorgesteld", op),
      casusHistorieStep(deps, {
        casusId: casus.id,
        soort: "status",
        van: "wachtend",
        naar: "voorgesteld",
        reden: `voorstel ${row.id}`,
        door: wie,
        op,
      }),
    ];
  });
  await deps.db.atomic(steps);
  return {
    run,
    voorstellen: await presentVoorstellen(deps, scopeOf(ctx.actor), created),
    casussen: rows.length,
    plekken: places.reduce((n, p) => n + p.capaciteit, 0),
  };
});

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
        input.status ? eq(matchvoorstellen.status, input.status) : undefined,
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

/** Accepting turns the proposal into a hold that takes the place atomically (409 when it is gone). */
export const acceptVoorstel = useCase(["zorgmakelaar"], async (ctx, { id }: { id: string }): Promise<ReserveringView> => {
  const { deps } = ctx;
  await voorstelVan(ctx, id);
  await expireOverdue(deps);
  const voorstel = await requireVoorstel(deps, id);
  assertOpen(voorstel);
  const op = isoTimestamp(deps.clock.now());
  const row = await holdPlek(deps, { aanbodId: voorstel.aanbodId, casusId: voorstel.casusId, voorstelId: id }, door(ctx.actor), [
    {
      query: deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "geaccepteerd", gewijzigdOp: op })
        .where(and(eq(matchvoorstellen.id, id), eq(matchvoorstellen.status, "open"))),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict(`Matchvoorstel ${id} is intussen afgehandeld.`),
    },
  ]);
  const [out] = await presentReserveringen(deps, scopeOf(ctx.actor), [row]);
  return out as ReserveringView;
});

/** Declining needs a reason; the pair is never proposed again. */
export const declineVoorstel = useCase(
  ["zorgmakelaar"],
  async (ctx, input: { id: string; afwijzing: z.output<typeof AfwijzingInput> }) => {
    const { deps } = ctx;
    const { id } = input;
    await voorstelVan(ctx, id);
    await expireOverdue(deps);
    const voorstel = await requireVoorstel(deps, id);
    assertOpen(voorstel);
    const casus = await requireCasus(deps, voorstel.casusId);
    assertOvergang(casus, "wachtend");
    const op = isoTimestamp(deps.clock.now());
    const { reden, toelichting } = input.afwijzing;
    await deps.db.atomic([
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
        reden: `voorstel afgewezen: ${reden}`,
        door: door(ctx.actor),
        op,
      }),
    ]);
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
