import { asc, count, eq, sql } from "drizzle-orm";
import { aanbieders, aanbod, gemeenten, locaties } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { actualiteitOf, isoDate } from "../kern/time.ts";
import { ACTUALITEIT, type Actualiteit } from "../kern/vocabulary.ts";
import { findRegio, readRegios, readZorgvormen } from "./catalogus.ts";
import { type Deps, useCase } from "./context.ts";
import { loadPrioriteitContext } from "./prioriteringsregels.ts";
import { regioInScope, requireRegioInScope, scopeOf } from "./scope.ts";
import { rankWachtlijst } from "./wachtlijst.ts";

/** A series of the waiting-cases chart: a priority group, "no group", or spoed/crisis apart. */
export interface Reeks {
  sleutel: string;
  label: string;
  /** "Groep 1": the label without the group's name. */
  kort: string;
}

export interface WachtendenPerZorgvorm {
  zorgvorm: string;
  naam: string;
  /** Count per series key; every series of `reeksen` is present. */
  aantallen: Record<string, number>;
  totaal: number;
}

export interface PlekkenPerZorgvorm {
  zorgvorm: string;
  naam: string;
  vrijePlekken: number;
  capaciteit: number;
  aanbod: number;
}

export interface VerouderdeAanbieder {
  naam: string;
  /** The oldest confirmation among its offers in the region; null when one was never confirmed. */
  oudsteBevestiging: string | null;
  actualiteit: Exclude<Actualiteit, "actueel">;
}

/** A region's figures for the monitoring page: counts only, no case ids or references. */
export interface RegioOverzicht {
  regio: { code: string; naam: string };
  peildatum: string;
  wachtenden: {
    totaal: number;
    normOverschreden: number;
    reeksen: Reeks[];
    perZorgvorm: WachtendenPerZorgvorm[];
  };
  plekken: { vrijePlekken: number; capaciteit: number; aanbod: number; perZorgvorm: PlekkenPerZorgvorm[] };
  actualiteit: { aanbieders: number; perKlasse: Record<Actualiteit, number>; verouderd: VerouderdeAanbieder[] };
}

export const SPOED_CRISIS = "spoed-crisis";
const GEEN_GROEP = "geen-groep";
const groepSleutel = (groep: number) => `groep-${groep}`;

/** Largest first, then by name: the chart reads from the biggest need down. */
const opGrootte =
  <T extends { naam: string }>(waarde: (x: T) => number) =>
  (a: T, b: T) =>
    waarde(b) - waarde(a) || a.naam.localeCompare(b.naam, "nl");

/**
 * Waiting cases of a region per care type and priority group (the framework's groups by their
 * rule-set name, cases without a group, spoed/crisis as a series of its own), and how many
 * exceed the three-month norm for children under a protection measure.
 */
async function wachtenden(deps: Deps, regio: string, naamVan: (code: string) => string) {
  const [lijst, ctx] = await Promise.all([rankWachtlijst(deps, { regio }), loadPrioriteitContext(deps)]);
  // The rule set's groups, named; a manual override may name a group the rule set does not have.
  // A group without a condition (a placeholder) gets a column only when a manual override put someone in it.
  const regelGroepen = ctx.regelsetVoor(regio)?.groepen ?? [];
  const regelNamen = new Map(regelGroepen.map((g) => [g.nummer, g.naam]));
  const groepNamen = new Map<number, string | null>(
    regelGroepen.filter((g) => g.voorwaarde !== null).map((g) => [g.nummer, g.naam]),
  );
  const perZorgvorm = new Map<string, Record<string, number>>();
  const tel = (zorgvorm: string, sleutel: string) => {
    const rij = perZorgvorm.get(zorgvorm) ?? {};
    rij[sleutel] = (rij[sleutel] ?? 0) + 1;
    perZorgvorm.set(zorgvorm, rij);
  };
  for (const x of lijst.resultaten) {
    const groep = x.prioriteit.groep;
    if (groep !== null && !groepNamen.has(groep)) groepNamen.set(groep, regelNamen.get(groep) ?? null);
    tel(x.row.zorgvorm, groep === null ? GEEN_GROEP : groepSleutel(groep));
  }
  for (const x of lijst.buitenKader) tel(x.row.zorgvorm, SPOED_CRISIS);
  const genummerd = [...groepNamen.entries()]
    .sort(([a], [b]) => a - b)
    .map(([nummer, naam]) => ({
      sleutel: groepSleutel(nummer),
      label: naam ? `Groep ${nummer} — ${naam}` : `Groep ${nummer}`,
      kort: `Groep ${nummer}`,
    }));
  const zonderGroep = lijst.resultaten.some((x) => x.prioriteit.groep === null);
  const reeksen: Reeks[] = [
    ...genummerd,
    ...(zonderGroep ? [{ sleutel: GEEN_GROEP, label: "Geen prioriteitsgroep", kort: "Geen groep" }] : []),
    { sleutel: SPOED_CRISIS, label: "Spoed/crisis", kort: "Spoed/crisis" },
  ];
  const alle = [...lijst.resultaten, ...lijst.buitenKader];
  return {
    totaal: alle.length,
    normOverschreden: alle.filter((x) => x.prioriteit.normOverschreden).length,
    reeksen,
    perZorgvorm: [...perZorgvorm.entries()]
      .map(([zorgvorm, rij]) => {
        const aantallen = Object.fromEntries(reeksen.map((r) => [r.sleutel, rij[r.sleutel] ?? 0]));
        const totaal = Object.values(aantallen).reduce((a, b) => a + b, 0);
        return { zorgvorm, naam: naamVan(zorgvorm), aantallen, totaal };
      })
      .sort(opGrootte((x) => x.totaal)),
  };
}

