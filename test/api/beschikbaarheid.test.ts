import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { json, maakAanbiederMetAanbod, names, problem, type Row, snapshot } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

type Historie = {
  resultaten: { soort: string; wijzigingen: { veld: string; oud: unknown; nieuw: unknown }[]; door: string; op: string }[];
};

const FIGUREN = { vrijePlekken: 2, aanmeldwachttijdWeken: 3, behandelwachttijdWeken: 5, intakeStatus: "open" as const };

describe("weekly availability", () => {
  it("PUT beschikbaarheid changes the figures, moves gewijzigdOp and bevestigdOp, and records old → new", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbod } = await maakAanbiederMetAanbod(r, 1, {
      vrijePlekken: 1,
      aanmeldwachttijdWeken: 2,
      behandelwachttijdWeken: 6,
    });
    const id = (aanbod[0] as Row).id;
    r.clock.set("2026-11-10T10:00:00.000Z");
    const res = await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, FIGUREN, { "If-Match": '"v1"' });
    expect(res.headers.get("ETag")).toBe('"v2"');
    expect(await json(res, 200)).toMatchObject({
      ...FIGUREN,
      gewijzigdOp: "2026-11-10T10:00:00.000Z",
      bevestigdOp: "2026-11-10T10:00:00.000Z",
      actualiteit: "actueel",
      versie: 2,
    });
    const historie = await json<Historie>(await r.request("GET", `/v1/aanbod/${id}/historie`), 200);
    expect(historie.resultaten.map((h) => h.soort)).toEqual(["aangemaakt", "gewijzigd"]);
    expect(historie.resultaten[1]).toMatchObject({
      op: "2026-11-10T10:00:00.000Z",
      door: "Beheer Plekwijzer (beheerder)",
      wijzigingen: [
        { veld: "vrijePlekken", oud: 1, nieuw: 2 },
        { veld: "aanmeldwachttijdWeken", oud: 2, nieuw: 3 },
        { veld: "behandelwachttijdWeken", oud: 6, nieuw: 5 },
      ],
    });
  });

  it("the same figures sent again are a confirmation, not a change", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbod } = await maakAanbiederMetAanbod(r, 1, FIGUREN);
    const id = (aanbod[0] as Row).id;
    r.clock.set("2026-11-09T08:00:00.000Z");
    const o = await json<Row>(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, FIGUREN), 200);
    expect(o).toMatchObject({ gewijzigdOp: "2026-11-01T08:00:00.000Z", bevestigdOp: "2026-11-09T08:00:00.000Z" });
    const historie = await json<Historie>(await r.request("GET", `/v1/aanbod/${id}/historie`), 200);
    expect(historie.resultaten.at(-1)).toMatchObject({ soort: "bevestigd", wijzigingen: [] });
  });

  it("POST bevestiging moves only bevestigdOp and is recorded as a confirmation", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbod } = await maakAanbiederMetAanbod(r, 1);
    const before = aanbod[0] as Row;
    r.clock.set("2026-11-20T08:00:00.000Z");
    const after = await json<Row>(
      await r.request("POST", `/v1/aanbod/${before.id}/bevestiging`, undefined, { "If-Match": '"v1"' }),
      200,
    );
    expect(after).toEqual({ ...before, versie: 2, bevestigdOp: "2026-11-20T08:00:00.000Z", actualiteit: "actueel" });
    const historie = await json<Historie>(await r.request("GET", `/v1/aanbod/${before.id}/historie`), 200);
    expect(historie.resultaten.map((h) => [h.soort, h.op])).toEqual([
      ["aangemaakt", "2026-11-01T08:00:00.000Z"],
      ["bevestigd", "2026-11-20T08:00:00.000Z"],
    ]);
  });

  it.each([
    [6, "actueel"],
    [8, "verouderd"],
    [15, "sterk-verouderd"],
  ])("an offer confirmed %i days ago is %s", async (days, expected) => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbod } = await maakAanbiederMetAanbod(r, 1);
    r.clock.advanceDays(days);
    const o = await json<Row>(await r.request("GET", `/v1/aanbod/${(aanbod[0] as Row).id}`), 200);
    expect(o.actualiteit).toBe(expected);
    const listed = await json<{ resultaten: Row[] }>(await r.request("GET", "/v1/aanbod?inclusiefVerouderd=true"), 200);
    expect(listed.resultaten[0]?.actualiteit).toBe(expected);
  });

  it("refuses more free places than capacity, and the other rules, changing nothing", async () => {
    const r = await makeRegister();
    const { aanbod } = await maakAanbiederMetAanbod(r, 1, { capaciteit: 4 });
    const id = (aanbod[0] as Row).id;
    const before = await snapshot(r);
    const over = await problem(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, { ...FIGUREN, vrijePlekken: 5 }), 400);
    expect(over.invalidParams).toEqual([{ name: "vrijePlekken", code: "groter-dan-capaciteit", reason: expect.any(String) }]);
    const bad = await problem(
      await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, {
        vrijePlekken: -1,
        aanmeldwachttijdWeken: 1.5,
        behandelwachttijdWeken: 105,
        intakeStatus: "misschien",
        gewijzigdOp: "2026-01-01T00:00:00Z",
      }),
      400,
    );
    expect(names(bad)).toEqual([
      "aanmeldwachttijdWeken",
      "behandelwachttijdWeken",
      "gewijzigdOp",
      "intakeStatus",
      "vrijePlekken",
    ]);
    const missing = await problem(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, { vrijePlekken: 1 }), 400);
    expect(names(missing)).toEqual(["aanmeldwachttijdWeken", "behandelwachttijdWeken", "intakeStatus"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("answers 412 on a stale If-Match, for an update and for a confirmation", async () => {
    const r = await makeRegister();
    const { aanbod } = await maakAanbiederMetAanbod(r, 1);
    const id = (aanbod[0] as Row).id;
    await json(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, FIGUREN, { "If-Match": '"v1"' }), 200);
    const before = await snapshot(r);
    const stale = await r.request(
      "PUT",
      `/v1/aanbod/${id}/beschikbaarheid`,
      { ...FIGUREN, vrijePlekken: 0 },
      { "If-Match": '"v1"' },
    );
    await problem(stale, 412);
    expect(stale.headers.get("ETag")).toBe('"v2"');
    await problem(await r.request("POST", `/v1/aanbod/${id}/bevestiging`, undefined, { "If-Match": '"v1"' }), 412);
    await problem(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, FIGUREN, { "If-Match": "nonsense" }), 412);
    expect(await snapshot(r)).toEqual(before);
    await json(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, FIGUREN, { "If-Match": '"v1", "v2"' }), 200);
    await json(await r.request("PUT", `/v1/aanbod/${id}/beschikbaarheid`, FIGUREN, { "If-Match": "*" }), 200);
  });

  it("answers 404 for an unknown offer", async () => {
    const r = await makeRegister();
    await problem(await r.request("PUT", "/v1/aanbod/9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f/beschikbaarheid", FIGUREN), 404);
    await problem(await r.request("POST", "/v1/aanbod/9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f/bevestiging"), 404);
  });
});

