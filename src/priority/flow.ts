/**
 * Min-cost assignment engine behind the matching proposals (pure: typed arrays in, typed array out).
 *
 * The network: rows (waiting cases, in priority order) → columns (offers, capacity = free places), one unit per
 * row, integer edge costs. Rows come in classes of equal priority (same group and waiting days), handled from the
 * highest priority down. A row is added through the cheapest augmenting path (Dijkstra on reduced costs with node
 * potentials: successive shortest paths, the Hungarian method with capacities). Nothing placed is ever dropped; a
 * placed row may move to another column along an augmenting path.
 *
 * Why this is optimal:
 * - The sets of rows that can be placed together are the independent sets of a transversal matroid, so adding
 *   rows in priority order whenever an augmenting path exists gives the Gale-optimal basis: most group-1 rows,
 *   then group 2, ..., and within a group the longest waiting. A row without augmenting path never gets one
 *   later (its dependence on the placed set survives growing that set), so it is skipped for good.
 * - Cost: this is a min-cost flow in which each row's source edge weighs minus a huge weight per class. Successive
 *   shortest paths keep the flow min-cost for its value, so among placements with the optimal priority profile
 *   the total cost is minimal. Within a class, when every row of it can be added, adding them one by one along
 *   their own shortest paths yields a min-cost assignment of that (forced) row set (Hungarian method). When some
 *   row of the class fails after another one was added, the class is undone and redone with a multi-source
 *   Dijkstra from all its unplaced rows, so each augmentation is the globally shortest path (successive shortest
 *   paths proper) and the cheapest subset of the class is placed.
 *
 * Speed: adjacency in CSR form with each row's edges sorted by cost; a column with capacity k is one node; the
 * search stops as soon as it settles a column with a free place; a row's scan stops at the first edge that cannot
 * beat the best free column seen; and after a failed search every node it reached is closed and full for good
 * (no augmenting path can leave it), so it is pruned from then on.
 */

/** Input of {@link wijsToe}. Rows sorted by priority; each row's edges sorted by cost ascending. */
export interface Netwerk {
  rijen: number;
  kolommen: number;
  /** CSR: edges of row r are rijStart[r] .. rijStart[r+1]-1, sorted by cost. */
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
  const vrij = new Uint8Array(m);
  for (let o = 0; o < m; o++) vrij[o] = (capaciteit[o] as number) > 0 ? 1 : 0;
  // matched rows per column: doubly linked lists
  const kop = new Int32Array(m).fill(-1);
  const volgende = new Int32Array(n).fill(-1);
  const vorige = new Int32Array(n).fill(-1);
  // Potentials (node ids: rows 0..n-1, columns n..n+m-1); they only decrease from 0. Invariant: a column with a
  // free place has π = 0 (the sink's potential): usage never decreases, and a settled free column has d = D, so
  // the update leaves it at 0. Hence the first free column settled ends the search at the sink's distance D, and
  // a row's edge of cost c cannot lead anywhere nearer than d(row) + π(row) + c.
  const pi = new Float64Array(N);
  const dood = new Uint8Array(N);
  // Dijkstra state, reset lazily through a search stamp; heap keys are d × 4 + rank so that among equal
  // distances free columns come first (they end the search), then full columns, then rows.
  const dist = new Float64Array(N);
  const stempel = new Int32Array(N);
  const voorRij = new Int32Array(m);
  const voorEdge = new Int32Array(m);
  const heap = new Int32Array(N);
  const heapSleutel = new Float64Array(N);
  const plek = new Int32Array(N);
  const bezocht = new Int32Array(N);
  let heapSize = 0;
  let zoek = 0;
  // upper bound on this search's distance D: the best free column seen so far; nothing at or beyond it matters
  let grens = Number.POSITIVE_INFINITY;
  // undo log of the current class: potentials (node, old value), moves (row, old edge), columns that got a row
  const logPi: number[] = [];
  const logZet: number[] = [];
  const logKol: number[] = [];

