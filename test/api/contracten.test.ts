import { describe, expect, it } from "vitest";
import { json, maakAanbieder, names, problem, type Row, snapshot } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

describe("/v1/contracten", () => {
  it("records a contract per municipality or per region, filters, updates and deletes", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    const res = await r.request("POST", "/v1/contracten", {
      aanbiederId: a.id,
      zorgvorm: "gezinshuis",
      gemeente: "GM0518",
      geldigVanaf: "2026-01-01",
      geldigTot: "2027-12-31",
    });
    const perGemeente = await json<Row>(res, 201);
    expect(res.headers.get("Location")).toBe(`/v1/contracten/${perGemeente.id}`);
    const perRegio = await json<Row>(
      await r.request("POST", "/v1/contracten", {
        aanbiederId: a.id,
        zorgvorm: "45",
        regio: "haaglanden",
        geldigVanaf: "2026-01-01",
      }),
      201,
    );
    expect(perRegio).toMatchObject({ gemeente: null, regio: "haaglanden", geldigTot: null });

    const list = async (q: string) =>
      (await json<{ resultaten: Row[] }>(await r.request("GET", `/v1/contracten?${q}`), 200)).resultaten.map((c) => c.id);
    expect(await list(`aanbiederId=${a.id}`)).toHaveLength(2);
    expect(await list("gemeente=GM0518")).toEqual([perGemeente.id]);
    expect(await list("regio=haaglanden&zorgvorm=45")).toEqual([perRegio.id]);

    const updated = await json<Row>(
      await r.request("PUT", `/v1/contracten/${perGemeente.id}`, {
        aanbiederId: a.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0503",
        geldigVanaf: "2026-01-01",
      }),
      200,
    );
    expect(updated).toMatchObject({ gemeente: "GM0503", geldigTot: null });
    expect((await r.request("DELETE", `/v1/contracten/${perGemeente.id}`)).status).toBe(204);
    await problem(await r.request("GET", `/v1/contracten/${perGemeente.id}`), 404);
  });

  it("checks dates, the period, gemeente-or-regio and the codes, and stores nothing", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    const before = await snapshot(r);
    const base = { aanbiederId: a.id, zorgvorm: "gezinshuis", gemeente: "GM0518", geldigVanaf: "2026-01-01" };
    expect(names(await problem(await r.request("POST", "/v1/contracten", { ...base, geldigVanaf: "2026-02-30" }), 400))).toEqual([
      "geldigVanaf",
    ]);
    expect(names(await problem(await r.request("POST", "/v1/contracten", { ...base, geldigTot: "31-12-2027" }), 400))).toEqual([
      "geldigTot",
    ]);
    const period = await problem(await r.request("POST", "/v1/contracten", { ...base, geldigTot: "2025-12-31" }), 400);
    expect(period.invalidParams).toEqual([{ name: "geldigTot", code: "voor-geldig-vanaf", reason: expect.any(String) }]);
    const both = await problem(await r.request("POST", "/v1/contracten", { ...base, regio: "haaglanden" }), 400);
    expect(both.invalidParams?.[0]).toMatchObject({ name: "gemeente", code: "gemeente-of-regio" });
    await problem(await r.request("POST", "/v1/contracten", { ...base, gemeente: undefined }), 400);
    const codes = await problem(
      await r.request("POST", "/v1/contracten", {
        ...base,
        aanbiederId: "9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f",
        zorgvorm: "onbekend",
        gemeente: "GM9999",
      }),
      400,
    );
    expect(names(codes)).toEqual(["aanbiederId", "gemeente", "zorgvorm"]);
    // A cross-field rule is reported together with a broken field.
    const mixed = await problem(
      await r.request("POST", "/v1/contracten", { ...base, zorgvorm: "NIET GELDIG", geldigTot: "2025-01-01" }),
      400,
    );
    expect(names(mixed)).toEqual(["geldigTot", "zorgvorm"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("refuses a second contract for the same provider, care type and buyer in an overlapping period (409), also on a change", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    const base = { aanbiederId: a.id, zorgvorm: "gezinshuis", gemeente: "GM0518" };
    const eerste = await json<Row>(
      await r.request("POST", "/v1/contracten", { ...base, geldigVanaf: "2026-01-01", geldigTot: "2026-12-31" }),
      201,
    );
    expect(eerste.status).toBe("lopend");
    const before = await snapshot(r);
    for (const periode of [
      { geldigVanaf: "2026-06-01" },
      { geldigVanaf: "2025-01-01", geldigTot: "2026-01-01" },
      { geldigVanaf: "2026-12-31", geldigTot: "2027-03-31" },
    ]) {
      const dubbel = await problem(await r.request("POST", "/v1/contracten", { ...base, ...periode }), 409);
      expect(dubbel.detail).toContain("Er is al een contract met deze aanbieder voor deze zorgvorm en deze gemeente");
      expect(dubbel).toMatchObject({ bestaandContract: eerste.id });
    }
    expect(await snapshot(r)).toEqual(before);
    // Adjacent periods, another municipality or the region as buyer are other contracts.
    const erna = await json<Row>(await r.request("POST", "/v1/contracten", { ...base, geldigVanaf: "2027-01-01" }), 201);
    await json(await r.request("POST", "/v1/contracten", { ...base, gemeente: "GM0503", geldigVanaf: "2026-01-01" }), 201);
    await json(
      await r.request("POST", "/v1/contracten", { ...base, gemeente: undefined, regio: "haaglanden", geldigVanaf: "2026-01-01" }),
      201,
    );
    // Stretching the later one back over the first is a duplicate too; changing a contract itself is not.
    await problem(await r.request("PUT", `/v1/contracten/${erna.id}`, { ...base, geldigVanaf: "2026-12-01" }), 409);
    await json(
      await r.request("PUT", `/v1/contracten/${eerste.id}`, { ...base, geldigVanaf: "2026-02-01", geldigTot: "2026-12-31" }),
      200,
    );
  });
});
