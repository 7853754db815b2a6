/**
 * Min-cost assignment engine behind the matching proposals (pure: typed arrays in, typed array out).
 *
 * The network: rows (waiting cases, already in priority order) → columns (offers, capacity = free places),
 * one unit per row, integer edge costs. Rows come in classes of equal priority (same group and waiting days).
 * Classes are handled from the highest priority down; within a class every augmentation takes the globally
 * cheapest augmenting path from any unplaced row of the class (multi-source Dijkstra on reduced costs with node
 * potentials, i.e. successive shortest paths / Hungarian with capacities). Nothing placed is ever dropped; a row
 * may move to another column along an augmenting path.
 *
 * Why this is optimal: the sets of rows that can be placed together are the independent sets of a transversal
 * matroid, so adding rows in priority order whenever an augmenting path exists yields the Gale-optimal basis
 * (most group-1 rows, then group 2, ..., and within a group the longest waiting). Equivalently it is a min-cost
 * flow where each row's source edge carries a huge negative weight per class; successive shortest paths keep the
 * flow min-cost for its value, so among all placements with that priority profile the total cost is minimal.
 * A row without augmenting path never gets one later (matroid), so it is skipped for good.
 *
 * Speed: adjacency in CSR form; a column with capacity k is one node; Dijkstra stops as soon as it settles a
 * column with a free place (early exit, with the matching potential update π += min(d, D)); and after a failed
 * search every node it reached is closed and full for good (no augmenting path can leave it), so it is pruned.
 */

/** Input of {@link wijsToe}. Rows must be sorted by priority; `klasseStart` holds the first row of each class. */
export interface Netwerk {
  rijen: number;
  kolommen: number;
  /** CSR: edges of row r are rijStart[r] .. rijStart[r+1]-1. */
  rijStart: Int32Array;
  kolomVan: Int32Array;
  kostenVan: Float64Array;
  capaciteit: Int32Array;
  /** Class boundaries, ascending, first element 0, last element `rijen`. */
  klasseStart: Int32Array;
}

