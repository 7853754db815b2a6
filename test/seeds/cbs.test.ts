import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite, type SqliteDatabase } from "../../db/sqlite.ts";
import { type CbsRow, importCbs, parseCbsCsv } from "../../seeds/cbs.ts";
import { loadReference } from "../../seeds/reference.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SAMPLE = join(ROOT, "seeds/data/cbs-voorbeeld.csv");
const sample = readFileSync(SAMPLE, "utf8");

async function freshDb(): Promise<SqliteDatabase> {
  const db = openSqlite(":memory:");
  await loadReference(db);
  return db;
}

function snapshot(db: SqliteDatabase) {
  return {
    regios: db.sqlite.prepare("SELECT * FROM regios ORDER BY code").all(),
    gemeenten: db.sqlite.prepare("SELECT * FROM gemeenten ORDER BY code").all(),
  };
}

describe("parseCbsCsv", () => {
  it("parses the sample file", () => {
    const { rows, errors } = parseCbsCsv(sample);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.regioCode === "haaglanden")).toHaveLength(9);
    expect(rows.filter((r) => r.regioCode === "holland-rijnland").map((r) => r.gemeenteCode)).toEqual([
      "GM0546",
      "GM0547",
      "GM0579",
    ]);
    expect(rows[1]).toEqual({
      line: 3,
      gemeenteCode: "GM0518",
      gemeenteNaam: "Den Haag",
      regioCode: "haaglanden",
      regioNaam: "Haaglanden",
      lat: 52.0705,
      lon: 4.3007,
    });
  });

  it("detects a comma delimiter and handles BOM, CRLF, quoted delimiters and doubled quotes", () => {
    const csv = '\uFEFFgemeentecode,gemeentenaam,regiocode,regionaam\r\nGM0503,"Delft, ""stad""",haaglanden,"Haaglanden"\r\n';
    const { rows, errors } = parseCbsCsv(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        gemeenteCode: "GM0503",
        gemeenteNaam: 'Delft, "stad"',
        regioCode: "haaglanden",
        regioNaam: "Haaglanden",
        lat: null,
        lon: null,
      },
    ]);
  });

  it("matches header aliases case-insensitively and reads decimal commas with `;`", () => {
    const csv = "CODE;Naam;RegioCode;RegioNaam;Latitude;Longitude\nGM0637;Zoetermeer;haaglanden;Haaglanden;52,0575;4,4931\n";
    const { rows, errors } = parseCbsCsv(csv);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ gemeenteCode: "GM0637", gemeenteNaam: "Zoetermeer", lat: 52.0575, lon: 4.4931 });
  });

  it("prefixes bare numeric municipality codes with GM and pads them to four digits", () => {
    const csv =
      "code;naam;regiocode;regionaam\n518;Den Haag;haaglanden;Haaglanden\n1916;Leidschendam-Voorburg;haaglanden;Haaglanden\ngm0503;Delft;haaglanden;Haaglanden\n";
    const { rows, errors } = parseCbsCsv(csv);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.gemeenteCode)).toEqual(["GM0518", "GM1916", "GM0503"]);
  });

  it("reports every bad row with the line it starts on", () => {
    const csv = [
      "code;naam;regiocode;regionaam",
      'GM0503;"Delft',
      'over twee regels";haaglanden;Haaglanden',
      "GM05x;Nergens;haaglanden;Haaglanden",
      "GM0518;Den Haag;Haag Landen;Haaglanden",
      "GM0503;Delft;haaglanden;Haaglanden",
      "GM0603;Rijswijk;haaglanden",
    ].join("\n");
    const { rows, errors } = parseCbsCsv(csv);
    expect(rows.map((r) => [r.line, r.gemeenteCode])).toEqual([[2, "GM0503"]]);
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7]);
    expect(errors[0]?.message).toContain("GM05x");
    expect(errors[2]?.message).toContain("line 2");
  });

  it("refuses a file without the required columns, or with coordinates outside the Netherlands", () => {
    expect(parseCbsCsv("gemeentecode;naam\nGM0518;Den Haag\n").errors).toEqual([
      { line: 1, message: expect.stringMatching(/regiocode/) },
    ]);
    expect(parseCbsCsv("").errors).toHaveLength(1);
    const swapped = parseCbsCsv("code;naam;regiocode;regionaam;lat;lon\nGM0518;Den Haag;haaglanden;Haaglanden;4.3;52.07\n");
    expect(swapped.errors).toEqual([{ line: 2, message: expect.stringMatching(/outside the Netherlands/) }]);
  });
});

