import { emptyFacetten, type Facetten, type SearchHit, type SearchQuery, straalHoek } from "../engine.ts";
import type { QueryWord } from "../text.ts";
import { andInto, orInto, setBit, WACHT_SETS } from "./bits.ts";
import { Coverage, type DekkingRij } from "./coverage.ts";
import { type GeheugenRij, Offers } from "./offers.ts";
import {
  ACTUEEL,
  EERSTE,
  EERSTE_ACTUEEL,
  EERSTE_VEROUDERD,
  MATCHES,
  OUTSIDE,
  type Plan,
  SCAN_WORDS,
  Sortering,
  scan,
  TALLY,
  VEROUDERD,
} from "./scan.ts";
import { TextIndex } from "./text-index.ts";
import { Best } from "./top-k.ts";

const RAD = Math.PI / 180;

export interface Found {
  page: SearchHit[];
  totaal: number;
  facetten: Facetten;
  /**
   * Until this moment (ms, inclusive) the same search gives the same answer while nothing is
   * written: then the first match passes a stale cut-off, or the first hold ends.
   */
  geldigTot: number;
}

/**
 * The in-memory search index: the offers' columns, their texts and the contracts, and the
 * one pass that filters, counts the facets and keeps the best page of a search. Its answers
 * are the SQLite engine's (the contract suite runs on both); distances are haversine, as
 * Meilisearch's and as the `afstandKm` an answer shows.
 */
export class MemoryIndex {
  readonly offers = new Offers();
  private readonly text = new TextIndex();
  private readonly coverage = new Coverage(this.offers.aanbieders, this.offers.zorgvormen);
  private candidates = new Uint32Array(0);
  private scratch = new Uint32Array(0);

  put(row: GeheugenRij, holdEnds: number[] | undefined): void {
    const slot = this.offers.put(row, holdEnds);
    this.text.grow(this.offers.capacity);
    this.text.set(slot, [row.aanbieder_naam, row.naam, row.omschrijving, row.plaats]);
    this.coverage.setOffer(slot, row.aanbieder_id, row.zorgvorm, this.offers.capacity);
  }

  remove(id: string): void {
    const slot = this.offers.remove(id);
    if (slot < 0) return;
    this.text.remove(slot);
    this.coverage.removeOffer(slot);
  }

  setContracts(ids: Iterable<string>, rows: Iterable<DekkingRij>): void {
    this.coverage.setContracts(ids, rows);
  }

  startBuild(): void {
    this.offers.startBuild();
    this.text.startBuild();
  }

  endBuild(): void {
    this.text.endBuild();
    this.offers.endBuild();
  }

  search(query: SearchQuery, words: readonly QueryWord[]): Found {
    const text = words.length > 0 ? this.text.match(words, this.offers.capacity) : undefined;
    try {
      return this.run(query, text);
    } finally {
      if (text) this.text.release(text);
    }
  }

  private run(query: SearchQuery, text: { slots: Int32Array; count: number } | undefined): Found {
    const o = this.offers;
    const plan = this.plan(query, text);
    const k = query.offset + query.limit;
    const best = new Best(k, o);
    const rest = new Best(plan.split ? k : 0, o);
    const perCel = new Int32Array(o.celCategorie.length);
    const tally = new Float64Array(TALLY);
    tally.fill(Number.POSITIVE_INFINITY, EERSTE_ACTUEEL);
    const words = plan.candidates.length;
    for (let from = 0; from < words; from += SCAN_WORDS)
      scan(o, this.text, plan, best, rest, perCel, tally, from, Math.min(words, from + SCAN_WORDS));
    const [matches, outside, actueel, verouderd] = [MATCHES, OUTSIDE, ACTUEEL, VEROUDERD].map((at) => tally[at] as number) as [
      number,
      number,
      number,
      number,
    ];

    const facetten = emptyFacetten();
    const add = (into: Record<string, number>, name: string, n: number) => {
      into[name] = (into[name] ?? 0) + n;
    };
    perCel.forEach((n, c) => {
      if (n === 0) return;
      add(facetten.zorgvorm, o.categorieen.values[o.celCategorie[c] as number] as string, n);
      add(facetten.intakeStatus, o.intakeStatussen.values[o.celIntake[c] as number] as string, n);
      add(facetten.gemeente, o.gemeenten.values[o.celGemeente[c] as number] as string, n);
    });
    facetten.actualiteit = { actueel, verouderd, "sterk-verouderd": matches - actueel - verouderd };

    // The page: contracted first, then the others (with ookNietGecontracteerd), each in order.
    const page: SearchHit[] = [];
    const gecontracteerd = query.contract ? true : undefined;
    for (const i of best.sorted().slice(query.offset)) this.hit(page, i, plan.nu, gecontracteerd);
    if (plan.split) {
      const skip = Math.max(0, query.offset - (matches - outside));
      for (const i of rest.sorted().slice(skip, skip + query.limit - page.length)) this.hit(page, i, plan.nu, false);
    }
    // A match turns verouderd once nu − (nu − actueel) passes its confirmation, and so on.
    const { nu } = plan;
    const geldigTot = Math.min(
      (tally[EERSTE_ACTUEEL] as number) + (nu - plan.actueelVanaf),
      (tally[EERSTE_VEROUDERD] as number) + (nu - plan.verouderdVanaf),
      (tally[EERSTE] as number) + (nu - plan.bevestigdVanaf),
      o.nextHoldEnd(nu) - 1,
    );
    return { page, totaal: matches, facetten, geldigTot };
  }

