import { fold, MIN_WOORD_VOOR_TYPFOUT, type QueryWord } from "../text.ts";
import { Postings } from "./postings.ts";

/** The words of a text as SQLite FTS5 (`unicode61 remove_diacritics 2`) cuts them: letters and digits, folded. */
export function tokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** A number for the texts of an offer, to tell a change from a write that left them alone (two FNV-1a hashes, 52 bits). */
function textKey(velden: readonly (string | null)[]): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const text of velden) {
    const t = text ?? "\u0000";
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
    }
    a = Math.imul(a ^ 1, 0x01000193) >>> 0;
    b = Math.imul(b ^ 1, 0x5bd1e995) >>> 0;
  }
  return a * 0x100000 + (b >>> 12);
}

/**
 * The folded-word index of the offers' texts: per term the slots holding it (Postings). It
 * answers a text the way the SQLite engine's FTS5 query does: every word must match, the last
 * one as a prefix while typing, and a word of five letters or more may also match an indexed
 * word one edit away (for a prefix: a word whose beginning is one edit away).
 */
export class TextIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings = new Postings();
  /** Per slot: a number for its texts (NaN: none). */
  private keys = new Float64Array(0);
  private sorted: string[] | undefined;
  private readonly alphabet = new Set<string>();
  private cache: Map<string, string[]> | undefined;
  private mark = new Uint8Array(0);
  private scores = new Float64Array(0);
  private found = [new Int32Array(0), new Int32Array(0)];
  documents = 0;

  grow(capacity: number): void {
    if (this.keys.length >= capacity) return;
    const keys = new Float64Array(capacity).fill(Number.NaN);
    keys.set(this.keys);
    this.keys = keys;
    this.postings.grow(capacity);
  }

  startBuild(): void {
    this.cache = new Map();
    this.postings.startBuild();
  }

  endBuild(): void {
    this.cache = undefined;
    this.postings.endBuild(this.terms.length);
  }

  /** Tokens of a text, remembered while a build runs (names and places repeat a lot). */
  private cut(text: string | null): string[] {
    if (!text) return [];
    let found = this.cache?.get(text);
    if (!found) {
      found = tokens(text);
      this.cache?.set(text, found);
    }
    return found;
  }

  /** Sets the texts of a slot (provider name, offer name, description, place); unchanged texts cost no update. */
  set(slot: number, velden: readonly (string | null)[]): void {
    const key = textKey(velden);
    const old = this.keys[slot] as number;
    if (old === key) return;
    if (Number.isNaN(old)) this.documents++;
    this.keys[slot] = key;
    const found: number[] = [];
    velden.forEach((text, veld) => {
      for (const t of this.cut(text)) found.push(this.termId(t) * 16 + (1 << veld));
    });
    found.sort((a, b) => a - b);
    // One entry per term, with the fields it occurs in.
    const entries: number[] = [];
    for (const v of found) {
      const last = entries.length - 1;
      if (last >= 0 && Math.floor((entries[last] as number) / 16) === Math.floor(v / 16))
        entries[last] = (entries[last] as number) | (v % 16);
      else entries.push(v);
    }
    this.postings.set(slot, entries);
  }

  remove(slot: number): void {
    if (Number.isNaN(this.keys[slot] as number)) return;
    this.keys[slot] = Number.NaN;
    this.postings.set(slot, undefined);
    this.documents--;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.sorted = undefined;
      for (const ch of term) this.alphabet.add(ch);
    }
    return id;
  }

  /**
   * The slots whose texts match every word, each with its relevance in `scores` (per matching
   * term its inverse document frequency times the weight of the fields it is in, as bm25 with
   * the SQLite engine's field weights, without length normalisation). The caller gives the
   * scores back with `release`.
   */
  match(words: readonly QueryWord[], capacity: number): { slots: Int32Array; count: number } {
    if (this.mark.length < capacity) {
      this.mark = new Uint8Array(capacity);
      this.scores = new Float64Array(capacity);
      this.found = [new Int32Array(capacity), new Int32Array(capacity)];
    }
    let slots = this.found[0] as Int32Array;
    let count = 0;
    for (let g = 0; g < words.length; g++) {
      const { woord, prefix } = words[g] as QueryWord;
      const next = this.found[(g + 1) % 2] as Int32Array;
      let n = 0;
      for (const id of this.alternatives(woord, prefix)) {
        const df = this.postings.count(id);
        if (df === 0) continue;
        const idf = Math.log(1 + Math.max(0, this.documents - df + 0.5) / (df + 0.5));
        n = this.postings.post(id, idf, g, this.mark, this.scores, next, n);
      }
      // Slots that matched the words before but not this one are out.
      if (g > 0) for (let k = 0; k < count; k++) this.clearIf(slots[k] as number, g);
      slots = next;
      count = n;
    }
    for (let k = 0; k < count; k++) this.mark[slots[k] as number] = 0;
    return { slots, count };
  }

  private clearIf(slot: number, g: number): void {
    if (this.mark[slot] !== g) return;
    this.mark[slot] = 0;
    this.scores[slot] = 0;
  }

  /** Relevance of a slot in the last `match`. */
  score(slot: number): number {
    return this.scores[slot] as number;
  }

  /** Gives back the scores of the last `match`. */
  release({ slots, count }: { slots: Int32Array; count: number }): void {
    for (let k = 0; k < count; k++) this.scores[slots[k] as number] = 0;
  }

  private alternatives(woord: string, prefix: boolean): Set<number> {
    const found = new Set<number>();
    if (prefix) this.withPrefix(woord, found);
    else {
      const id = this.termIds.get(woord);
      if (id !== undefined) found.add(id);
    }
    if (woord.length < MIN_WOORD_VOOR_TYPFOUT) return found;
    for (const variant of this.oneEditAway(woord)) {
      if (prefix) this.withPrefix(variant, found);
      else {
        const id = this.termIds.get(variant);
        if (id !== undefined) found.add(id);
      }
    }
    return found;
  }

  /** Every string one edit (optimal string alignment) from `w` over the letters the index knows. */
  private oneEditAway(w: string): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < w.length; i++) {
      out.add(w.slice(0, i) + w.slice(i + 1));
      if (i + 1 < w.length) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    }
    for (const ch of this.alphabet) {
      for (let i = 0; i <= w.length; i++) {
        out.add(w.slice(0, i) + ch + w.slice(i));
        if (i < w.length && w[i] !== ch) out.add(w.slice(0, i) + ch + w.slice(i + 1));
      }
    }
    out.delete(w);
    return out;
  }

  /** Adds the ids of all terms beginning with `start`. */
  private withPrefix(start: string, into: Set<number>): void {
    const sorted = this.sortedTerms();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const term = sorted[i] as string;
      if (!term.startsWith(start)) break;
      into.add(this.termIds.get(term) as number);
    }
  }

  private sortedTerms(): string[] {
    this.sorted ??= [...this.terms].sort();
    return this.sorted;
  }
}
