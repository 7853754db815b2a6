import { DAY_MS } from "../kern/time.ts";

const DATUM = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" });
const DATUM_TIJD = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Amsterdam",
});

/** "27 november 2026" from a date or timestamp. */
export function datum(iso: string): string {
  return DATUM.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

/**
 * A response deadline (an aanmelding's `antwoordVoor`: the end of a working day) as that day,
 * "4 december 2026": the hour says nothing a person needs.
 */
export function termijn(iso: string): string {
  return datum(iso.slice(0, 10));
}

/** "27 nov. 2026 14:05" in Dutch time. */
export function datumTijd(iso: string): string {
  return DATUM_TIJD.format(new Date(iso));
}

/** "vandaag", "gisteren", "3 dagen geleden": how long ago, in whole days. */
export function geleden(iso: string | null, now: Date): string {
  if (!iso) return "nooit";
  const dagen = Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
  if (dagen <= 0) return "vandaag";
  if (dagen === 1) return "gisteren";
  return `${dagen} dagen geleden`;
}

/** "3 weken", "1 week", "onbekend" for a waiting time. */
export function weken(n: number | null): string {
  if (n === null) return "onbekend";
  return n === 1 ? "1 week" : `${new Intl.NumberFormat("nl-NL").format(n)} weken`;
}

/** "1 plek", "3 plekken". */
export function plekken(n: number): string {
  return n === 1 ? "1 plek" : `${n} plekken`;
}

/** Free places with the ones held through the register: "2 plekken van 4, waarvan 1 vastgehouden via Plekwijzer". */
export function vrijePlekken(a: { vrijePlekken: number; vastgehouden: number; capaciteit?: number }): string {
  const vrij = a.capaciteit === undefined ? plekken(a.vrijePlekken) : `${plekken(a.vrijePlekken)} van ${a.capaciteit}`;
  return a.vastgehouden > 0 ? `${vrij}, waarvan ${a.vastgehouden} vastgehouden via Plekwijzer` : vrij;
}

export const INTAKE_LABELS: Record<string, string> = {
  open: "Open",
  wachtlijst: "Wachtlijst",
  gesloten: "Gesloten",
  "na-intake": "Na intake",
};

export const ACTUALITEIT_LABELS: Record<string, string> = {
  actueel: "Actueel",
  verouderd: "Verouderd",
  "sterk-verouderd": "Sterk verouderd",
};

/** A care type as the catalogue holds it (only what a label needs). */
interface ZorgvormRij {
  code: string;
  naam: string;
  categorie: string;
  bovenliggend: string | null;
  actief: boolean;
}

/** What a care type is called on every page: its plain name, never its code (codes stay in a detail or the API). */
export function zorgvormNaam(zorgvormen: ReadonlyMap<string, string> | readonly ZorgvormRij[], code: string): string {
  const naam = "get" in zorgvormen ? zorgvormen.get(code) : zorgvormen.find((z) => z.code === code)?.naam;
  return naam ?? code;
}

/**
 * The kinds of care the care-type lists are grouped by, each holding national iJw categories
 * (and every form beneath them). 47 and 48 are the certified institution's own tasks
 * (jeugdreclassering, jeugdbescherming), not care a referrer searches or a child waits for.
 */
const SOORTEN_ZORG: [soort: string, categorieen: string[]][] = [
  ["Wonen en verblijf", ["43", "44"]],
  ["Hulp thuis en ambulant", ["45", "50"]],
  ["Jeugd-ggz", ["54", "51", "52"]],
  ["Dagbehandeling", ["41"]],
  ["Crisis", ["46"]],
  ["Jeugdreclassering en jeugdbescherming", ["47", "48"]],
];
const NIET_TE_ZOEKEN = new Set(["47", "48"]);
const OVERIG = "Overige zorg";

/**
 * The options of every care-type list, in one style: grouped by kind of care, a category as
 * "name (alle vormen)" when forms lie beneath it, each form by its name just below its category;
 * no codes. `zoekbaar` leaves out what is no care to search; `actief` what is no longer in use
 * (otherwise marked as such).
 */
export function zorgvormOpties(
  zorgvormen: readonly ZorgvormRij[],
  filter: { zoekbaar?: boolean; actief?: boolean } = {},
): { waarde: string; tekst: string; groep: string }[] {
  const soortVan = (categorie: string) => SOORTEN_ZORG.find(([, c]) => c.includes(categorie))?.[0] ?? OVERIG;
  const volgorde = (categorie: string) => {
    const i = SOORTEN_ZORG.findIndex(([, c]) => c.includes(categorie));
    const j = SOORTEN_ZORG[i]?.[1].indexOf(categorie) ?? 0;
    return (i === -1 ? SOORTEN_ZORG.length : i) * 100 + j;
  };
  const getoond = zorgvormen.filter(
    (z) => !(filter.zoekbaar && NIET_TE_ZOEKEN.has(z.categorie)) && !(filter.actief && !z.actief),
  );
  const heeftVormen = new Set(getoond.map((z) => z.bovenliggend).filter((b) => b !== null));
  const categorieen = getoond
    .filter((z) => z.bovenliggend === null)
    .sort((a, b) => volgorde(a.categorie) - volgorde(b.categorie) || a.code.localeCompare(b.code));
  const ongebruikt = (z: ZorgvormRij) => (z.actief ? "" : " (niet meer in gebruik)");
  const opties: { waarde: string; tekst: string; groep: string }[] = [];
  const voeg = (z: ZorgvormRij, diepte: number) => {
    const naam = diepte === 0 && heeftVormen.has(z.code) ? `${z.naam} (alle vormen)` : z.naam;
    opties.push({
      waarde: z.code,
      tekst: `${"\u00a0\u00a0\u00a0".repeat(diepte)}${naam}${ongebruikt(z)}`,
      groep: soortVan(z.categorie),
    });
    for (const vorm of getoond.filter((v) => v.bovenliggend === z.code).sort((a, b) => a.naam.localeCompare(b.naam, "nl"))) {
      voeg(vorm, diepte + 1);
    }
  };
  for (const c of categorieen) voeg(c, 0);
  return opties;
}
