import { describe, expect, it } from "vitest";
import { CASUS_BASIS, type Casus, maakCasus } from "../casus-factories.ts";
import { json, names, problem, snapshot } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

const MAATREGELEN = ["ots", "muhp", "voogdij", "jeugdreclassering", "machtiging-gesloten-jeugdzorg", "wvggz", "wzd"];

describe("/v1/casussen", () => {
  it("registers a pseudonymous case with its priority explained", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const res = await r.request("POST", "/v1/casussen", {
      referentie: "GI-2026-0042",
      ...CASUS_BASIS,
      maatregel: { type: "ots", ingangsdatum: "2026-03-02" },
      overbrugging: { zorgvorm: "overbruggingszorg" },
    });
    const casus = await json<Casus>(res, 201);
    expect(res.headers.get("Location")).toBe(`/v1/casussen/${casus.id}`);
    expect(casus).toMatchObject({
      referentie: "GI-2026-0042",
      status: "wachtend",
      maatregel: { type: "ots", ingangsdatum: "2026-03-02" },
      overbrugging: { zorgvorm: "overbruggingszorg" },
      prioriteit: {
        groep: 1,
        redenen: ["Groep 1 — gedwongen kader: OTS sinds 2 maart 2026"],
        handmatig: null,
        buitenKader: false,
      },
      wachtdagen: 87,
      normOverschreden: true,
    });
    expect(await json(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).toEqual(casus);
  });

  it("refuses names, BSNs and free text, every invalid field at once, and stores nothing", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const before = await snapshot(r);
    const body = await problem(
      await r.request("POST", "/v1/casussen", {
        referentie: "Jan Jansen",
        ...CASUS_BASIS,
        geboortedatum: "2026-02-30",
        urgentie: "heel-erg",
        maatregel: { type: "onbekend", ingangsdatum: "2026-01-01" },
        bsn: "123456782",
        diagnose: "vrije tekst",
      }),
      400,
    );
    expect(names(body)).toEqual(["bsn", "diagnose", "geboortedatum", "maatregel.type", "referentie", "urgentie"]);
    const refs = await problem(
      await r.request("POST", "/v1/casussen", {
        referentie: "X-1",
        ...CASUS_BASIS,
        woongemeente: "GM9999",
        zorgvorm: "nee",
        aanmelddatum: "2027-01-01",
      }),
      400,
    );
    expect(names(refs)).toEqual(["aanmelddatum", "woongemeente", "zorgvorm"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("keeps a reference unique (409) and stores nothing twice", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await maakCasus(r, { referentie: "GI-1" });
    const before = await snapshot(r);
    await problem(await r.request("POST", "/v1/casussen", { referentie: "GI-1", ...CASUS_BASIS }), 409);
    expect(await snapshot(r)).toEqual(before);
  });

  it.each(MAATREGELEN)("maatregel %s puts a case in group 1", async (type) => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const casus = await maakCasus(r, { geboortedatum: "2010-01-01", maatregel: { type, ingangsdatum: "2026-06-01" } });
    expect((casus as Casus).prioriteit.groep).toBe(1);
  });

  it("a child of 6 years and 364 days on its registration date is in group 2, and stays there while waiting", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" }); // 2026-11-27, registered 2026-09-01
    const young = (await maakCasus(r, { geboortedatum: "2019-09-02" })) as Casus;
    expect(young.prioriteit).toMatchObject({ groep: 2 });
    expect(young.prioriteit.redenen[0]).toBe("Groep 2 — jonger dan 7 jaar: 6 jaar oud bij aanmelding");
    const seven = (await maakCasus(r, { geboortedatum: "2019-09-01" })) as Casus;
    expect(seven.prioriteit.groep).toBeNull();
    // Turned 7 on 2026-09-02, while waiting: still group 2 (the age counts on the registration date).
    expect((await json<Casus>(await r.request("GET", `/v1/casussen/${young.id}`), 200)).prioriteit.groep).toBe(2);
  });

  it("spoed and crisis are outside the framework, and get no group by hand either", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    for (const urgentie of ["spoed", "crisis"]) {
      const casus = (await maakCasus(r, { urgentie, maatregel: { type: "ots", ingangsdatum: "2026-06-01" } })) as Casus;
      expect(casus.prioriteit).toMatchObject({ groep: null, buitenKader: true });
      await problem(
        await r.request("PUT", `/v1/casussen/${casus.id}/prioriteit`, { groep: 1, reden: "Toch voorrang geven" }),
        409,
      );
    }
  });

  it("flags the 3-month norm from one day after three months", async () => {
    const r = await makeRegister("2026-11-27T10:00:00.000Z", { als: "zorgmakelaar" });
    const check = async (ingangsdatum: string) =>
      (
        (await maakCasus(r, {
          geboortedatum: "2012-01-01",
          aanmelddatum: "2026-01-01",
          maatregel: { type: "ots", ingangsdatum },
        })) as Casus
      ).normOverschreden;
    expect(await check("2026-08-28")).toBe(false); // 3 months minus one day
    expect(await check("2026-08-27")).toBe(false); // exactly 3 months
    expect(await check("2026-08-26")).toBe(true); // 3 months plus one day
    expect(((await maakCasus(r, { geboortedatum: "2012-01-01" })) as Casus).normOverschreden).toBe(false);
  });

  it("changes status by the rules: stop with a reason, reopen; an invalid transition is 409", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const casus = await maakCasus(r);
    const missing = await problem(await r.request("PUT", `/v1/casussen/${casus.id}/status`, { status: "gestopt" }), 400);
    expect(names(missing)).toEqual(["stopreden"]);
    await problem(await r.request("PUT", `/v1/casussen/${casus.id}/status`, { status: "geplaatst" }), 409);
    const stopped = await json<Casus>(
      await r.request(
        "PUT",
        `/v1/casussen/${casus.id}/status`,
        { status: "gestopt", stopreden: "elders-geholpen" },
        { "If-Match": '"v1"' },
      ),
      200,
    );
    expect(stopped).toMatchObject({ status: "gestopt", stopreden: "elders-geholpen" });
    await problem(await r.request("PUT", `/v1/casussen/${casus.id}/status`, { status: "gestopt", stopreden: "verhuisd" }), 409);
    const reopened = await json<Casus>(await r.request("PUT", `/v1/casussen/${casus.id}/status`, { status: "wachtend" }), 200);
    expect(reopened).toMatchObject({ status: "wachtend", stopreden: null });
    const historie = await json<{
      resultaten: { soort: string; van: string | null; naar: string | null; reden: string | null; door: string }[];
    }>(await r.request("GET", `/v1/casussen/${casus.id}/historie`), 200);
    expect(historie.resultaten.map((h) => [h.soort, h.van, h.naar, h.reden])).toEqual([
      ["aangemaakt", null, "wachtend", null],
      ["status", "wachtend", "gestopt", "elders-geholpen"],
      ["status", "gestopt", "wachtend", null],
    ]);
    expect(historie.resultaten.every((h) => h.door === "Test Serviceteam Haaglanden (zorgmakelaar)")).toBe(true);
  });

  it("a broker overrides the group only with a reason; the override shows and is kept in the history", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01" });
    const none = await problem(await r.request("PUT", `/v1/casussen/${casus.id}/prioriteit`, { groep: 1 }), 400);
    expect(names(none)).toEqual(["reden"]);
    const set = await json<Casus>(
      await r.request("PUT", `/v1/casussen/${casus.id}/prioriteit`, { groep: 1, reden: "Veiligheid thuis acuut in gevaar" }),
      200,
    );
    expect(set.prioriteit).toMatchObject({ groep: 1, handmatig: { groep: 1, reden: "Veiligheid thuis acuut in gevaar" } });
    expect(set.prioriteit.redenen[0]).toBe("Handmatig in groep 1 gezet: Veiligheid thuis acuut in gevaar");
    const cleared = await json<Casus>(
      await r.request("PUT", `/v1/casussen/${casus.id}/prioriteit`, { groep: null, reden: "Niet meer nodig" }),
      200,
    );
    expect(cleared.prioriteit).toMatchObject({ groep: null, handmatig: null });
    const historie = await json<{ resultaten: { soort: string; naar: string | null; reden: string | null }[] }>(
      await r.request("GET", `/v1/casussen/${casus.id}/historie`),
      200,
    );
    expect(historie.resultaten.filter((h) => h.soort === "prioriteit").map((h) => [h.naar, h.reden])).toEqual([
      ["1", "Veiligheid thuis acuut in gevaar"],
      [null, "Niet meer nodig"],
    ]);
  });
});

