/**
 * Finding a place on the map by postcode or name through the national Locatieserver (PDOK),
 * behind a small interface so the Node server and Workers each pass their own `fetch`, and a
 * search without one falls back to the reference data. Only the postcode or place name leaves
 * the register, never case data.
 */

export interface Geopunt {
  lat: number;
  lon: number;
  /** How the geocoder names what it found ("2611AB, Delft"). */
  naam: string;
}

export interface Geocoder {
  /**
   * The centre of a postcode or place; undefined when the geocoder knows none. Throws when it
   * cannot answer (unreachable, slow, a malformed answer): the caller falls back.
   */
  zoek(tekst: string, soort: "postcode" | "woonplaats"): Promise<Geopunt | undefined>;
}

export interface PdokOpties {
  fetch?: typeof fetch;
  /** A referrer waits for the search: a geocoder that is slow counts as absent. */
  timeoutMs?: number;
}

const POINT = /^POINT\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/;

/**
 * The Locatieserver's free search (`/free?q=…&fq=type:postcode&rows=1`), answering
 * `response.docs[0].centroide_ll` as `POINT(lon lat)`. `baseUrl` is the service root, e.g.
 * https://api.pdok.nl/bzk/locatieserver/search/v3_1.
 */
export function pdokGeocoder(baseUrl: string, opties: PdokOpties = {}): Geocoder {
  const doFetch = opties.fetch ?? fetch;
  const timeoutMs = opties.timeoutMs ?? 2000;
  const root = baseUrl.replace(/\/+$/, "");
  return {
    async zoek(tekst, soort) {
      const url = new URL(`${root}/free`);
      url.searchParams.set("q", tekst);
      url.searchParams.set("fq", `type:${soort}`);
      url.searchParams.set("rows", "1");
      const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`Locatieserver antwoordde ${res.status}`);
      const body = (await res.json()) as { response?: { docs?: { centroide_ll?: unknown; weergavenaam?: unknown }[] } };
      const docs = body.response?.docs;
      if (!Array.isArray(docs)) throw new Error("Locatieserver gaf een onverwacht antwoord");
      const doc = docs[0];
      if (!doc) return undefined;
      const m = typeof doc.centroide_ll === "string" ? POINT.exec(doc.centroide_ll) : null;
      if (!m) throw new Error("Locatieserver gaf geen middelpunt");
      const naam = typeof doc.weergavenaam === "string" ? doc.weergavenaam : tekst;
      return { lon: Number(m[1]), lat: Number(m[2]), naam };
    },
  };
}
