import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { isMeiliAvailable, type MeiliServer, startMeili } from "../support/meili-server.ts";

/**
 * One rule of "contracted" for both search engines and matching: a contract covers its own
 * care type and every form beneath it, at any depth (db/dekking.ts). The catalogue here gets
 * two local forms under gezinshuis, so the offer sits three levels below the contracted
 * category 43.
 */
const meiliHere = process.env.CI === "true" || isMeiliAvailable();
const engines = meiliHere ? (["sqlite", "meilisearch"] as const) : (["sqlite"] as const);
let server: MeiliServer | undefined;
let counter = 0;

beforeAll(async () => {
  if (meiliHere) server = await startMeili();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function register(engine: "sqlite" | "meilisearch"): Promise<Register> {
  const opties = { als: "zorgmakelaar" as const };
  if (engine === "sqlite") return makeRegister(undefined, opties);
  if (!server) throw new Error("Meilisearch is not available on this machine");
  return makeRegister(undefined, {
    ...opties,
    meili: { url: server.url, apiKey: server.masterKey, index: `dekking${++counter}` },
  });
}

/** Local forms beneath gezinshuis, added as reference data is: straight into the catalogue. */
function lokaleVormen(r: Register): void {
  const insert = r.db.sqlite.prepare(
    "INSERT INTO zorgvormen (code, naam, categorie, bovenliggend, actief) VALUES (?, ?, '43', ?, 1)",
  );
  insert.run("gh-lokaal", "Gezinshuis (lokaal)", "gezinshuis");
  insert.run("gh-lokaal-weekend", "Gezinshuis weekend (lokaal)", "gh-lokaal");
}

describe.each(engines)("contracted, on %s and in matching", (engine) => {
  let r: Register;
  let offer: Row;

  beforeAll(async () => {
    r = await register(engine);
    lokaleVormen(r);
    const aanbieder = await maakAanbieder(r);
    const locatie = await maakLocatie(r, aanbieder.id, { lat: 52.07, lon: 4.3 });
    offer = await maakAanbod(r, locatie.id, { zorgvorm: "gh-lokaal-weekend", leeftijdVan: 0, leeftijdTot: 18 });
    await json(
      await r.als("beheerder")("POST", "/v1/contracten", {
        aanbiederId: aanbieder.id,
        zorgvorm: "43",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }),
      201,
    );
  }, 60_000);
  afterAll(async () => {
    await r?.search.close();
  });

  async function gevonden(query: string) {
    await r.sync();
    const res = await r.request("GET", `/v1/aanbod?${query}`);
    expect(res.headers.get("Zoekmachine")).toBe(engine);
    const body = await json<{ resultaten: (Row & { gecontracteerd?: boolean })[] }>(res, 200);
    return body.resultaten.map((x) => [x.id, x.gecontracteerd]);
  }

  it("a contract for category 43 covers a local form three levels beneath it", async () => {
    expect(await gevonden("gemeente=GM0518&zorgvorm=43")).toEqual([[offer.id, true]]);
    expect(await gevonden("gemeente=GM0503&zorgvorm=43&ookNietGecontracteerd=true")).toEqual([[offer.id, false]]);
  });

  it("matching proposes the same offer for a Den Haag case of that form", async () => {
    // Registered a week ago: the offer's eight-week wait still starts help within the Treeknorm.
    const casus = await maakCasus(r, { zorgvorm: "gh-lokaal-weekend", geboortedatum: "2012-01-01", aanmelddatum: "2026-11-20" });
    const run = await json<{ resultaten: { casusId: string; aanbodId: string }[] }>(
      await r.request("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }),
      201,
    );
    expect(run.resultaten.map((v) => [v.casusId, v.aanbodId])).toEqual([[casus.id, offer.id]]);
  });

  it("moving the local form out from under 43 ends its cover at once (the catalogue closure follows)", async () => {
    r.db.sqlite.prepare("UPDATE zorgvormen SET bovenliggend = '44', categorie = '44' WHERE code = 'gh-lokaal'").run();
    // The external index learns of a catalogue change through a reindex, as after a CBS import.
    await r.search.meili?.reindex();
    expect(await gevonden("gemeente=GM0518&zorgvorm=44&ookNietGecontracteerd=true")).toEqual([[offer.id, false]]);
    const voorouders = r.db.sqlite
      .prepare("SELECT voorouder FROM zorgvorm_voorouders WHERE code = 'gh-lokaal-weekend' ORDER BY voorouder")
      .all();
    expect(voorouders).toEqual([{ voorouder: "44" }, { voorouder: "gh-lokaal" }, { voorouder: "gh-lokaal-weekend" }]);
  });
});
