import type { Actualiteit } from "../src/lib/time.ts";

export const SORTERINGEN = ["wachttijd", "relevantie", "afstand", "vrijePlekken"] as const;
export type Sortering = (typeof SORTERINGEN)[number];

/**
 * A search as the engines see it: every code already resolved and checked by the service
 * (care-type subtree, contract keys, coordinates, stale cut-off).
 */
export interface SearchQuery {
  /** The care type and every form beneath it. */
  zorgvormen?: string[];
  /** Contract keys (`aanbiederId|zorgvorm`) valid today for the child's municipality. */
  contract?: { sleutels: string[]; ookNietGecontracteerd: boolean };
  leeftijd?: number;
  alleenVrij?: boolean;
  maxWachttijd?: number;
  nabij?: { lat: number; lon: number; straalKm?: number };
  q?: string;
  /** Exclude offers confirmed before this instant (sterk-verouderd); undefined includes them. */
  bevestigdVanaf?: string;
  /** Facet bucket boundaries: confirmed at or after `actueel` is actueel, after `verouderd` verouderd. */
  grenzen: { actueel: string; verouderd: string };
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
}

export interface SearchResult {
  hits: SearchHit[];
  totaal: number;
  facetten: Facetten;
}

/** What every search engine answers; the contract suite runs the same cases against each. */
export interface SearchEngine {
  readonly name: "sqlite" | "meilisearch";
  search(query: SearchQuery): Promise<SearchResult>;
}

export function emptyFacetten(): Facetten {
  return { zorgvorm: {}, intakeStatus: {}, gemeente: {}, actualiteit: { actueel: 0, verouderd: 0, "sterk-verouderd": 0 } };
}

/** Great-circle distance in km (haversine, mean Earth radius as Meilisearch uses). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}
export const EARTH_RADIUS_KM = 6371.0088;
