import type { Offers } from "./offers.ts";
import type { TextIndex } from "./text-index.ts";
import type { Best } from "./top-k.ts";

const PLEKKEN_BEREIK = 1 << 24;
const WACHT_BEREIK = 1 << 21;

export const Sortering = { wachttijd: 0, vrijePlekken: 1, afstand: 2, relevantie: 3, id: 4 } as const;

/** A search as numbers and arrays the scan compares against; -1 (or an empty array) where a condition does not apply. */
export interface Plan {
  /** The slots to look at, unless `scanAll`. */
  candidates: Int32Array;
  size: number;
  scanAll: boolean;
  bevestigdVanaf: number;
  /** 1 per care type (dictionary id) that matches; empty: any. */
  zorgvormMask: Uint8Array;
  leeftijd: number;
  maxWacht: number;
  /** 1 per slot contracted for the child's municipality; empty without one. */
  contract: Uint8Array;
  alleenGecontracteerd: boolean;
  /** Contracted and other offers are ranked apart (ookNietGecontracteerd). */
  split: boolean;
  intakeStatus: number;
  aanbieder: number;
  locatie: number;
  /** The id of intake status `open` when only offers with a free place count. */
  open: number;
  nu: number;
  /** Within a radius: the chord² limit around the point (px, py, pz). */
  geo: boolean;
  /** Near a point: offers without coordinates drop out. */
  coordinaten: boolean;
  maxChord2: number;
  px: number;
  py: number;
  pz: number;
  sorteer: number;
  actueelVanaf: number;
  verouderdVanaf: number;
}

/** What a scan counts: matches, of which not contracted (with `split`), actueel, verouderd. */
export const MATCHES = 0;
export const OUTSIDE = 1;
export const ACTUEEL = 2;
export const VEROUDERD = 3;

/**
 * The one pass over the offers: every condition, the facet counts (one cell per category ×
 * intake status × municipality) and the page's best so far. Kept apart from the rest of a
 * search so that the optimiser sees one small, stable loop; it answers through `perCel` and `tally`.
 */
export function scan(o: Offers, text: TextIndex, p: Plan, best: Best, rest: Best, perCel: Int32Array, tally: Float64Array): void {
  const { alive, bevestigd, zorgvorm, leeftijdVan, leeftijdTot, wacht, intake, vrije, lat, cel, volgorde, x, y, z } = o;
  const { candidates, size, scanAll, bevestigdVanaf, zorgvormMask, leeftijd, maxWacht, contract } = p;
  const { alleenGecontracteerd, split, intakeStatus, aanbieder, locatie, open, nu, geo, coordinaten } = p;
  const { maxChord2, px, py, pz, sorteer, actueelVanaf, verouderdVanaf } = p;
  const perZorgvorm = zorgvormMask.length > 0;
  let matches = 0;
  let outside = 0;
  let actueel = 0;
  let verouderd = 0;

  for (let n = 0; n < size; n++) {
    const i = scanAll ? n : (candidates[n] as number);
    if (alive[i] === 0) continue;
    const b = bevestigd[i] as number;
    if (b < bevestigdVanaf) continue;
    if (perZorgvorm && zorgvormMask[zorgvorm[i] as number] === 0) continue;
    if (leeftijd >= 0 && ((leeftijdVan[i] as number) > leeftijd || (leeftijdTot[i] as number) < leeftijd)) continue;
    if (maxWacht >= 0 && (wacht[i] as number) > maxWacht) continue;
    if (alleenGecontracteerd && contract[i] === 0) continue;
    if (intakeStatus >= 0 && intake[i] !== intakeStatus) continue;
    if (aanbieder >= 0 && o.aanbieder[i] !== aanbieder) continue;
    if (locatie >= 0 && o.locatie[i] !== locatie) continue;
    if (open >= 0 && ((vrije[i] as number) <= 0 || intake[i] !== open || o.beschikbaar(i, nu) <= 0)) continue;
    let chord2 = 0;
    if (coordinaten) {
      const dx = (x[i] as number) - px;
      const dy = (y[i] as number) - py;
      const dz = (z[i] as number) - pz;
      chord2 = dx * dx + dy * dy + dz * dz;
      if (geo ? !(chord2 <= maxChord2) : Number.isNaN(lat[i] as number)) continue; // NaN: no coordinates
    }

    matches++;
    const c = cel[i] as number;
    perCel[c] = (perCel[c] as number) + 1;
    if (b >= actueelVanaf) actueel++;
    else if (b >= verouderdVanaf) verouderd++;

    let key = 0;
    if (sorteer === 0) key = volgorde[i] as number;
    else if (sorteer === 1) {
      const vrij = Math.max(-PLEKKEN_BEREIK / 2, Math.min(PLEKKEN_BEREIK / 2, o.beschikbaar(i, nu)));
      key = (PLEKKEN_BEREIK / 2 - vrij) * WACHT_BEREIK + (wacht[i] as number);
    } else if (sorteer === 2) key = chord2;
    else if (sorteer === 3) key = -text.score(i);
    if (split && contract[i] === 0) {
      outside++;
      rest.offer(i, key);
    } else best.offer(i, key);
  }
  // Into an array, not a new object: a literal after the loop would cost the optimised loop its code on every call.
  tally[MATCHES] = matches;
  tally[OUTSIDE] = outside;
  tally[ACTUEEL] = actueel;
  tally[VEROUDERD] = verouderd;
}
