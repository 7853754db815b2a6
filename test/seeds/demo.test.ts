import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../db/sqlite.ts";
import { type DemoGemeente, generateDemo } from "../../seeds/demo.ts";
import { loadDemo } from "../../seeds/demo-load.ts";
import { createPrng } from "../../seeds/prng.ts";
import { GEMEENTEN_HAAGLANDEN, loadReference, ZORGVORMEN } from "../../seeds/reference.ts";
import { actualiteitOf } from "../../src/kern/time.ts";

const NOW = new Date("2026-11-27T10:00:00Z");
const demo = generateDemo({ seed: 20261127, aanbieders: 100, now: NOW });
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const categorie = new Map(ZORGVORMEN.map((z) => [z.code, z.categorie]));
const pastTreeknorm = (a: number | null | undefined, b: number | null | undefined) => a != null && (a > 4 || a + (b ?? 0) > 14);
const share = <T>(rows: T[], test: (row: T) => boolean) => rows.filter(test).length / rows.length;

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe("prng", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number) => {
      const p = createPrng(seed);
      return Array.from({ length: 20 }, () => p.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(1)).not.toEqual(draw(1 + 2 ** 32));
  });

  it("keeps int() within inclusive bounds, reaching both ends", () => {
    const p = createPrng(7);
    const seen = new Set(Array.from({ length: 2000 }, () => p.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("never picks a zero-weight entry in weighted()", () => {
    const p = createPrng(9);
    const picks = new Set(
      Array.from({ length: 2000 }, () =>
        p.weighted([
          ["a", 1],
          ["b", 0],
          ["c", 3],
        ] as const),
      ),
    );
    expect([...picks].sort()).toEqual(["a", "c"]);
  });

  it("makes version 4 UUIDs", () => {
    const p = createPrng(11);
    const ids = Array.from({ length: 1000 }, () => p.uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe("generateDemo", () => {
  it("is deterministic: same seed gives identical data, another seed different data", () => {
    expect(generateDemo({ seed: 20261127, aanbieders: 100, now: NOW })).toEqual(demo);
    const other = generateDemo({ seed: 20261128, aanbieders: 100, now: NOW });
    expect(other.aanbieders[0]?.id).not.toBe(demo.aanbieders[0]?.id);
    expect(other.aanbod.map((a) => a.id)).not.toEqual(demo.aanbod.map((a) => a.id));
  });

  it("has the default scale: 100 providers, ~250 locations, ~500 offers, one history row each", () => {
    expect(demo.aanbieders).toHaveLength(100);
    expect(demo.locaties.length).toBeGreaterThanOrEqual(200);
    expect(demo.locaties.length).toBeLessThanOrEqual(300);
    expect(demo.aanbod.length).toBeGreaterThanOrEqual(400);
    expect(demo.aanbod.length).toBeLessThanOrEqual(600);
    expect(demo.historie.map((h) => h.aanbodId)).toEqual(demo.aanbod.map((a) => a.id));
    for (const [i, h] of demo.historie.entries()) {
      expect(h).toMatchObject({ soort: "aangemaakt", wijzigingen: [], door: "demo-import", volgnummer: 1 });
      expect(h.op).toBe(demo.aanbod[i]?.aangemaaktOp);
    }
  });

  it("uses valid, unique v4 UUIDs for every row", () => {
    const ids = [demo.aanbieders, demo.locaties, demo.aanbod, demo.contracten, demo.historie].flat().map((r) => r.id as string);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("makes every offer valid", () => {
    const locatie = new Map(demo.locaties.map((l) => [l.id, l]));
    for (const a of demo.aanbod) {
      expect(locatie.get(a.locatieId)?.aanbiederId).toBe(a.aanbiederId);
      expect(categorie.has(a.zorgvorm)).toBe(true);
      expect(a.vrijePlekken).toBeGreaterThanOrEqual(0);
      expect(a.vrijePlekken).toBeLessThanOrEqual(a.capaciteit);
      expect(a.leeftijdVan).toBeGreaterThanOrEqual(0);
      expect(a.leeftijdVan).toBeLessThanOrEqual(a.leeftijdTot);
      expect(a.leeftijdTot).toBeLessThanOrEqual(23);
      for (const weken of [a.aanmeldwachttijdWeken, a.behandelwachttijdWeken]) {
        if (weken !== null) {
          expect(Number.isInteger(weken)).toBe(true);
          expect(weken).toBeGreaterThanOrEqual(0);
          expect(weken).toBeLessThanOrEqual(104);
        }
      }
      if (categorie.get(a.zorgvorm) === "46") {
        expect(a.aanmeldwachttijdWeken).toBeNull();
        expect(a.behandelwachttijdWeken).toBeNull();
      } else {
        expect(a.aanmeldwachttijdWeken).not.toBeNull();
      }
      if (a.intakeStatus === "open") expect(a.vrijePlekken).toBeGreaterThan(0);
      if (a.bevestigdOp) expect(a.gewijzigdOp <= a.bevestigdOp).toBe(true);
      expect(a.aangemaaktOp <= a.gewijzigdOp).toBe(true);
      expect(a.gewijzigdOp <= NOW.toISOString()).toBe(true);
    }
  });

  it("spreads offers over finer care types and iJw categories, crisis included", () => {
    const codes = new Set(demo.aanbod.map((a) => a.zorgvorm));
    for (const fijn of ["gezinshuis", "pleegzorg", "ambulante-jggz", "begeleid-beschermd-wonen"]) expect(codes).toContain(fijn);
    expect(codes).toContain("46");
    const fijn = share(demo.aanbod, (a) => !/^\d+$/.test(a.zorgvorm));
    expect(fijn).toBeGreaterThan(0.6);
    expect(fijn).toBeLessThan(1);
  });

  it("is realistic: some full, some past the Treeknorm, some stale or never confirmed", () => {
    expect(share(demo.aanbod, (a) => a.vrijePlekken === 0)).toBeGreaterThan(0.2);
    expect(share(demo.aanbod, (a) => a.vrijePlekken === 0)).toBeLessThan(0.4);
    const over = share(demo.aanbod, (a) => pastTreeknorm(a.aanmeldwachttijdWeken, a.behandelwachttijdWeken));
    expect(over).toBeGreaterThan(0.1);
    expect(over).toBeLessThan(0.35);
    const actualiteit = demo.aanbod.map((a) => actualiteitOf(a.bevestigdOp ?? null, NOW));
    expect(share(actualiteit, (x) => x === "actueel")).toBeGreaterThan(0.6);
    expect(actualiteit).toContain("verouderd");
    expect(actualiteit).toContain("sterk-verouderd");
    expect(demo.aanbod.some((a) => a.bevestigdOp === null)).toBe(true);
    const overbrugging = share(demo.aanbod, (a) => a.overbrugging === true);
    expect(overbrugging).toBeGreaterThan(0.03);
    expect(overbrugging).toBeLessThan(0.2);
  });

  it("invents plausible Haaglanden addresses and .example contact details", () => {
    const gemeente = new Map(GEMEENTEN_HAAGLANDEN.map((g) => [g.code, g]));
    for (const l of demo.locaties) {
      const g = gemeente.get(l.gemeente);
      expect(l.plaats).toBe(g?.naam);
      expect(l.postcode).toMatch(/^(22|25|26|27)\d{2} (?!SA|SD|SS)[A-Z]{2}$/);
      expect(l.adres).toMatch(/^[A-Z][a-z]+ \d{1,3}[a-c]?$/);
      expect(distanceKm(l.lat as number, l.lon as number, g?.lat as number, g?.lon as number)).toBeLessThan(4.05);
    }
    for (const a of demo.aanbieders) {
      expect(a.email).toMatch(/^info@[a-z0-9-]+\.example$/);
      expect(a.website).toMatch(/^https:\/\/[a-z0-9-]+\.example$/);
      expect(a.telefoon).toMatch(/^(0\d{2} \d{3} \d{4}|0\d{3} \d{3} \d{3})$/);
      expect(a.agbCode).toMatch(/^\d{8}$/);
      expect(a.kvkNummer).toMatch(/^\d{8}$/);
    }
    expect(new Set(demo.aanbieders.map((a) => a.naam)).size).toBe(100);
  });

  it("contracts offered care types, via the region or per municipality, some expired", () => {
    const offered = new Set(demo.aanbod.map((a) => `${a.aanbiederId}|${a.zorgvorm}`));
    for (const c of demo.contracten) {
      expect((c.gemeente == null) !== (c.regio == null)).toBe(true);
      expect(offered).toContain(`${c.aanbiederId}|${c.zorgvorm}`);
      if (c.geldigTot) expect(c.geldigVanaf <= c.geldigTot).toBe(true);
    }
    expect(demo.contracten.some((c) => c.regio === "haaglanden")).toBe(true);
    expect(demo.contracten.some((c) => c.gemeente === "GM0518")).toBe(true);
    expect(demo.contracten.some((c) => c.geldigTot != null && c.geldigTot < "2026-11-27")).toBe(true);
    expect(demo.contracten.some((c) => c.geldigTot === null)).toBe(true);
    const gecontracteerd = new Set(demo.contracten.map((c) => c.aanbiederId));
    expect(gecontracteerd.size).toBeGreaterThan(70);
    expect(gecontracteerd.size).toBeLessThan(100);
  });

  it("restricts locations to one region and copes with municipalities without coordinates", () => {
    const gemeenten: DemoGemeente[] = [
      ...GEMEENTEN_HAAGLANDEN,
      { code: "GM0546", naam: "Leiden", regio: "holland-rijnland", lat: null, lon: null },
      { code: "GM0547", naam: "Leiderdorp", regio: "holland-rijnland", lat: null, lon: null },
    ];
    const rijnland = generateDemo({ seed: 3, aanbieders: 30, now: NOW, gemeenten, regio: "holland-rijnland" });
    expect(new Set(rijnland.locaties.map((l) => l.gemeente))).toEqual(new Set(["GM0546", "GM0547"]));
    expect(rijnland.locaties.every((l) => l.lat === null && l.lon === null)).toBe(true);
    expect(rijnland.contracten.every((c) => c.regio === "holland-rijnland" || c.gemeente?.startsWith("GM054"))).toBe(true);
    expect(() => generateDemo({ seed: 3, aanbieders: 30, now: NOW, regio: "nergens" })).toThrow(/nergens/);
    expect(() => generateDemo({ seed: 3, aanbieders: 0, now: NOW })).toThrow(RangeError);
  });

  it("scales linearly and keeps names unique", () => {
    const big = generateDemo({ seed: 5, aanbieders: 3000, now: NOW });
    expect(big.locaties.length / 3000).toBeCloseTo(2.5, 0);
    expect(big.aanbod.length / big.locaties.length).toBeCloseTo(2, 0);
    expect(new Set(big.aanbieders.map((a) => a.naam)).size).toBe(3000);
  });
});

describe("loadDemo", () => {
  it("loads into a fresh database after the reference data, without constraint errors", async () => {
    const db = openSqlite(":memory:");
    await loadReference(db);
    const counts = loadDemo(db, demo);
    const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(counts).toEqual({
      aanbieders: 100,
      locaties: demo.locaties.length,
      aanbod: demo.aanbod.length,
      contracten: demo.contracten.length,
      historie: demo.historie.length,
    });
    expect(count("aanbieders")).toBe(100);
    expect(count("locaties")).toBe(demo.locaties.length);
    expect(count("aanbod")).toBe(demo.aanbod.length);
    expect(count("contracten")).toBe(demo.contracten.length);
    expect(count("aanbod_historie")).toBe(demo.historie.length);
    expect(db.sqlite.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    const first = demo.aanbod[0];
    const row = db.sqlite
      .prepare("SELECT overbrugging, bevestigd_op, vrije_plekken FROM aanbod WHERE id = ?")
      .get(first?.id) as Record<string, unknown>;
    expect(row).toEqual({
      overbrugging: first?.overbrugging ? 1 : 0,
      bevestigd_op: first?.bevestigdOp,
      vrije_plekken: first?.vrijePlekken,
    });
    const historie = db.sqlite.prepare("SELECT wijzigingen FROM aanbod_historie LIMIT 1").get() as { wijzigingen: string };
    expect(historie.wijzigingen).toBe("[]");

    // All or nothing: a second load collides on the primary keys and adds no row at all.
    const other = generateDemo({ seed: 99, aanbieders: 5, now: NOW });
    expect(() =>
      loadDemo(db, { ...other, historie: [...other.historie, demo.historie[0] as (typeof demo.historie)[number]] }),
    ).toThrow(/UNIQUE/);
    expect(count("aanbieders")).toBe(100);
    db.close();
  });
});

describe("seeds/cli.ts", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "plekwijzer-seed-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(root, "seeds/cli.ts"), "--database", join(dir, "demo.db"), ...args], {
      cwd: root,
      encoding: "utf8",
    });

  it("refuses a database that already has providers unless --reset, and validates numbers", () => {
    expect(run("--aanbieders", "4").status).toBe(0);
    const again = run("--aanbieders", "4");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds 4 aanbieders.*--reset/s);
    const reset = run("--aanbieders", "6", "--reset");
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/aanbieders\s+6/);
    const bad = run("--aanbieders", "-3");
    expect(bad.status).toBe(1);
    expect(run("--seed", "1.5", "--reset").stderr).toContain("--seed must be a positive integer");
  }, 120_000);
});
