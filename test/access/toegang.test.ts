import { afterEach, describe, expect, it, vi } from "vitest";
import { type GuardConfig, STANDAARD_GUARD } from "../../src/http/guard.ts";
import { json, problem, type Row, snapshot } from "../factories.ts";
import { ADMIN_TOKEN, makeRegister, type Register } from "../helpers.ts";
import { toegangFixture } from "./fixture.ts";

type Page<T> = { resultaten: T[]; totaal: number };
type LogRegel = { actor: string; rol: string | null; actie: string; route: string; casusIds: string[]; resultaat: number };

/** Every text value stored anywhere in the database, to look for secrets in. */
function alleTekst(r: Register): string {
  const tables = r.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables
    .flatMap(({ name }) => r.db.sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[])
    .flatMap((row) => Object.values(row).map(String))
    .join("\n");
}

async function nieuwToken(r: Register, body: Record<string, unknown>) {
  return json<Row & { token: string; verlooptOp: string }>(await r.als("beheerder")("POST", "/v1/tokens", body), 201);
}

describe("tokens", () => {
  it("are 32 random bytes, shown once, and stored only as a hash", async () => {
    const r = await makeRegister();
    const t = await nieuwToken(r, { organisatieId: r.organisaties.verwijzer.id, rol: "verwijzer" });
    expect(t.token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t.token.slice(3), "base64url")).toHaveLength(32);
    expect((await r.met(t.token)("GET", "/v1/zorgvormen")).status).toBe(200);

    const stored = alleTekst(r);
    for (const secret of [t.token, ADMIN_TOKEN, r.tokens.verwijzer, r.tokens.zorgmakelaar]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice(3, 20));
    }
    const listed = await json<Page<Record<string, unknown>>>(await r.als("beheerder")("GET", "/v1/tokens"), 200);
    expect(JSON.stringify(listed)).not.toContain(t.token);
    expect(listed.resultaten.every((x) => !("token" in x) && !("hash" in x))).toBe(true);
    const one = await json<Record<string, unknown>>(await r.als("beheerder")("GET", `/v1/tokens/${t.id}`), 200);
    expect(one.laatstGebruiktOp).not.toBeNull();
  });

  it("are refused when unknown, expired or revoked, with 401 and WWW-Authenticate", async () => {
    const r = await makeRegister();
    const t = await nieuwToken(r, {
      organisatieId: r.organisaties.verwijzer.id,
      rol: "verwijzer",
      verlooptOp: "2026-12-01T00:00:00Z",
    });
    const als = r.met(t.token);
    expect((await als("GET", "/v1/casussen")).status).toBe(200);

    const onbekend = await r.met(`${t.token.slice(0, -2)}xx`)("GET", "/v1/casussen");
    expect(onbekend.headers.get("WWW-Authenticate")).toContain("Bearer");
    await problem(onbekend, 401);
    await problem(await r.met("geen token")("GET", "/v1/casussen"), 401);

    r.clock.set("2026-12-01T00:00:00.000Z");
    await problem(await als("GET", "/v1/casussen"), 401);
    r.clock.set("2026-11-30T23:59:59.000Z");
    expect((await als("GET", "/v1/casussen")).status).toBe(200);

    expect((await r.als("beheerder")("DELETE", `/v1/tokens/${t.id}`)).status).toBe(204);
    await problem(await als("GET", "/v1/casussen"), 401);
    // Revoking again is harmless; an unknown token id is 404.
    expect((await r.als("beheerder")("DELETE", `/v1/tokens/${t.id}`)).status).toBe(204);
    await problem(await r.als("beheerder")("DELETE", "/v1/tokens/0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10"), 404);
  });

  it("fit the organisation: a role it cannot hold, a past or too distant expiry is 400", async () => {
    const r = await makeRegister();
    const gi = r.organisaties.verwijzer.id;
    const body = await problem(
      await r.als("beheerder")("POST", "/v1/tokens", {
        organisatieId: gi,
        rol: "zorgmakelaar",
        verlooptOp: "2026-01-01T00:00:00Z",
      }),
      400,
    );
    expect(body.invalidParams?.map((p) => p.name).sort()).toEqual(["rol", "verlooptOp"]);
    const ver = await problem(
      await r.als("beheerder")("POST", "/v1/tokens", { organisatieId: gi, rol: "verwijzer", verlooptOp: "2028-01-01T00:00:00Z" }),
      400,
    );
    expect(ver.invalidParams?.map((p) => p.code)).toEqual(["te-ver"]);
    const org = await problem(await r.als("beheerder")("POST", "/v1/organisaties", { naam: "Zorg BV", type: "aanbieder" }), 400);
    expect(org.invalidParams?.map((p) => p.name)).toEqual(["aanbiederId"]);
    await problem(await r.als("beheerder")("POST", "/v1/organisaties", { naam: "Test Jeugdbescherming", type: "regio" }), 409);
  });

  it("a changed PLEKWIJZER_ADMIN_TOKEN replaces the previous one", async () => {
    const r = await makeRegister();
    const { bootstrapBeheer } = await import("../../src/services/toegang.ts");
    await bootstrapBeheer({ db: r.db, clock: r.clock }, "een-ander-synthetisch-beheer-token-00000001");
    await problem(await r.met(ADMIN_TOKEN)("GET", "/v1/tokens"), 401);
    expect((await r.met("een-ander-synthetisch-beheer-token-00000001")("GET", "/v1/tokens")).status).toBe(200);
  });
});

