import type { gemeenten } from "../db/schema/index.ts";
import type { Actualiteit } from "../src/kern/vocabulary.ts";
import type { ZoekDocument } from "./document.ts";

export const SORTERINGEN = ["wachttijd", "relevantie", "afstand", "vrijePlekken"] as const;
export type Sortering = (typeof SORTERINGEN)[number];

/**
 * A search as the engines see it: every code already resolved and checked by the service
 * (care-type subtree, contract keys, coordinates, stale cut-off).
 */
export interface SearchQuery {
  /** The care type and every form beneath it. */
  zorgvormen?: string[];
  /**
   * The child's municipality: offers contracted for it on `dag`, directly or through its
   * region, for the offer's care type or one above it.
   */
  contract?: { gemeente: string; regio: string | null; dag: string; ookNietGecontracteerd: boolean };
  leeftijd?: number;
  /** Only offers with intake open and a free place no hold through the register counts on. */
  alleenVrij?: boolean;
  maxWachttijd?: number;
  nabij?: { lat: number; lon: number; straalKm?: number };
  q?: string;
  /** Exclude offers confirmed before this instant (sterk-verouderd); undefined includes them. */
  bevestigdVanaf?: string;
  /** Facet bucket boundaries: confirmed at or after `actueel` is actueel, after `verouderd` verouderd. */
  grenzen: { actueel: string; verouderd: string };
  /** The moment of the search: a hold counts until its end. */
  nu: string;
  aanbiederId?: string;
  locatieId?: string;
  intakeStatus?: string;
  sorteer: Sortering;
  offset: number;
  limit: number;
}

export interface Facetten {
  zorgvorm: Record<string, number>;
  intakeStatus: Record<string, number>;
  gemeente: Record<string, number>;
  actualiteit: Record<Actualiteit, number>;
}

export interface SearchHit {
  id: string;
  /** Set when the search named the child's municipality. */
  gecontracteerd?: boolean;
  /** What the answer shows of the offer, when the engine has it at hand (no hydration query then). */
  document?: ZoekDocument;
}

export interface SearchResult {
  hits: SearchHit[];
  totaal: number;
  facetten: Facetten;
}

/**
 * The reference data a search resolves its codes against (care types, municipalities), from an
 * engine that keeps it current anyway: the search then reads nothing else from the register.
 */
export interface Referenties {
  /** The care type and every form beneath it; undefined for a code not in the catalogue. */
  subtree(code: string): string[] | undefined;
  gemeente(code: string): typeof gemeenten.$inferSelect | undefined;
}

/** What every search engine answers; the contract suite runs the same cases against each. */
export interface SearchEngine {
  /** `geheugen`: the in-process index (Node); `sqlite`: SQL on the projection (also D1); `meilisearch`. */
  readonly name: "geheugen" | "sqlite" | "meilisearch";
  search(query: SearchQuery): Promise<SearchResult>;
  referenties?(): Promise<Referenties>;
}

export function emptyFacetten(): Facetten {
  return { zorgvorm: {}, intakeStatus: {}, gemeente: {}, actualiteit: { actueel: 0, verouderd: 0, "sterk-verouderd": 0 } };
}

export { haversineKm, straalHoek, straalMeters } from "../src/kern/geo.ts";
