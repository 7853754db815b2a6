import type { Prng } from "./prng.ts";

/**
 * Word lists and small builders for the synthetic demo data. Every name is a combination of
 * generic words; contact details use the reserved `.example` domain.
 */

/** How an offer is delivered; decides capacity and age ranges. */
export type Soort = "gezin" | "wonen" | "crisis" | "dag" | "ambulant";

export const ZORGVORM_SOORT: Record<string, Soort> = {
  pleegzorg: "gezin",
  gezinshuis: "gezin",
  "kleinschalige-woonvoorziening": "wonen",
  "begeleid-beschermd-wonen": "wonen",
  "gesloten-jeugdzorg": "wonen",
  "43": "wonen",
  "44": "wonen",
  "46": "crisis",
  "41": "dag",
  "ambulante-jggz": "ambulant",
  gezinsbehandeling: "ambulant",
  opvoedondersteuning: "ambulant",
  overbruggingszorg: "ambulant",
  "45": "ambulant",
  "50": "ambulant",
  "51": "ambulant",
  "52": "ambulant",
  "54": "ambulant",
};

export type NaamSoort = "gezinshuis" | "instelling";

export interface Profiel {
  gewicht: number;
  naamSoort: NaamSoort;
  /** Care types (zorgvorm codes) with a relative weight; the finer forms weigh most. */
  zorgvormen: readonly (readonly [string, number])[];
}

// biome-ignore format: one profile per block, weights on compact lines
export const PROFIELEN: readonly Profiel[] = [
  {
    gewicht: 25,
    naamSoort: "gezinshuis",
    zorgvormen: [["gezinshuis", 6], ["pleegzorg", 3], ["overbruggingszorg", 1], ["44", 1]],
  },
  {
    gewicht: 25,
    naamSoort: "instelling",
    zorgvormen: [
      ["kleinschalige-woonvoorziening", 5], ["begeleid-beschermd-wonen", 5], ["43", 2], ["44", 2], ["46", 2],
      ["gesloten-jeugdzorg", 1], ["gezinshuis", 1],
    ],
  },
  {
    gewicht: 35,
    naamSoort: "instelling",
    zorgvormen: [
      ["ambulante-jggz", 5], ["gezinsbehandeling", 4], ["opvoedondersteuning", 4], ["overbruggingszorg", 2], ["45", 2],
      ["51", 1], ["52", 1], ["54", 1], ["41", 1], ["50", 1],
    ],
  },
  {
    gewicht: 15,
    naamSoort: "instelling",
    zorgvormen: [
      ["ambulante-jggz", 3], ["gezinsbehandeling", 3], ["kleinschalige-woonvoorziening", 3], ["begeleid-beschermd-wonen", 2],
      ["gezinshuis", 2], ["pleegzorg", 2], ["opvoedondersteuning", 2], ["46", 1], ["41", 1], ["45", 1], ["43", 1],
    ],
  },
];

// biome-ignore format: word lists read best as compact lines
const WOORDEN = {
  kernen: [
    "De Linde", "De Eik", "De Hoeve", "Horizon", "Kompas", "De Vlinder", "Het Anker", "De Brug", "Zonnehoek", "Het Baken",
    "De Waterlelie", "Duinzicht", "De Populier", "Kustlicht", "Groenhove", "De Regenboog", "Het Veer", "De Kern",
    "Lichtpunt", "Noorderlicht", "De Bron", "Het Kruispunt", "De Wilg", "Zeewind", "De Kastanje", "Het Palet", "De Schakel",
    "Morgenrood", "De Vuurtoren", "Het Rietveld", "De Meander", "Polderlicht", "De Terp", "Het Duinpad", "De Boomgaard",
    "Zilverberk",
  ],
  adjectieven: [
    "Groene", "Blauwe", "Stille", "Hoge", "Lage", "Nieuwe", "Open", "Warme", "Gouden", "Lichte", "Brede", "Vrije",
  ],
  zelfstandig: [
    "Haven", "Linde", "Duin", "Horizon", "Kust", "Brug", "Wilg", "Hoeve", "Polder", "Vallei", "Oever", "Kade", "Akker",
    "Baai", "Toren", "Vaart", "Poort", "Tuin", "Bries", "Kreek",
  ],
  straatstammen: [
    "Linden", "Eiken", "Beuken", "Berken", "Iepen", "Wilgen", "Meer", "Duin", "Zee", "Vogel", "Merel", "Lijster", "Zwaluw",
    "Tulp", "Rozen", "Heide", "Molen", "Kerk", "Haven", "Dijk", "Polder", "Zand", "Schelp", "Kastanje", "Hazel", "Vlier",
    "Vlas", "Koren", "Akker", "Bloemen",
  ],
  straatachtervoegsels: ["straat", "laan", "weg", "plein", "kade", "hof", "singel", "pad", "dreef", "gracht"],
} as const;