describe("scoped access: another organisation's object does not exist", () => {
  it("a provider changes only its own offers, locations and provider (404 for another's)", async () => {
    const f = await toegangFixture();
    const b = f.r.met(f.tokenB);
    const before = await snapshot(f.r);
    const cijfers = { vrijePlekken: 0, aanmeldwachttijdWeken: 9, behandelwachttijdWeken: 9, intakeStatus: "gesloten" };
    await problem(await b("PUT", `/v1/aanbod/${f.oa.id}/beschikbaarheid`, cijfers), 404);
    await problem(await b("POST", `/v1/aanbod/${f.oa.id}/bevestiging`), 404);
    await problem(await b("DELETE", `/v1/aanbod/${f.oa.id}`), 404);
    await problem(await b("PUT", `/v1/aanbieders/${f.a.id}`, { naam: "Overgenomen" }), 404);
    await problem(await b("POST", `/v1/aanbieders/${f.a.id}/bevestiging`), 404);
    await problem(await b("DELETE", `/v1/locaties/${f.la.id}`), 404);
    const loc = await problem(
      await b("POST", "/v1/locaties", {
        aanbiederId: f.a.id,
        naam: "Stiekem",
        adres: "Testlaan 3",
        postcode: "2511 AB",
        plaats: "Den Haag",
        gemeente: "GM0518",
      }),
      400,
    );
    expect(loc.invalidParams?.map((p) => [p.name, p.code])).toEqual([["aanbiederId", "onbekend"]]);
    const aanbod = await problem(
      await b("POST", "/v1/aanbod", {
        locatieId: f.la.id,
        zorgvorm: "gezinshuis",
        naam: "X",
        leeftijdVan: 0,
        leeftijdTot: 18,
        capaciteit: 1,
        ...cijfers,
      }),
      400,
    );
    expect(aanbod.invalidParams?.map((p) => [p.name, p.code])).toEqual([["locatieId", "onbekend"]]);
    expect(await snapshot(f.r)).toEqual(before);
    // Its own offer it may change.
    expect((await b("PUT", `/v1/aanbod/${f.ob.id}/beschikbaarheid`, cijfers)).status).toBe(200);
  });

  it("a provider sees holds and proposals on its own offers with the child's age only", async () => {
    const f = await toegangFixture();
    const hold = await f.reservering();
    const voorstel = await f.voorstel();
    const a = f.r.met(f.tokenA);
    await problem(await a("GET", `/v1/casussen/${hold.casusId}`), 403);

    const holds = await json<Page<Record<string, unknown>>>(await a("GET", "/v1/reserveringen"), 200);
    const proposals = await json<Page<Record<string, unknown> & { uitleg: { casus: unknown } }>>(
      await a("GET", "/v1/matchvoorstellen"),
      200,
    );
    const one = await json<Record<string, unknown>>(await a("GET", `/v1/reserveringen/${hold.id}`), 200);
    expect(holds.resultaten).toHaveLength(1);
    expect(proposals.resultaten).toHaveLength(1);
    for (const x of [...holds.resultaten, ...proposals.resultaten, one]) {
      expect(x).toMatchObject({ casusId: null, leeftijd: 11 });
      const text = JSON.stringify(x);
      expect(text).not.toContain("2015-05-01");
      expect(text).not.toContain(hold.casusId as string);
      expect(text).not.toContain(voorstel.casusId);
      expect(text).not.toContain("MATRIX-");
    }
    expect(proposals.resultaten[0]?.uitleg.casus).toBeNull();

    // Provider B sees none of them, and A's hold does not exist for it.
    const b = f.r.met(f.tokenB);
    expect((await json<Page<unknown>>(await b("GET", "/v1/reserveringen"), 200)).totaal).toBe(0);
    expect((await json<Page<unknown>>(await b("GET", "/v1/matchvoorstellen"), 200)).totaal).toBe(0);
    await problem(await b("GET", `/v1/reserveringen/${hold.id}`), 404);
    await problem(await b("POST", `/v1/reserveringen/${hold.id}/plaatsing`), 404);
    await problem(await b("GET", `/v1/matchvoorstellen/${voorstel.id}`), 404);
  });

  it("a referrer sees its own organisation's cases only; a broker those of its regions", async () => {
    const f = await toegangFixture();
    const r = f.r;
    const eigen = await f.casus();
    const andereGi = await json<Row>(
      await r.als("beheerder")("POST", "/v1/organisaties", { naam: "Andere GI", type: "gecertificeerde-instelling" }),
      201,
    );
    const ander = r.met((await nieuwToken(r, { organisatieId: andereGi.id, rol: "verwijzer" })).token);
    await problem(await ander("GET", `/v1/casussen/${eigen.id}`), 404);
    await problem(await ander("GET", `/v1/casussen/${eigen.id}/historie`), 404);
    await problem(await ander("PUT", `/v1/casussen/${eigen.id}/status`, { status: "gestopt", stopreden: "verhuisd" }), 404);
    expect((await json<Page<unknown>>(await ander("GET", "/v1/casussen"), 200)).totaal).toBe(0);
    // The same reference is free in another organisation.
    expect(
      (
        await ander("POST", "/v1/casussen", {
          referentie: eigen.referentie,
          geboortedatum: "2015-05-01",
          woongemeente: "GM0518",
          zorgvorm: "gezinshuis",
          aanmelddatum: "2026-09-01",
          urgentie: "regulier",
        })
      ).status,
    ).toBe(201);
    expect((await json<Page<unknown>>(await r.als("verwijzer")("GET", "/v1/casussen"), 200)).totaal).toBe(1);

    // A broker of another region (reference data has no API, so it is inserted directly).
    r.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
    const hm = await json<Row>(
      await r.als("beheerder")("POST", "/v1/organisaties", {
        naam: "Serviceteam HM",
        type: "regio",
        regios: ["hollands-midden"],
      }),
      201,
    );
    const elders = r.met((await nieuwToken(r, { organisatieId: hm.id, rol: "zorgmakelaar" })).token);
    await problem(await elders("GET", `/v1/casussen/${eigen.id}`), 404);
    await problem(await elders("PUT", `/v1/casussen/${eigen.id}/prioriteit`, { groep: 1, reden: "Geen toegang hier" }), 404);
    await problem(await elders("GET", "/v1/wachtlijst?regio=haaglanden"), 404);
    await problem(await elders("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }), 404);
    expect((await json<Page<unknown>>(await elders("GET", "/v1/casussen"), 200)).totaal).toBe(0);
    expect((await json<Page<unknown>>(await elders("GET", "/v1/wachtlijst?regio=hollands-midden"), 200)).resultaten).toEqual([]);
    // A broker of Haaglanden sees both organisations' cases there; no other region's list.
    expect((await json<Page<unknown>>(await r.als("zorgmakelaar")("GET", "/v1/casussen"), 200)).totaal).toBe(2);
  });
});

describe("access log (NEN 7513)", () => {
  it("every case access leaves exactly the expected rows: who, what, which cases, outcome", async () => {
    const f = await toegangFixture();
    const r = f.r;
    const log = async () =>
      (await json<Page<LogRegel>>(await r.als("beheerder")("GET", "/v1/toegangslog?perPagina=100"), 200)).resultaten.reverse();
    const start = (await log()).length;
    const tokenIds = async () => {
      const beheer = r.als("beheerder");
      const orgs = await json<Page<Row & { aanbiederId: string | null }>>(
        await beheer("GET", "/v1/organisaties?perPagina=100"),
        200,
      );
      const orgA = orgs.resultaten.find((o) => o.aanbiederId === f.a.id)?.id;
      const tokens = await json<Page<Row & { rol: string; organisatieId: string }>>(
        await beheer("GET", "/v1/tokens?perPagina=100"),
        200,
      );
      const van = (organisatieId: string | undefined) => tokens.resultaten.find((t) => t.organisatieId === organisatieId)?.id;
      return {
        verwijzer: van(r.organisaties.verwijzer.id),
        zorgmakelaar: van(r.organisaties.zorgmakelaar.id),
        aanbieder: van(orgA),
      };
    };

    const casus = await f.casus({ referentie: "LOG-1" });
    const g = await json<Row>(await r.als("verwijzer")("GET", `/v1/casussen/${casus.id}`), 200);
    expect(g.id).toBe(casus.id);
    await json(await r.als("zorgmakelaar")("GET", "/v1/casussen"), 200);
    await problem(await r.met(f.tokenA)("GET", `/v1/casussen/${casus.id}`), 403);
    await problem(await r.anoniem("GET", `/v1/casussen/${casus.id}`), 401);
    await json(
      await r.als("zorgmakelaar")("PUT", `/v1/casussen/${casus.id}/prioriteit`, { groep: 2, reden: "Thuissituatie onveilig" }),
      200,
    );
    await json(await r.als("zorgmakelaar")("GET", "/v1/wachtlijst?regio=haaglanden"), 200);
    // Reading the offer register is not case data: no row.
    await json(await r.als("verwijzer")("GET", "/v1/aanbod"), 200);

    const ids = await tokenIds();
    const rows = (await log()).slice(start);
    expect(rows.map((x) => [x.actie, x.route, x.casusIds, x.resultaat, x.actor, x.rol])).toEqual([
      ["aanmaken", "/v1/casussen", [casus.id], 201, ids.verwijzer, "verwijzer"],
      ["lezen", "/v1/casussen/:id", [casus.id], 200, ids.verwijzer, "verwijzer"],
      ["lijst", "/v1/casussen", [casus.id], 200, ids.zorgmakelaar, "zorgmakelaar"],
      ["lezen", "/v1/casussen/:id", [], 403, ids.aanbieder, "aanbieder"],
      ["lezen", "/v1/casussen/:id", [], 401, "anoniem", null],
      ["wijzigen", "/v1/casussen/:id/prioriteit", [casus.id], 200, ids.zorgmakelaar, "zorgmakelaar"],
      ["lijst", "/v1/wachtlijst", [casus.id], 200, ids.zorgmakelaar, "zorgmakelaar"],
    ]);
    // A matching run logs every case it weighed; a provider's look at holds on its offers too.
    await json(await r.als("zorgmakelaar")("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }), 201);
    const hold = await f.reservering();
    await json(await r.met(f.tokenA)("GET", "/v1/reserveringen"), 200);
    const tail = (await log()).slice(start + 7);
    expect(tail.map((x) => [x.actie, x.route, x.resultaat, x.rol])).toEqual([
      ["matching", "/v1/matchvoorstellen", 201, "zorgmakelaar"],
      ["aanmaken", "/v1/casussen", 201, "verwijzer"],
      ["aanmaken", "/v1/reserveringen", 201, "zorgmakelaar"],
      ["lijst", "/v1/reserveringen", 200, "aanbieder"],
    ]);
    expect(tail[0]?.casusIds).toEqual([casus.id]);
    expect(tail[3]?.casusIds).toEqual([hold.casusId]);

    const byCase = await json<Page<LogRegel>>(await r.als("beheerder")("GET", `/v1/toegangslog?casusId=${casus.id}`), 200);
    expect(byCase.totaal).toBe(6);
    const byActor = await json<Page<LogRegel>>(await r.als("beheerder")("GET", `/v1/toegangslog?actor=anoniem`), 200);
    expect(byActor.resultaten.map((x) => x.resultaat)).toEqual([401]);
    const later = await json<Page<LogRegel>>(await r.als("beheerder")("GET", "/v1/toegangslog?van=2026-11-28T00:00:00Z"), 200);
    expect(later.totaal).toBe(0);
    // No birth date, reference or token in the log.
    const text = JSON.stringify(await log());
    for (const secret of ["2015-05-01", "LOG-1", f.tokenA, r.tokens.verwijzer]) expect(text).not.toContain(secret);
  });

  it("cannot be changed or deleted: not through the API, not even in SQL", async () => {
    const f = await toegangFixture();
    await f.casus();
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      expect((await f.r.als("beheerder")(method, "/v1/toegangslog", {})).status).toBe(405);
    }
    expect(() => f.r.db.sqlite.prepare("UPDATE toegangslog SET resultaat = 200").run()).toThrow(/append-only/);
    expect(() => f.r.db.sqlite.prepare("DELETE FROM toegangslog").run()).toThrow(/append-only/);
    expect(() => f.r.db.sqlite.prepare("DELETE FROM toegangslog_casussen").run()).toThrow(/append-only/);
  });
});

describe("hardening", () => {
  afterEach(() => vi.restoreAllMocks());

  it("limits requests per token with 429 and Retry-After", async () => {
    const r = await makeRegister(undefined, { config: { guard: limits({ perToken: 3 }) } });
    for (let i = 0; i < 3; i++) expect((await r.request("GET", "/v1/zorgvormen")).status).toBe(200);
    const res = await r.request("GET", "/v1/zorgvormen");
    const body = await problem(res, 429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(body.type).toContain("te-veel-verzoeken");
    // Another token is not held back.
    expect((await r.als("verwijzer")("GET", "/v1/zorgvormen")).status).toBe(200);
  });

  it("limits requests without credentials per address, and signed-in callers per token (one office, one address)", async () => {
    const r = await makeRegister(undefined, {
      config: { publiekZoeken: true, guard: limits({ perAdres: 2, perToken: 3 }) },
    });
    const vanaf = (adres: string) => ({ "X-Forwarded-For": `198.51.100.1, ${adres}` });
    expect((await r.anoniem("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.7"))).status).toBe(200);
    expect((await r.anoniem("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.7"))).status).toBe(200);
    const res = await r.anoniem("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.7"));
    await problem(res, 429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((await r.anoniem("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.8"))).status).toBe(200);
    // Colleagues behind the same address go on, each within their own token's limit.
    for (let i = 0; i < 3; i++)
      expect((await r.als("verwijzer")("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.7"))).status).toBe(200);
    await problem(await r.als("verwijzer")("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.7")), 429);
    expect((await r.als("zorgmakelaar")("GET", "/v1/zorgvormen", undefined, vanaf("192.0.2.7"))).status).toBe(200);
  });

  it("slows and counts failed authentication; too many and the address must wait", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const r = await makeRegister(undefined, { config: { guard: limits({ mislukteAanmeldingen: 3, vertragingMs: 40 }) } });
    const vanaf = { "X-Forwarded-For": "192.0.2.9" };
    const fout = r.met("pw_dit-is-geen-geldig-token");
    const t0 = performance.now();
    await problem(await fout("GET", "/v1/zorgvormen", undefined, vanaf), 401);
    await problem(await fout("GET", "/v1/zorgvormen", undefined, vanaf), 401);
    // 40 ms after the first failure, 80 ms after the second: a lower bound only.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    await problem(await fout("GET", "/v1/zorgvormen", undefined, vanaf), 401);
    const blocked = await fout("GET", "/v1/zorgvormen", undefined, vanaf);
    await problem(blocked, 429);
    expect(blocked.headers.get("Retry-After")).toMatch(/^\d+$/);
    // Only the failing path is locked: a valid token from the same address goes on.
    expect((await r.request("GET", "/v1/zorgvormen", undefined, vanaf)).status).toBe(200);
    expect((await r.request("GET", "/v1/zorgvormen", undefined, { "X-Forwarded-For": "192.0.2.10" })).status).toBe(200);
    expect(warn).toHaveBeenCalledTimes(4);
    expect(warn.mock.calls.flat().join(" ")).not.toContain("pw_dit-is-geen-geldig-token");
  });

  it("sends the security headers of the API Design Rules on answers and errors", async () => {
    const r = await makeRegister();
    const casus = await json<Row>(
      await r.als("verwijzer")("POST", "/v1/casussen", {
        referentie: "HDR-1",
        geboortedatum: "2015-05-01",
        woongemeente: "GM0518",
        zorgvorm: "gezinshuis",
        aanmelddatum: "2026-09-01",
        urgentie: "regulier",
      }),
      201,
    );
    for (const res of [
      await r.als("verwijzer")("GET", `/v1/casussen/${casus.id}`),
      await r.request("GET", "/v1/aanbod"),
      await r.anoniem("GET", "/v1/casussen"),
      await r.request("GET", "/v1/bestaat-niet"),
    ]) {
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    }
    const docs = await r.request("GET", "/docs");
    expect(docs.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(docs.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const tls = await r.request("GET", "/v1/zorgvormen", undefined, { "X-Forwarded-Proto": "https" });
    expect(tls.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d{8,}/);
    expect(
      (await r.app.request("https://plekwijzer.example/v1/zorgvormen")).headers.get("Strict-Transport-Security"),
    ).not.toBeNull();
  });

  it("allows CORS only for configured origins, and * for the OpenAPI document", async () => {
    const r = await makeRegister(undefined, { config: { corsOrigins: ["https://wachtlijst.example"] } });
    const ok = await r.request("GET", "/v1/zorgvormen", undefined, { Origin: "https://wachtlijst.example" });
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe("https://wachtlijst.example");
    const other = await r.request("GET", "/v1/zorgvormen", undefined, { Origin: "https://elders.example" });
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const pre = await r.anoniem("OPTIONS", "/v1/casussen", undefined, {
      Origin: "https://wachtlijst.example",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization, content-type",
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    const doc = await r.anoniem("GET", "/v1/openapi.json", undefined, { Origin: "https://elders.example" });
    expect(doc.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("PUBLIEK_ZOEKEN opens read-only offer search without a token, never cases or writes", async () => {
    const closed = await makeRegister();
    await problem(await closed.anoniem("GET", "/v1/aanbod"), 401);
    const r = await makeRegister(undefined, { config: { publiekZoeken: true } });
    for (const path of ["/v1/aanbod", "/v1/aanbieders", "/v1/locaties", "/v1/zorgvormen", "/v1/gemeenten"]) {
      expect((await r.anoniem("GET", path)).status).toBe(200);
    }
    await problem(await r.anoniem("GET", "/v1/casussen"), 401);
    await problem(await r.anoniem("GET", "/v1/wachtlijst?regio=haaglanden"), 401);
    await problem(await r.anoniem("GET", "/v1/contracten"), 401);
    await problem(await r.anoniem("POST", "/v1/aanbieders", { naam: "Anoniem BV" }), 401);
    // A wrong token is still refused, also on an open route.
    await problem(await r.met("pw_fout")("GET", "/v1/aanbod"), 401);
  });

  it("declares the bearer scheme and 401/403 on every operation of the OpenAPI document", async () => {
    const r = await makeRegister();
    const doc = (await (await r.anoniem("GET", "/v1/openapi.json")).json()) as {
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const ops = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ key: `${m} ${path}`, op })),
    );
    expect(ops.length).toBeGreaterThan(50);
    // The open overview is the one operation without a token (issue 14): it says so, and still answers 429.
    const openbaar = ops.filter(({ key }) => key.startsWith("get /open/"));
    expect(openbaar.map((o) => o.key)).toEqual(["get /open/overzicht"]);
    for (const { key, op } of ops) {
      if (openbaar.some((o) => o.key === key)) {
        expect(op.security, key).toEqual([{}]);
        expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(["404", "429"]));
        continue;
      }
      expect(op.security, key).toContainEqual({ bearerAuth: [] });
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(["401", "403", "429"]));
    }
  });
});

