import { describe, expect, it } from "vitest";
import {
  AANBOD_BASIS,
  json,
  maakAanbiederMetAanbod,
  maakAanbod,
  maakLocatie,
  names,
  problem,
  type Row,
  snapshot,
} from "../factories.ts";
import { makeRegister } from "../helpers.ts";

type Page = { resultaten: Row[]; totaal: number; pagina: number; perPagina: number };

describe("/v1/aanbod", () => {
  it("creates an offer under its location's provider, confirmed and current", async () => {
    const r = await makeRegister();
    const { aanbieder, locatie } = await maakAanbiederMetAanbod(r, 0);
    const res = await r.request("POST", "/v1/aanbod", { ...AANBOD_BASIS, locatieId: locatie.id });
    const created = await json<Row>(res, 201);
    expect(res.headers.get("Location")).toBe(`/v1/aanbod/${created.id}`);
    expect(created).toMatchObject({
      aanbiederId: aanbieder.id,
      locatieId: locatie.id,
      zorgvorm: "gezinshuis",
      capaciteit: 4,
      vrijePlekken: 1,
      intakeStatus: "open",
      overbrugging: false,
      actualiteit: "actueel",
      bevestigdOp: "2026-11-27T09:00:00.000Z",
    });
  });

  it("filters on provider, location and care type with the forms beneath it", async () => {
    const r = await makeRegister();
    const a = await maakAanbiederMetAanbod(r, 0);
    const delft = await maakLocatie(r, a.aanbieder.id, { gemeente: "GM0503", plaats: "Delft" });
    const gezinshuis = await maakAanbod(r, a.locatie.id, { zorgvorm: "gezinshuis" });
    const woon = await maakAanbod(r, delft.id, { zorgvorm: "kleinschalige-woonvoorziening", capaciteit: 10 });
    const ambulant = await maakAanbod(r, delft.id, { zorgvorm: "ambulante-jggz", capaciteit: 40 });
    const other = await maakAanbiederMetAanbod(r, 1);

    const ids = async (query: string) =>
      (await json<Page>(await r.request("GET", `/v1/aanbod?${query}`), 200)).resultaten.map((o) => o.id).sort();
    expect(await ids("zorgvorm=43")).toEqual([gezinshuis.id, woon.id, other.aanbod[0]?.id].sort());
    expect(await ids(`zorgvorm=gezinshuis&aanbiederId=${a.aanbieder.id}`)).toEqual([gezinshuis.id]);
    expect(await ids(`locatieId=${delft.id}`)).toEqual([woon.id, ambulant.id].sort());
    expect(await ids(`aanbiederId=${a.aanbieder.id}`)).toEqual([gezinshuis.id, woon.id, ambulant.id].sort());
    expect(await ids("zorgvorm=54")).toEqual([ambulant.id]);
    expect(await ids("zorgvorm=46")).toEqual([]);
  });

  it("pages with totaal, pagina and perPagina", async () => {
    const r = await makeRegister();
    await maakAanbiederMetAanbod(r, 5);
    const page = await json<Page>(await r.request("GET", "/v1/aanbod?perPagina=2&pagina=3"), 200);
    expect(page).toMatchObject({ totaal: 5, pagina: 3, perPagina: 2 });
    expect(page.resultaten).toHaveLength(1);
  });

  it("checks every rule of an offer at once and stores nothing", async () => {
    const r = await makeRegister();
    const { locatie } = await maakAanbiederMetAanbod(r, 0);
    const before = await snapshot(r);
    const body = await problem(
      await r.request("POST", "/v1/aanbod", {
        ...AANBOD_BASIS,
        locatieId: locatie.id,
        leeftijdVan: 12,
        leeftijdTot: 8,
        capaciteit: 2,
        vrijePlekken: 3,
        aanmeldwachttijdWeken: 2.5,
        behandelwachttijdWeken: 105,
        intakeStatus: "vol",
        diagnose: "vrije tekst",
      }),
      400,
    );
    expect(names(body)).toEqual([
      "aanmeldwachttijdWeken",
      "behandelwachttijdWeken",
      "diagnose",
      "intakeStatus",
      "leeftijdTot",
      "vrijePlekken",
    ]);
    const cross = await problem(
      await r.request("POST", "/v1/aanbod", {
        ...AANBOD_BASIS,
        locatieId: locatie.id,
        leeftijdVan: 12,
        leeftijdTot: 8,
        capaciteit: 2,
        vrijePlekken: 3,
      }),
      400,
    );
    expect(cross.invalidParams).toEqual([
      { name: "leeftijdTot", code: "lager-dan-leeftijd-van", reason: expect.any(String) },
      { name: "vrijePlekken", code: "groter-dan-capaciteit", reason: expect.any(String) },
    ]);
    for (const [veld, waarde] of [
      ["leeftijdVan", -1],
      ["leeftijdTot", 24],
      ["vrijePlekken", -1],
      ["aanmeldwachttijdWeken", -1],
    ] as const) {
      const res = await r.request("POST", "/v1/aanbod", { ...AANBOD_BASIS, locatieId: locatie.id, [veld]: waarde });
      expect(names(await problem(res, 400))).toEqual([veld]);
    }
    const refs = await problem(
      await r.request("POST", "/v1/aanbod", {
        ...AANBOD_BASIS,
        locatieId: "9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f",
        zorgvorm: "bestaat-niet",
      }),
      400,
    );
    expect(names(refs)).toEqual(["locatieId", "zorgvorm"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("accepts 0 and 104 waiting weeks and null for crisis care", async () => {
    const r = await makeRegister();
    const { locatie } = await maakAanbiederMetAanbod(r, 0);
    await maakAanbod(r, locatie.id, { aanmeldwachttijdWeken: 0, behandelwachttijdWeken: 104 });
    const crisis = await maakAanbod(r, locatie.id, { zorgvorm: "46", aanmeldwachttijdWeken: null, behandelwachttijdWeken: null });
    expect(crisis).toMatchObject({ aanmeldwachttijdWeken: null, behandelwachttijdWeken: null });
  });

  it("updates the description (history 'gewijzigd', not a confirmation) and refuses capacity below free places", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbieder, locatie, aanbod } = await maakAanbiederMetAanbod(r, 1, { capaciteit: 4, vrijePlekken: 3 });
    const o = aanbod[0] as Row;
    r.clock.set("2026-11-05T08:00:00.000Z");
    const beschrijving = {
      locatieId: locatie.id,
      aanbiederId: aanbieder.id,
      zorgvorm: "gezinshuis",
      naam: "Nieuwe naam",
      leeftijdVan: 0,
      leeftijdTot: 12,
      capaciteit: 5,
    };
    const updated = await json<Row>(await r.request("PUT", `/v1/aanbod/${o.id}`, beschrijving, { "If-Match": '"v1"' }), 200);
    expect(updated).toMatchObject({
      naam: "Nieuwe naam",
      capaciteit: 5,
      versie: 2,
      gewijzigdOp: "2026-11-05T08:00:00.000Z",
      bevestigdOp: "2026-11-01T08:00:00.000Z",
    });
    const before = await snapshot(r);
    const body = await problem(await r.request("PUT", `/v1/aanbod/${o.id}`, { ...beschrijving, capaciteit: 2 }), 400);
    expect(body.invalidParams?.[0]).toMatchObject({ name: "capaciteit", code: "kleiner-dan-vrije-plekken" });
    await problem(await r.request("PUT", `/v1/aanbod/${o.id}`, { ...beschrijving, vrijePlekken: 1 }), 400);
    expect(await snapshot(r)).toEqual(before);
  });

  it("keeps the history of a deleted offer", async () => {
    const r = await makeRegister();
    const { aanbod } = await maakAanbiederMetAanbod(r, 1);
    const id = (aanbod[0] as Row).id;
    expect((await r.request("DELETE", `/v1/aanbod/${id}`)).status).toBe(204);
    await problem(await r.request("GET", `/v1/aanbod/${id}`), 404);
    const historie = await json<Page>(await r.request("GET", `/v1/aanbod/${id}/historie`), 200);
    expect(historie.resultaten.map((h) => h.soort)).toEqual(["aangemaakt", "verwijderd"]);
    await problem(await r.request("GET", "/v1/aanbod/9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f/historie"), 404);
  });
});
