import { fold, MIN_WOORD_VOOR_TYPFOUT, type QueryWord } from "../text.ts";

/** Weights of the fields for relevance, as the SQLite engine's bm25: provider name, offer name, description, place. */
const VELDGEWICHT = [3, 2, 1, 1] as const;
/** Per bit mask of fields, the sum of their weights. */
const GEWICHT_VAN_VELDEN = Float64Array.from({ length: 16 }, (_, mask) =>
  VELDGEWICHT.reduce((sum, w, veld) => sum + (mask & (1 << veld) ? w : 0), 0),
);

/** The words of a text as SQLite FTS5 (`unicode61 remove_diacritics 2`) cuts them: letters and digits, folded. */
export function tokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/**
 * The folded-word index of the offers' texts: per term the slots holding it, per slot its
 * terms with the fields they occur in. It answers a text the way the SQLite engine's FTS5
 * query does: every word must match, the last one as a prefix while typing, and a word of
 * five letters or more may also match an indexed word one edit away (for a prefix: a word
 * whose beginning is one edit away).
 */
export class TextIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: number[][] = [];
  /** Parallel to `postings`: the fields the term occurs in, for that slot. */
  private readonly postingFields: number[][] = [];
  /** Per slot: term id × 16 + the bit mask of the fields it occurs in. */
  private readonly perSlot: (number[] | undefined)[] = [];
  private sorted: string[] | undefined;
  private readonly alphabet = new Set<string>();
  private readonly cache = new Map<string, string[]>();
  private mark = new Uint8Array(0);
  private scores = new Float64Array(0);
  private found = [new Int32Array(0), new Int32Array(0)];
  documents = 0;

  /** Tokens of a text, remembered while a build runs (names and places repeat a lot). */
  private cut(text: string | null): string[] {
    if (!text) return [];
    let found = this.cache.get(text);
    if (!found) {
      found = tokens(text);
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(text, found);
    }
    return found;
  }

  endBuild(): void {
    this.cache.clear();
  }

  /** Sets the texts of a slot (provider name, offer name, description, place); unchanged texts cost no update. */
  set(slot: number, velden: readonly (string | null)[]): void {
    const found: number[] = [];
    velden.forEach((text, veld) => {
      for (const t of this.cut(text)) found.push(this.termId(t) * 16 + (1 << veld));
    });
    found.sort((a, b) => a - b);
    // One entry per term, with the fields it occurs in.
    const next: number[] = [];
    for (const v of found) {
      const last = next.length - 1;
      if (last >= 0 && Math.floor((next[last] as number) / 16) === Math.floor(v / 16))
        next[last] = (next[last] as number) | (v % 16);
      else next.push(v);
    }
    const prev = this.perSlot[slot];
    if (prev && prev.length === next.length && prev.every((v, i) => v === next[i])) return;
    if (prev) this.unpost(slot, prev);
    else this.documents++;
    this.perSlot[slot] = next;
    for (const v of next) {
      const id = Math.floor(v / 16);
      (this.postings[id] as number[]).push(slot);
      (this.postingFields[id] as number[]).push(v % 16);
    }
  }

  remove(slot: number): void {
    const prev = this.perSlot[slot];
    if (!prev) return;
    this.unpost(slot, prev);
    this.perSlot[slot] = undefined;
    this.documents--;
  }

  private unpost(slot: number, entries: number[]): void {
    for (const v of entries) {
      const id = Math.floor(v / 16);
      const list = this.postings[id] as number[];
      const fields = this.postingFields[id] as number[];
      const at = list.indexOf(slot);
      if (at >= 0) {
        list[at] = list[list.length - 1] as number;
        fields[at] = fields[fields.length - 1] as number;
        list.pop();
        fields.pop();
      }
    }
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push([]);
      this.postingFields.push([]);
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
        const list = this.postings[id] as number[];
        if (list.length === 0) continue;
        const idf = Math.log(1 + (this.documents - list.length + 0.5) / (list.length + 0.5));
        n = this.post(list, this.postingFields[id] as number[], idf, g, next, n);
      }
      // Slots that matched the words before but not this one are out.
      if (g > 0) for (let k = 0; k < count; k++) this.clearIf(slots[k] as number, g);
      slots = next;
      count = n;
    }
    for (let k = 0; k < count; k++) this.mark[slots[k] as number] = 0;
    return { slots, count };
  }

  /** One term's slots for word `g`: those that matched every word before are in, with the term's weight. */
  private post(list: number[], fields: number[], idf: number, g: number, next: Int32Array, n: number): number {
    const { mark, scores } = this;
    let at = n;
    for (let k = 0; k < list.length; k++) {
      const slot = list[k] as number;
      const m = mark[slot] as number;
      if (m === g) {
        mark[slot] = g + 1;
        next[at++] = slot;
      } else if (m !== g + 1) continue;
      scores[slot] = (scores[slot] as number) + idf * (GEWICHT_VAN_VELDEN[fields[k] as number] as number);
    }
    return at;
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