describe("input limits", () => {
  it("bound every string and array a client can send, in body, query, path and headers", async () => {
    const r = await makeRegister();
    // biome-ignore lint/suspicious/noExplicitAny: walking a JSON Schema document
    const doc: any = await (await r.anoniem("GET", "/v1/openapi.json")).json();
    // biome-ignore lint/suspicious/noExplicitAny: idem
    const resolve = (s: any) => (s?.$ref ? doc.components.schemas[s.$ref.split("/").pop()] : s);
    const unbounded: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: idem
    const walk = (schema: any, where: string, seen = new Set()) => {
      const s = resolve(schema);
      if (!s || seen.has(s)) return;
      seen.add(s);
      for (const k of ["anyOf", "oneOf", "allOf"]) for (const x of s[k] ?? []) walk(x, where, seen);
      // A union's own type only sums up its branches (for Scalar on /docs); the branches carry the bounds.
      if (s.anyOf || s.oneOf) return;
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (types.includes("string") && s.maxLength === undefined && !s.enum && !s.format && !s.pattern) unbounded.push(where);
      if (types.includes("array")) {
        if (s.maxItems === undefined) unbounded.push(where);
        walk(s.items, `${where}[]`, seen);
      }
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`, seen);
    };
    let checked = 0;
    // biome-ignore lint/suspicious/noExplicitAny: idem
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      // biome-ignore lint/suspicious/noExplicitAny: idem
      for (const [method, op] of Object.entries<any>(ops)) {
        const body = op.requestBody?.content?.["application/json"]?.schema;
        if (body) walk(body, `${method} ${path} body`);
        for (const p of op.parameters ?? []) walk(p.schema, `${method} ${path} ${p.in}.${p.name}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(unbounded).toEqual([]);
  });
});

/** The default limits with the ones a test is about lowered, no delay, behind a proxy. */
function limits(overrides: Partial<GuardConfig>): GuardConfig {
  return { ...STANDAARD_GUARD, perToken: 100_000, perAdres: 100_000, vertragingMs: 0, trustProxy: true, ...overrides };
}
