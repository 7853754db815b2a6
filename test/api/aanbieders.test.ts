import { describe, expect, it } from "vitest";
import { json, maakAanbieder, maakAanbiederMetAanbod, maakLocatie, names, problem, type Row, snapshot } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

describe("/v1/aanbieders", () => {
  it("creates, reads, lists, updates and deletes a provider", async () => {
    const r = await makeRegister();
    const res = await r.request("POST", "/v1/aanbieders", {
      naam: "Stichting Horizon Jeugd",
      agbCode: "12345678",
      kvkNummer: "87654321",
      website: "https://horizon.example",
      telefoon: "070 123 4567",
      email: "info@horizon.example",
    });
    const created = await json<Row>(res, 201);
    expect(res.headers.get("Location")).toBe(`/v1/aanbieders/${created.id}`);
    expect(res.headers.get("ETag")).toBe('"v1"');
    expect(created).toMatchObject({ naam: "Stichting Horizon Jeugd", agbCode: "12345678", versie: 1 });

    const got = await r.request("GET", `/v1/aanbieders/${created.id}`);
    expect(got.headers.get("ETag")).toBe('"v1"');
    expect(await json(got, 200)).toEqual(created);

    await maakAanbieder(r, { naam: "Aanbieder Zuid" });
    const page = await json<{ resultaten: Row[]; totaal: number; pagina: number; perPagina: number }>(
      await r.request("GET", "/v1/aanbieders?naam=Horizon"),
      200,
    );
    expect(page).toMatchObject({ totaal: 1, pagina: 1, perPagina: 20 });
    expect(page.resultaten[0]?.id).toBe(created.id);

    const updated = await json<Row>(
      await r.request("PUT", `/v1/aanbieders/${created.id}`, { naam: "Stichting Horizon" }, { "If-Match": '"v1"' }),
      200,
    );
    expect(updated).toMatchObject({ naam: "Stichting Horizon", versie: 2, agbCode: null });

    expect((await r.request("DELETE", `/v1/aanbieders/${created.id}`)).status).toBe(204);
    await problem(await r.request("GET", `/v1/aanbieders/${created.id}`), 404);
  });

  it("pages through providers in name order", async () => {
    const r = await makeRegister();
    for (const naam of ["C", "A", "B"]) await maakAanbieder(r, { naam });
    const page2 = await json<{ resultaten: Row[]; totaal: number }>(
      await r.request("GET", "/v1/aanbieders?pagina=2&perPagina=2"),
      200,
    );
    expect(page2.totaal).toBe(3);
    expect(page2.resultaten.map((a) => a.naam)).toEqual(["C"]);
  });

  it("lists every invalid field at once and stores nothing", async () => {
    const r = await makeRegister();
    const before = await snapshot(r);
    const body = await problem(
      await r.request("POST", "/v1/aanbieders", {
        naam: "",
        agbCode: "1234",
        kvkNummer: "abc",
        website: "ftp://x",
        email: "geen-mail",
        telefoon: "12",
        bsn: "123456789",
      }),
      400,
    );
    expect(names(body)).toEqual(["agbCode", "bsn", "email", "kvkNummer", "naam", "telefoon", "website"]);
    expect(body.invalidParams?.find((p) => p.name === "bsn")?.code).toBe("onbekend-veld");
    expect(await snapshot(r)).toEqual(before);
  });

  it("requires naam", async () => {
    const r = await makeRegister();
    const body = await problem(await r.request("POST", "/v1/aanbieders", {}), 400);
    expect(body.invalidParams).toEqual([{ name: "naam", code: "verplicht", reason: expect.any(String) }]);
  });

  it("answers 412 on a stale If-Match and keeps the stored version", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    await json(await r.request("PUT", `/v1/aanbieders/${a.id}`, { naam: "Eerste wijziging" }, { "If-Match": '"v1"' }), 200);
    const before = await snapshot(r);
    const res = await r.request("PUT", `/v1/aanbieders/${a.id}`, { naam: "Tweede wijziging" }, { "If-Match": '"v1"' });
    await problem(res, 412);
    expect(res.headers.get("ETag")).toBe('"v2"');
    expect(await snapshot(r)).toEqual(before);
    await problem(await r.request("DELETE", `/v1/aanbieders/${a.id}`, undefined, { "If-Match": '"v1"' }), 412);
  });

  it("refuses to delete a provider that still has locations (409), and deletes nothing", async () => {
    const r = await makeRegister();
    const a = await maakAanbieder(r);
    await maakLocatie(r, a.id);
    const before = await snapshot(r);
    await problem(await r.request("DELETE", `/v1/aanbieders/${a.id}`), 409);
    expect(await snapshot(r)).toEqual(before);
  });

  it("confirms all offers of a provider in one click (only bevestigdOp moves)", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbieder, aanbod } = await maakAanbiederMetAanbod(r, 3);
    const other = await maakAanbiederMetAanbod(r, 1);
    r.clock.set("2026-11-20T08:00:00.000Z");
    const { aanbod: confirmed } = await json<{ aanbod: Row[] }>(
      await r.request("POST", `/v1/aanbieders/${aanbieder.id}/bevestiging`),
      200,
    );
    expect(confirmed.map((o) => o.id).sort()).toEqual(aanbod.map((o) => o.id).sort());
    for (const o of confirmed) {
      expect(o).toMatchObject({
        bevestigdOp: "2026-11-20T08:00:00.000Z",
        gewijzigdOp: "2026-11-01T08:00:00.000Z",
        actualiteit: "actueel",
      });
    }
    const untouched = await json<Row>(await r.request("GET", `/v1/aanbod/${other.aanbod[0]?.id}`), 200);
    expect(untouched.actualiteit).toBe("sterk-verouderd");
  });

  it("does not confirm again what was saved or confirmed today: no second history line, not counted", async () => {
    const r = await makeRegister("2026-11-01T08:00:00.000Z");
    const { aanbieder, aanbod } = await maakAanbiederMetAanbod(r, 3, {
      vrijePlekken: 1,
      aanmeldwachttijdWeken: 2,
      behandelwachttijdWeken: 3,
      intakeStatus: "open",
    });
    r.clock.set("2026-11-20T08:00:00.000Z");
    const [opgeslagen, bevestigd, oud] = aanbod as [Row, Row, Row];
    await json(
      await r.request("PUT", `/v1/aanbod/${opgeslagen.id}/beschikbaarheid`, {
        vrijePlekken: 0,
        aanmeldwachttijdWeken: 2,
        behandelwachttijdWeken: 3,
        intakeStatus: "open",
      }),
      200,
    );
    await json(await r.request("POST", `/v1/aanbod/${bevestigd.id}/bevestiging`), 200);
    r.clock.set("2026-11-20T09:30:00.000Z");
    const { aanbod: confirmed } = await json<{ aanbod: Row[] }>(
      await r.request("POST", `/v1/aanbieders/${aanbieder.id}/bevestiging`),
      200,
    );
    expect(confirmed.map((o) => o.id)).toEqual([oud.id]);
    for (const [o, soorten] of [
      [opgeslagen, ["aangemaakt", "gewijzigd"]],
      [bevestigd, ["aangemaakt", "bevestigd"]],
      [oud, ["aangemaakt", "bevestigd"]],
    ] as const) {
      const h = await json<{ resultaten: { soort: string }[] }>(await r.request("GET", `/v1/aanbod/${o.id}/historie`), 200);
      expect(h.resultaten.map((x) => x.soort)).toEqual(soorten);
    }
    // The next day a confirmation counts again.
    r.clock.set("2026-11-21T08:00:00.000Z");
    const { aanbod: volgendeDag } = await json<{ aanbod: Row[] }>(
      await r.request("POST", `/v1/aanbieders/${aanbieder.id}/bevestiging`),
      200,
    );
    expect(volgendeDag).toHaveLength(3);
  });
});
