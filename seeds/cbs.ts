import { parse } from "csv-parse/sync";
import type { Database } from "../db/database.ts";
import { gemeenten, regios } from "../db/schema/index.ts";

/**
 * Import of the CBS table of municipalities and youth-care regions (CSV), so a region can
 * load the whole country without a code change.
 */

export interface CbsRow {
  /** Line in the file where the record starts (the header is line 1). */
  line: number;
  gemeenteCode: string;
  gemeenteNaam: string;
  regioCode: string;
  regioNaam: string;
  lat: number | null;
  lon: number | null;
}

export interface CbsError {
  line: number;
  message: string;
}

type Kolom = "gemeenteCode" | "gemeenteNaam" | "regioCode" | "regioNaam" | "lat" | "lon";

/** Accepted header names, compared lowercase with everything but letters and digits removed. */
const KOLOMMEN: Record<Kolom, string[]> = {
  gemeenteCode: ["GemeentecodeGM", "gemeentecode", "code"],
  gemeenteNaam: ["Gemeentenaam", "naam"],
  regioCode: ["JeugdzorgregioCode", "regiocode"],
  regioNaam: ["Jeugdzorgregio", "jeugdzorgregionaam", "regionaam"],
  lat: ["lat", "latitude"],
  lon: ["lon", "longitude"],
};
const VERPLICHT: Kolom[] = ["gemeenteCode", "gemeenteNaam", "regioCode", "regioNaam"];

/** The same rule as the API's `regioCode` (src/kern/fields.ts): a slug or a CBS code such as JZ25. */
const REGIO_CODE = /^[a-z0-9][a-z0-9-]{1,39}$|^JZ[0-9]{2}$/;

/** Roughly the European Netherlands; catches swapped or misplaced coordinates. */
const NL = { lat: [50.7, 53.7], lon: [3.2, 7.3] } as const;

const normaliseer = (kop: string) => kop.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Parses CBS-style CSV: header row, `;` or `,` delimiter (detected from the header), quoted
 * fields with `""` escapes, optional BOM. Every problem is reported with its line number;
 * callers write nothing unless `errors` is empty.
 */
