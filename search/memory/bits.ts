import { MAX_LEEFTIJD } from "../../src/kern/fields.ts";

/** A set of slots, one bit each. */
export type Bits = Uint32Array;

export function setBit(b: Bits, i: number): void {
  b[i >>> 5] = (b[i >>> 5] as number) | (1 << (i & 31));
}

export function clearBit(b: Bits, i: number): void {
  b[i >>> 5] = (b[i >>> 5] as number) & ~(1 << (i & 31));
}

export function andInto(into: Bits, other: Bits): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] as number) & (other[w] as number);
}

export function orInto(into: Bits, other: Bits): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] as number) | (other[w] as number);
}

function grown(b: Bits, words: number): Bits {
  const next = new Uint32Array(words);
  next.set(b.subarray(0, Math.min(b.length, words)));
  return next;
}

/** Ages with a set of their own; a search for another age checks each offer. */
const LEEFTIJDEN = MAX_LEEFTIJD + 1;
/** Total waiting times (weeks) with a set of offers at or below them; a higher maximum checks each offer. */
export const WACHT_SETS = 64;
/** Grid cells for distance searches, in degrees (about 5.5 by 5.5 km in the Netherlands). */
const CEL_LAT = 0.05;
const CEL_LON = 0.08;
const celKey = (latBin: number, lonBin: number) => latBin * 65_536 + (lonBin + 32_768);

/** What the sets of one offer depend on. */
export interface Kenmerken {
  leeftijdVan: number;
  leeftijdTot: number;
  wacht: number;
  intake: number;
  zorgvorm: number;
  /** A free place in intake status open (holds not yet subtracted: the scan checks those offers one by one). */
  vrij: boolean;
  lat: number;
  lon: number;
}

/**
 * The offers' filters as sets of slots, kept with every change: per age, per maximum waiting
 * time, per intake status, per care type, free places, and a grid for distance. A search ANDs
 * the sets of its conditions and then looks only at the slots left.
 */
export class FilterBits {
  words = 0;
  alive: Bits = new Uint32Array(0);
  vrij: Bits = new Uint32Array(0);
  coordinaten: Bits = new Uint32Array(0);
  leeftijd: Bits[] = Array.from({ length: LEEFTIJDEN }, () => new Uint32Array(0));
  wacht: Bits[] = Array.from({ length: WACHT_SETS }, () => new Uint32Array(0));
  intake: Bits[] = [];
  zorgvorm: Bits[] = [];
  private readonly cellen = new Map<number, number[]>();

  grow(capacity: number): void {
    this.words = capacity >>> 5;
    this.alive = grown(this.alive, this.words);
    this.vrij = grown(this.vrij, this.words);
    this.coordinaten = grown(this.coordinaten, this.words);
    this.leeftijd = this.leeftijd.map((b) => grown(b, this.words));
    this.wacht = this.wacht.map((b) => grown(b, this.words));
    this.intake = this.intake.map((b) => grown(b, this.words));
    this.zorgvorm = this.zorgvorm.map((b) => grown(b, this.words));
  }

  private family(list: Bits[], id: number): Bits {
    while (list.length <= id) list.push(new Uint32Array(this.words));
    return list[id] as Bits;
  }

  private cell(lat: number, lon: number): number[] | undefined {
    if (Number.isNaN(lat) || Number.isNaN(lon)) return undefined;
    const key = celKey(Math.floor(lat / CEL_LAT), Math.floor(lon / CEL_LON));
    let list = this.cellen.get(key);
    if (!list) {
      list = [];
      this.cellen.set(key, list);
    }
    return list;
  }

  /** Puts the slot in (`on`) or takes it out of every set its properties place it in. */
  mark(slot: number, k: Kenmerken, on: boolean): void {
    const put = on ? setBit : clearBit;
    put(this.alive, slot);
    if (k.vrij) put(this.vrij, slot);
    for (let age = Math.max(0, k.leeftijdVan); age <= Math.min(LEEFTIJDEN - 1, k.leeftijdTot); age++)
      put(this.leeftijd[age] as Bits, slot);
    for (let w = Math.max(0, k.wacht); w < WACHT_SETS; w++) put(this.wacht[w] as Bits, slot);
    put(this.family(this.intake, k.intake), slot);
    put(this.family(this.zorgvorm, k.zorgvorm), slot);
    const cell = this.cell(k.lat, k.lon);
    if (!cell) return;
    put(this.coordinaten, slot);
    if (on) cell.push(slot);
    else {
      const at = cell.indexOf(slot);
      if (at >= 0) {
        cell[at] = cell[cell.length - 1] as number;
        cell.pop();
      }
    }
  }

  hasAge(age: number): boolean {
    return age >= 0 && age < LEEFTIJDEN;
  }

  /** Adds to `into` every slot in a grid cell that overlaps the box around a point. */
  near(into: Bits, lat: number, lon: number, dLat: number, dLon: number): void {
    for (let la = Math.floor((lat - dLat) / CEL_LAT); la <= Math.floor((lat + dLat) / CEL_LAT); la++) {
      for (let lo = Math.floor((lon - dLon) / CEL_LON); lo <= Math.floor((lon + dLon) / CEL_LON); lo++) {
        for (const slot of this.cellen.get(celKey(la, lo)) ?? []) setBit(into, slot);
      }
    }
  }
}
