import { and, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type Contractvraag, dekkingVoor } from "../../db/dekking.ts";
import { aanbod, casussen, gemeenten, matchvoorstellen, zoekAanbod } from "../../db/schema/index.ts";
import { auteur } from "../kern/actor.ts";
import { leeftijdJaren } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { regioCode, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import { DAY_MS, HIDDEN_AFTER_DAYS, isoTimestamp } from "../kern/time.ts";
import { type MatchAanbod, type MatchCasus, matchCasussen } from "../priority/matching.ts";
import { type CasusRow, casusHistorieStep, statusStep } from "./casus-overgangen.ts";
import { catalogueTree } from "./catalogus.ts";
import { type Deps, instellingen, noteer, useCase } from "./context.ts";
import { presentVoorstellen, type Uitleg, type VoorstelRow } from "./matchvoorstellen.ts";
import { actieveHolds } from "./plekken.ts";
import { loadPrioriteitContext, type Prioriteit } from "./prioriteringsregels.ts";
import { jsonIds } from "./query.ts";
import { expireOverdue } from "./reserveringen.ts";
import { requireRegioInScope, scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";

/** A matching run: proposals of waiting case ↔ free place for a region, each explained. */

export const MatchingInput = z
  .strictObject({ regio: regioCode, zorgvorm: zorgvormCode.optional() })
  .meta({ id: "MatchingInput" });

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
  // Free places no hold counts on: the only places matching may propose.
  const offers = await deps.db.orm
    .select({
      a: aanbod,
      lat: zoekAanbod.lat,
      lon: zoekAanbod.lon,
      beschikbaar: sql<number>`${aanbod.vrijePlekken} - ${actieveHolds(sql.raw("aanbod.id"), isoTimestamp(now))}`,
    })
    .from(aanbod)
    .innerJoin(zoekAanbod, eq(zoekAanbod.id, aanbod.id))
    .where(
      and(
        eq(aanbod.intakeStatus, "open"),
        gt(aanbod.vrijePlekken, 0),
        gte(aanbod.bevestigdOp, cutoff),
        sql`${aanbod.vrijePlekken} > ${actieveHolds(sql.raw("aanbod.id"), isoTimestamp(now))}`,
      ),
    );
  const byOffer = new Map(offers.map((o) => [o.a.id, o.a]));
  const places: MatchAanbod[] = offers.map(({ a, lat, lon, beschikbaar }) => ({
    id: a.id,
    aanbiederId: a.aanbiederId,
    zorgvorm: a.zorgvorm,
    leeftijdVan: a.leeftijdVan,
    leeftijdTot: a.leeftijdTot,
    capaciteit: Number(beschikbaar),
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
  const wie = auteur(ctx.actor);
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
        ...wie,
        op,
      }),
    ];
  });
  await atomicMetLog(
    ctx,
    steps,
    rows.map((r) => r.id),
  );
  return {
    run,
    voorstellen: await presentVoorstellen(deps, scopeOf(ctx.actor), created),
    casussen: rows.length,
    plekken: places.reduce((n, p) => n + p.capaciteit, 0),
  };
});
