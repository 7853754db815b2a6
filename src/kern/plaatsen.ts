/**
 * Places and four-digit postcodes of the municipalities the register ships (jeugdzorgregio
 * Haaglanden), so "in de buurt van Naaldwijk" or "2611" works offline. Coordinates are
 * approximate centres (WGS84); a postcode maps to its municipality only, whose centre then
 * stands in for it. Other regions load their municipalities through the CBS import and reach
 * postcodes through the geocoder (GEOCODER_URL).
 */

export interface Woonplaats {
  naam: string;
  gemeente: string;
  lat: number;
  lon: number;
}

// biome-ignore format: one place a line
export const WOONPLAATSEN: readonly Woonplaats[] = [
  { naam: "'s-Gravenhage", gemeente: "GM0518", lat: 52.0705, lon: 4.3007 },
  { naam: "Scheveningen", gemeente: "GM0518", lat: 52.1043, lon: 4.2733 },
  { naam: "Loosduinen", gemeente: "GM0518", lat: 52.0536, lon: 4.2306 },
  { naam: "Ypenburg", gemeente: "GM0518", lat: 52.0436, lon: 4.3711 },
  { naam: "Leidschendam", gemeente: "GM1916", lat: 52.0867, lon: 4.3975 },
  { naam: "Voorburg", gemeente: "GM1916", lat: 52.0742, lon: 4.3594 },
  { naam: "Stompwijk", gemeente: "GM1916", lat: 52.0978, lon: 4.4611 },
  { naam: "Den Hoorn", gemeente: "GM1842", lat: 51.9983, lon: 4.3436 },
  { naam: "Schipluiden", gemeente: "GM1842", lat: 51.9761, lon: 4.3144 },
  { naam: "Maasland", gemeente: "GM1842", lat: 51.9339, lon: 4.2714 },
  { naam: "Pijnacker", gemeente: "GM1926", lat: 52.0192, lon: 4.4294 },
  { naam: "Nootdorp", gemeente: "GM1926", lat: 52.0456, lon: 4.3956 },
  { naam: "Delfgauw", gemeente: "GM1926", lat: 52.0058, lon: 4.4025 },
  { naam: "Naaldwijk", gemeente: "GM1783", lat: 51.9936, lon: 4.2094 },
  { naam: "Monster", gemeente: "GM1783", lat: 52.0253, lon: 4.1753 },
  { naam: "'s-Gravenzande", gemeente: "GM1783", lat: 52.0017, lon: 4.1653 },
  { naam: "Wateringen", gemeente: "GM1783", lat: 52.0228, lon: 4.2728 },
  { naam: "De Lier", gemeente: "GM1783", lat: 51.9739, lon: 4.2486 },
  { naam: "Poeldijk", gemeente: "GM1783", lat: 52.0253, lon: 4.2194 },
  { naam: "Honselersdijk", gemeente: "GM1783", lat: 52.0069, lon: 4.2289 },
  { naam: "Kwintsheul", gemeente: "GM1783", lat: 52.0128, lon: 4.2553 },
  { naam: "Maasdijk", gemeente: "GM1783", lat: 51.9581, lon: 4.2117 },
];

/** Four-digit postcode ranges per municipality (inclusive). */
// biome-ignore format: one range a line
const POSTCODEGEBIEDEN: readonly [van: number, tot: number, gemeente: string][] = [
  [2241, 2245, "GM0629"], // Wassenaar
  [2261, 2275, "GM1916"], // Leidschendam-Voorburg
  [2281, 2289, "GM0603"], // Rijswijk
  [2291, 2291, "GM1783"], // Wateringen
  [2295, 2295, "GM1783"], // Kwintsheul
  [2491, 2599, "GM0518"], // Den Haag
  [2611, 2629, "GM0503"], // Delft
  [2631, 2632, "GM1926"], // Nootdorp
  [2635, 2636, "GM1842"], // Den Hoorn, Schipluiden
  [2641, 2645, "GM1926"], // Pijnacker, Delfgauw
  [2671, 2695, "GM1783"], // Westland
  [2711, 2729, "GM0637"], // Zoetermeer
  [3155, 3155, "GM1842"], // Maasland
];

/** A Dutch postcode, four digits or six characters ("2611", "2611 AB", "2611ab"), as its parts. */
export function leesPostcode(tekst: string): { cijfers: string; letters?: string } | undefined {
  const m = /^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$/.exec(tekst);
  if (!m?.[1]) return undefined;
  return { cijfers: m[1], letters: m[2]?.toUpperCase() };
}

/** The municipality a four-digit postcode lies in, as far as the shipped reference knows. */
export function gemeenteVanPostcode(cijfers: string): string | undefined {
  const n = Number(cijfers);
  return POSTCODEGEBIEDEN.find(([van, tot]) => n >= van && n <= tot)?.[2];
}

/** A place name compared loosely: case, accents, apostrophes, hyphens and extra spaces do not count. */
export function plaatsSleutel(naam: string): string {
  return naam
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
