import type { Settings } from "meilisearch";
import { sha256Hex } from "../src/kern/sha256.ts";
import { MIN_WOORD_VOOR_TYPFOUT, STOPWOORDEN } from "./text.ts";

/** Bump when the shape of a document changes: a new index is then built and swapped in. */
export const DOCUMENT_VERSIE = 4;

/** Totals unknown (crisis care) sort last and never pass a `maxWachttijd` filter (at most 208). */
export const ONBEKENDE_WACHTTIJD = 9999;

/**
 * Index settings, applied by code. `sort` comes first among the ranking rules: where a
 * strict order is promised (wachttijd, afstand, vrijePlekken), relevance must not reorder it;
 * without a sort the remaining rules rank by relevance.
 */
export const MEILI_SETTINGS = {
  displayedAttributes: ["id", "weergave"],
  searchableAttributes: ["aanbiederNaam", "naam", "omschrijving", "plaats"],
  filterableAttributes: [
    "aanbiederId",
    "locatieId",
    "zorgvorm",
    "categorie",
    "gecontracteerdVoor",
    "leeftijdVan",
    "leeftijdTot",
    "vrijePlekken",
    "intakeStatus",
    "totaalWachttijd",
    "bevestigdOp",
    "gemeente",
    "_geo",
  ],
  sortableAttributes: ["id", "totaalWachttijd", "vrijePlekken", "_geo"],
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  stopWords: STOPWOORDEN,
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: MIN_WOORD_VOOR_TYPFOUT, twoTypos: 255 } },
  pagination: { maxTotalHits: 10_000_000 },
  faceting: { maxValuesPerFacet: 1000 },
} satisfies Settings;

/** A short fingerprint of documents and settings; part of the index name. */
export function settingsVersion(): string {
  return sha256Hex(JSON.stringify({ DOCUMENT_VERSIE, MEILI_SETTINGS })).slice(0, 10);
}