export function parseCbsCsv(text: string): { rows: CbsRow[]; errors: CbsError[] } {
  const errors: CbsError[] = [];
  const bron = text.replace(/^\uFEFF/, "");
  const kopregel = bron.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = count(kopregel, ";") >= count(kopregel, ",") && kopregel.includes(";") ? ";" : ",";
  const { records, error } = tokenize(bron, delimiter);
  if (error) errors.push(error);

  const [kop, ...data] = records;
  if (!kop || kop.fields.every((f) => f.trim() === "")) {
    return { rows: [], errors: [...errors, { line: 1, message: "the file is empty; expected a header row" }] };
  }
  const koppen = kop.fields.map(normaliseer);
  const index = {} as Record<Kolom, number>;
  for (const kolom of Object.keys(KOLOMMEN) as Kolom[]) {
    index[kolom] = KOLOMMEN[kolom].map((alias) => koppen.indexOf(normaliseer(alias))).find((i) => i >= 0) ?? -1;
  }
  const ontbrekend = VERPLICHT.filter((k) => index[k] < 0);
  if (ontbrekend.length > 0) {
    const namen = ontbrekend.map((k) => KOLOMMEN[k].join("|")).join(", ");
    return { rows: [], errors: [...errors, { line: kop.line, message: `missing column(s): ${namen}` }] };
  }
  if (index.lat < 0 !== index.lon < 0) {
    errors.push({ line: kop.line, message: "lat and lon come together: found only one of the two columns" });
  }

  const rows: CbsRow[] = [];
  const gemeenteRegel = new Map<string, number>();
  const regioNaamVan = new Map<string, { naam: string; line: number }>();
  const regioCodeVan = new Map<string, { code: string; line: number }>();
  for (const { line, fields } of data) {
    if (fields.every((f) => f.trim() === "")) continue;
    const fout = (message: string) => errors.push({ line, message });
    if (fields.length !== kop.fields.length) {
      fout(`expected ${kop.fields.length} fields, found ${fields.length} (delimiter "${delimiter}")`);
      continue;
    }
    const veld = (k: Kolom) => (index[k] >= 0 ? (fields[index[k]] ?? "").trim() : "");
    const aantalFouten = errors.length;

    const gemeenteCode = gemeenteCodeVan(veld("gemeenteCode"));
    if (!gemeenteCode) fout(`gemeentecode "${veld("gemeenteCode")}" is not a CBS code such as GM0518`);
    const gemeenteNaam = veld("gemeenteNaam");
    if (!gemeenteNaam) fout("gemeentenaam is empty");
    const regioCode = veld("regioCode");
    const regioCodeGeldig = REGIO_CODE.test(regioCode);
    if (!regioCodeGeldig) fout(`regiocode "${regioCode}" must be a CBS code such as JZ25 or a lowercase slug`);
    const regioNaam = veld("regioNaam");
    if (!regioNaam) fout("regionaam is empty");
    const coord = coordinaten(veld("lat"), veld("lon"), fout);

    if (gemeenteCode) {
      const eerder = gemeenteRegel.get(gemeenteCode);
      if (eerder !== undefined) fout(`${gemeenteCode} appears twice (also on line ${eerder})`);
      else gemeenteRegel.set(gemeenteCode, line);
    }
    if (regioCodeGeldig && regioNaam) {
      const naam = regioNaamVan.get(regioCode);
      if (naam && naam.naam !== regioNaam)
        fout(`region ${regioCode} is named "${naam.naam}" on line ${naam.line}, "${regioNaam}" here`);
      else if (!naam) regioNaamVan.set(regioCode, { naam: regioNaam, line });
      const code = regioCodeVan.get(regioNaam.toLowerCase());
      if (code && code.code !== regioCode)
        fout(`region "${regioNaam}" has code ${code.code} on line ${code.line}, ${regioCode} here`);
      else if (!code) regioCodeVan.set(regioNaam.toLowerCase(), { code: regioCode, line });
    }
    if (errors.length === aantalFouten && gemeenteCode && coord) {
      rows.push({ line, gemeenteCode, gemeenteNaam, regioCode, regioNaam, ...coord });
    }
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ line: kop.line, message: "no data rows after the header" });
  }
  return { rows, errors };
}

/** `GM0518`, `gm0518`, `518` and `0518` all give `GM0518`. */
function gemeenteCodeVan(waarde: string): string | null {
  if (/^\d{1,4}$/.test(waarde)) return `GM${waarde.padStart(4, "0")}`;
  return /^GM\d{4}$/i.test(waarde) ? waarde.toUpperCase() : null;
}

function coordinaten(lat: string, lon: string, fout: (m: string) => void): { lat: number | null; lon: number | null } | null {
  if (lat === "" && lon === "") return { lat: null, lon: null };
  if (lat === "" || lon === "") {
    fout("lat and lon come together: one of the two is empty");
    return null;
  }
  // Dutch exports write decimal commas ("52,07") when the delimiter is `;`.
  const getal = (v: string) => (/^-?\d+([.,]\d+)?$/.test(v) ? Number(v.replace(",", ".")) : Number.NaN);
  const [la, lo] = [getal(lat), getal(lon)];
  if (Number.isNaN(la) || Number.isNaN(lo)) {
    fout(`lat/lon "${lat}", "${lon}" are not numbers`);
    return null;
  }
  if (la < NL.lat[0] || la > NL.lat[1] || lo < NL.lon[0] || lo > NL.lon[1]) {
    fout(`lat/lon ${la}, ${lo} lie outside the Netherlands (swapped?)`);
    return null;
  }
  return { lat: la, lon: lo };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/**
 * Splits the text into records with the line each starts on (csv-parse: RFC 4180 quoting with
 * `""` escapes, CRLF or LF, fields spanning lines); an unclosed quote is reported by line.
 */
function tokenize(text: string, delimiter: string): { records: { line: number; fields: string[] }[]; error?: CbsError } {
  try {
    const parsed = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return {
      records: parsed.map(({ record, info, raw }) => ({
        line: info.lines - (raw.replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0),
        fields: record,
      })),
    };
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === "CSV_QUOTE_NOT_CLOSED")
      return { records: [], error: { line: lines ?? 1, message: "a quoted field is not closed" } };
    return { records: [], error: { line: lines ?? 1, message: (error as Error).message } };
  }
}

