/** Per bit mask of fields (provider name, offer name, description, place), the sum of their bm25 weights 3, 2, 1, 1. */
const GEWICHT_VAN_VELDEN = Float64Array.from({ length: 16 }, (_, mask) =>
  [3, 2, 1, 1].reduce((sum, w, veld) => sum + (mask & (1 << veld) ? w : 0), 0),
);

/** One posting: term id × 16 + the bit mask of the fields the term is in. */
const term = (entry: number) => Math.floor(entry / 16);

/**
 * Per term the slots holding it, with the fields it is in: one compact block (slots and
 * fields in typed arrays, per term a range) made when the index is built, and the offers
 * changed since in small lists beside it. A changed offer's entries in the block no longer
 * count (`inBlock`); once the lists hold many, they are folded into a new block.
 */
export class Postings {
  private offsets = new Int32Array(1);
  private slots = new Int32Array(0);
  private fields = new Uint8Array(0);
  private inBlock = new Uint8Array(0);
  private readonly extraSlots: number[][] = [];
  private readonly extraFields: number[][] = [];
  /** Per slot in the lists: its entries. */
  private readonly extraOf = new Map<number, number[]>();
  private extraCount = 0;
  /** While building: slot, entry, slot, entry, … */
  private building: Int32Array | undefined;
  private built = 0;

  grow(capacity: number): void {
    if (this.inBlock.length >= capacity) return;
    const next = new Uint8Array(capacity);
    next.set(this.inBlock);
    this.inBlock = next;
  }

  startBuild(): void {
    this.building = new Int32Array(1 << 20);
    this.built = 0;
  }

  /** Sets the entries of a slot (none: it has no text any more). */
  set(slot: number, entries: readonly number[] | undefined): void {
    if (this.building) {
      let building = this.building;
      for (const entry of entries ?? []) {
        if (this.built + 2 > building.length) {
          const more = new Int32Array(building.length * 2);
          more.set(building);
          building = more;
        }
        building[this.built++] = slot;
        building[this.built++] = entry;
      }
      this.building = building;
      return;
    }
    this.inBlock[slot] = 0;
    const old = this.extraOf.get(slot);
    if (old) {
      for (const entry of old) this.unlist(term(entry), slot);
      this.extraOf.delete(slot);
      this.extraCount -= old.length;
    }
    if (!entries?.length) return;
    for (const entry of entries) {
      const id = term(entry);
      while (this.extraSlots.length <= id) {
        this.extraSlots.push([]);
        this.extraFields.push([]);
      }
      (this.extraSlots[id] as number[]).push(slot);
      (this.extraFields[id] as number[]).push(entry % 16);
    }
    this.extraOf.set(slot, [...entries]);
    this.extraCount += entries.length;
    if (this.extraCount > 10_000 && this.extraCount > this.slots.length / 8) this.fold();
  }

  private unlist(id: number, slot: number): void {
    const list = this.extraSlots[id] as number[];
    const fields = this.extraFields[id] as number[];
    const at = list.indexOf(slot);
    if (at < 0) return;
    list[at] = list[list.length - 1] as number;
    fields[at] = fields[fields.length - 1] as number;
    list.pop();
    fields.pop();
  }

  /** Makes the block from what was set while building. */
  endBuild(terms: number): void {
    const pairs = this.building ?? new Int32Array(0);
    const n = this.built / 2;
    this.building = undefined;
    const offsets = new Int32Array(terms + 1);
    for (let k = 0; k < n; k++) {
      const t = term(pairs[2 * k + 1] as number) + 1;
      offsets[t] = (offsets[t] as number) + 1;
    }
    for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const at = offsets.slice(0, terms);
    const slots = new Int32Array(n);
    const fields = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const entry = pairs[2 * k + 1] as number;
      const p = (at[term(entry)] as number) + 0;
      at[term(entry)] = p + 1;
      slots[p] = pairs[2 * k] as number;
      fields[p] = entry % 16;
      this.inBlock[pairs[2 * k] as number] = 1;
    }
    this.offsets = offsets;
    this.slots = slots;
    this.fields = fields;
  }

  /** Folds the lists into a new block, leaving out what no longer counts. */
  private fold(): void {
    const terms = Math.max(this.offsets.length - 1, this.extraSlots.length);
    this.startBuild();
    const pending: [number, number][] = [];
    for (let t = 0; t < terms; t++) {
      for (let p = this.start(t), end = this.end(t); p < end; p++) {
        const slot = this.slots[p] as number;
        if (this.inBlock[slot] === 1) pending.push([slot, t * 16 + (this.fields[p] as number)]);
      }
      const extra = this.extraSlots[t] ?? [];
      extra.forEach((slot, k) => {
        pending.push([slot, t * 16 + ((this.extraFields[t] as number[])[k] as number)]);
      });
    }
    for (const [slot, entry] of pending) {
      this.inBlock[slot] = 1;
      this.set(slot, [entry]);
    }
    this.extraSlots.length = 0;
    this.extraFields.length = 0;
    this.extraOf.clear();
    this.extraCount = 0;
    this.endBuild(terms);
  }

  /** The block's range of a term: empty for a term first seen after the block was made. */
  private start(id: number): number {
    return id + 1 < this.offsets.length ? (this.offsets[id] as number) : 0;
  }

  private end(id: number): number {
    return id + 1 < this.offsets.length ? (this.offsets[id + 1] as number) : 0;
  }

  /** How many offers hold the term (those changed since the block counted twice at most: for weights only). */
  count(id: number): number {
    return this.end(id) - this.start(id) + (this.extraSlots[id]?.length ?? 0);
  }

  /**
   * One term's offers for word `g`: those that matched every word before (`mark` = g) come in
   * (g + 1) and go to `next`; each gets the term's weight `idf` times the weight of its fields.
   */
  post(id: number, idf: number, g: number, mark: Uint8Array, scores: Float64Array, next: Int32Array, n: number): number {
    let at = n;
    const { slots, fields, inBlock } = this;
    for (let p = this.start(id), end = this.end(id); p < end; p++) {
      const slot = slots[p] as number;
      if (inBlock[slot] === 0) continue;
      const m = mark[slot] as number;
      if (m === g) {
        mark[slot] = g + 1;
        next[at++] = slot;
      } else if (m !== g + 1) continue;
      scores[slot] = (scores[slot] as number) + idf * (GEWICHT_VAN_VELDEN[fields[p] as number] as number);
    }
    const extra = this.extraSlots[id];
    if (extra) {
      const extraFields = this.extraFields[id] as number[];
      for (let k = 0; k < extra.length; k++) {
        const slot = extra[k] as number;
        const m = mark[slot] as number;
        if (m === g) {
          mark[slot] = g + 1;
          next[at++] = slot;
        } else if (m !== g + 1) continue;
        scores[slot] = (scores[slot] as number) + idf * (GEWICHT_VAN_VELDEN[extraFields[k] as number] as number);
      }
    }
    return at;
  }
}
