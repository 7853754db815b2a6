import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { aanbieders, aanbod, aanbodHistorie, gemeenten, locaties } from "../../db/schema/index.ts";
import { plusDagen } from "../kern/dates.ts";
import { datum, regioCode } from "../kern/fields.ts";
import { mediaan } from "../kern/statistiek.ts";
import { actualiteitOf, isoDate, STALE_AFTER_DAYS } from "../kern/time.ts";
import { readZorgvormen } from "./catalogus.ts";
import { type Deps, useCase } from "./context.ts";
import { requireRegioInScope } from "./scope.ts";

/**
 * Capacity over time and the freshness of the figures: free places, offers with open intake
 * and median waiting times per care type per ISO week, read back from the offers' history; and
 * per provider the share of offers confirmed within 7 days, with the providers to chase.
 */

export const CapaciteitQuery = z.object({
  regio: regioCode,
  van: datum.optional().meta({ description: "Standaard twaalf weken terug" }),
  tot: datum.optional().meta({ description: "Standaard vandaag" }),
});
export const ActualiteitQuery = z.object({ regio: regioCode });

/** ISO week of a date: `2026-W48`, and the Sunday that ends it. */
export function isoWeek(d: string): { week: string; einde: string } {
  const t = new Date(`${d}T00:00:00Z`);
  const dag = (t.getUTCDay() + 6) % 7; // Monday 0
  const donderdag = new Date(t.getTime() + (3 - dag) * 86_400_000);
  const jaar = donderdag.getUTCFullYear();
  const vierJanuari = new Date(Date.UTC(jaar, 0, 4));
  const week =
    1 + Math.round(((donderdag.getTime() - vierJanuari.getTime()) / 86_400_000 - 3 + ((vierJanuari.getUTCDay() + 6) % 7)) / 7);
  return { week: `${jaar}-W${String(week).padStart(2, "0")}`, einde: plusDagen(d, 6 - dag) };
}

type Stand = {
  vrijePlekken: number;
  intakeStatus: string;
  aanmeldwachttijdWeken: number | null;
  behandelwachttijdWeken: number | null;
};

/** The offers of a region (at its locations' municipalities), with their provider. */
export async function aanbodVan(deps: Deps, regio: string) {
  return deps.db.orm
    .select({
      id: aanbod.id,
      aanbiederId: aanbod.aanbiederId,
      aanbieder: aanbieders.naam,
      gemeente: locaties.gemeente,
      zorgvorm: aanbod.zorgvorm,
      vrijePlekken: aanbod.vrijePlekken,
      intakeStatus: aanbod.intakeStatus,
      aanmeldwachttijdWeken: aanbod.aanmeldwachttijdWeken,
      behandelwachttijdWeken: aanbod.behandelwachttijdWeken,
      bevestigdOp: aanbod.bevestigdOp,
      aangemaaktOp: aanbod.aangemaaktOp,
    })
    .from(aanbod)
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .innerJoin(aanbieders, eq(aanbieders.id, aanbod.aanbiederId))
    .where(
      inArray(locaties.gemeente, deps.db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, regio))),
    );
}

