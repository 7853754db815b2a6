import type { aanbieders, aanbod, aanbodHistorie, contracten, gemeenten, locaties } from "../db/schema/index.ts";
import { DAY_MS } from "../src/kern/time.ts";
import {
  buildName,
  locatieCoordinaten,
  OMSCHRIJVINGEN,
  PROFIELEN,
  postcodeIn,
  type Soort,
  slugify,
  straatnaam,
  telefoonIn,
  ZORGVORM_SOORT,
} from "./demo-words.ts";
import { createPrng, type Prng } from "./prng.ts";
import { GEMEENTEN_HAAGLANDEN, ZORGVORMEN } from "./reference.ts";

export type NewAanbieder = typeof aanbieders.$inferInsert;
export type NewLocatie = typeof locaties.$inferInsert;
export type NewAanbod = typeof aanbod.$inferInsert;
export type NewContract = typeof contracten.$inferInsert;
export type NewHistorie = typeof aanbodHistorie.$inferInsert;
export type DemoGemeente = Pick<typeof gemeenten.$inferInsert, "code" | "naam" | "regio" | "lat" | "lon">;

export interface DemoData {
  aanbieders: NewAanbieder[];
  locaties: NewLocatie[];
  aanbod: NewAanbod[];
  contracten: NewContract[];
  historie: NewHistorie[];
}

export interface DemoOptions {
  seed: number;
  /** Number of providers; locations (~2.5 each) and offers (~2 per location) follow. */
  aanbieders: number;
  /** Timestamps (confirmed, changed, created) and contract years are relative to this. */
  now: Date;
  /** Only use the municipalities of this region (from `gemeenten`). */
  regio?: string;
  /** Municipalities to place locations in; defaults to the nine of Haaglanden. */
  gemeenten?: readonly DemoGemeente[];
}

const ZORGVORM_NAAM = new Map(ZORGVORMEN.map((z) => [z.code, z.naam]));

/** Rough population, so Den Haag gets more locations than Wassenaar; others weigh equally. */
const INWONERS_X1000: Record<string, number> = {
  GM0518: 560,
  GM0637: 127,
  GM1783: 113,
  GM0503: 105,
  GM1916: 78,
  GM0603: 57,
  GM1926: 57,
  GM0629: 27,
  GM1842: 20,
};

/**
 * Synthetic demo data: invented organisations, streets and contact details (`.example`
 * domains), never real people or children. Deterministic: the same options give the same
 * rows, ids included. Runs in O(aanbieders).
 */
export function generateDemo(options: DemoOptions): DemoData {
  const { seed, now } = options;
  if (!Number.isSafeInteger(options.aanbieders) || options.aanbieders < 1) {
    throw new RangeError(`aanbieders must be a positive integer, got ${options.aanbieders}`);
  }
  const alle = options.gemeenten ?? GEMEENTEN_HAAGLANDEN;
  const gms = options.regio === undefined ? alle : alle.filter((g) => g.regio === options.regio);
  if (gms.length === 0) throw new RangeError(`no municipalities${options.regio ? ` in region ${options.regio}` : ""}`);

  const prng = createPrng(seed);
  const nowMs = now.getTime();
  const year = now.getUTCFullYear();
  const gemeenteGewicht = gms.map((g) => [g, INWONERS_X1000[g.code] ?? 50] as const);
  const perRegio = new Map<string, DemoGemeente[]>();
  for (const g of gms) if (g.regio) perRegio.set(g.regio, [...(perRegio.get(g.regio) ?? []), g]);

  const data: DemoData = { aanbieders: [], locaties: [], aanbod: [], contracten: [], historie: [] };
  const namen = new Set<string>();
  const volgnummers = new Map<string, number>();
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

  for (let i = 0; i < options.aanbieders; i++) {
    const profiel = prng.weighted(PROFIELEN.map((p) => [p, p.gewicht] as const));
    const thuis = prng.weighted(gemeenteGewicht);
    const naam = uniqueName(buildName(prng, profiel.naamSoort), thuis.naam, namen, volgnummers);
    const slug = slugify(naam);
    const aanbiederId = prng.uuid();
    const aangemaakt = nowMs - prng.int(400, 2500) * DAY_MS - prng.int(0, 86_399) * 1000;
    data.aanbieders.push({
      id: aanbiederId,
      naam,
      agbCode: String(prng.int(10_000_000, 99_999_999)),
      kvkNummer: String(prng.int(10_000_000, 99_999_999)),
      website: `https://${slug}.example`,
      telefoon: prng.chance(0.15) ? telefoonIn(prng, "088") : telefoonIn(prng, thuis.code),
      email: `info@${slug}.example`,
      versie: 1,
      aangemaaktOp: iso(aangemaakt),
      gewijzigdOp: iso(aangemaakt + prng.next() * (nowMs - 30 * DAY_MS - aangemaakt)),
    });

    const aantalLocaties = prng.weighted(VERDELING.locaties);
    const zorgvormen = new Set<string>();
    const locatieGemeenten = new Set<DemoGemeente>();
    for (let l = 0; l < aantalLocaties; l++) {
      const g = l === 0 || prng.chance(0.6) ? thuis : prng.weighted(gemeenteGewicht);
      locatieGemeenten.add(g);
      const locatieId = prng.uuid();
      const adres = `${straatnaam(prng)} ${prng.int(1, 250)}${prng.chance(0.1) ? prng.pick(["a", "b", "c"]) : ""}`;
      const coord = locatieCoordinaten(prng, g.lat, g.lon, 4);
      const locAangemaakt = aangemaakt + prng.next() * 60 * DAY_MS;
      data.locaties.push({
        id: locatieId,
        aanbiederId,
        naam: aantalLocaties === 1 ? naam : `${naam}, ${adres.replace(/ \d.*$/, "")}`,
        adres,
        postcode: postcodeIn(prng, g.code),
        plaats: g.naam,
        gemeente: g.code,
        lat: coord?.lat ?? null,
        lon: coord?.lon ?? null,
        versie: 1,
        aangemaaktOp: iso(locAangemaakt),
        gewijzigdOp: iso(locAangemaakt + prng.next() * (nowMs - 200 * DAY_MS - locAangemaakt)),
      });

      const aantalAanbod = prng.weighted(VERDELING.aanbod);
      const keuze = [...profiel.zorgvormen];
      for (let a = 0; a < aantalAanbod && keuze.length > 0; a++) {
        const gekozen = prng.weighted(keuze.map((entry, idx) => [idx, entry[1]] as const));
        const [zorgvorm] = keuze.splice(gekozen, 1)[0] as readonly [string, number];
        zorgvormen.add(zorgvorm);
        const rij = aanbodRow(prng, { aanbiederId, locatieId, zorgvorm, nowMs, locAangemaakt });
        data.aanbod.push(rij);
        data.historie.push({
          id: prng.uuid(),
          aanbodId: rij.id as string,
          soort: "aangemaakt",
          wijzigingen: [],
          door: "demo-import",
          op: rij.aangemaaktOp,
          volgnummer: 1,
        });
      }
    }
    contractRows(prng, data.contracten, { aanbiederId, zorgvormen, locatieGemeenten, perRegio, year });
  }
  return data;
}