describe("importCbs", () => {
  it("adds and updates regions and municipalities, idempotently", async () => {
    const db = await freshDb();
    const { rows } = parseCbsCsv(sample);
    expect(await importCbs(db, rows)).toEqual({
      regios: { added: 1, updated: 1 },
      gemeenten: { added: 3, updated: 9 },
      keptCodes: [],
    });
    const first = snapshot(db);
    expect(first.regios).toEqual([
      { code: "haaglanden", naam: "Haaglanden" },
      { code: "holland-rijnland", naam: "Holland Rijnland" },
    ]);
    expect(first.gemeenten).toHaveLength(12);
    expect(first.gemeenten).toContainEqual({
      code: "GM0546",
      naam: "Leiden",
      regio: "holland-rijnland",
      lat: 52.1601,
      lon: 4.497,
    });

    expect(await importCbs(db, rows)).toEqual({
      regios: { added: 0, updated: 2 },
      gemeenten: { added: 0, updated: 12 },
      keptCodes: [],
    });
    expect(snapshot(db)).toEqual(first);
    db.close();
  });

  it("keeps existing coordinates when the CSV has none, and updates names", async () => {
    const db = await freshDb();
    const { rows } = parseCbsCsv("code;naam;regiocode;regionaam\nGM0518;'s-Gravenhage;haaglanden;Haaglanden\n");
    await importCbs(db, rows);
    expect(db.sqlite.prepare("SELECT * FROM gemeenten WHERE code = 'GM0518'").get()).toEqual({
      code: "GM0518",
      naam: "'s-Gravenhage",
      regio: "haaglanden",
      lat: 52.0705,
      lon: 4.3007,
    });
    db.close();
  });

  it("keeps the code of an existing region with the same name", async () => {
    const db = await freshDb();
    const { rows } = parseCbsCsv(
      "code;naam;regiocode;regionaam\nGM0518;Den Haag;JZ25;HAAGLANDEN\nGM9001;Nieuwdorp;JZ25;HAAGLANDEN\n",
    );
    const result = await importCbs(db, rows);
    expect(result.keptCodes).toEqual([{ csv: "JZ25", existing: "haaglanden" }]);
    expect(result.regios).toEqual({ added: 0, updated: 1 });
    expect(snapshot(db).regios).toEqual([{ code: "haaglanden", naam: "Haaglanden" }]);
    expect(db.sqlite.prepare("SELECT regio FROM gemeenten WHERE code IN ('GM0518', 'GM9001')").all()).toEqual([
      { regio: "haaglanden" },
      { regio: "haaglanden" },
    ]);
    db.close();
  });

  it("writes nothing when one row fails", async () => {
    const db = await freshDb();
    const before = snapshot(db);
    const { rows } = parseCbsCsv(sample);
    const broken = { ...rows[11], gemeenteCode: "GM9999", gemeenteNaam: null } as unknown as CbsRow;
    await expect(importCbs(db, [...rows, broken])).rejects.toThrow(/NOT NULL/);
    expect(snapshot(db)).toEqual(before);
    db.close();
  });
});

describe("import-cbs-cli", () => {
  const dir = mkdtempSync(join(tmpdir(), "plekwijzer-cbs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "seeds/import-cbs-cli.ts"), ...args], {
      cwd: ROOT,
      encoding: "utf8",
    });

  it("prints every parse error with its line and exits 1 without creating the database", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      "code;naam;regiocode;regionaam\nGM0518;Den Haag;haaglanden;Haaglanden\nGM05x;X;haaglanden;Haaglanden\nGM0503;;haaglanden;Haaglanden\n",
    );
    const database = join(dir, "bad.db");
    const result = run(bad, "--database", database);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${bad}:3:`);
    expect(result.stderr).toContain(`${bad}:4:`);
    expect(existsSync(database)).toBe(false);
  });

  it("imports the sample file", () => {
    const database = join(dir, "ok.db");
    const result = run(SAMPLE, "--database", database);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const db = openSqlite(database);
    expect(snapshot(db).gemeenten).toHaveLength(12);
    db.close();
  });
});