  const omhoog = (start: number, v: number, sleutel: number): void => {
    let i = start;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const sp = heapSleutel[p] as number;
      if (sp <= sleutel) break;
      const u = heap[p] as number;
      heap[i] = u;
      heapSleutel[i] = sp;
      plek[u] = i;
      i = p;
    }
    heap[i] = v;
    heapSleutel[i] = sleutel;
    plek[v] = i;
  };
  const neemKleinste = (): number => {
    const top = heap[0] as number;
    heapSize--;
    if (heapSize > 0) {
      const v = heap[heapSize] as number;
      const sleutel = heapSleutel[heapSize] as number;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= heapSize) break;
        let sc = heapSleutel[c] as number;
        if (c + 1 < heapSize && (heapSleutel[c + 1] as number) < sc) sc = heapSleutel[++c] as number;
        if (sleutel <= sc) break;
        const w = heap[c] as number;
        heap[i] = w;
        heapSleutel[i] = sc;
        plek[w] = i;
        i = c;
      }
      heap[i] = v;
      heapSleutel[i] = sleutel;
      plek[v] = i;
    }
    return top;
  };
  /** Offers distance d to node v. A settled node always has dist ≤ d (reduced costs are ≥ 0), so it is left alone. */
  const ontspan = (v: number, d: number): boolean => {
    if (d >= grens) return false;
    const rang = v < n ? 2 : vrij[v - n] ? 0 : 1;
    if (rang === 0) grens = d;
    if (stempel[v] === zoek) {
      if (d >= (dist[v] as number)) return false;
      dist[v] = d;
      omhoog(plek[v] as number, v, d * 4 + rang);
      return true;
    }
    stempel[v] = zoek;
    dist[v] = d;
    omhoog(heapSize++, v, d * 4 + rang);
    return true;
  };
  const maakLos = (r: number, o: number): void => {
    const p = vorige[r] as number;
    const q = volgende[r] as number;
    if (p === -1) kop[o] = q;
    else volgende[p] = q;
    if (q !== -1) vorige[q] = p;
  };
  const hang = (r: number, e: number): void => {
    matchEdge[r] = e;
    if (e === -1) return;
    const o = kolomVan[e] as number;
    vorige[r] = -1;
    volgende[r] = kop[o] as number;
    if (kop[o] !== -1) vorige[kop[o] as number] = r;
    kop[o] = r;
  };

  /**
   * One shortest augmenting path from the given sources (unplaced rows). On success: updates potentials, moves
   * the rows along the path, logs when asked, answers true. On failure: marks the reached region dead when asked.
   */
  const verbeter = (bronnen: number[], log: boolean, markeer: boolean): boolean => {
    zoek++;
    heapSize = 0;
    grens = Number.POSITIVE_INFINITY;
    let piS = Number.NEGATIVE_INFINITY;
    for (const r of bronnen) piS = Math.max(piS, pi[r] as number);
    for (const r of bronnen) ontspan(r, piS - (pi[r] as number));
    let nBezocht = 0;
    let doel = -1;
    while (heapSize > 0) {
      const u = neemKleinste();
      const du = dist[u] as number;
      if (u >= n && vrij[u - n]) {
        doel = u - n;
        break;
      }
      bezocht[nBezocht++] = u;
      const pu = pi[u] as number;
      if (u < n) {
        const eigen = matchEdge[u];
        const basis = du + pu;
        for (let e = rijStart[u] as number, eEind = rijStart[u + 1] as number; e < eEind; e++) {
          const c = kostenVan[e] as number;
          if (basis + c >= grens) break; // sorted by cost, and π ≤ 0: nothing further can beat the bound
          if (e === eigen) continue;
          const o = kolomVan[e] as number;
          const v = n + o;
          const d = basis + c - (pi[v] as number);
          if (d >= grens || (stempel[v] === zoek && d >= (dist[v] as number)) || dood[v]) continue;
          if (ontspan(v, d)) {
            voorRij[o] = u;
            voorEdge[o] = e;
          }
        }
      } else {
        for (let r = kop[u - n] as number; r !== -1; r = volgende[r] as number) {
          ontspan(r, du - (kostenVan[matchEdge[r] as number] as number) + pu - (pi[r] as number));
        }
      }
    }
    if (doel < 0) {
      // no augmenting path: everything reached is closed and full for good
      if (markeer) for (let i = 0; i < nBezocht; i++) dood[bezocht[i] as number] = 1;
      return false;
    }
    const D = dist[n + doel] as number;
    for (let i = 0; i < nBezocht; i++) {
      const v = bezocht[i] as number;
      if (log) logPi.push(v, pi[v] as number);
      pi[v] = (pi[v] as number) + (dist[v] as number) - D;
    }
    let o = doel;
    gebruikt[o] = (gebruikt[o] as number) + 1;
    if (gebruikt[o] === capaciteit[o]) vrij[o] = 0;
    if (log) logKol.push(doel);
    for (;;) {
      const r = voorRij[o] as number;
      const oud = matchEdge[r] as number;
      if (log) logZet.push(r, oud);
      if (oud !== -1) maakLos(r, kolomVan[oud] as number);
      hang(r, voorEdge[o] as number);
      if (oud === -1) return true;
      o = kolomVan[oud] as number;
    }
  };
  /** Rolls the current class back to its start. */
  const herstel = (): void => {
    for (let i = logPi.length - 2; i >= 0; i -= 2) pi[logPi[i] as number] = logPi[i + 1] as number;
    for (let i = logZet.length - 2; i >= 0; i -= 2) {
      const r = logZet[i] as number;
      maakLos(r, kolomVan[matchEdge[r] as number] as number);
      hang(r, logZet[i + 1] as number);
    }
    for (const o of logKol) {
      gebruikt[o] = (gebruikt[o] as number) - 1;
      vrij[o] = 1;
    }
    logPi.length = 0;
    logZet.length = 0;
    logKol.length = 0;
  };

  const enkel: number[] = [0];
  const bronnen: number[] = [];
  const plaatsbaar = (r: number): boolean => matchEdge[r] === -1 && !dood[r] && rijStart[r] !== rijStart[r + 1];
  for (let k = 0; k + 1 < klasseStart.length; k++) {
    const van = klasseStart[k] as number;
    const tot = klasseStart[k + 1] as number;
    // first one by one (cheap, and optimal unless a row fails after another row of the class was added)
    let geplaatst = 0;
    let terug = false;
    logPi.length = 0;
    logZet.length = 0;
    logKol.length = 0;
    for (let r = van; r < tot && !terug; r++) {
      if (!plaatsbaar(r)) continue;
      enkel[0] = r;
      if (verbeter(enkel, tot - van > 1, geplaatst === 0)) geplaatst++;
      else if (geplaatst > 0) terug = true;
    }
    if (!terug) continue;
    herstel();
    for (;;) {
      bronnen.length = 0;
      for (let r = van; r < tot; r++) if (plaatsbaar(r)) bronnen.push(r);
      if (bronnen.length === 0 || !verbeter(bronnen, false, true)) break;
    }
  }
  return matchEdge;
}

