import { sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { gemeenten, prioriteringsregels, regios, zorgvormen } from "../db/schema/index.ts";
import { HAAGLANDEN_REGELS } from "../src/priority/rules.ts";

/** Fixed, so that loading reference data twice never adds a second copy. */
const HAAGLANDEN_REGELS_ID = "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";

type NewZorgvorm = typeof zorgvormen.$inferInsert;
type NewGemeente = typeof gemeenten.$inferInsert;

/** iJw product categories 40–55 (list JZ020). */
const CATEGORIEEN: [string, string][] = [
  ["40", "Persoonlijke verzorging"],
  ["41", "Dagbehandeling"],
  ["42", "Vervoerdiensten"],
  ["43", "Jeugdhulp verblijf (incl. behandeling)"],
  ["44", "Jeugdhulp verblijf (excl. behandeling)"],
  ["45", "Jeugdhulp ambulant"],
  ["46", "Jeugdhulp crisis"],
  ["47", "Jeugdreclassering"],
  ["48", "Jeugdbescherming"],
  ["49", "Activiteiten in het preventief justitieel kader"],
  ["50", "Maatwerkarrangementen jeugd"],
  ["51", "Generalistische basis-ggz"],
  ["52", "Specialistische ggz"],
  ["53", "Kindergeneeskunde"],
  ["54", "Jeugd-ggz"],
  ["55", "Landelijk ingekochte zorg"],
];

/** Finer forms of care used in practice, each beneath its iJw category. */
const VORMEN: [code: string, naam: string, categorie: string, omschrijving: string][] = [
  ["pleegzorg", "Pleegzorg", "44", "Opvoeding en verzorging in een pleeggezin"],
  ["gezinshuis", "Gezinshuis", "43", "Wonen in een gezin met een professionele gezinshuisouder"],
  ["kleinschalige-woonvoorziening", "Kleinschalige woonvoorziening", "43", "Wonen met behandeling in een kleine groep"],
  ["begeleid-beschermd-wonen", "Begeleid en beschermd wonen", "44", "Wonen met begeleiding, op weg naar zelfstandigheid"],
  ["gesloten-jeugdzorg", "Gesloten jeugdzorg (JeugdzorgPlus)", "43", "Verblijf met behandeling op grond van een machtiging"],
  ["ambulante-jggz", "Ambulante jeugd-ggz", "54", "Ggz-behandeling zonder verblijf"],
  ["gezinsbehandeling", "Gezinsbehandeling", "45", "Behandeling van het hele gezin thuis"],
  ["opvoedondersteuning", "Opvoedondersteuning", "45", "Lichte ondersteuning van ouders bij de opvoeding"],
  ["overbruggingszorg", "Overbruggingszorg", "45", "Tijdelijke hulp zolang passende zorg nog niet kan starten"],
];

/**
 * The reporting axis of the norm report (rapportagegroepen, migration 0012); a form without
 * its own takes the one of the form above it, and what has none counts as onbekend.
 */
const RAPPORTAGEGROEP: Record<string, string> = {
  "43": "verblijf-overig",
  "44": "verblijf-overig",
  gezinshuis: "verblijf-gezinshuis",
  "kleinschalige-woonvoorziening": "verblijf-gezinshuis",
  "begeleid-beschermd-wonen": "verblijf-begeleid-wonen",
  "45": "ambulant-overig",
  "51": "ambulant-jggz",
  "52": "ambulant-jggz",
  "54": "ambulant-jggz",
  "ambulante-jggz": "ambulant-jggz",
  "41": "dagbehandeling",
  "46": "crisis",
};

export const ZORGVORMEN: NewZorgvorm[] = [
  ...CATEGORIEEN.map(([code, naam]) => ({
    code,
    naam,
    categorie: code,
    bovenliggend: null,
    omschrijving: null,
    actief: true,
    rapportagegroep: RAPPORTAGEGROEP[code] ?? null,
  })),
  ...VORMEN.map(([code, naam, categorie, omschrijving]) => ({
    code,
    naam,
    categorie,
    bovenliggend: categorie,
    omschrijving,
    actief: true,
    rapportagegroep: RAPPORTAGEGROEP[code] ?? null,
  })),
];

export const HAAGLANDEN = { code: "haaglanden", naam: "Haaglanden" };

/** The nine municipalities of jeugdzorgregio Haaglanden with an approximate centroid (WGS84). */
export const GEMEENTEN_HAAGLANDEN: NewGemeente[] = [
  { code: "GM0503", naam: "Delft", lat: 52.0015, lon: 4.3625 },
  { code: "GM0518", naam: "Den Haag", lat: 52.0705, lon: 4.3007 },
  { code: "GM1916", naam: "Leidschendam-Voorburg", lat: 52.0846, lon: 4.3933 },
  { code: "GM1842", naam: "Midden-Delfland", lat: 51.9738, lon: 4.2847 },
  { code: "GM1926", naam: "Pijnacker-Nootdorp", lat: 52.0201, lon: 4.4286 },
  { code: "GM0603", naam: "Rijswijk", lat: 52.0363, lon: 4.325 },
  { code: "GM0629", naam: "Wassenaar", lat: 52.1428, lon: 4.4011 },
  { code: "GM1783", naam: "Westland", lat: 51.9946, lon: 4.2072 },
  { code: "GM0637", naam: "Zoetermeer", lat: 52.0575, lon: 4.4931 },
].map((g) => ({ ...g, regio: HAAGLANDEN.code }));

/**
 * Loads the catalogue and Haaglanden; idempotent, and it never overwrites what a region has
 * changed since (existing rows are left as they are).
 */
export async function loadReference(db: Database): Promise<void> {
  await db.atomic([
    ...ZORGVORMEN.filter((z) => z.bovenliggend === null).map((z) => ({
      query: db.orm.insert(zorgvormen).values(z).onConflictDoNothing(),
    })),
    ...ZORGVORMEN.filter((z) => z.bovenliggend !== null).map((z) => ({
      query: db.orm.insert(zorgvormen).values(z).onConflictDoNothing(),
    })),
    { query: db.orm.insert(regios).values(HAAGLANDEN).onConflictDoNothing() },
    ...GEMEENTEN_HAAGLANDEN.map((g) => ({ query: db.orm.insert(gemeenten).values(g).onConflictDoNothing() })),
    {
      // The shipped afwegingskader, version 1; a region adds versions through the API.
      query: db.orm
        .insert(prioriteringsregels)
        .values({ id: HAAGLANDEN_REGELS_ID, ...HAAGLANDEN_REGELS(HAAGLANDEN.code), aangemaaktOp: "2025-01-01T00:00:00.000Z" })
        .onConflictDoNothing(),
    },
  ]);
}

/** True when the register holds no reference data yet (a fresh database). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.orm.select({ n: sql<number>`count(*)` }).from(zorgvormen);
  return (row?.n ?? 0) === 0;
}
