import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite, type SqliteDatabase } from "../../db/sqlite.ts";
import { createSearch } from "../../search/index.ts";
import { MemorySearchEngine } from "../../search/memory-engine.ts";
import { SearchProvider } from "../../search/provider.ts";
import { SqliteSearchEngine } from "../../search/sqlite-engine.ts";
import { generateDemo } from "../../seeds/demo.ts";
import { loadDemo } from "../../seeds/demo-load.ts";
import { createPrng } from "../../seeds/prng.ts";
import { GEMEENTEN_HAAGLANDEN, loadReference } from "../../seeds/reference.ts";
import { fixedClock } from "../../src/kern/time.ts";
import { searchAanbod, type ZoekParams } from "../../src/services/zoeken.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, type Row } from "../factories.ts";
import { makeRegister, NOW } from "../helpers.ts";
import { buildFixture } from "./fixture.ts";

type Antwoord = { resultaten: (Row & { vastgehouden: number })[]; totaal: number; facetten: unknown };

/** A register file with demo data, written without any search engine attached. */
async function registerFile(aanbieders = 40): Promise<{ path: string; db: SqliteDatabase }> {
  const path = join(mkdtempSync(join(tmpdir(), "plekwijzer-geheugen-")), "r.db");
  const db = openSqlite(path);
  await loadReference(db);
  loadDemo(db, generateDemo({ seed: 11, aanbieders, now: new Date(NOW) }));
  return { path, db };
}

/** Runs SQL in another Node process on the same file, as a second server or an import would. */
function inAnderProces(path: string, statement: string, ...params: unknown[]): Promise<void> {
  const code = `import { openSqlite } from ${JSON.stringify(new URL("../../db/sqlite.ts", import.meta.url).pathname)};
    const db = openSqlite(${JSON.stringify(path)});
    db.sqlite.prepare(${JSON.stringify(statement)}).run(...${JSON.stringify(params)});
    db.close();`;
  return new Promise((done, fail) => {
    execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], (error, _out, err) =>
      error ? fail(new Error(`${error.message}\n${err}`)) : done(),
    );
  });
}

const clock = fixedClock(NOW);
const zoek = (db: SqliteDatabase, engine: MemorySearchEngine | SqliteSearchEngine, params: Partial<ZoekParams>) =>
  searchAanbod(
    { deps: { db, clock, search: new SearchProvider(engine) }, actor: undefined },
    { pagina: 1, perPagina: 20, ...params },
  );

describe("in-memory engine: read-your-writes", () => {
  it("shows a write in the very next search: through the API, in plain SQL, a hold and its end", async () => {
    const r = await makeRegister();
    const f = await buildFixture(r);
    const memory = r.search.memory as MemorySearchEngine;
    const builds = memory.builds;
    const ids = async (query: string) => {
      const res = await r.request("GET", `/v1/aanbod?${query}`);
      expect(res.headers.get("Zoekmachine")).toBe("geheugen");
      const antwoord = await json<Antwoord>(res, 200);
      return { names: f.names(antwoord.resultaten.map((x) => x.id)), antwoord };
    };
    expect((await ids("alleenVrij=true&zorgvorm=gezinshuis")).names).toEqual(["o5", "o6", "o1"]);

    const figures = { vrijePlekken: 0, aanmeldwachttijdWeken: 0, behandelwachttijdWeken: 1, intakeStatus: "wachtlijst" };
    await json(await r.request("PUT", `/v1/aanbod/${f.o.o5.id}/beschikbaarheid`, figures), 200);
    expect((await ids("alleenVrij=true&zorgvorm=gezinshuis")).names).toEqual(["o6", "o1"]);

    // A write in plain SQL on the same connection (a seed, an import) needs no call to search.
    r.db.sqlite.prepare("UPDATE aanbod SET naam = 'Gezinshuis Zonnebloem' WHERE id = ?").run(f.o.o1.id);
    expect((await ids("q=zonnebloem")).names).toEqual(["o1"]);

    // A hold through the register takes o1's only free place; once its time is up the place
    // counts again, before anything finalises the hold.
    const casus = await maakCasus(r);
    await json(await r.als("zorgmakelaar")("POST", "/v1/reserveringen", { aanbodId: f.o.o1.id, casusId: casus.id }), 201);
    expect((await ids("alleenVrij=true&zorgvorm=gezinshuis")).names).toEqual(["o6"]);
    const held = await ids("zorgvorm=gezinshuis&q=zonnebloem");
    expect(held.antwoord.resultaten[0]).toMatchObject({ vrijePlekken: 1, vastgehouden: 1 });
    r.clock.advanceDays(3.1);
    expect((await ids("alleenVrij=true&zorgvorm=gezinshuis")).names).toEqual(["o6", "o1"]);
    expect((await ids("zorgvorm=gezinshuis&q=zonnebloem")).antwoord.resultaten[0]).toMatchObject({ vastgehouden: 0 });

    // Reference data follows too: a municipality that leaves its region loses the region's contracts.
    expect((await ids("gemeente=GM0637")).names).toEqual(["o3", "o4"]);
    r.db.sqlite.prepare("UPDATE gemeenten SET regio = NULL WHERE code = 'GM0637'").run();
    expect((await ids("gemeente=GM0637")).names).toEqual([]);

    // Followed change by change, never built again.
    expect(memory.builds).toBe(builds);
  });
});

