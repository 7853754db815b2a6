/**
 * Matching proposals: which waiting case could take which free place. People decide; this engine only proposes
 * and explains. Pure: no I/O, no database, no clock (callers measure time themselves).
 *
 * Objective, lexicographic and optimal (not greedy):
 * 1. the most priority-group-1 cases placed, then the most group-2, then group 3, ..., groupless last;
 * 2. within that, longer-waiting cases before shorter-waiting ones of the same group;
 * 3. then, for the placed cases, the nearest offers and the shortest waiting times: minimal total
 *    {@link kosten} (distance in metres, then the offer's waiting weeks as a tie-break).
 * Capacity of an offer is its free places (the caller has already subtracted active holds); each case gets at
 * most one proposal. See `flow.ts` for the algorithm and the optimality argument.
 */
import { haversineKm } from "../kern/geo.ts";
import { kopieer, type Lijst, type Netwerk, sorteer, wijsToe } from "./flow.ts";

export { haversineKm };

export interface MatchCasus {
  id: string;
  /** Priority group (1 = gedwongen kader, 2 = younger than 7, ...); null = no group, ranks last. */
  groep: number | null;
  wachtdagen: number;
  /** Centroid of the case's municipality; null when unknown. */
  lat: number | null;
  lon: number | null;
  /** The case's care type and every form beneath it in the catalogue. */
  zorgvormen: ReadonlySet<string>;
  leeftijdJaren: number;
  /** `${aanbiederId}|${zorgvorm}` contracted for the case's municipality today. Share one Set per municipality: it is cached by identity. */
  contractSleutels: ReadonlySet<string>;
  /** Offer ids declined before for this case (a proposal or an aanmelding declined or expired). */
  afgewezen?: ReadonlySet<string>;
  /**
   * Days from today to the latest start in time (the norm date, or the region's maximum wait).
   * Negative: already past, and only an offer with a free place can still help soonest.
   * Undefined: no limit.
   */
  uiterlijkeStartDag?: number;
  /**
   * Set when escalation (A1/A2) allows care outside the contracts: `contractSleutels` then holds
   * every offer, and this set the contracted ones, which still come first. Share one per municipality.
   */
  gecontracteerd?: ReadonlySet<string>;
}

export interface MatchAanbod {
  id: string;
  aanbiederId: string;
  zorgvorm: string;
  leeftijdVan: number;
  leeftijdTot: number;
  /** Free places minus active holds; for a waiting-list offer the referrals it takes in one run. */
  capaciteit: number;
  wachttijdWeken: number | null;
  /** Days from today until help could start here (both waiting times); 0 when unknown for a free place. */
  startDag?: number;
  /** No free place: the child would go on the provider's waiting list (an aanmelding without a hold). */
  wachtlijst?: boolean;
  lat: number | null;
  lon: number | null;
}

export interface Voorstel {
  casusId: string;
  aanbodId: string;
  /** Haversine distance in km (rounded to metres) from the case's municipality to the offer; null when unknown. */
  afstandKm: number | null;
  kosten: number;
}

export interface MatchResultaat {
  /** In priority order of the cases ({@link prioriteitsVolgorde}). */
  voorstellen: Voorstel[];
  /** Eligible (case, offer) pairs, cases placed; `ms` is for the caller to fill in (this module reads no clock). */
  stats: { kandidaatParen: number; geplaatst: number; ms?: number };
}

/** Distance used when the case or the offer has no coordinates: such offers come last but stay eligible. */
export const ONBEKENDE_AFSTAND_KM = 1000;
/** Waiting weeks used when an offer states none (unknown sorts after every known figure at equal distance). */
export const ONBEKENDE_WACHTTIJD_WEKEN = 999;
/** Added to the cost of an offer outside contracted care (escalation A1/A2): contracted care always comes first. */
export const BUITEN_CONTRACT_KOSTEN = 1e10;

/** Distance between a case (its municipality centroid) and an offer, or null when either has no coordinates. */
export function afstandTussen(c: Pick<MatchCasus, "lat" | "lon">, a: Pick<MatchAanbod, "lat" | "lon">): number | null {
  if (c.lat === null || c.lon === null || a.lat === null || a.lon === null) return null;
  return haversineKm(c.lat, c.lon, a.lat, a.lon);
}

