/**
 * Earth's radius in km for every distance the register computes: the 6371 km that
 * Meilisearch's geo search takes (its `geoutils` haversine), so that a radius means the same on
 * every engine and an offer's `afstandKm` agrees with the radius it was found in.
 */
export const EARTH_RADIUS_KM = 6371;

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const sLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const h = sLat * sLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sLon * sLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A search radius in whole metres, as Meilisearch's `_geoRadius` takes it. */
export function straalMeters(straalKm: number): number {
  return Math.round(straalKm * 1000);
}

/**
 * The central angle (radians) a search radius reaches, the edge every engine uses. Meilisearch
 * rounds an offer's distance to the millimetre and compares it with the radius in whole metres,
 * so an offer less than half a millimetre beyond the radius is in; the embedded engines take
 * that same edge. The engines then differ only where floating-point rounding does (nanometres).
 */
export function straalHoek(straalKm: number): number {
  return (straalMeters(straalKm) + 0.0005) / 1000 / EARTH_RADIUS_KM;
}
