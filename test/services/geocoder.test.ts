import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdokGeocoder } from "../../src/services/geocoder.ts";
import { pdokServer } from "../support/pdok.ts";

describe("pdokGeocoder (a real HTTP server that answers like the Locatieserver)", () => {
  let pdok: Awaited<ReturnType<typeof pdokServer>>;
  beforeAll(async () => {
    pdok = await pdokServer({ "2611AB": { lon: 4.3571, lat: 52.0116, naam: "2611AB, Delft" } });
  });
  afterAll(() => pdok.close());

  it("asks /free with q, fq=type:postcode and rows=1, and reads centroide_ll as POINT(lon lat)", async () => {
    pdok.zet("goed");
    const punt = await pdokGeocoder(`${pdok.url}/`).zoek("2611AB", "postcode");
    expect(punt).toEqual({ lat: 52.0116, lon: 4.3571, naam: "2611AB, Delft" });
    const vraag = pdok.vragen.at(-1);
    expect(vraag?.pathname).toBe("/bzk/locatieserver/search/v3_1/free");
    expect(Object.fromEntries(vraag?.searchParams ?? [])).toEqual({ q: "2611AB", fq: "type:postcode", rows: "1" });
  });

  it("answers undefined for what the Locatieserver does not know", async () => {
    pdok.zet("goed");
    expect(await pdokGeocoder(pdok.url).zoek("9999ZZ", "postcode")).toBeUndefined();
  });

  it("throws when the server fails or is slower than the timeout, so the search falls back", async () => {
    pdok.zet("kapot");
    await expect(pdokGeocoder(pdok.url).zoek("2611AB", "postcode")).rejects.toThrow(/503/);
    pdok.zet("traag");
    await expect(pdokGeocoder(pdok.url, { timeoutMs: 100 }).zoek("2611AB", "postcode")).rejects.toThrow();
  });
});