/** Names stay unique at any scale: a repeat gets its home town, then a number. */
function uniqueName(base: string, plaats: string, gezien: Set<string>, volgende: Map<string, number>): string {
  let naam = base;
  if (gezien.has(naam)) {
    const metPlaats = `${base} ${plaats}`;
    let n = volgende.get(metPlaats) ?? 1;
    naam = n === 1 ? metPlaats : `${metPlaats} ${n}`;
    while (gezien.has(naam)) naam = `${metPlaats} ${++n}`;
    volgende.set(metPlaats, n + 1);
  }
  gezien.add(naam);
  return naam;
}

// biome-ignore format: tables read best one line each
const VERDELING = {
  /** Locations per provider (mean 2.55) and offers per location (mean 2.05), with weights. */
  locaties: [[1, 25], [2, 30], [3, 20], [4, 15], [5, 10]],
  aanbod: [[1, 35], [2, 35], [3, 20], [4, 10]],
  intakeMetPlek: [["open", 92], ["na-intake", 8]],
  intakeVol: [["wachtlijst", 70], ["gesloten", 15], ["na-intake", 15]],
  /** Days since the last confirmation: mostly this week, some stale, a few never confirmed. */
  bevestigdDagenGeleden: [[[0, 6.9], 72], [[7.05, 13.9], 15], [[14.05, 60], 10], [null, 3]],
} as const;

const CAPACITEIT: Record<Soort, [number, number]> = {
  gezin: [1, 4],
  wonen: [6, 12],
  crisis: [2, 6],
  dag: [8, 16],
  ambulant: [20, 80],
};

// biome-ignore format: tables read best one line each
const LEEFTIJDEN: Record<Soort, [number, number][]> = {
  gezin: [[0, 18], [0, 12], [4, 18], [6, 18], [0, 6]],
  wonen: [[12, 18], [8, 18], [12, 23], [16, 23], [17, 23]],
  crisis: [[0, 18], [12, 18], [4, 18]],
  dag: [[4, 12], [4, 18], [0, 6]],
  ambulant: [[0, 18], [4, 18], [12, 23], [0, 23], [0, 12], [0, 4]],
};

