/** Which page of a list a caller asks for. */
export interface Paging {
  pagina: number;
  perPagina: number;
}

/** One page of a list, with the total over all pages. */
export interface Page<T> {
  resultaten: T[];
  totaal: number;
  pagina: number;
  perPagina: number;
}

/** A page of a list that is already in memory (reference lists of a few hundred rows). */
export function pageOfList<T>(all: readonly T[], { pagina, perPagina }: Paging): Page<T> {
  return { resultaten: all.slice((pagina - 1) * perPagina, pagina * perPagina), totaal: all.length, pagina, perPagina };
}