describe("in-memory engine: repeated searches", () => {
  it("answers a repeated search as the register stands: after a write, and once a stale cut-off passes a match", async () => {
    const r = await makeRegister();
    const f = await buildFixture(r);
    const zoek = async (query: string) => {
      const res = await r.request("GET", `/v1/aanbod?${query}`);
      expect(res.headers.get("Zoekmachine")).toBe("geheugen");
      type Facetten = { actualiteit: Record<string, number>; intakeStatus: Record<string, number> };
      const antwoord = await json<Antwoord & { facetten: Facetten }>(res, 200);
      const actualiteiten = antwoord.resultaten.map((x) => x.actualiteit as string).sort();
      return { names: f.names(antwoord.resultaten.map((x) => x.id)), actualiteiten, ...antwoord.facetten };
    };
    // o9 was confirmed 10 days ago: verouderd now, hidden once 14 days have passed.
    expect((await zoek("zorgvorm=54")).names).toEqual(["o9"]);
    expect((await zoek("zorgvorm=54")).names).toEqual(["o9"]);
    r.clock.advanceDays(4.1);
    expect((await zoek("zorgvorm=54")).names).toEqual([]);

    // The others were confirmed at the start: actueel for 7 days, then verouderd.
    const alles = "inclusiefVerouderd=true&zorgvorm=43";
    expect((await zoek(alles)).actualiteit).toEqual({ actueel: 4, verouderd: 0, "sterk-verouderd": 1 });
    const [eerste, tweede] = [await r.request("GET", `/v1/aanbod?${alles}`), await r.request("GET", `/v1/aanbod?${alles}`)];
    expect(await tweede.text()).toBe(await eerste.text());
    expect((await zoek(alles)).actualiteiten).toEqual(["actueel", "actueel", "actueel", "actueel", "sterk-verouderd"]);
    r.clock.advanceDays(3);
    // The answer to the same search, kept until then, now says so per offer too.
    expect((await zoek(alles)).actualiteit).toEqual({ actueel: 0, verouderd: 4, "sterk-verouderd": 1 });
    expect((await zoek(alles)).actualiteiten).toEqual(["sterk-verouderd", "verouderd", "verouderd", "verouderd", "verouderd"]);

    // A write in between is seen, however often the same search was answered before.
    expect((await zoek(alles)).intakeStatus).toEqual({ open: 4, wachtlijst: 1 });
    r.db.sqlite.prepare("UPDATE aanbod SET intake_status = 'gesloten' WHERE id = ?").run(f.o.o5.id);
    expect((await zoek(alles)).intakeStatus).toEqual({ open: 3, wachtlijst: 1, gesloten: 1 });
  });
});

