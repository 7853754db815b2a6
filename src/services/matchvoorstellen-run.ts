import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { type Contractvraag, dekkingVoor } from "../../db/dekking.ts";
import { aanbod, aanmeldingen, casussen, gemeenten, matchvoorstellen, zoekAanbod } from "../../db/schema/index.ts";
import { auteur } from "../kern/actor.ts";
import { dagenTussen, datumLang, leeftijdJaren, plusDagen } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { regioCode, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import { DAY_MS, HIDDEN_AFTER_DAYS, isoTimestamp } from "../kern/time.ts";
import { type MatchAanbod, type MatchCasus, matchCasussen } from "../priority/matching.ts";
import { uiterlijkeStart } from "../priority/norm.ts";
import { type CasusRow, casusHistorieStep, readCasussen, statusStep } from "./casus-overgangen.ts";
import { catalogueTree } from "./catalogus.ts";
import { type Deps, instellingen, noteer, useCase } from "./context.ts";
import { buitenContract, readEscalaties } from "./escalaties.ts";
import { presentVoorstellen, type Uitleg, type VoorstelRow } from "./matchvoorstellen.ts";
import { actieveHolds } from "./plekken.ts";
import { loadPrioriteitContext, type Prioriteit } from "./prioriteringsregels.ts";
import { jsonIds } from "./query.ts";
import { regioInstellingenVoor, STANDAARD_REGIO_INSTELLINGEN } from "./regio-instellingen.ts";
import { requireRegioInScope, scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";
import { expireOverdue } from "./verlopen.ts";

/** A matching run: proposals of waiting case ↔ free place for a region, each explained. */

export const MatchingInput = z
  .strictObject({ regio: regioCode, zorgvorm: zorgvormCode.optional() })
  .meta({ id: "MatchingInput" });

/** A waiting-list offer takes at most this many referrals from one run (it has no free place to run out of). */
const WACHTLIJST_PER_RUN = 20;

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

function samenvatting(
  p: Prioriteit,
  offer: { naam: string },
  plek: { afstandKm: number | null; wacht: number | null; verwachteStart: string; gecontracteerd: boolean; wachtlijst: boolean },
  uiterlijk: string | null,
): string {
  const waarom = p.groep === null ? "geen prioriteitsgroep" : `groep ${p.groep}`;
  const sinds = p.klok.wachtBasis === "aanmelddatum" ? "wachtend" : "wachtend sinds de uitspraak";
  const waar =
    plek.afstandKm === null ? "afstand onbekend" : `${plek.afstandKm.toFixed(1).replace(".", ",")} km van de woongemeente`;
  const wanneer = plek.wacht === null ? "wachttijd onbekend" : `${plek.wacht} ${plek.wacht === 1 ? "week" : "weken"} wachttijd`;
  const contract = plek.gecontracteerd ? "gecontracteerd" : "niet gecontracteerd: maatwerk via de gemeente (escalatie A1/A2)";
  const hoe = plek.wachtlijst ? "geen vrije plek, aanmelden voor de wachtlijst" : "vrije plek";
  const op = uiterlijk
    ? plek.verwachteStart <= uiterlijk
      ? `, voor ${p.klok.normDatum ? "de normdatum" : "de maximale wachttijd"} (${datumLang(uiterlijk)})`
      : `; ${p.klok.normDatum ? "de normdatum" : "de maximale wachttijd"} (${datumLang(uiterlijk)}) is al voorbij, dit is de eerst mogelijke start`
    : "";
  return `${waarom}, ${p.klok.wachttijd} ${p.klok.wachttijd === 1 ? "dag" : "dagen"} ${sinds}; ${offer.naam}: ${contract}, ${hoe}, ${waar}, ${wanneer}; verwachte start ${datumLang(plek.verwachteStart)}${op}.`;
}

/**
 * One matching run for a region: the waiting cases inside the framework (regulier, status
 * wachtend, no open proposal or referral) against offers that are not strongly stale and have a
 * free place, or an open waiting list that still starts the child in time. Help must start
 * before the case's norm date (or the region's maximum wait); under escalation A1/A2 offers
 * outside the contracts count too, after contracted ones. Optimal per the lexicographic
 * objective of `matchCasussen`; every proposal explained, with its expected start.
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
  const nu = isoTimestamp(now);
  const rows = (
    await readCasussen(
      deps,
      and(
        eq(casussen.status, "wachtend"),
        eq(casussen.urgentie, "regulier"),
        inArray(casussen.woongemeente, [...gemeente.keys()]),
      ),
    )
  ).filter((c) => c.status === "wachtend" && (!binnen || binnen.has(c.zorgvorm)));
  noteer(
    ctx,
    rows.map((r) => r.id),
  );

  // A pair declined before (a proposal, or an aanmelding declined or unanswered) is never proposed again.
  const afgewezen = new Map<string, Set<string>>();
  if (rows.length > 0) {
    const binnenRun = sql`IN (SELECT value FROM json_each(${jsonIds(rows.map((r) => r.id))}))`;
    const declined = [
      ...(await deps.db.orm
        .select({ casusId: matchvoorstellen.casusId, aanbodId: matchvoorstellen.aanbodId })
        .from(matchvoorstellen)
        .where(and(eq(matchvoorstellen.status, "afgewezen"), sql`${matchvoorstellen.casusId} ${binnenRun}`))),
      ...(await deps.db.orm
        .select({ casusId: aanmeldingen.casusId, aanbodId: aanmeldingen.aanbodId })
        .from(aanmeldingen)
        .where(
          and(
            sql`(${aanmeldingen.status} IN ('afgewezen', 'verlopen') OR (${aanmeldingen.status} = 'verzonden' AND ${aanmeldingen.antwoordVoor} <= ${nu}))`,
            sql`${aanmeldingen.casusId} ${binnenRun}`,
          ),
        )),
    ];
    for (const d of declined) afgewezen.set(d.casusId, (afgewezen.get(d.casusId) ?? new Set()).add(d.aanbodId));
  }
  const sleutels = new Map<string, Set<string>>();
  for (const g of gms)
    sleutels.set(g.code, await contractSleutels(deps, { gemeente: g.code, regio: g.regio, dag: prioriteiten.opDatum }));

  const cutoff = new Date(now.getTime() - HIDDEN_AFTER_DAYS * DAY_MS).toISOString();
  // Free places no hold counts on, and open waiting lists with known waiting times: what matching may propose.
  const offers = await deps.db.orm
    .select({
      a: aanbod,
      lat: zoekAanbod.lat,
      lon: zoekAanbod.lon,
      beschikbaar: sql<number>`${aanbod.vrijePlekken} - ${actieveHolds(sql.raw("aanbod.id"), nu)}`,
    })
    .from(aanbod)
    .innerJoin(zoekAanbod, eq(zoekAanbod.id, aanbod.id))
    .where(
      and(
        gte(aanbod.bevestigdOp, cutoff),
        or(
          and(eq(aanbod.intakeStatus, "open"), sql`${aanbod.vrijePlekken} > ${actieveHolds(sql.raw("aanbod.id"), nu)}`),
          and(
            eq(aanbod.intakeStatus, "wachtlijst"),
            sql`(${aanbod.aanmeldwachttijdWeken} IS NOT NULL OR ${aanbod.behandelwachttijdWeken} IS NOT NULL)`,
          ),
        ),
      ),
    );
  const byOffer = new Map(offers.map((o) => [o.a.id, o.a]));
  const vandaag = prioriteiten.opDatum;
  const places: MatchAanbod[] = offers.map(({ a, lat, lon, beschikbaar }) => {
    const wachtlijst = a.intakeStatus !== "open";
    const weken = (a.aanmeldwachttijdWeken ?? 0) + (a.behandelwachttijdWeken ?? 0);
    return {
      id: a.id,
      aanbiederId: a.aanbiederId,
      zorgvorm: a.zorgvorm,
      leeftijdVan: a.leeftijdVan,
      leeftijdTot: a.leeftijdTot,
      capaciteit: wachtlijst ? WACHTLIJST_PER_RUN : Number(beschikbaar),
      wachttijdWeken:
        a.aanmeldwachttijdWeken === null || a.behandelwachttijdWeken === null
          ? null
          : a.aanmeldwachttijdWeken + a.behandelwachttijdWeken,
      startDag: 7 * weken,
      wachtlijst,
      lat,
      lon,
    };
  });

  // Under escalation A1/A2 a case may be helped outside the contracts: every offer, contracted ones first.
  const stappen = await readEscalaties(
    deps,
    rows.map((r) => r.id),
  );
  const alleSleutels = new Set(places.map((p) => `${p.aanbiederId}|${p.zorgvorm}`));
  const ruim = new Map<string, Set<string>>();
  const ruimVoor = (gemeenteCode: string) => {
    if (!ruim.has(gemeenteCode)) ruim.set(gemeenteCode, new Set(alleSleutels));
    return ruim.get(gemeenteCode) as Set<string>;
  };
  const maxWeken = new Map<string, number>();
  for (const g of gms)
    if (g.regio && !maxWeken.has(g.regio)) maxWeken.set(g.regio, (await regioInstellingenVoor(deps, g.regio)).maxWachttijdWeken);
  const prio = new Map(rows.map((r) => [r.id, prioriteiten.prioriteit(r)]));
  const uiterlijk = new Map(
    rows.map((r) => {
      const regio = gemeente.get(r.woongemeente)?.regio ?? null;
      const max = (regio && maxWeken.get(regio)) || STANDAARD_REGIO_INSTELLINGEN.maxWachttijdWeken;
      return [r.id, uiterlijkeStart((prio.get(r.id) as Prioriteit).klok, r.aanmelddatum, max)];
    }),
  );
  const cases: MatchCasus[] = rows.map((r) => {
    const g = gemeente.get(r.woongemeente);
    const p = prio.get(r.id) as Prioriteit;
    const echt = sleutels.get(r.woongemeente) ?? new Set<string>();
    const ruimer = buitenContract(stappen.get(r.id));
    return {
      id: r.id,
      groep: p.groep,
      wachtdagen: p.volgordeDagen,
      lat: g?.lat ?? null,
      lon: g?.lon ?? null,
      zorgvormen: new Set(tree.subtree(r.zorgvorm)),
      leeftijdJaren: leeftijdJaren(r.geboortedatum, vandaag),
      contractSleutels: ruimer ? ruimVoor(r.woongemeente) : echt,
      gecontracteerd: ruimer ? echt : undefined,
      afgewezen: afgewezen.get(r.id),
      uiterlijkeStartDag: dagenTussen(vandaag, uiterlijk.get(r.id) as string),
    };
  });
  const casusVan = new Map(cases.map((c) => [c.id, c]));

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
    const c = casusVan.get(v.casusId) as MatchCasus;
    const gecontracteerdHier = (c.gecontracteerd ?? c.contractSleutels).has(`${offer.aanbiederId}|${offer.zorgvorm}`);
    const verwachteStart = plusDagen(vandaag, place.startDag ?? 0);
    const uiterlijkeDatum = uiterlijk.get(v.casusId) ?? null;
    const plek = {
      afstandKm,
      wacht: place.wachttijdWeken,
      verwachteStart,
      gecontracteerd: gecontracteerdHier,
      wachtlijst: place.wachtlijst === true,
    };
    const uitleg: Uitleg = {
      casus: { groep: p.groep, redenen: p.redenen, wachtdagen: p.wachtdagen },
      plek: {
        zorgvorm: offer.zorgvorm,
        naam: offer.naam,
        afstandKm,
        wachttijdWeken: place.wachttijdWeken,
        gecontracteerd: gecontracteerdHier,
        wachtlijst: plek.wachtlijst,
        verwachteStart,
        uiterlijkeStart: uiterlijkeDatum,
      },
      samenvatting: samenvatting(p, offer, plek, uiterlijkeDatum),
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
        reden: `matchvoorstel: ${offer.naam}`,
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
    plekken: places.filter((p) => !p.wachtlijst).reduce((n, p) => n + p.capaciteit, 0),
  };
});