const PATRONEN: Record<NaamSoort, readonly (readonly [(kern: string) => string, number])[]> = {
  gezinshuis: [
    [(k) => `Gezinshuis ${k}`, 6],
    [(k) => `Gezinshuizen ${k}`, 1],
    [(k) => `Stichting ${k}`, 2],
    [(k) => `${k} Pleegzorg`, 1],
  ],
  instelling: [
    [(k) => `Stichting ${k}`, 3],
    [(k) => `${k} Jeugdzorg`, 3],
    [(k) => `${k} Groep`, 2],
    [(k) => `Jeugdzorg ${k}`, 2],
    [(k) => `${k} Zorggroep`, 2],
    [(k) => `${k} Jeugdhulp`, 2],
    [(k) => `${k} Jeugd & Gezin`, 1],
  ],
};

/** An invented organisation name such as "Stichting De Linde" or "Stille Haven Jeugdhulp". */
export function buildName(prng: Prng, soort: NaamSoort): string {
  for (;;) {
    const kern = prng.chance(0.5)
      ? prng.pick(WOORDEN.kernen)
      : `${prng.pick(WOORDEN.adjectieven)} ${prng.pick(WOORDEN.zelfstandig)}`;
    const naam = prng.weighted(PATRONEN[soort])(kern);
    if (!BESTAAND.has(naam)) return naam;
  }
}

/** Combinations known to be (close to) a real organisation's name; drawn again. */
const BESTAAND = new Set(["Horizon Jeugdzorg"]);

export function slugify(naam: string): string {
  return naam
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " en ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function straatnaam(prng: Prng): string {
  return `${prng.pick(WOORDEN.straatstammen)}${prng.pick(WOORDEN.straatachtervoegsels)}`;
}

/** Four-digit postcode ranges per municipality (approximate, for plausibility only). */
const POSTCODE_CIJFERS: Record<string, [number, number]> = {
  GM0518: [2511, 2599], // Den Haag
  GM0503: [2611, 2629], // Delft
  GM1916: [2261, 2275], // Leidschendam-Voorburg
  GM1842: [2635, 2636], // Midden-Delfland
  GM1926: [2641, 2645], // Pijnacker-Nootdorp
  GM0603: [2281, 2289], // Rijswijk
  GM0629: [2241, 2245], // Wassenaar
  GM1783: [2671, 2695], // Westland
  GM0637: [2711, 2729], // Zoetermeer
};
const LETTERS = [..."ABCDEGHJKLMNPRSTVWXZ"];

/** A valid Dutch postcode (`2511 AB`): first digit 1-9, never the letter pairs SA, SD or SS. */
export function postcodeIn(prng: Prng, gemeente: string): string {
  const [min, max] = POSTCODE_CIJFERS[gemeente] ?? [1000, 9999];
  let letters: string;
  do letters = prng.pick(LETTERS) + prng.pick(LETTERS);
  while (letters === "SA" || letters === "SD" || letters === "SS");
  return `${prng.int(min, max)} ${letters}`;
}

// biome-ignore format: grouped by area code
const NETNUMMERS: Record<string, string> = {
  GM0518: "070", GM0603: "070", GM1916: "070", GM0629: "070",
  GM0503: "015", GM1926: "015", GM1842: "015",
  GM0637: "079", GM1783: "0174",
};

/** A telephone number in the local area code ("070 123 4567", "0174 123 456"); `088` is the national business range. */
export function telefoonIn(prng: Prng, gemeenteOfNetnummer: string): string {
  const net = NETNUMMERS[gemeenteOfNetnummer] ?? (/^0\d+$/.test(gemeenteOfNetnummer) ? gemeenteOfNetnummer : "088");
  const abonnee = String(prng.int(2, 9)) + String(prng.int(0, 10 ** (9 - net.length) - 1)).padStart(9 - net.length, "0");
  return `${net} ${abonnee.slice(0, 3)} ${abonnee.slice(3)}`;
}

/** A point uniformly within `km` of the centroid, or null when the municipality has none. */
export function locatieCoordinaten(
  prng: Prng,
  lat: number | null | undefined,
  lon: number | null | undefined,
  km: number,
): { lat: number; lon: number } | null {
  if (lat == null || lon == null) return null;
  const r = km * Math.sqrt(prng.next());
  const hoek = prng.float(0, 2 * Math.PI);
  const dLat = (r * Math.cos(hoek)) / 111.32;
  const dLon = (r * Math.sin(hoek)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  return { lat: Math.round((lat + dLat) * 1e5) / 1e5, lon: Math.round((lon + dLon) * 1e5) / 1e5 };
}

export const OMSCHRIJVINGEN = [
  "Voor jeugdigen met gedragsproblemen en hun ouders.",
  "Met aandacht voor trauma en hechting.",
  "Ook voor jeugdigen met een licht verstandelijke beperking.",
  "Aanmelden via het regionale serviceteam.",
  "Kleine groep, vaste begeleiders.",
  "Behandeling in samenwerking met school en wijkteam.",
  "Gericht op zelfstandig wonen en werken.",
  "Ouders worden actief betrokken bij de behandeling.",
  "Ook in de avonduren en het weekend bereikbaar.",
  "Plaatsing in overleg met de jeugdbeschermer.",
];