describe("in-memory engine: another process on the same file", () => {
  it("sees a write another process made, at the next search", async () => {
    const { path, db } = await registerFile();
    const search = await createSearch(db, { clock });
    const memory = search.memory as MemorySearchEngine;
    const [offer] = db.sqlite.prepare("SELECT id, aanbieder_id FROM aanbod ORDER BY id LIMIT 1").all() as {
      id: string;
      aanbieder_id: string;
    }[];
    if (!offer) throw new Error("no demo offer");
    expect((await zoek(db, memory, { q: "zonnebloem" })).antwoord.totaal).toBe(0);

    await inAnderProces(path, "UPDATE aanbod SET naam = 'Zonnebloem', vrije_plekken = 0 WHERE id = ?", offer.id);
    const { antwoord } = await zoek(db, memory, { q: "zonnebloem", inclusiefVerouderd: true });
    expect(antwoord.resultaten.map((x) => [x.id, x.naam, x.vrijePlekken])).toEqual([[offer.id, "Zonnebloem", 0]]);

    // A contract made elsewhere counts here at once too.
    await inAnderProces(path, "DELETE FROM contracten WHERE aanbieder_id = ?", offer.aanbieder_id);
    const gemeente = GEMEENTEN_HAAGLANDEN[0]?.code as string;
    const ookNiet = await zoek(db, memory, { q: "zonnebloem", gemeente, ookNietGecontracteerd: true, inclusiefVerouderd: true });
    expect(ookNiet.antwoord.resultaten.map((x) => x.gecontracteerd)).toEqual([false]);
    expect(memory.builds).toBe(1);
    db.close();
  }, 60_000);
});

describe("in-memory engine: built at start, built again when it is behind", () => {
  it("builds at start from what the file holds, also after the projection itself was rebuilt", async () => {
    const { db } = await registerFile();
    // The projection made by another version: start rebuilds it, then the index is built from it.
    db.sqlite.exec("DELETE FROM zoek_aanbod; UPDATE zoek_meta SET waarde = 'oud' WHERE sleutel = 'sqlite-versie'");
    const search = await createSearch(db, { clock });
    const memory = search.memory as MemorySearchEngine;
    expect(memory.builds).toBe(1);
    const [{ n }] = db.sqlite.prepare("SELECT count(*) AS n FROM aanbod").all() as [{ n: number }];
    expect((await zoek(db, memory, { inclusiefVerouderd: true })).antwoord.totaal).toBe(n);
    db.close();
  });

  it("builds anew when the change feed has moved past it, or the catalogue changed", async () => {
    const { db } = await registerFile(10);
    // Never rebuilt for the number of changes alone: only the feed's trimming may call for it here.
    const memory = new MemorySearchEngine(db, { rebuildAfter: 1_000_000 });
    await memory.init();
    const [offer] = db.sqlite.prepare("SELECT id FROM aanbod ORDER BY id LIMIT 1").all() as { id: string }[];
    // A change, then more changes than the feed keeps, with no search in between: the feed
    // trims the first before this index has seen it.
    db.sqlite.prepare("UPDATE aanbod SET naam = 'Zonnebloem' WHERE id = ?").run(offer?.id);
    const touch = db.sqlite.prepare("UPDATE aanbod SET vrije_plekken = vrije_plekken WHERE id <> ?");
    const [{ n }] = db.sqlite.prepare("SELECT count(*) - 1 AS n FROM aanbod").all() as [{ n: number }];
    db.sqlite.transaction(() => {
      for (let i = 0; i * n < 21_000; i++) touch.run(offer?.id);
    })();
    expect((await zoek(db, memory, { q: "zonnebloem", inclusiefVerouderd: true })).antwoord.totaal).toBe(1);
    expect(memory.builds).toBe(2);

    db.sqlite
      .prepare(
        "INSERT INTO zorgvormen (code, naam, categorie, bovenliggend, actief) VALUES ('gh-nieuw', 'Nieuw', '43', 'gezinshuis', 1)",
      )
      .run();
    await zoek(db, memory, {});
    expect(memory.builds).toBe(3);
    db.close();
  });
});