  /** The sets of the query's conditions ANDed into the candidates, and what the scan still checks per offer. */
  private plan(query: SearchQuery, text: { slots: Int32Array; count: number } | undefined): Plan {
    const o = this.offers;
    const bits = o.bits;
    if (this.candidates.length !== bits.words) {
      this.candidates = new Uint32Array(bits.words);
      this.scratch = new Uint32Array(bits.words);
    }
    const { candidates, scratch } = this;
    const none = () => candidates.fill(0);
    if (text) {
      candidates.fill(0);
      for (let k = 0; k < text.count; k++) setBit(candidates, text.slots[k] as number);
    } else candidates.set(bits.alive);

    if (query.zorgvormen) {
      scratch.fill(0);
      for (const code of query.zorgvormen) {
        const set = bits.zorgvorm[o.zorgvormen.find(code)];
        if (set) orInto(scratch, set);
      }
      andInto(candidates, scratch);
    }
    let leeftijd = query.leeftijd ?? -1;
    if (leeftijd >= 0 && bits.hasAge(leeftijd)) {
      andInto(candidates, bits.leeftijd[leeftijd] as Uint32Array);
      leeftijd = -1;
    }
    let maxWacht = query.maxWachttijd ?? -1;
    if (maxWacht >= 0 && maxWacht < WACHT_SETS) {
      andInto(candidates, bits.wacht[maxWacht] as Uint32Array);
      maxWacht = -1;
    }
    if (query.intakeStatus) {
      const set = bits.intake[o.intakeStatussen.find(query.intakeStatus)];
      if (set) andInto(candidates, set);
      else none();
    }
    if (query.alleenVrij) andInto(candidates, bits.vrij);
    const contracted = query.contract
      ? this.coverage.contracted(query.contract.gemeente, query.contract.regio, query.contract.dag, o.capacity)
      : undefined;
    const split = contracted !== undefined && query.contract?.ookNietGecontracteerd === true;
    if (contracted && !split) andInto(candidates, contracted);

    // Distances by the chord between points on the unit sphere: the haversine distance d is
    // 2R·asin(chord/2), so d ≤ r exactly when chord² ≤ 4·sin²(r/2R), and both order alike.
    const nabij = query.nabij;
    const straal = nabij?.straalKm;
    if (nabij && straal !== undefined) {
      // The grid cells around the circle's box; on a sphere its widest point lies a little poleward.
      const angle = straalHoek(straal);
      const dLon = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(nabij.lat * RAD))) / RAD;
      scratch.fill(0);
      bits.near(scratch, nabij.lat, nabij.lon, angle / RAD, dLon);
      andInto(candidates, scratch);
    } else if (nabij) andInto(candidates, bits.coordinaten);

    // -2: a value no offer has, so nothing matches.
    const equal = (value: string | undefined, dict: { find(v: string): number }) => {
      if (value === undefined) return -1;
      const id = dict.find(value);
      return id >= 0 ? id : -2;
    };
    const aanbieder = equal(query.aanbiederId, o.aanbieders);
    const locatie = equal(query.locatieId, o.locaties);
    if (aanbieder === -2 || locatie === -2) none();

    const cosLat = Math.cos((nabij?.lat ?? 0) * RAD);
    return {
      candidates,
      bevestigdVanaf: query.bevestigdVanaf ? Date.parse(query.bevestigdVanaf) : Number.NEGATIVE_INFINITY,
      leeftijd,
      maxWacht,
      aanbieder,
      locatie,
      alleenVrij: query.alleenVrij === true,
      contract: contracted ?? candidates,
      split,
      nu: Date.parse(query.nu),
      geo: straal !== undefined,
      maxChord2: straal !== undefined ? 4 * Math.sin(straalHoek(straal) / 2) ** 2 : 0,
      px: cosLat * Math.cos((nabij?.lon ?? 0) * RAD),
      py: cosLat * Math.sin((nabij?.lon ?? 0) * RAD),
      pz: Math.sin((nabij?.lat ?? 0) * RAD),
      sorteer:
        query.sorteer === "wachttijd"
          ? Sortering.wachttijd
          : query.sorteer === "vrijePlekken"
            ? Sortering.vrijePlekken
            : query.sorteer === "afstand" && nabij
              ? Sortering.afstand
              : query.sorteer === "relevantie" && text !== undefined
                ? Sortering.relevantie
                : Sortering.id,
      actueelVanaf: Date.parse(query.grenzen.actueel),
      verouderdVanaf: Date.parse(query.grenzen.verouderd),
    };
  }

  private hit(page: SearchHit[], i: number, nu: number, gecontracteerd: boolean | undefined): void {
    const o = this.offers;
    const document = o.document(i, nu);
    const id = o.ids[i] as string;
    page.push(gecontracteerd === undefined ? { id, document } : { id, gecontracteerd, document });
  }
}
