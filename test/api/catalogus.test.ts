import { describe, expect, it } from "vitest";
import { json, problem, type Row } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

type Page = { resultaten: Row[]; totaal: number };

describe("reference data", () => {
  it("serves the iJw categories 40–55 with the finer forms beneath them", async () => {
    const r = await makeRegister();
    const all = await json<Page>(await r.request("GET", "/v1/zorgvormen?perPagina=100"), 200);
    const categories = all.resultaten.filter((z) => z.bovenliggend === null).map((z) => z.code);
    expect(categories).toEqual(Array.from({ length: 16 }, (_, i) => String(40 + i)));
    expect(await json(await r.request("GET", "/v1/zorgvormen/gezinshuis"), 200)).toMatchObject({
      categorie: "43",
      bovenliggend: "43",
      naam: "Gezinshuis",
    });
    const c43 = await json<Page>(await r.request("GET", "/v1/zorgvormen?categorie=43"), 200);
    expect(c43.resultaten.map((z) => z.code)).toEqual([
      "43",
      "gesloten-jeugdzorg",
      "gezinshuis",
      "kleinschalige-woonvoorziening",
    ]);
    for (const code of [
      "pleegzorg",
      "begeleid-beschermd-wonen",
      "ambulante-jggz",
      "gezinsbehandeling",
      "opvoedondersteuning",
      "overbruggingszorg",
    ]) {
      await json(await r.request("GET", `/v1/zorgvormen/${code}`), 200);
    }
    await problem(await r.request("GET", "/v1/zorgvormen/bestaat-niet"), 404);
  });

  it("serves Haaglanden with its nine municipalities, CBS codes and centroids", async () => {
    const r = await makeRegister();
    expect(await json(await r.request("GET", "/v1/regios/haaglanden"), 200)).toEqual({ code: "haaglanden", naam: "Haaglanden" });
    const gemeenten = await json<Page>(await r.request("GET", "/v1/gemeenten?regio=haaglanden"), 200);
    expect(gemeenten.totaal).toBe(9);
    expect(gemeenten.resultaten.map((g) => g.code).sort()).toEqual(
      ["GM0503", "GM0518", "GM1916", "GM1842", "GM1926", "GM0603", "GM0629", "GM1783", "GM0637"].sort(),
    );
    for (const g of gemeenten.resultaten) {
      expect(g.lat).toBeGreaterThan(51.9);
      expect(g.lat).toBeLessThan(52.2);
      expect(g.lon).toBeGreaterThan(4.1);
      expect(g.lon).toBeLessThan(4.6);
    }
    expect(await json(await r.request("GET", "/v1/gemeenten/GM0518"), 200)).toMatchObject({
      naam: "Den Haag",
      regio: "haaglanden",
    });
    await problem(await r.request("GET", "/v1/gemeenten/GM9999"), 404);
    await problem(await r.request("GET", "/v1/gemeenten/Delft"), 400);
  });
});
