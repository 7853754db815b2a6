import { describe, expect, it } from "vitest";
import { STANDAARD_GUARD } from "../../src/http/guard.ts";
import { makeRegister } from "../helpers.ts";
import { type Browser, inloggen, inloggenAls } from "./sessie.ts";

/**
 * Issue 15, "Everywhere": a GI office behind one address must not be limited as one. Signed-in
 * people are limited each on their own (per person), the per-address limit holds only for
 * requests without a session (and failed sign-ins, see inloggen.test.ts); a person over their
 * own limit gets the 429 page with their own menu.
 */
const KANTOOR = { "X-Forwarded-For": "192.0.2.77" };

describe("limits on the pages", () => {
  async function register() {
    return makeRegister(undefined, {
      config: { guard: { ...STANDAARD_GUARD, vertragingMs: 0, trustProxy: true, perAdres: 30, perToken: 15 } },
    });
  }
  const vanKantoor = (r: Awaited<ReturnType<typeof register>>, b: Browser | undefined, pad: string) =>
    r.app.request(pad, {
      headers: { Accept: "text/html", ...KANTOOR, ...(b ? { Cookie: `pw_sessie=${b.cookie}` } : {}) },
    });

  it("lets many signed-in colleagues behind one address work on, while anonymous requests from it are limited", async () => {
    const r = await register();
    const collega = [
      await inloggen(r, r.tokens.verwijzer, "Collega Een"),
      await inloggen(r, r.tokens.verwijzer, "Collega Twee"),
      await inloggenAls(r, "zorgmakelaar"),
      await inloggenAls(r, "beheerder"),
    ];
    // 4 × 12 = 48 pages from one address: more than its limit of 30, each person within their own 15.
    for (let i = 0; i < 12; i++)
      for (const b of collega) expect((await vanKantoor(r, b, "/account")).status, `${b.persoon.naam}, ${i + 1}`).toBe(200);
    const anoniem: number[] = [];
    for (let i = 0; i < 31; i++) anoniem.push((await vanKantoor(r, undefined, "/inloggen")).status);
    expect(anoniem.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(anoniem[30]).toBe(429);
    // The address is now over its limit; the signed-in colleagues are not held back by it.
    for (const b of collega) expect((await vanKantoor(r, b, "/account")).status).toBe(200);
  });

  it("shows a person over their own limit the 429 page with their menu, in their words", async () => {
    const r = await register();
    const b = await inloggenAls(r, "zorgmakelaar");
    // Signing in used a few of the person's 15 already.
    let te = await vanKantoor(r, b, "/wachtlijst");
    let gelukt = 0;
    for (; te.status === 200 && gelukt < 20; gelukt++) te = await vanKantoor(r, b, "/wachtlijst");
    expect(gelukt).toBeGreaterThanOrEqual(10);
    expect(te.status).toBe(429);
    expect(Number(te.headers.get("Retry-After"))).toBeGreaterThan(0);
    const html = await te.text();
    expect(html).toContain('<nav class="pw-menu" aria-label="Hoofdmenu">');
    expect(html).toContain('href="/matching"');
    expect(html).toContain(b.persoon.naam);
    expect(html).toMatch(/Wacht \d+ seconden en probeer het dan opnieuw/);
    expect(html).not.toMatch(/met dit token/);
  });

  it("keeps the menu on a page that does not exist, for a signed-in person", async () => {
    const r = await register();
    const b = await inloggenAls(r, "zorgmakelaar");
    const res = await vanKantoor(r, b, "/bestaat-niet");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<nav class="pw-menu" aria-label="Hoofdmenu">');
    expect(html).toContain(b.persoon.naam);
    // Without a session it stays the plain page, and counts against the address like any anonymous request.
    const anoniem = await vanKantoor(r, undefined, "/bestaat-niet");
    expect(anoniem.status).toBe(404);
    expect(await anoniem.text()).not.toContain("Hoofdmenu");
  });
});