function aanbodRow(
  prng: Prng,
  ctx: { aanbiederId: string; locatieId: string; zorgvorm: string; nowMs: number; locAangemaakt: number },
): NewAanbod {
  const soort = ZORGVORM_SOORT[ctx.zorgvorm] ?? "ambulant";
  const [capMin, capMax] = CAPACITEIT[soort];
  const capaciteit = prng.int(capMin, capMax);
  // ~30% full; otherwise mostly a few free places.
  const vrijePlekken = prng.chance(0.3) ? 0 : Math.min(capaciteit, 1 + Math.floor(capaciteit * 0.4 * prng.next() ** 2));
  const intakeStatus = prng.weighted(vrijePlekken > 0 ? VERDELING.intakeMetPlek : VERDELING.intakeVol);

  // Crisis care (category 46) has no waiting time. Otherwise ~20% exceed the Treeknorm
  // (intake within 4 weeks, the whole within 14), more often where nothing is free.
  let aanmeld: number | null = null;
  let behandel: number | null = null;
  if (soort !== "crisis") {
    if (prng.chance(vrijePlekken > 0 ? 0.1 : 0.45)) {
      aanmeld = prng.int(0, 20);
      behandel = prng.int(0, 30);
      if (aanmeld <= 4 && aanmeld + behandel <= 14) aanmeld = prng.int(5, 20);
    } else if (vrijePlekken > 0) {
      aanmeld = prng.int(0, 2);
      behandel = prng.int(0, 4);
    } else {
      aanmeld = prng.int(0, 4);
      behandel = prng.int(0, 14 - aanmeld);
    }
  }

  const [leeftijdVan, leeftijdTot] = prng.pick(LEEFTIJDEN[soort]);
  const bevestigdDagen = prng.weighted<readonly [number, number] | null>(VERDELING.bevestigdDagenGeleden);
  const bevestigd = bevestigdDagen === null ? null : ctx.nowMs - prng.float(...bevestigdDagen) * DAY_MS;
  const referentie = bevestigd ?? ctx.nowMs - prng.float(14, 120) * DAY_MS;
  const gewijzigd = prng.chance(0.4) ? referentie : referentie - prng.float(0, 45) * DAY_MS;
  const aangemaakt = ctx.locAangemaakt + prng.next() * (gewijzigd - ctx.locAangemaakt);
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
  const zorgvormNaam = ZORGVORM_NAAM.get(ctx.zorgvorm) ?? ctx.zorgvorm;

  return {
    id: prng.uuid(),
    aanbiederId: ctx.aanbiederId,
    locatieId: ctx.locatieId,
    zorgvorm: ctx.zorgvorm,
    naam: `${zorgvormNaam} ${leeftijdVan}-${leeftijdTot} jaar`,
    omschrijving: prng.chance(0.6) ? prng.pick(OMSCHRIJVINGEN) : null,
    leeftijdVan,
    leeftijdTot,
    capaciteit,
    vrijePlekken,
    aanmeldwachttijdWeken: aanmeld,
    behandelwachttijdWeken: behandel,
    intakeStatus,
    overbrugging: ctx.zorgvorm === "overbruggingszorg" || prng.chance(0.04),
    versie: 1,
    aangemaaktOp: iso(Math.min(aangemaakt, gewijzigd)),
    gewijzigdOp: iso(gewijzigd),
    bevestigdOp: bevestigd === null ? null : iso(bevestigd),
  };
}

/**
 * Most providers are contracted for what they offer in every region where they have a
 * location: either by the region on behalf of all its municipalities, or municipality by
 * municipality. ~10% have no contract at all; ~4% of contracts have expired.
 */
function contractRows(
  prng: Prng,
  out: NewContract[],
  ctx: {
    aanbiederId: string;
    zorgvormen: Set<string>;
    locatieGemeenten: Set<DemoGemeente>;
    perRegio: Map<string, DemoGemeente[]>;
    year: number;
  },
): void {
  if (!prng.chance(0.9)) return;
  const push = (zorgvorm: string, partij: { gemeente: string } | { regio: string }) => {
    const verlopen = prng.chance(0.04);
    const vanafJaar = verlopen ? ctx.year - 3 : ctx.year - (prng.chance(0.8) ? 1 : 0);
    const aangemaakt = new Date(Date.UTC(vanafJaar - 1, 11, prng.int(1, 20), 9)).toISOString();
    out.push({
      id: prng.uuid(),
      aanbiederId: ctx.aanbiederId,
      zorgvorm,
      gemeente: "gemeente" in partij ? partij.gemeente : null,
      regio: "regio" in partij ? partij.regio : null,
      geldigVanaf: `${vanafJaar}-01-01`,
      geldigTot: verlopen ? `${ctx.year - 1}-12-31` : prng.chance(0.5) ? null : `${ctx.year + 1}-12-31`,
      aangemaaktOp: aangemaakt,
      gewijzigdOp: aangemaakt,
    });
  };
  const regios = new Set<string>();
  for (const g of ctx.locatieGemeenten) {
    if (g.regio) regios.add(g.regio);
    else for (const zv of ctx.zorgvormen) push(zv, { gemeente: g.code });
  }
  for (const regio of regios) {
    if (prng.chance(0.6)) {
      for (const zv of ctx.zorgvormen) push(zv, { regio });
      continue;
    }
    for (const g of ctx.perRegio.get(regio) ?? []) {
      if (!prng.chance(0.7)) continue;
      for (const zv of ctx.zorgvormen) if (prng.chance(0.9)) push(zv, { gemeente: g.code });
    }
  }
}
