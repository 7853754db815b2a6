import { describe, expect, it } from "vitest";
import { json, maakAanbieder, maakAanbiederMetAanbod, maakLocatie, names, problem, type Row, snapshot } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

describe("/v1/locaties", () => {
  it("creates, filters by provider and municipality, updates and deletes", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    const b = await maakAanbieder(r);
    const delft = await maakLocatie(r, a.id, { gemeente: "GM0503", plaats: "Delft", postcode: "2611 AA", lat: 52.01, lon: 4.36 });
    await maakLocatie(r, a.id);
    await maakLocatie(r, b.id);

    const byProvider = await json<{ totaal: number }>(await r.request("GET", `/v1/locaties?aanbiederId=${a.id}`), 200);
    expect(byProvider.totaal).toBe(2);
    const byGemeente = await json<{ resultaten: Row[] }>(await r.request("GET", "/v1/locaties?gemeente=GM0503"), 200);
    expect(byGemeente.resultaten.map((l) => l.id)).toEqual([delft.id]);

    const updated = await json<Row>(
      await r.request("PUT", `/v1/locaties/${delft.id}`, {
        aanbiederId: a.id,
        naam: "Delft-Centrum",
        adres: "Markt 2",
        postcode: "2611 GW",
        plaats: "Delft",
        gemeente: "GM0503",
      }),
      200,
    );
    expect(updated).toMatchObject({ naam: "Delft-Centrum", versie: 2, lat: null });
    expect((await r.request("DELETE", `/v1/locaties/${delft.id}`)).status).toBe(204);
  });

  it("validates postcode, municipality code and format, and coordinates", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    const before = await snapshot(r);
    const base = { aanbiederId: a.id, naam: "X", adres: "Y 1", plaats: "Den Haag" };
    for (const postcode of ["2511AB", "0511 AB", "2511 ab", "2511 SS", "25111 AB"]) {
      const body = await problem(await r.request("POST", "/v1/locaties", { ...base, postcode, gemeente: "GM0518" }), 400);
      expect(names(body)).toEqual(["postcode"]);
    }
    expect(
      names(await problem(await r.request("POST", "/v1/locaties", { ...base, postcode: "2511 AB", gemeente: "0518" }), 400)),
    ).toEqual(["gemeente"]);
    const unknown = await problem(
      await r.request("POST", "/v1/locaties", { ...base, postcode: "2511 AB", gemeente: "GM9999" }),
      400,
    );
    expect(unknown.invalidParams).toEqual([{ name: "gemeente", code: "onbekende-code", reason: expect.any(String) }]);
    expect(
      names(
        await problem(
          await r.request("POST", "/v1/locaties", { ...base, postcode: "2511 AB", gemeente: "GM0518", lat: 52.0 }),
          400,
        ),
      ),
    ).toEqual(["lon"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("refuses an unknown provider and a move to another provider", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    const b = await maakAanbieder(r);
    const loc = { naam: "X", adres: "Y 1", postcode: "2511 AB", plaats: "Den Haag", gemeente: "GM0518" };
    const body = await problem(
      await r.request("POST", "/v1/locaties", { ...loc, aanbiederId: "9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f" }),
      400,
    );
    expect(body.invalidParams?.[0]).toMatchObject({ name: "aanbiederId", code: "onbekend" });
    const l = await maakLocatie(r, a.id);
    const move = await problem(await r.request("PUT", `/v1/locaties/${l.id}`, { ...loc, aanbiederId: b.id }), 400);
    expect(move.invalidParams?.[0]).toMatchObject({ name: "aanbiederId", code: "niet-wijzigbaar" });
  });

  it("refuses to delete a location that still has offers", async () => {
    const r = await makeRegister();
    const { locatie } = await maakAanbiederMetAanbod(r, 1);
    await problem(await r.request("DELETE", `/v1/locaties/${locatie.id}`), 409);
    await json(await r.request("GET", `/v1/locaties/${locatie.id}`), 200);
  });
});