describe("bulk weekly update of one provider", () => {
  it("applies every row in one request", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbieder, aanbod } = await maakAanbiederMetAanbod(r, 3, FIGUREN);
    r.clock.set("2026-11-08T08:00:00.000Z");
    const rows = aanbod.map((o, i) => ({ aanbodId: o.id, ...FIGUREN, vrijePlekken: i, versie: 1 }));
    const { aanbod: updated } = await json<{ aanbod: Row[] }>(
      await r.request("PUT", `/v1/aanbieders/${aanbieder.id}/beschikbaarheid`, { aanbod: rows }),
      200,
    );
    expect(updated.map((o) => [o.id, o.vrijePlekken, o.bevestigdOp])).toEqual(
      aanbod.map((o, i) => [o.id, i, "2026-11-08T08:00:00.000Z"]),
    );
    // Row 2 kept its figures: a confirmation, not a change.
    expect(updated[2]?.gewijzigdOp).toBe("2026-11-01T08:00:00.000Z");
    expect(updated[0]?.gewijzigdOp).toBe("2026-11-08T08:00:00.000Z");
    const h = await json<Historie>(await r.request("GET", `/v1/aanbod/${aanbod[2]?.id}/historie`), 200);
    expect(h.resultaten.at(-1)?.soort).toBe("bevestigd");
  });

  it("leaves an unchanged row alone that was confirmed today already (no redundant history line)", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbieder, aanbod } = await maakAanbiederMetAanbod(r, 2, FIGUREN);
    r.clock.set("2026-11-08T08:00:00.000Z");
    const rows = aanbod.map((o) => ({ aanbodId: o.id, ...FIGUREN, versie: 1 }));
    await json(await r.request("PUT", `/v1/aanbieders/${aanbieder.id}/beschikbaarheid`, { aanbod: rows }), 200);
    r.clock.set("2026-11-08T08:10:00.000Z");
    const tweede = [
      { aanbodId: aanbod[0]?.id, ...FIGUREN, vrijePlekken: 0, versie: 2 },
      { aanbodId: aanbod[1]?.id, ...FIGUREN, versie: 2 },
    ];
    const { aanbod: updated } = await json<{ aanbod: Row[] }>(
      await r.request("PUT", `/v1/aanbieders/${aanbieder.id}/beschikbaarheid`, { aanbod: tweede }),
      200,
    );
    expect(updated.map((o) => [o.versie, o.bevestigdOp])).toEqual([
      [3, "2026-11-08T08:10:00.000Z"],
      [2, "2026-11-08T08:00:00.000Z"],
    ]);
    const soorten = async (id: unknown) =>
      (await json<Historie>(await r.request("GET", `/v1/aanbod/${id}/historie`), 200)).resultaten.map((h) => h.soort);
    expect(await soorten(aanbod[0]?.id)).toEqual(["aangemaakt", "bevestigd", "gewijzigd"]);
    expect(await soorten(aanbod[1]?.id)).toEqual(["aangemaakt", "bevestigd"]);
  });

  it("is all or nothing: one bad row changes nothing and every bad row is named", async () => {
    const r = await makeRegister();
    const { aanbieder, aanbod } = await maakAanbiederMetAanbod(r, 4, { capaciteit: 4 });
    const other = await maakAanbiederMetAanbod(r, 1);
    const before = await snapshot(r);
    const rows = [
      { aanbodId: aanbod[0]?.id, ...FIGUREN },
      { aanbodId: aanbod[1]?.id, ...FIGUREN, vrijePlekken: 9 },
      { aanbodId: aanbod[2]?.id, ...FIGUREN },
      { aanbodId: other.aanbod[0]?.id, ...FIGUREN },
    ];
    const body = await problem(await r.request("PUT", `/v1/aanbieders/${aanbieder.id}/beschikbaarheid`, { aanbod: rows }), 400);
    expect(body.invalidParams?.map((p) => [p.name, p.code])).toEqual([
      ["aanbod[1].vrijePlekken", "groter-dan-capaciteit"],
      ["aanbod[3].aanbodId", "onbekend"],
    ]);
    const shape = await problem(
      await r.request("PUT", `/v1/aanbieders/${aanbieder.id}/beschikbaarheid`, {
        aanbod: [
          { aanbodId: aanbod[0]?.id, ...FIGUREN, intakeStatus: "x" },
          { aanbodId: "nee", ...FIGUREN },
        ],
      }),
      400,
    );
    expect(names(shape)).toEqual(["aanbod[0].intakeStatus", "aanbod[1].aanbodId"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("refuses a row built on an old version with 412 and stores nothing", async () => {
    const r = await makeRegister();
    const { aanbieder, aanbod } = await maakAanbiederMetAanbod(r, 2);
    await json(await r.request("POST", `/v1/aanbod/${aanbod[1]?.id}/bevestiging`), 200);
    const before = await snapshot(r);
    const rows = aanbod.map((o) => ({ aanbodId: o.id, ...FIGUREN, versie: 1 }));
    const body = await problem(await r.request("PUT", `/v1/aanbieders/${aanbieder.id}/beschikbaarheid`, { aanbod: rows }), 412);
    expect(names(body)).toEqual(["aanbod[1].versie"]);
    expect(await snapshot(r)).toEqual(before);
  });

  it("rolls back rows already written when a later row loses a race", async () => {
    const r = await makeRegister();
    const { aanbod } = await maakAanbiederMetAanbod(r, 2);
    const { setBeschikbaarheidBulk } = await import("../../src/services/beschikbaarheid.ts");
    const before = await snapshot(r);
    // Another writer bumps the second offer between our read and our write.
    const { db } = r;
    const orig = db.atomic.bind(db);
    db.atomic = async (steps) => {
      await db.orm.run(sql`UPDATE aanbod SET versie = versie + 1 WHERE id = ${aanbod[1]?.id}`);
      return orig(steps);
    };
    const rows = aanbod.map((o) => ({ aanbodId: o.id, ...FIGUREN, vrijePlekken: 0 }));
    await expect(
      setBeschikbaarheidBulk(
        { deps: { db, clock: r.clock }, actor: r.beheer.actor },
        { aanbiederId: aanbod[0]?.aanbiederId as string, regels: rows },
      ),
    ).rejects.toMatchObject({
      code: "versie-verouderd",
    });
    db.atomic = orig;
    const after = await snapshot(r);
    // Only the other writer's bump is there; none of our rows.
    expect((after.aanbod as Row[]).map((o) => o.vrije_plekken)).toEqual((before.aanbod as Row[]).map((o) => o.vrije_plekken));
    expect(after.aanbod_historie).toEqual(before.aanbod_historie);
  });
});
