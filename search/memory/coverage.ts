import { geldigOpDag } from "../../db/dekking.ts";
import { type Bits, setBit } from "./bits.ts";
import type { Dictionary } from "./offers.ts";

/** One row of the view `contract_dekking`: a contract and one care type it covers. */
export type DekkingRij = [
  contractId: string,
  aanbiederId: string,
  zorgvorm: string,
  gemeente: string | null,
  regio: string | null,
  geldigVanaf: string,
  geldigTot: string | null,
];

export const DEKKING_KOLOMMEN = "contract_id, aanbieder_id, zorgvorm, gemeente, regio, geldig_vanaf, geldig_tot";

/** The cover rows of one party (a municipality or a region), as parallel columns. */
interface Party {
  pair: number[];
  /** yyyymmdd */
  vanaf: number[];
  /** yyyymmdd; Infinity when open-ended */
  tot: number[];
  contract: number[];
}

const CACHED_MASKS = 128;

/** The offers a question makes contracted, as a set of slots. */
export type Contracted = Bits;
const ZORGVORMEN_PER_AANBIEDER = 1 << 12;
const dagnummer = (iso: string) => Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

/** A number for a contract id, to find its rows again when it changes (two FNV-1a hashes, 52 bits). */
function contractKey(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a * 0x100000 + (b >>> 12);
}

/**
 * Contracted care in memory: the rows of `contract_dekking` (db/dekking.ts: a contract covers
 * its care type and every form beneath it, for its municipality or its region's) by party,
 * and per question (municipality, region, day) the offers it makes contracted, as a set of
 * slots, cached until contracts or the offers' provider or care type change.
 */
export class Coverage {
  /** Dense numbers for the pairs (provider × care type, keyed aanbieder id × 4096 + zorgvorm id). */
  private readonly pairIds = new Map<number, number>();
  /** Per pair: the slots of its offers. */
  private readonly pairSlots: number[][] = [];
  private slotPair = new Int32Array(0);
  private readonly parties = new Map<string, Party>();
  private readonly masks = new Map<string, Contracted>();

  constructor(
    private readonly aanbieders: Dictionary,
    private readonly zorgvormen: Dictionary,
  ) {}

  private pair(aanbiederId: string, zorgvorm: string): number {
    const key = this.aanbieders.id(aanbiederId) * ZORGVORMEN_PER_AANBIEDER + this.zorgvormen.id(zorgvorm);
    let id = this.pairIds.get(key);
    if (id === undefined) {
      id = this.pairSlots.length;
      this.pairIds.set(key, id);
      this.pairSlots.push([]);
    }
    return id;
  }

  /** Places an offer's slot under its provider and care type (again after a change). */
  setOffer(slot: number, aanbiederId: string, zorgvorm: string, capacity: number): void {
    if (this.slotPair.length < capacity) {
      const next = new Int32Array(capacity).fill(-1);
      next.set(this.slotPair);
      this.slotPair = next;
      this.masks.clear();
    }
    const pair = this.pair(aanbiederId, zorgvorm);
    const old = this.slotPair[slot] as number;
    if (old === pair) return;
    if (old >= 0) this.unlink(slot, old);
    this.slotPair[slot] = pair;
    (this.pairSlots[pair] as number[]).push(slot);
    this.masks.clear();
  }

  removeOffer(slot: number): void {
    const old = this.slotPair[slot] ?? -1;
    if (old < 0) return;
    this.unlink(slot, old);
    this.slotPair[slot] = -1;
    this.masks.clear();
  }

  private unlink(slot: number, pair: number): void {
    const list = this.pairSlots[pair] as number[];
    const at = list.indexOf(slot);
    if (at >= 0) {
      list[at] = list[list.length - 1] as number;
      list.pop();
    }
  }

  /** Replaces everything known of these contracts by their current rows (none: it is gone). */
  setContracts(ids: Iterable<string>, rows: Iterable<DekkingRij>): void {
    const gone = new Set([...ids].map(contractKey));
    if (gone.size > 0) {
      for (const party of this.parties.values()) {
        let kept = 0;
        for (let i = 0; i < party.pair.length; i++) {
          if (gone.has(party.contract[i] as number)) continue;
          party.pair[kept] = party.pair[i] as number;
          party.vanaf[kept] = party.vanaf[i] as number;
          party.tot[kept] = party.tot[i] as number;
          party.contract[kept] = party.contract[i] as number;
          kept++;
        }
        party.pair.length = party.vanaf.length = party.tot.length = party.contract.length = kept;
      }
    }
    for (const [contractId, aanbiederId, zorgvorm, gemeente, regio, vanaf, tot] of rows) {
      const key = gemeente ? `g:${gemeente}` : `r:${regio}`;
      let party = this.parties.get(key);
      if (!party) {
        party = { pair: [], vanaf: [], tot: [], contract: [] };
        this.parties.set(key, party);
      }
      party.pair.push(this.pair(aanbiederId, zorgvorm));
      party.vanaf.push(dagnummer(vanaf));
      party.tot.push(tot === null ? Number.POSITIVE_INFINITY : dagnummer(tot));
      party.contract.push(contractKey(contractId));
    }
    this.masks.clear();
  }

  /** The offers contracted for this municipality (directly or through its region) on `dag`. */
  contracted(gemeente: string, regio: string | null, dag: string, capacity: number): Contracted {
    const key = `${gemeente}|${regio ?? ""}|${dag}`;
    const known = this.masks.get(key);
    if (known) {
      this.masks.delete(key); // most recently used last
      this.masks.set(key, known);
      return known;
    }
    const found = new Uint32Array(Math.max(capacity, this.slotPair.length) >>> 5);
    const day = dagnummer(dag);
    for (const party of [this.parties.get(`g:${gemeente}`), regio ? this.parties.get(`r:${regio}`) : undefined]) {
      if (!party) continue;
      const { pair, vanaf, tot } = party;
      for (let i = 0; i < pair.length; i++) {
        if (!geldigOpDag({ geldigVanaf: vanaf[i] as number, geldigTot: tot[i] as number }, day)) continue;
        for (const slot of this.pairSlots[pair[i] as number] as number[]) setBit(found, slot);
      }
    }
    if (this.masks.size >= CACHED_MASKS) this.masks.delete(this.masks.keys().next().value as string);
    this.masks.set(key, found);
    return found;
  }
}
