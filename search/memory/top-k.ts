/**
 * The best `k` of the first `n` slots in `list`, best first: the smallest key, ties by the
 * smaller id (the SQL engines' `ORDER BY …, id`). A bounded max-heap, so a page of 20 out of
 * 100,000 matches costs one comparison for most of them.
 */
export function topK(list: Int32Array, n: number, k: number, keys: Float64Array, ids: string[]): number[] {
  const worse = (a: number, b: number) => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    return ka > kb || (ka === kb && (ids[a] as string) > (ids[b] as string));
  };
  if (k <= 0) return [];
  if (k >= n) {
    const all = Array.from(list.subarray(0, n));
    return all.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  }
  const heap: number[] = [];
  const down = (from: number) => {
    let at = from;
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let top = at;
      if (l < heap.length && worse(heap[l] as number, heap[top] as number)) top = l;
      if (r < heap.length && worse(heap[r] as number, heap[top] as number)) top = r;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top] as number, heap[at] as number];
      at = top;
    }
  };
  for (let j = 0; j < n; j++) {
    const slot = list[j] as number;
    if (heap.length < k) {
      heap.push(slot);
      let at = heap.length - 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at] as number, heap[parent] as number)) break;
        [heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number];
        at = parent;
      }
    } else if (worse(heap[0] as number, slot)) {
      heap[0] = slot;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