export async function capaciteitsTrend(deps: Deps, regio: string, van: string, tot: string) {
  const offers = await aanbodVan(deps, regio);
  const historie =
    offers.length === 0
      ? []
      : await deps.db.orm
          .select()
          .from(aanbodHistorie)
          .where(
            inArray(
              aanbodHistorie.aanbodId,
              offers.map((o) => o.id),
            ),
          )
          .orderBy(asc(aanbodHistorie.aanbodId), asc(aanbodHistorie.op), asc(aanbodHistorie.volgnummer));
  const perAanbod = new Map<string, typeof historie>();
  for (const h of historie) perAanbod.set(h.aanbodId, [...(perAanbod.get(h.aanbodId) ?? []), h]);
  /** An offer's figures at the end of a day: today's, with every later change undone, newest first. */
  const standOp = (o: (typeof offers)[number], einde: string): Stand | null => {
    if (o.aangemaaktOp > `${einde}T23:59:59.999Z`) return null;
    const stand: Stand = {
      vrijePlekken: o.vrijePlekken,
      intakeStatus: o.intakeStatus,
      aanmeldwachttijdWeken: o.aanmeldwachttijdWeken,
      behandelwachttijdWeken: o.behandelwachttijdWeken,
    };
    for (const h of [...(perAanbod.get(o.id) ?? [])].reverse()) {
      if (h.op <= `${einde}T23:59:59.999Z`) break;
      for (const w of h.wijzigingen) if (w.veld in stand) (stand as Record<string, unknown>)[w.veld] = w.oud;
    }
    return stand;
  };
  const weken: { week: string; einde: string }[] = [];
  for (let d = van; d <= tot; d = plusDagen(d, 7)) {
    const w = isoWeek(d);
    if (!weken.some((x) => x.week === w.week)) weken.push(w);
  }
  const eind = isoWeek(tot);
  if (!weken.some((x) => x.week === eind.week)) weken.push(eind);
  const namen = new Map((await readZorgvormen(deps)).map((z) => [z.code, z.naam]));
  const vormen = [...new Set(offers.map((o) => o.zorgvorm))].sort();
  return {
    regio,
    van,
    tot,
    weken: weken.map(({ week, einde }) => {
      const peil = einde > tot ? tot : einde;
      return {
        week,
        peildatum: peil,
        perZorgvorm: vormen.map((zorgvorm) => {
          const standen = offers
            .filter((o) => o.zorgvorm === zorgvorm)
            .map((o) => standOp(o, peil))
            .filter((s): s is Stand => s !== null);
          return {
            zorgvorm,
            naam: namen.get(zorgvorm) ?? zorgvorm,
            aanbod: standen.length,
            vrijePlekken: standen.reduce((n, s) => n + s.vrijePlekken, 0),
            aanbodMetOpenIntake: standen.filter((s) => s.intakeStatus === "open").length,
            mediaanAanmeldwachttijdWeken: mediaan(
              standen.map((s) => s.aanmeldwachttijdWeken).filter((x): x is number => x !== null),
            ),
            mediaanBehandelwachttijdWeken: mediaan(
              standen.map((s) => s.behandelwachttijdWeken).filter((x): x is number => x !== null),
            ),
          };
        }),
      };
    }),
  };
}
export type CapaciteitsTrend = Awaited<ReturnType<typeof capaciteitsTrend>>;

export const getCapaciteitsTrend = useCase(["zorgmakelaar", "beheerder"], async (ctx, q: z.output<typeof CapaciteitQuery>) => {
  await requireRegioInScope(ctx.deps, ctx.actor, q.regio);
  const tot = q.tot ?? isoDate(ctx.deps.clock.now());
  return capaciteitsTrend(ctx.deps, q.regio, q.van ?? plusDagen(tot, -7 * 11), tot);
});

/** Per provider: its offers in the region and the share confirmed within 7 days; those below 100% are to chase, worst first. */
export async function actualiteitRapport(deps: Deps, regio: string) {
  const now = deps.clock.now();
  const offers = await aanbodVan(deps, regio);
  const per = new Map<string, { aanbieder: string; aanbod: number; actueel: number; oudste: string | null; nooit: boolean }>();
  for (const o of offers) {
    const p = per.get(o.aanbiederId) ?? { aanbieder: o.aanbieder, aanbod: 0, actueel: 0, oudste: null, nooit: false };
    p.aanbod++;
    if (actualiteitOf(o.bevestigdOp, now) === "actueel") p.actueel++;
    if (o.bevestigdOp === null) p.nooit = true;
    else if (!p.oudste || o.bevestigdOp < p.oudste) p.oudste = o.bevestigdOp;
    per.set(o.aanbiederId, p);
  }
  const aanbiedersLijst = [...per.entries()]
    .map(([aanbiederId, p]) => ({
      aanbiederId,
      aanbieder: p.aanbieder,
      aanbod: p.aanbod,
      bevestigdBinnen7Dagen: p.actueel,
      aandeel: Math.round((p.actueel / p.aanbod) * 1000) / 10,
      oudsteBevestiging: p.nooit ? null : p.oudste,
    }))
    .sort((a, b) => a.aanbieder.localeCompare(b.aanbieder, "nl"));
  return {
    regio,
    peildatum: isoDate(now),
    termijnDagen: STALE_AFTER_DAYS,
    aanbieders: aanbiedersLijst,
    najagen: aanbiedersLijst
      .filter((a) => a.aandeel < 100)
      .sort((a, b) => a.aandeel - b.aandeel || (a.oudsteBevestiging ?? "").localeCompare(b.oudsteBevestiging ?? "")),
  };
}
export type ActualiteitRapport = Awaited<ReturnType<typeof actualiteitRapport>>;

export const getActualiteitRapport = useCase(["zorgmakelaar", "beheerder"], async (ctx, q: z.output<typeof ActualiteitQuery>) => {
  await requireRegioInScope(ctx.deps, ctx.actor, q.regio);
  return actualiteitRapport(ctx.deps, q.regio);
});