/** Integer cost of a pair: round(km × 1000) × 1000 + waiting weeks (clamped to 0..999), so distance decides first. */
export function kosten(afstandKm: number | null, wachttijdWeken: number | null): number {
  const km = afstandKm ?? ONBEKENDE_AFSTAND_KM;
  const weken = wachttijdWeken === null ? ONBEKENDE_WACHTTIJD_WEKEN : Math.min(999, Math.max(0, Math.round(wachttijdWeken)));
  return Math.round(km * 1000) * 1000 + weken;
}

/** Contract key of an offer, as in {@link MatchCasus.contractSleutels}. */
export const contractSleutel = (a: Pick<MatchAanbod, "aanbiederId" | "zorgvorm">): string => `${a.aanbiederId}|${a.zorgvorm}`;

/**
 * Whether help at the offer starts in time for the case: before its latest start; once that has
 * passed, only a free place (soonest help) still qualifies.
 */
export function tijdig(c: Pick<MatchCasus, "uiterlijkeStartDag">, a: Pick<MatchAanbod, "startDag" | "wachtlijst">): boolean {
  if (c.uiterlijkeStartDag === undefined) return true;
  if (c.uiterlijkeStartDag < 0) return !a.wachtlijst;
  return (a.startDag ?? 0) <= c.uiterlijkeStartDag;
}

/**
 * Whether the offer could take the case: the offer's care form is the case's type or beneath it, the case's age
 * is within the offer's range (inclusive), the provider is contracted for that form by the case's municipality
 * (or escalation allows otherwise), the case has not declined this offer before, the offer has a free place or
 * an open waiting list, and help there starts in time ({@link tijdig}).
 */
export function geschikt(c: MatchCasus, a: MatchAanbod): boolean {
  return (
    a.capaciteit > 0 &&
    c.zorgvormen.has(a.zorgvorm) &&
    a.leeftijdVan <= c.leeftijdJaren &&
    c.leeftijdJaren <= a.leeftijdTot &&
    c.contractSleutels.has(contractSleutel(a)) &&
    !c.afgewezen?.has(a.id) &&
    tijdig(c, a)
  );
}

type Prioriteit = Pick<MatchCasus, "id" | "groep" | "wachtdagen">;

const groepRang = (g: number | null): number => (g === null ? Number.POSITIVE_INFINITY : g);
const zelfdeKlasse = (a: Prioriteit, b: Prioriteit): boolean => a.groep === b.groep && a.wachtdagen === b.wachtdagen;