/** Free places and capacity per care type, over the offers at locations in the region's municipalities. */
async function plekken(deps: Deps, regio: string, naamVan: (code: string) => string) {
  const rows = await deps.db.orm
    .select({
      zorgvorm: aanbod.zorgvorm,
      vrijePlekken: sql<number>`coalesce(sum(${aanbod.vrijePlekken}), 0)`,
      capaciteit: sql<number>`coalesce(sum(${aanbod.capaciteit}), 0)`,
      aanbod: count(),
    })
    .from(aanbod)
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .innerJoin(gemeenten, eq(gemeenten.code, locaties.gemeente))
    .where(eq(gemeenten.regio, regio))
    .groupBy(aanbod.zorgvorm);
  const perZorgvorm = rows
    .map((r) => ({ ...r, vrijePlekken: Number(r.vrijePlekken), capaciteit: Number(r.capaciteit), naam: naamVan(r.zorgvorm) }))
    .sort(opGrootte((x) => x.vrijePlekken));
  const som = (veld: "vrijePlekken" | "capaciteit" | "aanbod") => perZorgvorm.reduce((a, r) => a + r[veld], 0);
  return { vrijePlekken: som("vrijePlekken"), capaciteit: som("capaciteit"), aanbod: som("aanbod"), perZorgvorm };
}

/**
 * Every provider with offers in the region, judged by its least recently confirmed offer there:
 * one stale offer makes the provider's data stale (it is the one to chase).
 */
async function actualiteit(deps: Deps, regio: string) {
  const rows = await deps.db.orm
    .select({
      naam: aanbieders.naam,
      oudste: sql<string | null>`min(${aanbod.bevestigdOp})`,
      nooit: sql<number>`sum(${aanbod.bevestigdOp} IS NULL)`,
    })
    .from(aanbod)
    .innerJoin(aanbieders, eq(aanbieders.id, aanbod.aanbiederId))
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .innerJoin(gemeenten, eq(gemeenten.code, locaties.gemeente))
    .where(eq(gemeenten.regio, regio))
    .groupBy(aanbieders.id)
    .orderBy(asc(aanbieders.naam));
  const now = deps.clock.now();
  const perKlasse = Object.fromEntries(ACTUALITEIT.map((a) => [a, 0])) as Record<Actualiteit, number>;
  const verouderd: VerouderdeAanbieder[] = [];
  for (const r of rows) {
    const oudste = Number(r.nooit) > 0 ? null : r.oudste;
    const klasse = actualiteitOf(oudste, now);
    perKlasse[klasse] += 1;
    if (klasse !== "actueel") verouderd.push({ naam: r.naam, oudsteBevestiging: oudste, actualiteit: klasse });
  }
  // Never confirmed first, then the oldest confirmation first.
  verouderd.sort(
    (a, b) => (a.oudsteBevestiging ?? "").localeCompare(b.oudsteBevestiging ?? "") || a.naam.localeCompare(b.naam, "nl"),
  );
  return { aanbieders: rows.length, perKlasse, verouderd };
}

/**
 * The monitoring overview of one region (DOMAIN.md, "Norms and monitoring"): waiting cases per
 * care type and priority group with the norm breaches, free places per care type, and providers
 * by freshness. Aggregates only, so showing it reads no case and needs no access-log row.
 * Throws 400 for an unknown region.
 */
export async function buildRegioOverzicht(deps: Deps, regio: string): Promise<RegioOverzicht> {
  const row = await findRegio(deps, regio);
  if (!row) {
    throw DomainError.invalid(
      [{ name: "regio", code: "onbekende-code", reason: `Regio ${regio} is onbekend.` }],
      `Regio ${regio} is onbekend.`,
    );
  }
  const catalogus = new Map((await readZorgvormen(deps)).map((z) => [z.code, z.naam]));
  const naamVan = (code: string) => catalogus.get(code) ?? code;
  const [w, p, a] = await Promise.all([
    wachtenden(deps, regio, naamVan),
    plekken(deps, regio, naamVan),
    actualiteit(deps, regio),
  ]);
  return {
    regio: { code: row.code, naam: row.naam },
    peildatum: isoDate(deps.clock.now()),
    wachtenden: w,
    plekken: p,
    actualiteit: a,
  };
}

/** The overview of a region the actor works for: a broker its own regions, the beheerder every region. */
export const getRegioOverzicht = useCase(["zorgmakelaar", "beheerder"], async (ctx, { regio }: { regio: string }) => {
  await requireRegioInScope(ctx.deps, ctx.actor, regio);
  return buildRegioOverzicht(ctx.deps, regio);
});

/** The regions whose overview the actor may see, by name. */
export const listOverzichtRegios = useCase(getRegioOverzicht.rollen, async (ctx, _input: undefined) =>
  (await readRegios(ctx.deps)).filter((r) => regioInScope(scopeOf(ctx.actor), r.code)),
);
