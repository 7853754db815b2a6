import { gemeenteVanPostcode, leesPostcode, plaatsSleutel, WOONPLAATSEN } from "../kern/plaatsen.ts";
import type { Violations } from "../kern/violations.ts";
import { findGemeente, type Gemeente, readGemeenten } from "./catalogus.ts";
import type { Deps } from "./context.ts";

/** Where "in de buurt van" points, and how it was found. */
export interface Nabij {
  lat: number;
  lon: number;
  /** What the search measures from, in words: "Delft", "postcode 2611 AB", "52.07, 4.3". */
  naam: string;
  soort: "coordinaten" | "gemeente" | "plaats" | "postcode";
  /** Set when a municipality's centre stands in for a postcode: says so, and why. */
  benadering?: string;
}

/** Roughly the European Netherlands; a point outside is a typo or swapped coordinates. */
const inNederland = (lat: number, lon: number) => lat >= 50.5 && lat <= 53.8 && lon >= 3.0 && lon <= 7.5;

const VOORBEELD = "zoals Delft, Naaldwijk of 2611 AB";

/**
 * Resolves "in de buurt van": coordinates, a municipality code, a municipality or place name
 * (the reference data, offline), or a postcode (the geocoder when there is one, else the
 * municipality the postcode lies in). Problems go to `v` under `veld`, in words a referrer
 * understands.
 */
export async function resolveNabij(deps: Deps, tekst: string, v: Violations, veld = "nabij"): Promise<Nabij | undefined> {
  const t = tekst.trim();
  const coords = /^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(t);
  if (coords) {
    const lat = Number(coords[1]);
    const lon = Number(coords[2]);
    if (!inNederland(lat, lon)) {
      v.add(veld, "buiten-nederland", "De coördinaten liggen niet in Nederland.");
      return undefined;
    }
    return { lat, lon, naam: `${lat}, ${lon}`, soort: "coordinaten" };
  }
  if (/^GM\d{4}$/i.test(t)) {
    const gemeente = await findGemeente(deps, t.toUpperCase());
    if (gemeente) return middelpunt(gemeente, v, veld);
    v.add(veld, "onbekende-code", `Gemeente ${t} is onbekend.`);
    return undefined;
  }
  const postcode = leesPostcode(t);
  if (postcode) return viaPostcode(deps, postcode, v, veld);
  return viaNaam(deps, t, v, veld);
}

function middelpunt(g: Gemeente, v: Violations, veld: string, benadering?: string): Nabij | undefined {
  if (g.lat != null && g.lon != null) return { lat: g.lat, lon: g.lon, naam: g.naam, soort: "gemeente", benadering };
  v.add(veld, "geen-middelpunt", `Van gemeente ${g.naam} is geen middelpunt bekend. Vul een plaats of postcode in.`);
  return undefined;
}

async function viaPostcode(
  deps: Deps,
  pc: { cijfers: string; letters?: string },
  v: Violations,
  veld: string,
): Promise<Nabij | undefined> {
  const getoond = pc.letters ? `${pc.cijfers} ${pc.letters}` : pc.cijfers;
  let onbereikbaar = false;
  if (deps.geocoder) {
    try {
      const punt = await deps.geocoder.zoek(`${pc.cijfers}${pc.letters ?? ""}`, "postcode");
      if (punt && inNederland(punt.lat, punt.lon))
        return { lat: punt.lat, lon: punt.lon, naam: `postcode ${getoond}`, soort: "postcode" };
    } catch {
      onbereikbaar = true;
    }
  }
  const code = gemeenteVanPostcode(pc.cijfers);
  const gemeente = code ? await findGemeente(deps, code) : undefined;
  if (gemeente) {
    const reden = !deps.geocoder
      ? "het register kan postcodes niet precies opzoeken"
      : onbereikbaar
        ? "de postcodezoeker gaf nu geen antwoord"
        : "de postcodezoeker kent deze postcode niet";
    return middelpunt(
      gemeente,
      v,
      veld,
      `Postcode ${getoond} ligt in ${gemeente.naam}. De afstand is gemeten vanaf het midden van ${gemeente.naam}, want ${reden}.`,
    );
  }
  const uitleg = !deps.geocoder
    ? `Postcode ${getoond} kan het register niet op de kaart vinden.`
    : onbereikbaar
      ? `De postcodezoeker is nu niet bereikbaar, en postcode ${getoond} kent het register zelf niet.`
      : `Postcode ${getoond} is niet gevonden.`;
  v.add(veld, "onbekende-postcode", `${uitleg} Vul de plaats of gemeente in, zoals Delft of Naaldwijk.`);
  return undefined;
}

async function viaNaam(deps: Deps, t: string, v: Violations, veld: string): Promise<Nabij | undefined> {
  const sleutel = plaatsSleutel(t);
  if (sleutel === "") {
    v.add(veld, "ongeldig-formaat", `Vul een plaats, gemeente of postcode in, ${VOORBEELD}.`);
    return undefined;
  }
  const gemeente = (await readGemeenten(deps)).find((g) => plaatsSleutel(g.naam) === sleutel);
  if (gemeente) return middelpunt(gemeente, v, veld);
  const plaats = WOONPLAATSEN.find((p) => plaatsSleutel(p.naam) === sleutel);
  if (plaats) return { lat: plaats.lat, lon: plaats.lon, naam: plaats.naam, soort: "plaats" };
  if (deps.geocoder) {
    try {
      const punt = await deps.geocoder.zoek(t, "woonplaats");
      if (punt && inNederland(punt.lat, punt.lon)) return { lat: punt.lat, lon: punt.lon, naam: punt.naam, soort: "plaats" };
    } catch {
      v.add(
        veld,
        "onbekende-plaats",
        `Het register kent "${t}" niet, en de plaatsenzoeker is nu niet bereikbaar. Vul een gemeente of postcode in, ${VOORBEELD}.`,
      );
      return undefined;
    }
  }
  v.add(
    veld,
    "onbekende-plaats",
    `Het register kent geen plaats of gemeente "${t}". Controleer de spelling, of vul een postcode in (zoals 2611 AB).`,
  );
  return undefined;
}