/** Building blocks of a network's rows: columns with their costs, sorted by (cost, column). */
export interface Lijst {
  kol: Int32Array;
  kost: Float64Array;
}
const PAK = 2 ** 21;

/** Sorts columns with their costs by (cost, column). */
export function sorteer(kol: number[], kost: number[]): Lijst {
  const k = kol.length;
  if (kost.every((x) => x < 2 ** 32) && kol.every((o) => o < PAK)) {
    const uit: Lijst = { kol: new Int32Array(k), kost: new Float64Array(k) };
    // cost × 2^21 + column stays below 2^53: one native numeric sort
    const sleutels = new Float64Array(k);
    for (let i = 0; i < k; i++) sleutels[i] = (kost[i] as number) * PAK + (kol[i] as number);
    sleutels.sort();
    for (let i = 0; i < k; i++) {
      const o = (sleutels[i] as number) % PAK;
      uit.kol[i] = o;
      uit.kost[i] = ((sleutels[i] as number) - o) / PAK;
    }
    return uit;
  }
  const volgorde = kol
    .map((_, i) => i)
    .sort((a, b) => (kost[a] as number) - (kost[b] as number) || (kol[a] as number) - (kol[b] as number));
  return { kol: Int32Array.from(volgorde, (j) => kol[j] as number), kost: Float64Array.from(volgorde, (j) => kost[j] as number) };
}

/** Appends list l to the edge arrays from position `vanaf`, leaving out the columns stamped as declined; answers the end. */
export function kopieer(
  l: Lijst,
  kol: Int32Array,
  kost: Float64Array,
  vanaf: number,
  stempels: Int32Array,
  stempel: number,
): number {
  const lk = l.kol;
  const lc = l.kost;
  let a = vanaf;
  for (let i = 0; i < lk.length; i++) {
    const o = lk[i] as number;
    if (stempels[o] === stempel) continue;
    kol[a] = o;
    kost[a] = lc[i] as number;
    a++;
  }
  return a;
}