describe("search projection: follows what it shows, nothing else", () => {
  it("an update of a column search does not show (a version guard) rebuilds no projection row and writes no change", async () => {
    const { db } = await registerFile(5);
    const [offer] = db.sqlite.prepare("SELECT id FROM aanbod ORDER BY id LIMIT 1").all() as { id: string }[];
    const laatste = () =>
      (db.sqlite.prepare("SELECT COALESCE(max(nr), 0) AS nr FROM zoek_wijzigingen").get() as { nr: number }).nr;
    const voor = laatste();
    db.sqlite.prepare("UPDATE aanbod SET versie = versie WHERE id = ?").run(offer?.id);
    db.sqlite.prepare("UPDATE aanbod SET capaciteit = capaciteit + 1, versie = versie + 1 WHERE id = ?").run(offer?.id);
    expect(laatste()).toBe(voor);
    db.sqlite.prepare("UPDATE aanbod SET vrije_plekken = 0 WHERE id = ?").run(offer?.id);
    expect(laatste()).toBe(voor + 1);
    expect(db.sqlite.prepare("SELECT vrije_plekken FROM zoek_aanbod WHERE id = ?").get(offer?.id)).toEqual({ vrije_plekken: 0 });
    db.close();
  });
});

describe("in-memory engine: the same answers as the SQLite engine", () => {
  it("agrees on totals, facets and pages over a demo register", async () => {
    const { db } = await registerFile(60);
    const search = await createSearch(db, { clock });
    const memory = search.memory as MemorySearchEngine;
    const sqlite = new SqliteSearchEngine(db);
    const prng = createPrng(99);
    const [sample] = db.sqlite.prepare("SELECT naam, plaats FROM zoek_aanbod LIMIT 1 OFFSET 17").all() as {
      naam: string;
      plaats: string;
    }[];
    const woorden = [
      sample?.naam.split(" ")[0] ?? "jeugd",
      sample?.plaats ?? "Delft",
      "gezinshuus ",
      "jeugdh",
      "ambulante behandling",
    ];
    for (let i = 0; i < 80; i++) {
      const p: Partial<ZoekParams> = { inclusiefVerouderd: prng.chance(0.3) };
      if (prng.chance(0.5)) p.zorgvorm = prng.pick(["43", "45", "gezinshuis", "54", "46"]);
      if (prng.chance(0.5)) p.gemeente = prng.pick(GEMEENTEN_HAAGLANDEN).code;
      if (p.gemeente && prng.chance(0.4)) p.ookNietGecontracteerd = true;
      if (prng.chance(0.4)) p.leeftijd = prng.int(0, 23);
      if (prng.chance(0.3)) p.alleenVrij = true;
      if (prng.chance(0.3)) p.maxWachttijd = prng.int(2, 20);
      if (prng.chance(0.3)) {
        const g = prng.pick(GEMEENTEN_HAAGLANDEN);
        p.nabij = `${g.lat},${g.lon}`;
        p.straal = prng.int(2, 12);
      }
      if (prng.chance(0.3)) p.q = prng.pick(woorden);
      p.sorteer = prng.pick(["wachttijd", "vrijePlekken", ...(p.nabij ? (["afstand"] as const) : [])]);
      if (prng.chance(0.3)) p.pagina = 2;
      const a = (await zoek(db, memory, p)).antwoord;
      const b = (await zoek(db, sqlite, p)).antwoord;
      const what = JSON.stringify(p);
      expect(a.totaal, what).toBe(b.totaal);
      expect(a.facetten, what).toEqual(b.facetten);
      expect(a.resultaten, what).toEqual(b.resultaten);
    }
    db.close();
  });
});