/** Assigns rows to columns; answers per row the chosen edge index, or -1 when the row is not placed. */
export function wijsToe(net: Netwerk): Int32Array {
  const { rijen: n, kolommen: m, rijStart, kolomVan, kostenVan, capaciteit, klasseStart } = net;
  const N = n + m;
  const matchEdge = new Int32Array(n).fill(-1);
  const gebruikt = new Int32Array(m);
  // matched rows per column: doubly linked lists
  const kop = new Int32Array(m).fill(-1);
  const volgende = new Int32Array(n).fill(-1);
  const vorige = new Int32Array(n).fill(-1);
  // Potentials (node ids: rows 0..n-1, columns n..n+m-1). Invariant: every column with a free place has π = 0 (the
  // sink's potential): usage never decreases, and a settled free column has d = D, so the update leaves it at 0.
  // Hence the first free column settled ends the search at the shortest distance D to the sink.
  const pi = new Float64Array(N);
  const dood = new Uint8Array(N);
  // Dijkstra state, reset lazily through a search stamp
  const dist = new Float64Array(N);
  const stempel = new Int32Array(N);
  const klaar = new Int32Array(N);
  const voorRij = new Int32Array(m);
  const voorEdge = new Int32Array(m);
  const heap = new Int32Array(N);
  const plek = new Int32Array(N);
  const bezocht = new Int32Array(N);
  let heapSize = 0;
  let zoek = 0;

  const omhoog = (i0: number): void => {
    let i = i0;
    const v = heap[i] as number;
    const d = dist[v] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const u = heap[p] as number;
      const du = dist[u] as number;
      if (du < d || (du === d && u < v)) break;
      heap[i] = u;
      plek[u] = i;
      i = p;
    }
    heap[i] = v;
    plek[v] = i;
  };
  const omlaag = (): number => {
    const top = heap[0] as number;
    heapSize--;
    if (heapSize > 0) {
      const v = heap[heapSize] as number;
      const d = dist[v] as number;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= heapSize) break;
        let w = heap[c] as number;
        let dw = dist[w] as number;
        if (c + 1 < heapSize) {
          const w2 = heap[c + 1] as number;
          const d2 = dist[w2] as number;
          if (d2 < dw || (d2 === dw && w2 < w)) {
            c++;
            w = w2;
            dw = d2;
          }
        }
        if (d < dw || (d === dw && v < w)) break;
        heap[i] = w;
        plek[w] = i;
        i = c;
      }
      heap[i] = v;
      plek[v] = i;
    }
    plek[top] = -1;
    return top;
  };
  /** Offers distance d to node v (not yet settled in this search). */
  const ontspan = (v: number, d: number): boolean => {
    if (stempel[v] !== zoek) {
      stempel[v] = zoek;
      dist[v] = d;
      heap[heapSize] = v;
      plek[v] = heapSize;
      heapSize++;
      omhoog(heapSize - 1);
      return true;
    }
    if (klaar[v] === zoek || d >= (dist[v] as number)) return false;
    dist[v] = d;
    omhoog(plek[v] as number);
    return true;
  };

  const bronnen: number[] = [];
  for (let k = 0; k + 1 < klasseStart.length; k++) {
    const van = klasseStart[k] as number;
    const tot = klasseStart[k + 1] as number;
    for (;;) {
      bronnen.length = 0;
      let piS = Number.NEGATIVE_INFINITY;
      for (let r = van; r < tot; r++) {
        if (matchEdge[r] !== -1 || dood[r] || rijStart[r] === rijStart[r + 1]) continue;
        bronnen.push(r);
        if ((pi[r] as number) > piS) piS = pi[r] as number;
      }
      if (bronnen.length === 0) break;
      zoek++;
      heapSize = 0;
      for (const r of bronnen) ontspan(r, piS - (pi[r] as number));
      let nBezocht = 0;
      let D = -1;
      let doel = -1;
      while (heapSize > 0) {
        const u = omlaag();
        klaar[u] = zoek;
        const du = dist[u] as number;
        if (u >= n && (gebruikt[u - n] as number) < (capaciteit[u - n] as number)) {
          D = du;
          doel = u - n;
          break;
        }
        bezocht[nBezocht++] = u;
        const pu = pi[u] as number;
        if (u < n) {
          const eigen = matchEdge[u];
          for (let e = rijStart[u] as number, eEind = rijStart[u + 1] as number; e < eEind; e++) {
            if (e === eigen) continue;
            const o = kolomVan[e] as number;
            const v = n + o;
            if (dood[v]) continue;
            if (ontspan(v, du + (kostenVan[e] as number) + pu - (pi[v] as number))) {
              voorRij[o] = u;
              voorEdge[o] = e;
            }
          }
        } else {
          const o = u - n;
          for (let r = kop[o] as number; r !== -1; r = volgende[r] as number) {
            if (klaar[r] === zoek) continue;
            ontspan(r, du - (kostenVan[matchEdge[r] as number] as number) + pu - (pi[r] as number));
          }
        }
      }
      if (D < 0) {
        // no augmenting path from any row of this class: everything reached is closed and full for good
        for (let i = 0; i < nBezocht; i++) dood[bezocht[i] as number] = 1;
        break;
      }
      for (let i = 0; i < nBezocht; i++) {
        const v = bezocht[i] as number;
        pi[v] = (pi[v] as number) + (dist[v] as number) - D;
      }
      let o = doel;
      gebruikt[o] = (gebruikt[o] as number) + 1;
      for (;;) {
        const r = voorRij[o] as number;
        const oudEdge = matchEdge[r] as number;
        if (oudEdge !== -1) {
          const p = vorige[r] as number;
          const q = volgende[r] as number;
          if (p === -1) kop[kolomVan[oudEdge] as number] = q;
          else volgende[p] = q;
          if (q !== -1) vorige[q] = p;
        }
        matchEdge[r] = voorEdge[o] as number;
        vorige[r] = -1;
        volgende[r] = kop[o] as number;
        if (kop[o] !== -1) vorige[kop[o] as number] = r;
        kop[o] = r;
        if (oudEdge === -1) break;
        o = kolomVan[oudEdge] as number;
      }
    }
  }
  return matchEdge;
}
