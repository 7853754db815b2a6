import type { Bits } from "./bits.ts";
import type { Offers } from "./offers.ts";
import type { TextIndex } from "./text-index.ts";
import type { Best } from "./top-k.ts";

const PLEKKEN_BEREIK = 1 << 24;
const WACHT_BEREIK = 1 << 21;

export const Sortering = { wachttijd: 0, vrijePlekken: 1, afstand: 2, relevantie: 3, id: 4 } as const;

/**
 * A search as the scan needs it: the slots every set-indexed condition admits, and what is
 * left to check per offer (-1 where a condition does not apply).
 */
export interface Plan {
  /** The slots the care type, age, waiting time, intake status, free places, contract, text and grid admit. */
  candidates: Bits;
  bevestigdVanaf: number;
  /** An age or maximum waiting time the sets do not cover, checked per offer. */
  leeftijd: number;
  maxWacht: number;
  aanbieder: number;
  locatie: number;
  /** Only offers with a free place: those with holds are counted at `nu` one by one. */
  alleenVrij: boolean;
  /** The offers contracted for the child's municipality, with ookNietGecontracteerd (ranked first). */
  contract: Bits;
  split: boolean;
  nu: number;
  /** Within a radius: the chord² limit around the point (px, py, pz). */
  geo: boolean;
  maxChord2: number;
  px: number;
  py: number;
  pz: number;
  sorteer: number;
  actueelVanaf: number;
  verouderdVanaf: number;
}

/** What a scan counts (indexes into its `tally`). */
export const MATCHES = 0;
export const OUTSIDE = 1;
export const ACTUEEL = 2;
export const VEROUDERD = 3;
/** The earliest confirmation among the matches that are actueel, verouderd, and among all of them (for how long an answer holds). */
export const EERSTE_ACTUEEL = 4;
export const EERSTE_VEROUDERD = 5;
export const EERSTE = 6;
export const TALLY = 7;

/** Words of candidates per call of `scan`. */
export const SCAN_WORDS = 256;

/**
 * One stretch (words `from` to `to`) of the pass over the candidate offers: what the sets could
 * not decide, the facet counts (one cell per category × intake status × municipality) and the
 * page's best so far; it adds to `perCel` and `tally`. A search calls it stretch by stretch: a
 * function called often with short loops is optimised whole, with what every kind of search
 * has shown it, where one long loop would run on-stack-replaced code that gives up on each
 * kind of search it had not seen yet.
 */
export function scan(
  o: Offers,
  text: TextIndex,
  p: Plan,
  best: Best,
  rest: Best,
  perCel: Int32Array,
  tally: Float64Array,
  from: number,
  to: number,
): void {
  const { bevestigd, leeftijdVan, leeftijdTot, wacht, vrije, vast, cel, volgorde, x, y, z } = o;
  const { candidates, bevestigdVanaf, leeftijd, maxWacht, aanbieder, locatie, alleenVrij, contract, split, nu } = p;
  const { geo, maxChord2, px, py, pz, sorteer, actueelVanaf, verouderdVanaf } = p;
  let matches = tally[MATCHES] as number;
  let outside = tally[OUTSIDE] as number;
  let actueel = tally[ACTUEEL] as number;
  let verouderd = tally[VEROUDERD] as number;
  let eersteActueel = tally[EERSTE_ACTUEEL] as number;
  let eersteVerouderd = tally[EERSTE_VEROUDERD] as number;
  let eerste = tally[EERSTE] as number;
  // Most matches are not among the page's best: compared here, without a call.
  let bestWorst = best.threshold();
  let restWorst = rest.threshold();

  for (let w = from; w < to; w++) {
    let word = candidates[w] as number;
    while (word !== 0) {
      const low = word & -word;
      word ^= low;
      const i = (w << 5) + 31 - Math.clz32(low);
      const b = bevestigd[i] as number;
      if (b < bevestigdVanaf) continue;
      if (leeftijd >= 0 && ((leeftijdVan[i] as number) > leeftijd || (leeftijdTot[i] as number) < leeftijd)) continue;
      if (maxWacht >= 0 && (wacht[i] as number) > maxWacht) continue;
      if (aanbieder >= 0 && o.aanbieder[i] !== aanbieder) continue;
      if (locatie >= 0 && o.locatie[i] !== locatie) continue;
      if (alleenVrij && (vast[i] as number) > 0 && o.beschikbaar(i, nu) <= 0) continue;
      let chord2 = 0;
      if (geo || sorteer === 2) {
        const dx = (x[i] as number) - px;
        const dy = (y[i] as number) - py;
        const dz = (z[i] as number) - pz;
        chord2 = dx * dx + dy * dy + dz * dz;
        if (geo && !(chord2 <= maxChord2)) continue;
      }

      matches++;
      const c = cel[i] as number;
      perCel[c] = (perCel[c] as number) + 1;
      if (b < eerste) eerste = b;
      if (b >= actueelVanaf) {
        actueel++;
        if (b < eersteActueel) eersteActueel = b;
      } else if (b >= verouderdVanaf) {
        verouderd++;
        if (b < eersteVerouderd) eersteVerouderd = b;
      }

      let key = 0;
      if (sorteer === 0) key = volgorde[i] as number;
      else if (sorteer === 1) {
        const vrij = Math.max(-PLEKKEN_BEREIK / 2, Math.min(PLEKKEN_BEREIK / 2, (vrije[i] as number) - o.vastgehouden(i, nu)));
        key = (PLEKKEN_BEREIK / 2 - vrij) * WACHT_BEREIK + (wacht[i] as number);
      } else if (sorteer === 2) key = chord2;
      else if (sorteer === 3) key = -text.score(i);
      if (split && ((contract[w] as number) & low) === 0) {
        outside++;
        if (key <= restWorst) {
          rest.offer(i, key);
          restWorst = rest.threshold();
        }
      } else if (key <= bestWorst) {
        best.offer(i, key);
        bestWorst = best.threshold();
      }
    }
  }
  tally[MATCHES] = matches;
  tally[OUTSIDE] = outside;
  tally[ACTUEEL] = actueel;
  tally[VEROUDERD] = verouderd;
  tally[EERSTE_ACTUEEL] = eersteActueel;
  tally[EERSTE_VEROUDERD] = eersteVerouderd;
  tally[EERSTE] = eerste;
}