export interface CbsImportResult {
  regios: { added: number; updated: number };
  gemeenten: { added: number; updated: number };
  /** CSV region codes replaced by the code of an existing region with the same name. */
  keptCodes: { csv: string; existing: string }[];
}

/**
 * Upserts regions and municipalities in one atomic write: all rows or none. A CSV region
 * whose name matches an existing region (case-insensitively) keeps the existing code, so
 * offers and contracts that refer to it keep working. Existing coordinates stay when the
 * CSV has none.
 */
export async function importCbs(db: Database, rows: readonly CbsRow[]): Promise<CbsImportResult> {
  const bestaandeRegios = await db.orm.select({ code: regios.code, naam: regios.naam }).from(regios);
  const bestaandeGemeenten = new Set((await db.orm.select({ code: gemeenten.code }).from(gemeenten)).map((g) => g.code));
  const regioCodes = new Set(bestaandeRegios.map((r) => r.code));
  const opNaam = new Map<string, { code: string; naam: string }>();
  for (const r of bestaandeRegios) if (!opNaam.has(r.naam.toLowerCase())) opNaam.set(r.naam.toLowerCase(), r);

  const doel = new Map<string, string>(); // CSV region code → code in the register
  const naamVan = new Map<string, { naam: string; csv: string }>();
  const keptCodes: CbsImportResult["keptCodes"] = [];
  for (const row of rows) {
    if (doel.has(row.regioCode)) continue;
    const zelfdeNaam = regioCodes.has(row.regioCode) ? undefined : opNaam.get(row.regioNaam.toLowerCase());
    const code = zelfdeNaam?.code ?? row.regioCode;
    const eerder = naamVan.get(code);
    if (eerder && eerder.csv !== row.regioCode) {
      throw new Error(`CSV regions ${eerder.csv} and ${row.regioCode} would both become region ${code} (line ${row.line})`);
    }
    if (code !== row.regioCode) keptCodes.push({ csv: row.regioCode, existing: code });
    doel.set(row.regioCode, code);
    // Matched on name: the existing spelling stays too.
    naamVan.set(code, { naam: zelfdeNaam?.naam ?? row.regioNaam, csv: row.regioCode });
  }

  const regioSteps = [...naamVan].map(([code, { naam }]) => ({
    query: db.orm.insert(regios).values({ code, naam }).onConflictDoUpdate({ target: regios.code, set: { naam } }),
  }));
  const gemeenteSteps = rows.map((row) => {
    const waarden = { naam: row.gemeenteNaam, regio: doel.get(row.regioCode) as string };
    const set = row.lat !== null && row.lon !== null ? { ...waarden, lat: row.lat, lon: row.lon } : waarden;
    return {
      query: db.orm
        .insert(gemeenten)
        .values({ code: row.gemeenteCode, ...waarden, lat: row.lat, lon: row.lon })
        .onConflictDoUpdate({ target: gemeenten.code, set }),
    };
  });
  await db.atomic([...regioSteps, ...gemeenteSteps]);

  const regioAdded = [...naamVan.keys()].filter((c) => !regioCodes.has(c)).length;
  const gemeenteAdded = rows.filter((r) => !bestaandeGemeenten.has(r.gemeenteCode)).length;
  return {
    regios: { added: regioAdded, updated: naamVan.size - regioAdded },
    gemeenten: { added: gemeenteAdded, updated: rows.length - gemeenteAdded },
    keptCodes,
  };
}