function vergelijkPrioriteit(a: Prioriteit, b: Prioriteit): number {
  const ga = groepRang(a.groep);
  const gb = groepRang(b.groep);
  if (ga !== gb) return ga < gb ? -1 : 1;
  if (a.wachtdagen !== b.wachtdagen) return b.wachtdagen - a.wachtdagen;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The order in which the engine considers cases: group ascending (null last), then waiting days descending,
 * then id ascending. Cases equal in group and waiting days form one class: within it, which of them get a place
 * (when not all can) is decided by the lowest total cost, not by id. Returns a new array.
 */
export function prioriteitsVolgorde<T extends Prioriteit>(casussen: readonly T[]): T[] {
  return [...casussen].sort(vergelijkPrioriteit);
}

/** The candidate network: cases in priority order (rows), offers in id order (columns), eligible pairs as edges. */
export interface Kandidaten {
  casussen: MatchCasus[];
  aanbod: MatchAanbod[];
  netwerk: Netwerk;
}

const opId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Step 1 of {@link matchCasussen}: every eligible pair ({@link geschikt}) with its {@link kosten}, in CSR form. */
export function bouwKandidaten(casussenIn: readonly MatchCasus[], aanbodIn: readonly MatchAanbod[]): Kandidaten {
  const casussen = prioriteitsVolgorde(casussenIn);
  const aanbod = [...aanbodIn].sort(opId);
  for (const [soort, lijst] of [
    ["casus", casussen],
    ["aanbod", aanbod],
  ] as const) {
    if (new Set(lijst.map((x) => x.id)).size !== lijst.length) throw new RangeError(`dubbele ${soort}-id`);
  }
  const n = casussen.length;
  const m = aanbod.length;

  const capaciteit = new Int32Array(m);
  const startDag = new Float64Array(m);
  const opWachtlijst = new Uint8Array(m);
  const van = new Float64Array(m);
  const tot = new Float64Array(m);
  const sleutel: string[] = new Array(m);
  const index = new Map<string, number>();
  const perVorm = new Map<string, number[]>();
  for (let o = 0; o < m; o++) {
    const a = aanbod[o] as MatchAanbod;
    capaciteit[o] = a.capaciteit > 0 ? Math.max(1, Math.floor(a.capaciteit)) : 0; // whole places, as geschikt() sees them
    startDag[o] = a.startDag ?? 0;
    opWachtlijst[o] = a.wachtlijst ? 1 : 0;
    van[o] = a.leeftijdVan;
    tot[o] = a.leeftijdTot;
    sleutel[o] = contractSleutel(a);
    index.set(a.id, o);
    if (capaciteit[o] === 0) continue;
    const lijst = perVorm.get(a.zorgvorm);
    if (lijst) lijst.push(o);
    else perVorm.set(a.zorgvorm, [o]);
  }

  // Candidate lists sorted by (cost, offer) per (contract keys, location, form), per (.., the case's forms) and per
  // (.., age), each cached when several cases share it: one municipality has one Set of contract keys (cached by
  // identity) and one centroid.
  const vormSleutels = new Map<ReadonlySet<string>, string>();
  const locaties: string[] = new Array(n);
  const vormenVan: string[] = new Array(n);
  const gebruik = new Map<ReadonlySet<string>, Map<string, number>>();
  const tel = (set: ReadonlySet<string>, k: string): void => {
    const per = gebruik.get(set) ?? new Map<string, number>();
    gebruik.set(set, per.set(k, (per.get(k) ?? 0) + 1));
  };
  for (let r = 0; r < n; r++) {
    const c = casussen[r] as MatchCasus;
    const loc = c.lat === null || c.lon === null ? "-" : `${c.lat},${c.lon}`;
    const vormen = vormSleutels.get(c.zorgvormen) ?? [...c.zorgvormen].join("\u0001");
    vormSleutels.set(c.zorgvormen, vormen);
    const vormenHier = `${loc}\u0002${vormen}`;
    locaties[r] = loc;
    vormenVan[r] = vormenHier;
    tel(c.contractSleutels, loc);
    tel(c.contractSleutels, vormenHier);
    tel(c.contractSleutels, `${vormenHier}\u0002${c.leeftijdJaren}`);
  }
  const cache = new Map<ReadonlySet<string>, Map<string, Lijst>>();
  const uitCache = (c: MatchCasus, k: string, delenOp: string, maak: () => Lijst): Lijst => {
    const bekend = cache.get(c.contractSleutels)?.get(k);
    if (bekend) return bekend;
    const lijst = maak();
    if ((gebruik.get(c.contractSleutels)?.get(delenOp) ?? 0) > 1) {
      cache.set(c.contractSleutels, (cache.get(c.contractSleutels) ?? new Map<string, Lijst>()).set(k, lijst));
    }
    return lijst;
  };
  const vormLijst = (c: MatchCasus, vorm: string): Lijst => {
    const kol: number[] = [];
    const kost: number[] = [];
    for (const o of perVorm.get(vorm) ?? []) {
      if (!c.contractSleutels.has(sleutel[o] as string)) continue;
      const a = aanbod[o] as MatchAanbod;
      kol.push(o);
      const buiten = c.gecontracteerd !== undefined && !c.gecontracteerd.has(sleutel[o] as string);
      kost.push(kosten(afstandTussen(c, a), a.wachttijdWeken) + (buiten ? BUITEN_CONTRACT_KOSTEN : 0));
    }
    return sorteer(kol, kost);
  };
  const vormenLijst = (c: MatchCasus, loc: string): Lijst => {
    const delen: Lijst[] = [];
    for (const vorm of c.zorgvormen) {
      if (perVorm.has(vorm)) delen.push(uitCache(c, `${loc}\u0003${vorm}`, loc, () => vormLijst(c, vorm)));
    }
    if (delen.length <= 1) return delen[0] ?? { kol: new Int32Array(0), kost: new Float64Array(0) };
    // an offer has one form, so the lists are disjoint
    return sorteer(
      delen.flatMap((l) => [...l.kol]),
      delen.flatMap((l) => [...l.kost]),
    );
  };
  const kladKol = new Int32Array(m);
  const kladKost = new Float64Array(m);
  const rijLijst = (c: MatchCasus, r: number): Lijst => {
    const alle = uitCache(c, vormenVan[r] as string, vormenVan[r] as string, () => vormenLijst(c, locaties[r] as string));
    const leeftijd = c.leeftijdJaren;
    let k = 0;
    for (let i = 0; i < alle.kol.length; i++) {
      const o = alle.kol[i] as number;
      if ((van[o] as number) > leeftijd || leeftijd > (tot[o] as number)) continue;
      kladKol[k] = o;
      kladKost[k++] = alle.kost[i] as number;
    }
    return { kol: kladKol.slice(0, k), kost: kladKost.slice(0, k) };
  };

  /** The shared candidate list narrowed to the offers that start in time for this case. */
  const tijdigVoor = (c: MatchCasus, l: Lijst): Lijst => {
    const grens = c.uiterlijkeStartDag;
    if (grens === undefined) return l;
    const kol: number[] = [];
    const kost: number[] = [];
    for (let i = 0; i < l.kol.length; i++) {
      const o = l.kol[i] as number;
      if (grens < 0 ? opWachtlijst[o] === 1 : (startDag[o] as number) > grens) continue;
      kol.push(o);
      kost.push(l.kost[i] as number);
    }
    return kol.length === l.kol.length ? l : { kol: Int32Array.from(kol), kost: Float64Array.from(kost) };
  };

  const lijsten: Lijst[] = new Array(n);
  let ruimte = 0;
  for (let r = 0; r < n; r++) {
    const c = casussen[r] as MatchCasus;
    const k = `${vormenVan[r]}\u0002${c.leeftijdJaren}`;
    const l = tijdigVoor(
      c,
      uitCache(c, k, k, () => rijLijst(c, r)),
    );
    lijsten[r] = l;
    ruimte += l.kol.length;
  }
  const rijStart = new Int32Array(n + 1);
  const kolomVan = new Int32Array(ruimte);
  const kostenVan = new Float64Array(ruimte);
  const stempels = new Int32Array(m);
  const klassen: number[] = [];
  let aantal = 0;
  for (let r = 0; r < n; r++) {
    const c = casussen[r] as MatchCasus;
    if (r === 0 || !zelfdeKlasse(casussen[r - 1] as MatchCasus, c)) klassen.push(r);
    rijStart[r] = aantal;
    const l = lijsten[r] as Lijst;
    for (const id of c.afgewezen ?? []) {
      const o = index.get(id);
      if (o !== undefined) stempels[o] = r + 1;
    }
    aantal = kopieer(l, kolomVan, kostenVan, aantal, stempels, r + 1);
  }
  rijStart[n] = aantal;
  klassen.push(n);
  const netwerk: Netwerk = {
    rijen: n,
    kolommen: m,
    rijStart,
    kolomVan: kolomVan.subarray(0, aantal),
    kostenVan: kostenVan.subarray(0, aantal),
    capaciteit,
    klasseStart: Int32Array.from(klassen),
  };
  return { casussen, aanbod, netwerk };
}

/** Step 2 of {@link matchCasussen}: the optimal assignment on a built candidate network. */
export function stelVoor(k: Kandidaten): MatchResultaat {
  const { casussen, aanbod, netwerk } = k;
  const keuze = wijsToe(netwerk);
  const voorstellen: Voorstel[] = [];
  for (let r = 0; r < casussen.length; r++) {
    const e = keuze[r] as number;
    if (e < 0) continue;
    const c = casussen[r] as MatchCasus;
    const a = aanbod[netwerk.kolomVan[e] as number] as MatchAanbod;
    const km = afstandTussen(c, a);
    voorstellen.push({
      casusId: c.id,
      aanbodId: a.id,
      afstandKm: km === null ? null : Math.round(km * 1000) / 1000,
      kosten: netwerk.kostenVan[e] as number,
    });
  }
  return { voorstellen, stats: { kandidaatParen: netwerk.kolomVan.length, geplaatst: voorstellen.length } };
}

/**
 * Proposes at most one offer per waiting case, never more proposals per offer than its capacity, maximising
 * lexicographically: placed group-1 cases, then group 2, group 3, ..., groupless; then the waiting days of the
 * placed cases (longest first); then minimising total {@link kosten}. Optimal, not greedy: a case placed earlier
 * may be moved to another offer so that another case fits too (augmenting paths), and the set of placed cases is
 * the Gale-optimal basis of the transversal matroid, at minimum cost (see `flow.ts`).
 *
 * Deterministic: the same cases and offers give the same proposals regardless of input array order (cases are
 * sorted by {@link prioriteitsVolgorde}, offers by id; remaining ties break on those positions). Ids must be unique.
 * Intake status and staleness are the caller's filters; eligibility is {@link geschikt}.
 */
export function matchCasussen(casussen: MatchCasus[], aanbod: MatchAanbod[]): MatchResultaat {
  return stelVoor(bouwKandidaten(casussen, aanbod));
}
