import type { ZoekDocument } from "../document.ts";
import { EARTH_RADIUS_KM, emptyFacetten, type Facetten, type SearchHit, type SearchQuery } from "../engine.ts";
import type { QueryWord } from "../text.ts";
import { Coverage, type DekkingRij } from "./coverage.ts";
import { type GeheugenRij, Offers } from "./offers.ts";
import { ACTUEEL, MATCHES, OUTSIDE, type Plan, Sortering, scan, VEROUDERD } from "./scan.ts";
import { TextIndex } from "./text-index.ts";
import { Best } from "./top-k.ts";

const RAD = Math.PI / 180;
const GEEN = new Uint8Array(0);

export interface Found {
  page: SearchHit[];
  totaal: number;
  facetten: Facetten;
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
  private narrowed = new Int32Array(0);

  put(row: GeheugenRij, holdEnds: number[] | undefined): void {
    const slot = this.offers.put(row, holdEnds);
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
    const tally = new Float64Array(4);
    scan(o, this.text, plan, best, rest, perCel, tally);
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
    return { page, totaal: matches, facetten };
  }

  /** Every condition of the query as a number the scan compares against (-1 where it does not apply). */
  private plan(query: SearchQuery, text: { slots: Int32Array; count: number } | undefined): Plan {
    const o = this.offers;
    let zorgvormMask = GEEN;
    if (query.zorgvormen) {
      zorgvormMask = new Uint8Array(o.zorgvormen.values.length);
      for (const code of query.zorgvormen) {
        const id = o.zorgvormen.find(code);
        if (id >= 0) zorgvormMask[id] = 1;
      }
    }
    const contracted = query.contract
      ? this.coverage.contracted(query.contract.gemeente, query.contract.regio, query.contract.dag, o.capacity)
      : undefined;
    const alleenGecontracteerd = contracted !== undefined && !query.contract?.ookNietGecontracteerd;

    // Where to look: the offers with the words (only those: the scan does not check the text),
    // else those of the care types or under contract, whichever are fewer; every offer when
    // neither narrows much (a scan in slot order reads memory in order).
    if (this.narrowed.length < o.capacity) this.narrowed = new Int32Array(o.capacity);
    let candidates: Int32Array = GEEN_SLOTS;
    let size = o.end;
    if (text) {
      candidates = text.slots;
      size = text.count;
    } else {
      if (alleenGecontracteerd && contracted && contracted.slots.length < size / 2) {
        candidates = contracted.slots;
        size = contracted.slots.length;
      }
      if (query.zorgvormen) {
        const lists = query.zorgvormen.map((code) => o.perZorgvorm[o.zorgvormen.find(code)] ?? []);
        const listed = lists.reduce((n, list) => n + list.length, 0);
        if (listed < size / 2) {
          let at = 0;
          for (const list of lists) for (const slot of list) this.narrowed[at++] = slot;
          candidates = this.narrowed;
          size = listed;
        }
      }
    }

    // -2: a value no offer has, so nothing matches.
    const equal = (value: string | undefined, dict: { find(v: string): number }) => {
      if (value === undefined) return -1;
      const id = dict.find(value);
      return id >= 0 ? id : -2;
    };
    const aanbieder = equal(query.aanbiederId, o.aanbieders);
    const locatie = equal(query.locatieId, o.locaties);
    const intakeStatus = equal(query.intakeStatus, o.intakeStatussen);
    const open = query.alleenVrij ? o.intakeStatussen.find("open") : -1;
    const nothing = aanbieder === -2 || locatie === -2 || intakeStatus === -2 || (query.alleenVrij === true && open < 0);

    // Distances by the chord between points on the unit sphere: the haversine distance d is
    // 2R·asin(chord/2), so d ≤ r exactly when chord² ≤ 4·sin²(r/2R), and both order alike.
    const nabij = query.nabij;
    const cosLat = Math.cos((nabij?.lat ?? 0) * RAD);
    return {
      candidates,
      size: nothing ? 0 : size,
      scanAll: candidates === GEEN_SLOTS,
      bevestigdVanaf: query.bevestigdVanaf ? Date.parse(query.bevestigdVanaf) : Number.NEGATIVE_INFINITY,
      zorgvormMask,
      leeftijd: query.leeftijd ?? -1,
      maxWacht: query.maxWachttijd ?? -1,
      contract: contracted?.mask ?? GEEN,
      alleenGecontracteerd,
      split: contracted !== undefined && !alleenGecontracteerd,
      intakeStatus,
      aanbieder,
      locatie,
      open,
      nu: Date.parse(query.nu),
      geo: nabij?.straalKm !== undefined,
      coordinaten: nabij !== undefined,
      maxChord2: nabij?.straalKm !== undefined ? 4 * Math.sin(nabij.straalKm / (2 * EARTH_RADIUS_KM)) ** 2 : 0,
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
    const stored = o.documents[i] as ZoekDocument;
    const document = { ...stored, aanbod: { ...stored.aanbod, vastgehouden: o.vastgehouden(i, nu) } };
    const id = o.ids[i] as string;
    page.push(gecontracteerd === undefined ? { id, document } : { id, gecontracteerd, document });
  }
}

const GEEN_SLOTS = new Int32Array(0);
