/**
 * The best `k` slots offered so far, by a key (smaller first) with ties by the smaller id (the
 * SQL engines' `ORDER BY …, id`): a bounded max-heap, so that of 100,000 matches most cost
 * one comparison with the worst of the page.
 */
export class Best {
  private readonly slots: Int32Array;
  private readonly keys: Float64Array;
  size = 0;

  constructor(
    readonly k: number,
    private readonly order: { ids: string[]; idKey: Float64Array },
  ) {
    this.slots = new Int32Array(Math.max(1, k));
    this.keys = new Float64Array(Math.max(1, k));
  }

  /** Whether (key a, slot a) comes after (key b, slot b). */
  private after(ka: number, a: number, kb: number, b: number): boolean {
    if (ka !== kb) return ka > kb;
    const ia = this.order.idKey[a] as number;
    const ib = this.order.idKey[b] as number;
    if (ia !== ib && ia !== 0 && ib !== 0) return ia > ib;
    return (this.order.ids[a] as string) > (this.order.ids[b] as string);
  }

  /** The key a slot must not exceed to be worth offering (the worst kept, once the page is full). */
  threshold(): number {
    if (this.k === 0) return Number.NEGATIVE_INFINITY;
    return this.size < this.k ? Number.POSITIVE_INFINITY : (this.keys[0] as number);
  }

  offer(slot: number, key: number): void {
    const { slots, keys } = this;
    if (this.size < this.k) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.after(key, slot, keys[parent] as number, slots[parent] as number)) break;
        slots[at] = slots[parent] as number;
        keys[at] = keys[parent] as number;
        at = parent;
      }
      slots[at] = slot;
      keys[at] = key;
      return;
    }
    const worst = keys[0] as number;
    if (key > worst || this.k === 0 || !this.after(worst, slots[0] as number, key, slot)) return;
    // Replace the worst and let the new one sink to its place.
    let at = 0;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= this.size) break;
      const r = l + 1;
      let top = l;
      if (r < this.size && this.after(keys[r] as number, slots[r] as number, keys[l] as number, slots[l] as number)) top = r;
      if (!this.after(keys[top] as number, slots[top] as number, key, slot)) break;
      slots[at] = slots[top] as number;
      keys[at] = keys[top] as number;
      at = top;
    }
    slots[at] = slot;
    keys[at] = key;
  }

  /** The kept slots, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) =>
      this.after(this.keys[a] as number, this.slots[a] as number, this.keys[b] as number, this.slots[b] as number) ? 1 : -1,
    );
    return order.map((i) => this.slots[i] as number);
  }
}
