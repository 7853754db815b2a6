import { describe, expect, it } from "vitest";
import { type KlokFeiten, normKlok, uiterlijkeStart } from "../../src/priority/norm.ts";

/** A waiting case registered on 2026-04-01 with an OTS ruled on 2026-03-02, started 2026-03-09. */
function feiten(over: Partial<KlokFeiten> = {}): KlokFeiten {
  return {
    aanmelddatum: "2026-04-01",
    maatregelen: [{ type: "ots", uitspraakdatum: "2026-03-02", ingangsdatum: "2026-03-09" }],
    startdatum: null,
    status: "wachtend",
    stopreden: null,
    gestoptOp: null,
    ...over,
  };
}

describe("the norm clock", () => {
  it("runs from the court ruling: three calendar months, the norm date itself in time", () => {
    expect(normKlok(feiten(), "2026-06-02")).toMatchObject({
      normBasis: "uitspraakdatum",
      normDatum: "2026-06-02",
      wachtVanaf: "2026-03-02",
      wachttijd: 92,
      normOverschreden: false,
      wachtendVoorbijNorm: false,
    });
    expect(normKlok(feiten(), "2026-06-03")).toMatchObject({ normOverschreden: true, wachtendVoorbijNorm: true, wachttijd: 93 });
  });

  it("runs from the start of the measure when the ruling date is unknown, and says so", () => {
    const k = normKlok(
      feiten({ maatregelen: [{ type: "ots", uitspraakdatum: null, ingangsdatum: "2026-03-09" }] }),
      "2026-06-09",
    );
    expect(k).toMatchObject({ normBasis: "ingangsdatum", normDatum: "2026-06-09", normOverschreden: false });
  });

  it("clamps to the end of the month", () => {
    const k = normKlok(
      feiten({ maatregelen: [{ type: "muhp", uitspraakdatum: "2026-11-30", ingangsdatum: null }] }),
      "2027-03-01",
    );
    expect(k.normDatum).toBe("2027-02-28");
    expect(k.normOverschreden).toBe(true);
  });

  it("with several measures runs from the first ruling", () => {
    const k = normKlok(
      feiten({
        maatregelen: [
          { type: "muhp", uitspraakdatum: "2026-04-20", ingangsdatum: null },
          { type: "ots", uitspraakdatum: "2026-03-02", ingangsdatum: null },
        ],
      }),
      "2026-05-01",
    );
    expect(k).toMatchObject({ normMaatregel: "ots", normDatum: "2026-06-02" });
  });

  it("stops when help starts, not at a hold or an acceptance; the doorlooptijd is ruling to start", () => {
    const gestart = normKlok(feiten({ startdatum: "2026-06-20", status: "geplaatst" }), "2026-09-01");
    expect(gestart).toMatchObject({ wachttijd: 110, doorlooptijdDagen: 110, normOverschreden: true, wachtend: false });
    expect(gestart.wachtendVoorbijNorm).toBe(false);
    for (const status of ["gereserveerd", "aangemeld"]) {
      const k = normKlok(feiten({ status }), "2026-09-01");
      expect(k).toMatchObject({ wachtend: true, doorlooptijdDagen: null, wachtendVoorbijNorm: true, wachttijd: 183 });
    }
    expect(normKlok(feiten({ startdatum: "2026-05-01", status: "geplaatst" }), "2026-09-01").normOverschreden).toBe(false);
  });

  it("keeps counting when the parents choose to wait; other stops end the count on the stop date", () => {
    const ouders = normKlok(
      feiten({ status: "gestopt", stopreden: "ouders-kiezen-wachten", gestoptOp: "2026-05-01" }),
      "2026-09-01",
    );
    expect(ouders).toMatchObject({ wachtend: true, wachtendVoorbijNorm: true, wachttijd: 183 });
    const elders = normKlok(feiten({ status: "gestopt", stopreden: "elders-geholpen", gestoptOp: "2026-05-01" }), "2026-09-01");
    expect(elders).toMatchObject({ wachtend: false, wachtendVoorbijNorm: false, wachttijd: 60, normOverschreden: false });
  });

  it("covers the measures the region names: Wvggz and Wzd not by default; without one the wait counts from registration", () => {
    const wvggz = feiten({ maatregelen: [{ type: "wvggz", uitspraakdatum: "2026-03-02", ingangsdatum: null }] });
    expect(normKlok(wvggz, "2026-09-01")).toMatchObject({ normDatum: null, normOverschreden: false, wachtVanaf: "2026-03-02" });
    expect(normKlok(wvggz, "2026-09-01", ["ots", "wvggz"])).toMatchObject({ normDatum: "2026-06-02", normOverschreden: true });
    const zonder = normKlok(feiten({ maatregelen: [] }), "2026-05-01");
    expect(zonder).toMatchObject({ wachtBasis: "aanmelddatum", wachttijd: 30, normDatum: null });
  });

  it("the latest start in time: the norm date, else registration plus the region's maximum wait", () => {
    expect(uiterlijkeStart({ normDatum: "2026-06-02" }, "2026-04-01", 14)).toBe("2026-06-02");
    expect(uiterlijkeStart({ normDatum: null }, "2026-04-01", 14)).toBe("2026-07-08");
  });
});
