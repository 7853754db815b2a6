import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { json, maakAanbieder, maakAanbod, maakLocatie } from "../factories.ts";
import type { Register as NodeRegister } from "../helpers.ts";
import { makeRegister } from "./register.ts";

/**
 * D1's own limits, which SQLite on Node does not have: at most 100 bound parameters per
 * statement. A region with many local forms under one category searches with every filter.
 */
describe("D1 limits", () => {
  it("searches a category with 120 local forms beneath it, with every filter at once", async () => {
    const r = await makeRegister(undefined, { als: "verwijzer" });
    const gedeeld = r as unknown as NodeRegister;
    await env.DB.batch(
      Array.from({ length: 120 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO zorgvormen (code, naam, categorie, bovenliggend, omschrijving, actief) VALUES (?, ?, '43', '43', NULL, 1)",
        ).bind(`lokaal-${i}`, `Lokale vorm ${i}`),
      ),
    );
    const aanbieder = await maakAanbieder(gedeeld, { naam: "Stichting Gezinshuis Zuid" });
    const locatie = await maakLocatie(gedeeld, aanbieder.id, { lat: 52.07, lon: 4.3 });
    await maakAanbod(gedeeld, locatie.id, { zorgvorm: "lokaal-119", naam: "Gezinshuis Zuid", leeftijdVan: 4, leeftijdTot: 18 });
    const query = new URLSearchParams({
      zorgvorm: "43",
      gemeente: "GM0518",
      ookNietGecontracteerd: "true",
      leeftijd: "9",
      alleenVrij: "true",
      maxWachttijd: "20",
      nabij: "52.07,4.30",
      straal: "25",
      q: "gezinshuis zuid",
      sorteer: "afstand",
      inclusiefVerouderd: "true",
    });
    const found = await json<{ totaal: number }>(await r.request("GET", `/v1/aanbod?${query}`), 200);
    expect(found.totaal).toBe(1);
  });
});
