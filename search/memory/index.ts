import type { ZoekDocument } from "../document.ts";
import { EARTH_RADIUS_KM, emptyFacetten, type Facetten, type SearchHit, type SearchQuery } from "../engine.ts";
import type { QueryWord } from "../text.ts";
import { Coverage, type DekkingRij } from "./coverage.ts";
import { type GeheugenRij, Offers } from "./offers.ts";
import { TextIndex } from "./text-index.ts";
import { topK } from "./top-k.ts";

const RAD = Math.PI / 180;
const PLEKKEN_BEREIK = 1 << 24;
const WACHT_BEREIK = 1 << 21;

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
  private matches = new Int32Array(0);
  private others = new Int32Array(0);
  private keys = new Float64Array(0);

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
    const o = this.offers;
    if (this.matches.length < o.capacity) {
      this.matches = new Int32Array(o.capacity);
      this.others = new Int32Array(o.capacity);
      this.keys = new Float64Array(o.capacity);
    }
    const nu = Date.parse(query.nu);
    const candidates = words.length > 0 ? this.text.match(words, o.capacity) : undefined;
    try {
      return this.run(query, nu, candidates);
    } finally {
      if (candidates) this.text.release(candidates);
    }
  }

  private run(query: SearchQuery, nu: number, candidates: number[] | undefined): Found {
    const o = this.offers;

    // Every condition as a value the loop compares against; -1 or NaN where it does not apply.
    let zorgvormMask: Uint8Array | undefined;
    if (query.zorgvormen) {
      zorgvormMask = new Uint8Array(o.zorgvormen.values.length);
      for (const code of query.zorgvormen) {
        const id = o.zorgvormen.find(code);
        if (id >= 0) zorgvormMask[id] = 1;
      }
    }
    const contract = query.contract
      ? this.coverage.mask(query.contract.gemeente, query.contract.regio, query.contract.dag, o.capacity)
      : undefined;
    const alleenGecontracteerd = contract !== undefined && !query.contract?.ookNietGecontracteerd;
    const leeftijd = query.leeftijd ?? -1;
    const maxWacht = query.maxWachttijd ?? -1;
    const bevestigdVanaf = query.bevestigdVanaf ? Date.parse(query.bevestigdVanaf) : Number.NEGATIVE_INFINITY;
    // -1: no condition; -2: a value no offer has (nothing matches).
    const equal = (value: string | undefined, dict: { find(v: string): number }) => {
      if (value === undefined) return -1;
      const id = dict.find(value);
      return id >= 0 ? id : -2;
    };
    const aanbieder = equal(query.aanbiederId, o.aanbieders);
    const locatie = equal(query.locatieId, o.locaties);
    const intakeStatus = equal(query.intakeStatus, o.intakeStatussen);
    const open = query.alleenVrij ? o.intakeStatussen.find("open") : -1;
    const nothing = aanbieder === -2 || locatie === -2 || intakeStatus === -2 || (query.alleenVrij && open < 0);

    // Distances by the chord between points on the unit sphere: the haversine distance d is
    // 2R·asin(chord/2), so d ≤ r exactly when chord² ≤ 4·sin²(r/2R), and both order alike.
    const nabij = query.nabij;
    const straal = nabij?.straalKm;
    const geo = nabij !== undefined && straal !== undefined;
    const maxChord2 = geo ? 4 * Math.sin(straal / (2 * EARTH_RADIUS_KM)) ** 2 : 0;
    const cosNabij = Math.cos((nabij?.lat ?? 0) * RAD);
    const px = cosNabij * Math.cos((nabij?.lon ?? 0) * RAD);
    const py = cosNabij * Math.sin((nabij?.lon ?? 0) * RAD);
    const pz = Math.sin((nabij?.lat ?? 0) * RAD);
    const { x, y, z } = o;
    const chord2 = (slot: number) => {
      const dx = (x[slot] as number) - px;
      const dy = (y[slot] as number) - py;
      const dz = (z[slot] as number) - pz;
      return dx * dx + dy * dy + dz * dz;
    };

    const facetten = emptyFacetten();
    const perCategorie = new Int32Array(o.categorieen.values.length);
    const perIntake = new Int32Array(o.intakeStatussen.values.length);
    const perGemeente = new Int32Array(o.gemeenten.values.length);
    const actueelVanaf = Date.parse(query.grenzen.actueel);
    const verouderdVanaf = Date.parse(query.grenzen.verouderd);
    let actueel = 0;
    let verouderd = 0;
    const matches = this.matches;
    let m = 0;

    const { alive, bevestigd, zorgvorm, leeftijdVan, leeftijdTot, wacht, intake, vrije, lat, categorie, gemeente } = o;
    const end = nothing ? 0 : candidates ? candidates.length : o.end;
    for (let k = 0; k < end; k++) {
      const i = candidates ? (candidates[k] as number) : k;
      if (alive[i] === 0) continue;
      const b = bevestigd[i] as number;
      if (b < bevestigdVanaf) continue;
      if (zorgvormMask && zorgvormMask[zorgvorm[i] as number] === 0) continue;
      if (leeftijd >= 0 && ((leeftijdVan[i] as number) > leeftijd || (leeftijdTot[i] as number) < leeftijd)) continue;
      if (maxWacht >= 0 && (wacht[i] as number) > maxWacht) continue;
      if (alleenGecontracteerd && contract[i] === 0) continue;
      if (intakeStatus >= 0 && intake[i] !== intakeStatus) continue;
      if (aanbieder >= 0 && o.aanbieder[i] !== aanbieder) continue;
      if (locatie >= 0 && o.locatie[i] !== locatie) continue;
      if (open >= 0 && ((vrije[i] as number) <= 0 || intake[i] !== open || o.beschikbaar(i, nu) <= 0)) continue;
      if (geo) {
        if (!(chord2(i) <= maxChord2)) continue; // NaN without coordinates
      } else if (nabij && Number.isNaN(lat[i] as number)) continue;
      matches[m++] = i;
      const c = categorie[i] as number;
      const s = intake[i] as number;
      const g = gemeente[i] as number;
      perCategorie[c] = (perCategorie[c] as number) + 1;
      perIntake[s] = (perIntake[s] as number) + 1;
      perGemeente[g] = (perGemeente[g] as number) + 1;
      if (b >= actueelVanaf) actueel++;
      else if (b >= verouderdVanaf) verouderd++;
    }

    const count = (into: Record<string, number>, counts: Int32Array, names: string[]) => {
      counts.forEach((n, id) => {
        if (n > 0) into[names[id] as string] = n;
      });
    };
    count(facetten.zorgvorm, perCategorie, o.categorieen.values);
    count(facetten.intakeStatus, perIntake, o.intakeStatussen.values);
    count(facetten.gemeente, perGemeente, o.gemeenten.values);
    facetten.actualiteit = { actueel, verouderd, "sterk-verouderd": m - actueel - verouderd };

    // The order: one number per match (smaller first), ties by id.
    let keys = o.volgorde;
    if (query.sorteer !== "wachttijd") {
      keys = this.keys;
      for (let k = 0; k < m; k++) {
        const i = matches[k] as number;
        switch (query.sorteer) {
          case "vrijePlekken": {
            const vrij = Math.max(-PLEKKEN_BEREIK / 2, Math.min(PLEKKEN_BEREIK / 2, o.beschikbaar(i, nu)));
            keys[i] = (PLEKKEN_BEREIK / 2 - vrij) * WACHT_BEREIK + (wacht[i] as number);
            break;
          }
          case "afstand":
            keys[i] = nabij ? chord2(i) : 0;
            break;
          default:
            keys[i] = candidates ? -this.text.score(i) : 0;
        }
      }
    }

    const page: SearchHit[] = [];
    const take = (list: Int32Array, n: number, skip: number, want: number, gecontracteerd: boolean | undefined) => {
      if (want <= 0 || skip >= n) return;
      for (const i of topK(list, n, Math.min(n, skip + want), keys, o.ids).slice(skip)) {
        const stored = o.documents[i] as ZoekDocument;
        const document = { ...stored, aanbod: { ...stored.aanbod, vastgehouden: o.vastgehouden(i, nu) } };
        const id = o.ids[i] as string;
        page.push(gecontracteerd === undefined ? { id, document } : { id, gecontracteerd, document });
      }
    };
    if (!contract) take(matches, m, query.offset, query.limit, undefined);
    else if (alleenGecontracteerd) take(matches, m, query.offset, query.limit, true);
    else {
      // Contracted first, then the others, each in the asked order; the page may span both.
      const others = this.others;
      let inContract = 0;
      let outside = 0;
      for (let k = 0; k < m; k++) {
        const i = matches[k] as number;
        if (contract[i] === 1) matches[inContract++] = i;
        else others[outside++] = i;
      }
      take(matches, inContract, query.offset, query.limit, true);
      take(others, outside, Math.max(0, query.offset - inContract), query.limit - page.length, false);
    }
    return { page, totaal: m, facetten };
  }
}
