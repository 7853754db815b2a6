import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawWrite } from "../../db/database.ts";
import { createSearch } from "../../search/index.ts";
import { MeiliSearchEngine } from "../../search/meili-engine.ts";
import { json, type Row } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { type MeiliServer, startMeili } from "../support/meili-server.ts";
import { buildFixture } from "./fixture.ts";

type Antwoord = { resultaten: Row[]; totaal: number };

let server: MeiliServer;
let counter = 0;
beforeAll(async () => {
  server = await startMeili();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const meiliOptions = () => ({ url: server.url, apiKey: server.masterKey, index: `engines${++counter}` });

async function zoek(r: Register, query: string) {
  const res = await r.request("GET", `/v1/aanbod?${query}`);
  return { engine: res.headers.get("Zoekmachine"), antwoord: await json<Antwoord>(res, 200) };
}

async function outboxSize(r: Register): Promise<number> {
  const [row] = await r.db.orm.all<{ n: number }>(sql`SELECT count(*) AS n FROM zoek_outbox`);
  return row?.n ?? 0;
}

describe("SQLite engine maintenance", () => {
  it("reindex rebuilds the projection and its text index from the register", async () => {
    const r = await makeRegister();
    const f = await buildFixture(r);
    r.db.sqlite.exec("DELETE FROM zoek_aanbod");
    expect((await zoek(r, "q=linde")).antwoord.totaal).toBe(0);
    expect(await r.search.sqlite.reindex()).toBe(9);
    const { antwoord } = await zoek(r, "q=linde");
    expect(f.names(antwoord.resultaten.map((x) => x.id)).sort()).toEqual(["o1", "o2"]);
  });

  it("keeps each offer's search row equal to what zoek_bron says, whichever columns an update sets", async () => {
    const r = await makeRegister();
    await buildFixture(r);
    const kolommen =
      "id, aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, vastgehouden, vastgehouden_tot, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats";
    const projectie = () => r.db.sqlite.prepare(`SELECT ${kolommen} FROM zoek_aanbod ORDER BY id`).all();
    const bron = () => r.db.sqlite.prepare(`SELECT ${kolommen} FROM zoek_bron ORDER BY id`).all();
    const ids = (r.db.sqlite.prepare("SELECT id FROM aanbod ORDER BY id").all() as { id: string }[]).map((x) => x.id);
    const voor = JSON.stringify(projectie());
    const updates = [
      // The weekly figures only (the availability trigger), a wait left empty among them.
      "UPDATE aanbod SET vrije_plekken = 0, aanmeldwachttijd_weken = 6, behandelwachttijd_weken = NULL, intake_status = 'gesloten', bevestigd_op = '2026-11-30T08:00:00.000Z' WHERE id = ?",
      // What the offer is (the full refresh).
      "UPDATE aanbod SET naam = 'Hernoemd aanbod', leeftijd_van = 3, zorgvorm = 'gezinshuis' WHERE id = ?",
      // Both in one statement.
      "UPDATE aanbod SET omschrijving = 'Nu ook in de avond', vrije_plekken = 1, behandelwachttijd_weken = 9 WHERE id = ?",
    ];
    for (const [i, update] of updates.entries()) r.db.sqlite.prepare(update).run(ids[i]);
    expect(JSON.stringify(projectie())).not.toBe(voor);
    expect(projectie()).toEqual(bron());
  });

  it("rebuilds on start when the projection was made by another version", async () => {
    const r = await makeRegister();
    await buildFixture(r);
    r.db.sqlite.exec("DELETE FROM zoek_aanbod; UPDATE zoek_meta SET waarde = 'oud' WHERE sleutel = 'sqlite-versie'");
    expect(await r.search.sqlite.init()).toBe(true);
    expect((await zoek(r, "inclusiefVerouderd=true")).antwoord.totaal).toBe(9);
    expect(await r.search.sqlite.init()).toBe(false);
  });
});

describe("Meilisearch engine maintenance", () => {
  it("builds its index on first start, then finds it up to date", async () => {
    const r = await makeRegister(undefined, { meili: meiliOptions() });
    await buildFixture(r);
    const meili = r.search.meili as MeiliSearchEngine;
    expect(await meili.init()).toBe(false);
    expect((await zoek(r, "inclusiefVerouderd=true")).antwoord.totaal).toBe(9);
    await r.search.close();
  }, 60_000);

  it("rebuilds when the live settings differ from the code's, or documents are missing", async () => {
    const r = await makeRegister(undefined, { meili: meiliOptions() });
    await buildFixture(r);
    const meili = r.search.meili as MeiliSearchEngine;
    const index = meili.client.index(meili.indexUid);
    await index.updateSettings({ rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"] }).waitTask();
    expect(await meili.init()).toBe(true);
    expect((await index.getSettings()).rankingRules?.[0]).toBe("sort");
    await index.deleteAllDocuments().waitTask();
    expect(await meili.init()).toBe(true);
    const { engine, antwoord } = await zoek(r, "inclusiefVerouderd=true");
    expect(engine).toBe("meilisearch");
    expect(antwoord.totaal).toBe(9);
    await r.search.close();
  }, 60_000);

  it("rebuilds after a period on SQLite alone, when changes went unrecorded", async () => {
    const options = meiliOptions();
    const r = await makeRegister(undefined, { meili: options });
    const f = await buildFixture(r);
    await r.search.close();
    const alone = await createSearch(r.db, { clock: r.clock }); // switches the outbox off
    await r.db.atomic([{ query: rawWrite(sql`UPDATE aanbod SET naam = 'Gezinshuis Zonnebloem' WHERE id = ${f.o.o5.id}`) }]);
    await alone.close();
    const again = await createSearch(r.db, { meili: options, clock: r.clock });
    await again.worker?.flush();
    const meili = again.meili as MeiliSearchEngine;
    const hits = await meili.client.index(meili.indexUid).search("zonnebloem");
    expect(hits.hits.map((h) => h.id)).toEqual([f.o.o5.id]);
    await again.close();
  }, 60_000);

  it("reindex swaps in a complete index, also when rebuilds run at the same time", async () => {
    const options = meiliOptions();
    const r = await makeRegister(undefined, { meili: options });
    const f = await buildFixture(r);
    const meili = r.search.meili as MeiliSearchEngine;
    await meili.client.index(meili.indexUid).deleteDocument(f.o.o1.id).waitTask();
    // Twice in this process (one rebuild), and once as another process would (the reindex command).
    const other = new MeiliSearchEngine(r.db, options);
    expect(await Promise.all([meili.reindex(), meili.reindex(), other.reindex()])).toEqual([9, 9, 9]);
    other.close();
    const leftovers = (await meili.client.getIndexes({ limit: 1000 })).results.filter((i) =>
      i.uid.startsWith(`${meili.indexUid}_`),
    );
    expect(leftovers).toEqual([]);
    const { engine, antwoord } = await zoek(r, "q=linde");
    expect(engine).toBe("meilisearch");
    expect(f.names(antwoord.resultaten.map((x) => x.id)).sort()).toEqual(["o1", "o2"]);
    await r.search.close();
  }, 60_000);
});

describe("Meilisearch down", () => {
  it("never loses a write, answers from the embedded engine meanwhile, and catches up when it is back", async () => {
    const r = await makeRegister(undefined, { meili: meiliOptions() });
    const f = await buildFixture(r);
    const query = "alleenVrij=true&zorgvorm=gezinshuis";
    const before = await zoek(r, query);
    expect(before.engine).toBe("meilisearch");
    expect(f.names(before.antwoord.resultaten.map((x) => x.id))).toEqual(["o5", "o6", "o1"]);

    await server.kill();
    const figures = { vrijePlekken: 0, aanmeldwachttijdWeken: 0, behandelwachttijdWeken: 1, intakeStatus: "wachtlijst" };
    await json(await r.request("PUT", `/v1/aanbod/${f.o.o5.id}/beschikbaarheid`, figures), 200);
    await json(await r.request("PUT", `/v1/aanbieders/${f.p.p1.id}`, { naam: "Stichting Lindeboom" }), 200);
    expect((await r.request("DELETE", `/v1/aanbod/${f.o.o6.id}`)).status).toBe(204);
    await r.sync(); // the drain fails: Meilisearch is gone

    const during = await zoek(r, query);
    expect(during.engine).toBe("geheugen");
    expect(f.names(during.antwoord.resultaten.map((x) => x.id))).toEqual(["o1"]);
    expect(await outboxSize(r)).toBeGreaterThanOrEqual(4);

    await server.restart();
    const deadline = Date.now() + 30_000;
    while ((await outboxSize(r)) > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect(await outboxSize(r)).toBe(0);

    const after = await zoek(r, query);
    expect(after.engine).toBe("meilisearch");
    expect(f.names(after.antwoord.resultaten.map((x) => x.id))).toEqual(["o1"]);
    const renamed = await zoek(r, "q=lindeboom");
    expect(renamed.engine).toBe("meilisearch");
    expect(f.names(renamed.antwoord.resultaten.map((x) => x.id)).sort()).toEqual(["o1", "o2"]);
    // Straight from Meilisearch: the changed figures are in the index itself.
    const meili = r.search.meili as MeiliSearchEngine;
    const direct = await meili.client
      .index(meili.indexUid)
      .search("", { filter: `vrijePlekken = 0 AND locatieId = "${f.o.o5.locatieId}"` });
    expect(direct.hits.map((h) => h.id)).toEqual([f.o.o5.id]);
    const deleted = await meili.client.index(meili.indexUid).search("", { filter: `locatieId = "${f.o.o6.locatieId}"` });
    expect(deleted.hits).toEqual([]);
    await r.search.close();
  }, 90_000);
});

describe("npm run reindex", () => {
  it("rebuilds both engines from a register file", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { execFile } = await import("node:child_process");
    const { openSqlite } = await import("../../db/sqlite.ts");
    const { loadReference } = await import("../../seeds/reference.ts");
    const { generateDemo } = await import("../../seeds/demo.ts");
    const { loadDemo } = await import("../../seeds/demo-load.ts");
    const path = join(mkdtempSync(join(tmpdir(), "plekwijzer-reindex-")), "r.db");
    const db = openSqlite(path);
    await loadReference(db);
    const data = generateDemo({ seed: 7, aanbieders: 10, now: new Date() });
    loadDemo(db, data);
    db.close();
    const run = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number; out: string }>((done) => {
        execFile(
          process.execPath,
          ["--import", "tsx", "search/reindex-cli.ts", ...args],
          { env: { ...process.env, DATABASE_PATH: path, ...env } },
          (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const sqliteOnly = await run(["--engine", "sqlite"]);
    expect(sqliteOnly).toMatchObject({ code: 0 });
    expect(sqliteOnly.out).toContain(`SQLite: ${data.aanbod.length} offers indexed`);
    const missing = await run(["--engine", "meilisearch"]);
    expect(missing.code).not.toBe(0);
    expect(missing.out).toContain("MEILI_URL");
    const both = await run([], { MEILI_URL: server.url, MEILI_MASTER_KEY: server.masterKey, MEILI_INDEX: `cli${++counter}` });
    expect(both.code).toBe(0);
    expect(both.out).toContain(`Meilisearch: ${data.aanbod.length} offers indexed`);
  }, 60_000);
});