describe("/v1/wachtlijst", () => {
  it("ranks by group, then longest waiting, then a stable tie-break; spoed and crisis apart", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const ots = { type: "ots", ingangsdatum: "2026-06-01" };
    const g1old = await maakCasus(r, {
      referentie: "A-1",
      geboortedatum: "2012-01-01",
      aanmelddatum: "2026-01-10",
      maatregel: ots,
    });
    const g1new = await maakCasus(r, {
      referentie: "A-2",
      geboortedatum: "2012-01-01",
      aanmelddatum: "2026-10-01",
      maatregel: ots,
    });
    const g2 = await maakCasus(r, { referentie: "A-3", geboortedatum: "2022-01-01", aanmelddatum: "2025-06-01" });
    const none1 = await maakCasus(r, { referentie: "A-4", geboortedatum: "2012-01-01", aanmelddatum: "2025-01-01" });
    const none2 = await maakCasus(r, { referentie: "A-5", geboortedatum: "2012-01-01", aanmelddatum: "2025-01-01" });
    const crisis = await maakCasus(r, { referentie: "A-6", urgentie: "crisis", aanmelddatum: "2026-11-20" });
    await maakCasus(r, { referentie: "A-7", woongemeente: "GM0503" }); // Delft: also Haaglanden
    const elsewhere = await r.request("GET", "/v1/wachtlijst?regio=haaglanden");
    const lijst = await json<{
      resultaten: (Casus & { positie: number })[];
      buitenKader: Casus[];
      regelset: { versie: number };
    }>(elsewhere, 200);
    const ties = [none1.id, none2.id].sort();
    expect(lijst.resultaten.map((x) => x.id).slice(0, 5)).toEqual([g1old.id, g1new.id, g2.id, ...ties]);
    expect(lijst.resultaten.map((x) => x.positie)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lijst.buitenKader.map((x) => x.id)).toEqual([crisis.id]);
    expect(lijst.regelset).toEqual({ versie: 1 });
    await problem(await r.request("GET", "/v1/wachtlijst"), 400);
    await problem(await r.request("GET", "/v1/wachtlijst?regio=nergens"), 400);
  });

  it("filters on the norm breach", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const breached = await maakCasus(r, { geboortedatum: "2012-01-01", maatregel: { type: "ots", ingangsdatum: "2026-03-02" } });
    await maakCasus(r, { geboortedatum: "2012-01-01", maatregel: { type: "ots", ingangsdatum: "2026-10-01" } });
    const lijst = await json<{ resultaten: Casus[] }>(
      await r.request("GET", "/v1/wachtlijst?regio=haaglanden&normOverschreden=true"),
      200,
    );
    expect(lijst.resultaten.map((x) => x.id)).toEqual([breached.id]);
  });

  it("filters on a care type and every form beneath it", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const gezinshuis = await maakCasus(r, { zorgvorm: "gezinshuis" });
    await maakCasus(r, { zorgvorm: "ambulante-jggz" });
    const ids = async (zorgvorm: string) =>
      (
        await json<{ resultaten: Casus[] }>(await r.request("GET", `/v1/wachtlijst?regio=haaglanden&zorgvorm=${zorgvorm}`), 200)
      ).resultaten.map((x) => x.id);
    expect(await ids("43")).toEqual([gezinshuis.id]);
    expect(await ids("gezinshuis")).toEqual([gezinshuis.id]);
    expect(await ids("44")).toEqual([]);
  });

  it("applies the rule set in force on the date: a new version switches on its effective date", async () => {
    const r = await makeRegister("2026-11-27T10:00:00.000Z", { als: "zorgmakelaar" });
    const casus = await maakCasus(r, {
      geboortedatum: "2012-01-01",
      zorgvorm: "kleinschalige-woonvoorziening",
      aanmelddatum: "2026-01-01",
    });
    const v2 = {
      regio: "haaglanden",
      versie: 2,
      geldigVanaf: "2026-12-01",
      groepen: [
        { nummer: 1, naam: "gedwongen kader", voorwaarde: { veld: "maatregel.type", in: ["ots", "muhp", "voogdij"] } },
        { nummer: 2, naam: "jonger dan 7 jaar", voorwaarde: { veld: "leeftijdJaren", op: "<", waarde: 7 } },
        {
          nummer: 3,
          naam: "lang wachtend op verblijf",
          voorwaarde: {
            alle: [
              { veld: "zorgvorm.categorie", in: ["43"] },
              { veld: "wachtdagen", op: ">=", waarde: 90 },
            ],
          },
        },
      ],
    };
    const res = await r.als("beheerder")("POST", "/v1/prioriteringsregels", v2);
    await json(res, 201);
    expect(res.headers.get("Location")).toMatch(/^\/v1\/prioriteringsregels\//);
    await problem(await r.als("beheerder")("POST", "/v1/prioriteringsregels", v2), 409);
    const bad = await problem(
      await r.als("beheerder")("POST", "/v1/prioriteringsregels", {
        ...v2,
        versie: 3,
        groepen: [{ ...v2.groepen[0], nummer: 2 }],
      }),
      400,
    );
    expect(names(bad)).toEqual(["groepen[0].nummer"]);
    const get = async () => (await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).prioriteit;
    r.clock.set("2026-11-30T12:00:00.000Z");
    expect((await get()).groep).toBeNull();
    r.clock.set("2026-12-01T12:00:00.000Z");
    expect(await get()).toMatchObject({ groep: 3 });
    const versies = await json<{ resultaten: { versie: number }[] }>(
      await r.request("GET", "/v1/prioriteringsregels?regio=haaglanden"),
      200,
    );
    expect(versies.resultaten.map((x) => x.versie)).toEqual([1, 2]);
  });
});
