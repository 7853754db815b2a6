import { describe, expect, it } from "vitest";
import { sessies } from "../../db/schema/index.ts";
import { STANDAARD_GUARD } from "../../src/http/guard.ts";
import { makeRegister } from "../helpers.ts";
import { csrfUit, inloggen, inloggenAls } from "./sessie.ts";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** GET /inloggen, then POST the form with `velden`; returns the answer of the POST. */
async function probeer(
  r: Awaited<ReturnType<typeof makeRegister>>,
  velden: Record<string, string>,
  opties: { cookie?: boolean } = {},
) {
  const formulier = await r.app.request("/inloggen");
  const cookie = formulier.headers.getSetCookie().find((c) => c.startsWith("pw_aanmelden="));
  const csrf = csrfUit(await formulier.text());
  return r.app.request("/inloggen", {
    method: "POST",
    headers: { ...FORM, ...(opties.cookie === false || !cookie ? {} : { Cookie: cookie.split(";")[0] as string }) },
    body: new URLSearchParams({ _csrf: csrf, ...velden }).toString(),
  });
}

describe("signing in to the web pages", () => {
  it("shows a Dutch sign-in form with a skip link and a labelled field", async () => {
    const r = await makeRegister();
    const res = await r.app.request("/inloggen");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="nl">/);
    expect(html).toContain('href="#inhoud"');
    expect(html).toContain('<label class="utrecht-form-label" for="token">Toegangscode</label>');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("pw_aanmelden="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("signs in with a token into an HttpOnly, Secure, SameSite=Strict session; only a hash is stored", async () => {
    const r = await makeRegister();
    const res = await probeer(r, { token: r.tokens.zorgmakelaar });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/wachtlijst");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("pw_sessie=")) ?? "";
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    const waarde = /^pw_sessie=([^;]+)/.exec(cookie)?.[1] ?? "";
    const rows = await r.db.orm.select().from(sessies);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(waarde);
    expect(JSON.stringify(rows)).not.toContain(r.tokens.zorgmakelaar);
  });

  it("goes back to the page asked for, but only to a path on this site", async () => {
    const r = await makeRegister();
    expect((await probeer(r, { token: r.tokens.verwijzer, terug: "/zoeken?zorgvorm=43" })).headers.get("location")).toBe(
      "/zoeken?zorgvorm=43",
    );
    for (const terug of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      expect((await probeer(r, { token: r.tokens.verwijzer, terug })).headers.get("location")).toBe("/zoeken");
    }
  });

  it("refuses an unknown token next to the field, never echoes it, and counts the failure", async () => {
    const r = await makeRegister(undefined, {
      config: {
        guard: {
          ...STANDAARD_GUARD,
          vertragingMs: 0,
          mislukteAanmeldingen: 3,
          perAdres: 1000,
          perToken: 1000,
        },
      },
    });
    const fout = "pw_onbekend-token-dat-niet-bestaat-0123456789";
    const res = await probeer(r, { token: fout });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Deze toegangscode is onbekend, verlopen of ingetrokken.");
    expect(html).not.toContain(fout);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("pw_sessie="))).toBe(false);
    expect((await probeer(r, { token: fout })).status).toBe(400);
    expect((await probeer(r, { token: fout })).status).toBe(400);
    // From now on a wrong code from this address waits; the page says so in Dutch.
    const geblokkeerd = await probeer(r, { token: fout });
    expect(geblokkeerd.status).toBe(429);
    expect(geblokkeerd.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(geblokkeerd.headers.get("content-type")).toContain("text/html");
    expect(await geblokkeerd.text()).toContain("Te veel mislukte aanmeldingen");
    // Only the failing path is locked: a colleague behind the same address signs in with a valid code.
    expect((await r.app.request("/inloggen")).status).toBe(200);
    expect((await probeer(r, { token: r.tokens.verwijzer })).status).toBe(303);
  });

  it("refuses a sign-in without the form's CSRF cookie", async () => {
    const r = await makeRegister();
    const res = await probeer(r, { token: r.tokens.verwijzer }, { cookie: false });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Het formulier was verlopen");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("pw_sessie="))).toBe(false);
    expect(await r.db.orm.select().from(sessies)).toHaveLength(0);
  });

  it("asks to sign in without a session, keeping the page asked for", async () => {
    const r = await makeRegister();
    const res = await r.app.request("/wachtlijst?regio=haaglanden");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent("/wachtlijst?regio=haaglanden")}`);
    expect((await r.app.request("/")).headers.get("location")).toBe("/inloggen");
  });
});

describe("a web session", () => {
  const start = async (r: Awaited<ReturnType<typeof makeRegister>>) =>
    (await r.app.request("/", { headers: { Cookie: `pw_sessie=${(await inloggenAls(r, "verwijzer")).cookie}` } })).headers.get(
      "location",
    );

  it("knows the user on every page until the token is revoked", async () => {
    const r = await makeRegister();
    const browser = await inloggenAls(r, "verwijzer");
    const naarStart = () => r.app.request("/", { headers: { Cookie: `pw_sessie=${browser.cookie}` } });
    expect((await naarStart()).headers.get("location")).toBe("/zoeken");
    const lijst = (await (await r.als("beheerder")("GET", "/v1/tokens?perPagina=100")).json()) as {
      resultaten: { id: string; rol: string }[];
    };
    const token = lijst.resultaten.find((t) => t.rol === "verwijzer");
    expect((await r.als("beheerder")("DELETE", `/v1/tokens/${token?.id}`)).status).toBe(204);
    expect((await naarStart()).headers.get("location")).toBe("/inloggen");
  });

  it("ends after eight hours", async () => {
    const r = await makeRegister();
    const browser = await inloggenAls(r, "verwijzer");
    const naarStart = () => r.app.request("/", { headers: { Cookie: `pw_sessie=${browser.cookie}` } });
    r.clock.set("2026-11-27T16:59:00.000Z");
    expect((await naarStart()).headers.get("location")).toBe("/zoeken");
    r.clock.set("2026-11-27T17:00:00.000Z");
    expect((await naarStart()).headers.get("location")).toBe("/inloggen");
  });

  it("signs out with the session's CSRF token only, and the old cookie no longer works", async () => {
    const r = await makeRegister();
    expect(await start(r)).toBe("/zoeken");
    const browser = await inloggenAls(r, "verwijzer");
    const zonder = await r.app.request("/uitloggen", {
      method: "POST",
      headers: { ...FORM, Cookie: `pw_sessie=${browser.cookie}` },
      body: "_csrf=fout",
    });
    expect(zonder.status).toBe(403);
    expect(await r.db.orm.select().from(sessies)).toHaveLength(2);
    const uit = await browser.post("/uitloggen", {});
    expect(uit.status).toBe(303);
    expect(uit.headers.get("location")).toBe("/inloggen?uitgelogd");
    expect(uit.headers.getSetCookie().find((c) => c.startsWith("pw_sessie="))).toMatch(/Max-Age=0/);
    expect(await r.db.orm.select().from(sessies)).toHaveLength(1);
    expect((await browser.get("/")).headers.get("location")).toBe("/inloggen");
  });

  it("is refused on a cross-site form post even with the right token", async () => {
    const r = await makeRegister();
    const browser = await inloggenAls(r, "verwijzer");
    const res = await r.app.request("/uitloggen", {
      method: "POST",
      headers: { ...FORM, Cookie: `pw_sessie=${browser.cookie}`, "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ _csrf: browser.csrf }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await r.db.orm.select().from(sessies)).toHaveLength(1);
  });

  it("keeps cookies and bearer tokens apart: a cookie opens no API route, a bearer token no page", async () => {
    const r = await makeRegister();
    const browser = await inloggen(r, r.tokens.zorgmakelaar);
    const api = await r.app.request("/v1/casussen", { headers: { Cookie: `pw_sessie=${browser.cookie}` } });
    expect(api.status).toBe(401);
    const pagina = await r.app.request("/wachtlijst", { headers: { Authorization: `Bearer ${r.tokens.zorgmakelaar}` } });
    expect(pagina.status).toBe(303);
  });
});

describe("page forms", () => {
  it("refuses a form larger than the API's body limit with a Dutch page, and changes nothing", async () => {
    const r = await makeRegister(undefined, { config: { maxBodyBytes: 1024 } });
    const browser = await inloggenAls(r, "beheerder");
    const res = await browser.post("/beheer/organisaties", { naam: "x".repeat(5000), type: "gemeente" });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Het formulier is te groot; er is niets opgeslagen.");
    const lijst = (await (await r.als("beheerder")("GET", "/v1/organisaties?perPagina=100")).json()) as { resultaten: unknown[] };
    expect(JSON.stringify(lijst.resultaten)).not.toContain("xxxxx");
  });
});
