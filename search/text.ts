/**
 * Free-text handling shared by the engines, so that both read a query the same way:
 * diacritics folded (`cafe` finds `café`), Dutch stop words dropped, the last word a prefix
 * (as you type) unless the query ends in a space, one typo allowed in words of 5+ letters.
 */

export const MIN_WOORD_VOOR_TYPFOUT = 5;

/** Common Dutch function words: they say nothing about care and must not narrow a search. */
export const STOPWOORDEN = [
  "aan",
  "al",
  "als",
  "bij",
  "dan",
  "dat",
  "de",
  "die",
  "dit",
  "door",
  "een",
  "en",
  "er",
  "het",
  "hij",
  "hoe",
  "ik",
  "in",
  "is",
  "je",
  "maar",
  "met",
  "na",
  "naar",
  "niet",
  "nog",
  "of",
  "om",
  "onder",
  "ook",
  "op",
  "over",
  "te",
  "ten",
  "ter",
  "tot",
  "u",
  "uit",
  "van",
  "voor",
  "wat",
  "we",
  "wel",
  "wie",
  "zijn",
  "ze",
  "zo",
];
const STOP = new Set(STOPWOORDEN);

export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export interface QueryWord {
  woord: string;
  prefix: boolean;
}

/** The words of a query that count, folded; the last one is a prefix while still being typed. */
export function queryWords(q: string): QueryWord[] {
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP.has(w));
  const typing = !/\s$/.test(q);
  return words.map((woord, i) => ({ woord, prefix: typing && i === words.length - 1 }));
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return (prev[b.length] as number) <= max;
}
