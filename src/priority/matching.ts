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
import { type Netwerk, wijsToe } from "./flow.ts";

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
  /** Offer ids declined before for this case. */
  afgewezen?: ReadonlySet<string>;
}

export interface MatchAanbod {
  id: string;
  aanbiederId: string;
  zorgvorm: string;
  leeftijdVan: number;
  leeftijdTot: number;
  /** Free places minus active holds. */
  capaciteit: number;
  wachttijdWeken: number | null;
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
  stats: { kandidaatParen: number; geplaatst: number; ms?: number };
}

/** Mean Earth radius (IUGG), km. */
export const AARDSTRAAL_KM = 6371.0088;
/** Distance used when the case or the offer has no coordinates: such offers come last but stay eligible. */
export const ONBEKENDE_AFSTAND_KM = 1000;
/** Waiting weeks used when an offer states none (unknown sorts after every known figure at equal distance). */
export const ONBEKENDE_WACHTTIJD_WEKEN = 999;

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const sLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const h = sLat * sLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sLon * sLon;
  return 2 * AARDSTRAAL_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

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
 * Whether the offer could take the case: the offer's care form is the case's type or beneath it, the case's age
 * is within the offer's range (inclusive), the provider is contracted for that form by the case's municipality,
 * the case has not declined this offer before, and the offer has a free place.
 */
export function geschikt(c: MatchCasus, a: MatchAanbod): boolean {
  return (
    a.capaciteit > 0 &&
    c.zorgvormen.has(a.zorgvorm) &&
    a.leeftijdVan <= c.leeftijdJaren &&
    c.leeftijdJaren <= a.leeftijdTot &&
    c.contractSleutels.has(contractSleutel(a)) &&
    !c.afgewezen?.has(a.id)
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

function uniek(ids: readonly { id: string }[], soort: string): void {
  for (let i = 1; i < ids.length; i++) {
    if ((ids[i] as { id: string }).id === (ids[i - 1] as { id: string }).id)
      throw new RangeError(`dubbele ${soort}-id: ${(ids[i] as { id: string }).id}`);
  }
}

/** Step 1 of {@link matchCasussen}: every eligible pair ({@link geschikt}) with its {@link kosten}, in CSR form. */
export function bouwKandidaten(casussenIn: readonly MatchCasus[], aanbodIn: readonly MatchAanbod[]): Kandidaten {
  const casussen = prioriteitsVolgorde(casussenIn);
  const aanbod = [...aanbodIn].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  uniek(
    [...casussen].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    "casus",
  );
  uniek(aanbod, "aanbod");
  const n = casussen.length;
  const m = aanbod.length;

  const capaciteit = new Int32Array(m);
  const van = new Float64Array(m);
  const tot = new Float64Array(m);
  const sleutel: string[] = new Array(m);
  const index = new Map<string, number>();
  const perVorm = new Map<string, number[]>();
  for (let o = 0; o < m; o++) {
    const a = aanbod[o] as MatchAanbod;
    capaciteit[o] = a.capaciteit > 0 ? Math.floor(a.capaciteit) : 0;
    van[o] = a.leeftijdVan;
    tot[o] = a.leeftijdTot;
    sleutel[o] = contractSleutel(a);
    index.set(a.id, o);
    if (capaciteit[o] === 0) continue;
    const lijst = perVorm.get(a.zorgvorm);
    if (lijst) lijst.push(o);
    else perVorm.set(a.zorgvorm, [o]);
  }

  // Offers of one form contracted under one set of contract keys; cached per Set identity when it is shared.
  const setGebruik = new Map<ReadonlySet<string>, number>();
  const locGebruik = new Map<string, number>();
  const locSleutel = (c: MatchCasus): string | null => (c.lat === null || c.lon === null ? null : `${c.lat},${c.lon}`);
  for (const c of casussen) {
    setGebruik.set(c.contractSleutels, (setGebruik.get(c.contractSleutels) ?? 0) + 1);
    const l = locSleutel(c);
    if (l !== null) locGebruik.set(l, (locGebruik.get(l) ?? 0) + 1);
  }
  const contractCache = new Map<ReadonlySet<string>, Map<string, number[]>>();
  const gecontracteerd = (sleutels: ReadonlySet<string>, vorm: string): number[] => {
    const cache = contractCache.get(sleutels);
    const bekend = cache?.get(vorm);
    if (bekend) return bekend;
    const lijst = (perVorm.get(vorm) ?? []).filter((o) => sleutels.has(sleutel[o] as string));
    if ((setGebruik.get(sleutels) ?? 0) > 1) {
      if (cache) cache.set(vorm, lijst);
      else contractCache.set(sleutels, new Map([[vorm, lijst]]));
    }
    return lijst;
  };
  // Costs per (case location, offer), cached for locations shared by several cases (municipality centroids).
  const maxLocaties = Math.max(1, Math.floor(4_194_304 / Math.max(1, m)));
  const kostenCache = new Map<string, Float64Array>();
  const kostenZonderLocatie = new Float64Array(m);
  for (let o = 0; o < m; o++) kostenZonderLocatie[o] = kosten(null, (aanbod[o] as MatchAanbod).wachttijdWeken);

  const rijStart = new Int32Array(n + 1);
  let kolomVan = new Int32Array(1024);
  let kostenVan = new Float64Array(1024);
  let aantal = 0;
  const afgewezenStempel = new Int32Array(m);
  const klassen: number[] = [];
  for (let r = 0; r < n; r++) {
    const c = casussen[r] as MatchCasus;
    if (r === 0 || !zelfdeKlasse(casussen[r - 1] as MatchCasus, c)) klassen.push(r);
    rijStart[r] = aantal;
    if (c.afgewezen) {
      for (const id of c.afgewezen) {
        const o = index.get(id);
        if (o !== undefined) afgewezenStempel[o] = r + 1;
      }
    }
    const l = locSleutel(c);
    let kostenRij = l === null ? kostenZonderLocatie : kostenCache.get(l);
    if (!kostenRij && l !== null && (locGebruik.get(l) ?? 0) > 1 && kostenCache.size < maxLocaties) {
      kostenRij = new Float64Array(m).fill(-1);
      kostenCache.set(l, kostenRij);
    }
    const leeftijd = c.leeftijdJaren;
    for (const vorm of c.zorgvormen) {
      const lijst = gecontracteerd(c.contractSleutels, vorm);
      for (let i = 0; i < lijst.length; i++) {
        const o = lijst[i] as number;
        if ((van[o] as number) > leeftijd || leeftijd > (tot[o] as number) || afgewezenStempel[o] === r + 1) continue;
        let k = kostenRij ? (kostenRij[o] as number) : -1;
        if (k < 0) {
          const a = aanbod[o] as MatchAanbod;
          k = kosten(afstandTussen(c, a), a.wachttijdWeken);
          if (kostenRij) kostenRij[o] = k;
        }
        if (aantal === kolomVan.length) {
          const groter = new Int32Array(aantal * 2);
          groter.set(kolomVan);
          kolomVan = groter;
          const groterK = new Float64Array(aantal * 2);
          groterK.set(kostenVan);
          kostenVan = groterK;
        }
        kolomVan[aantal] = o;
        kostenVan[aantal] = k;
        aantal++;
      }
    }
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
