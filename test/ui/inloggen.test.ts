import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eenmaligeCodes, gebruikers, herstelcodes, inlogpogingen, sessies } from "../../db/schema/index.ts";
import { createDemoToegang, markeerDemo } from "../../seeds/demo-toegang.ts";
import { STANDAARD_GUARD } from "../../src/http/guard.ts";
import { maakAanbieder } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { codeUit, linkUit } from "../support/postbus.ts";
import { type Browser, browserVoor, csrfUit, FORM, geheimUit, inloggen, inloggenAls, totp } from "./sessie.ts";

/** Moves the register's clock on (a TOTP code is accepted once per 30-second step). */
function later(r: Register, seconden: number): void {
  r.clock.set(new Date(r.clock.now().getTime() + seconden * 1000).toISOString());
}

/** Asks for a sign-in mail in a fresh browser; answers the browser (with its attempt cookie) and the mail. */
async function vraagMail(r: Register, email: string) {
  const b = browserVoor(r);
  const formulier = await b.get("/inloggen");
  const voor = r.postbus.aantalVoor(email);
  const res = await b.post("/inloggen", { _csrf: csrfUit(await formulier.text()), email });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/inloggen/code");
  return { b, res, bericht: () => r.postbus.wachtOp(email, voor) };
}

/** Types the code from the mail on the code page; answers the page's answer. */
async function typCode(b: ReturnType<typeof browserVoor>, code: string) {
  const pagina = await b.get("/inloggen/code");
  expect(pagina.status).toBe(200);
  return b.post("/inloggen/code", { _csrf: csrfUit(await pagina.text()), code });
}

async function typTweedeFactor(b: ReturnType<typeof browserVoor>, code: string) {
  const pagina = await b.get("/inloggen/tweede-factor");
  expect(pagina.status).toBe(200);
  return b.post("/inloggen/tweede-factor", { _csrf: csrfUit(await pagina.text()), code });
}

/** A person invited and enrolled (the helper), then signed out: ready to sign in again. */
async function persoon(r: Register, rol: "verwijzer" | "zorgmakelaar" | "beheerder" = "verwijzer"): Promise<Browser> {
  const p = await inloggenAls(r, rol);
  await p.post("/uitloggen", {});
  later(r, 30);
  return p;
}

describe("signing in as a person", () => {
  it("shows a Dutch sign-in form for an e-mail address, with an HttpOnly, Secure, SameSite=Strict form cookie", async () => {
    const r = await makeRegister();
    const res = await r.app.request("/inloggen");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="nl">/);
    expect(html).toContain('<label class="utrecht-form-label" for="email">E-mailadres</label>');
    expect(html).not.toContain("Demo:");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("pw_aanmelden="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("invitation → enrolment → sign-in with the code from the mail and TOTP; only hashes are stored", async () => {
    const r = await makeRegister();
    // The invitation and enrolment through the pages, as in sessie.ts; the test computes the TOTP code.
    const p = await persoon(r);
    expect(p.persoon.geheim).toMatch(/^[A-Z2-7]{32}$/);
    expect(p.persoon.herstelcodes).toHaveLength(10);

    const { b, bericht } = await vraagMail(r, p.persoon.email);
    const mail = await bericht();
    expect(mail.onderwerp).toMatch(/^Uw inlogcode voor Plekwijzer: \d{4} \d{4}$/);
    const code = codeUit(mail);
    const naCode = await typCode(b, code);
    expect(naCode.status).toBe(303);
    expect(naCode.headers.get("location")).toBe("/inloggen/tweede-factor");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);

    const ingelogd = await typTweedeFactor(b, totp(p.persoon.geheim ?? "", r.clock.now()));
    expect(ingelogd.status).toBe(303);
    expect(ingelogd.headers.get("location")).toBe("/zoeken");
    const sessieCookie = ingelogd.headers.getSetCookie().find((c) => c.startsWith("pw_sessie=")) ?? "";
    expect(sessieCookie).toMatch(/; HttpOnly/);
    expect(sessieCookie).toMatch(/; Secure/);
    expect(sessieCookie).toMatch(/; SameSite=Strict/);
    const account = await (await b.get("/account")).text();
    expect(account).toContain(p.persoon.naam);

    // Nothing a person proved is stored as it was sent: not the code, the link, the cookie or a recovery code.
    const opgeslagen = JSON.stringify([
      await r.db.orm.select().from(eenmaligeCodes),
      await r.db.orm.select().from(sessies),
      await r.db.orm.select().from(herstelcodes),
      await r.db.orm.select().from(inlogpogingen),
    ]);
    for (const geheim of [
      code,
      linkUit(mail, "/inloggen/link/").split("/").pop() ?? "",
      b.koekjes.waarden.get("pw_sessie") ?? "",
    ])
      expect(opgeslagen).not.toContain(geheim);
    for (const herstel of p.persoon.herstelcodes) expect(opgeslagen).not.toContain(herstel);
  });

  it("an invitation link works once, for 72 hours, is kept only as a hash, and a new invitation replaces it", async () => {
    const r = await makeRegister();
    const nodig = async (naam: string) => {
      const email = `${naam.toLowerCase().replace(/\W/g, "-")}@test.invalid`;
      const res = await r.als("beheerder")("POST", "/v1/gebruikers", {
        naam,
        email,
        organisatieId: r.organisaties.verwijzer.id,
        rol: "verwijzer",
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      return { id, email, link: linkUit(await r.postbus.wachtOp(email), "/uitnodiging/") };
    };
    const status = async (id: string) =>
      ((await (await r.als("beheerder")("GET", `/v1/gebruikers/${id}`)).json()) as { status: string }).status;
    const bevestig = async (link: string) => {
      const b = browserVoor(r);
      const pagina = await b.get(link);
      if (pagina.status !== 200) return pagina;
      return b.post(link, { _csrf: csrfUit(await pagina.text()) });
    };

    // Only the hash of the link's token is stored.
    const eerste = await nodig("Iris Uitnodiging");
    const token = eerste.link.split("/").pop() ?? "";
    expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    const opgeslagen = JSON.stringify(await r.db.orm.select().from(eenmaligeCodes));
    expect(opgeslagen).not.toContain(token);
    expect(opgeslagen).not.toContain(token.slice(3));

    // 72 hours and a second later the link is refused, on the page and on confirming; the person stays invited.
    later(r, 72 * 3600 + 1);
    const verlopen = await browserVoor(r).get(eerste.link);
    expect(verlopen.status).toBe(403);
    expect(await verlopen.text()).toContain("Deze uitnodiging is verlopen of al gebruikt.");
    const b = browserVoor(r);
    const formulier = await b.get("/inloggen");
    const geforceerd = await b.post(eerste.link, { _csrf: csrfUit(await formulier.text()) });
    expect(geforceerd.status).toBe(403);
    expect(await geforceerd.text()).toContain("Deze uitnodiging is verlopen of al gebruikt.");
    expect(await status(eerste.id)).toBe("uitgenodigd");

    // A new invitation replaces the old link; the new one works just under 72 hours later, and once only.
    expect((await r.als("beheerder")("POST", `/v1/gebruikers/${eerste.id}/uitnodiging`)).status).toBe(200);
    const nieuw = linkUit(await r.postbus.wachtOp(eerste.email, 1), "/uitnodiging/");
    expect(nieuw).not.toBe(eerste.link);
    const tweede = await nodig("Joris Uitnodiging");
    expect((await r.als("beheerder")("POST", `/v1/gebruikers/${tweede.id}/uitnodiging`)).status).toBe(200);
    const vervangen = tweede.link;
    expect((await browserVoor(r).get(vervangen)).status).toBe(403);
    later(r, 72 * 3600 - 60);
    const gelukt = await bevestig(nieuw);
    expect(gelukt.status).toBe(303);
    expect(gelukt.headers.get("location")).toBe("/inloggen/inschrijven");
    expect(await status(eerste.id)).toBe("actief");
    const weer = await bevestig(nieuw);
    expect(weer.status).toBe(403);
  });

  it("signs in with the link from the mail (after a click: a mail scanner opening it uses nothing up), then TOTP", async () => {
    const r = await makeRegister();
    const p = await persoon(r, "zorgmakelaar");
    const { bericht } = await vraagMail(r, p.persoon.email);
    const link = linkUit(await bericht(), "/inloggen/link/");
    // Another browser (the phone's mail app) opens the link: a GET only shows a button.
    const ander = browserVoor(r);
    const knop = await ander.get(link);
    expect(knop.status).toBe(200);
    const nogEens = await ander.get(link);
    expect(nogEens.status).toBe(200);
    const geklikt = await ander.post(link, { _csrf: csrfUit(await nogEens.text()) });
    expect(geklikt.status).toBe(303);
    expect(geklikt.headers.get("location")).toBe("/inloggen/tweede-factor");
    const klaar = await typTweedeFactor(ander, totp(p.persoon.geheim ?? "", r.clock.now()));
    expect(klaar.headers.get("location")).toBe("/wachtlijst");
    expect(ander.koekjes.waarden.has("pw_sessie")).toBe(true);
  });

  it("refuses a link used once already, a link or code older than 15 minutes, and a code from another attempt", async () => {
    const r = await makeRegister();
    const p = await persoon(r);
    const eerste = await vraagMail(r, p.persoon.email);
    const link = linkUit(await eerste.bericht(), "/inloggen/link/");
    const b = browserVoor(r);
    const gebruik = async () => b.post(link, { _csrf: csrfUit(await (await b.get(link)).text()) });
    expect((await gebruik()).status).toBe(303);
    // Used: the page says so, and a second use is refused.
    const weer = await b.get(link);
    expect(weer.status).toBe(403);
    expect(await weer.text()).toContain("verlopen of al gebruikt");

    // Expired: 15 minutes and one second later neither the link nor the code works.
    later(r, 30);
    const tweede = await vraagMail(r, p.persoon.email);
    const mail = await tweede.bericht();
    later(r, 15 * 60 + 1);
    const oud = browserVoor(r);
    expect((await oud.get(linkUit(mail, "/inloggen/link/"))).status).toBe(403);
    // The attempt itself lasted 15 minutes too: its code page is gone.
    expect((await tweede.b.get("/inloggen/code")).headers.get("location")).toBe("/inloggen");

    // A code belongs to the attempt (the browser) it was sent for.
    const derde = await vraagMail(r, p.persoon.email);
    const code = codeUit(await derde.bericht());
    const vierde = await vraagMail(r, p.persoon.email);
    await vierde.bericht();
    const verkeerd = await typCode(vierde.b, code);
    expect(verkeerd.status).toBe(400);
    expect(await verkeerd.text()).toContain("Deze code klopt niet of is verlopen.");

    // A newer mail made the earlier code useless, even in its own attempt.
    expect((await typCode(derde.b, code)).status).toBe(400);

    // A code works once: typed again (by whoever has the attempt's page), it signs in nobody.
    const vijfde = await vraagMail(r, p.persoon.email);
    const vijfdeCode = codeUit(await vijfde.bericht());
    const eigen = await typCode(vijfde.b, vijfdeCode);
    expect(eigen.headers.get("location")).toBe("/inloggen/tweede-factor");
    const csrf = csrfUit(await (await vijfde.b.get("/inloggen/tweede-factor")).text());
    const opnieuw = await vijfde.b.post("/inloggen/code", { _csrf: csrf, code: vijfdeCode });
    expect(opnieuw.status).toBe(403);
    expect(vijfde.b.koekjes.waarden.has("pw_sessie")).toBe(false);
    const [rij] = await r.db.orm
      .select({ gebruiktOp: eenmaligeCodes.gebruiktOp })
      .from(eenmaligeCodes)
      .where(eq(eenmaligeCodes.soort, "aanmeldcode"))
      .orderBy(desc(eenmaligeCodes.aangemaaktOp))
      .limit(1);
    expect(rij?.gebruiktOp).not.toBeNull();
  });

  it("refuses a wrong TOTP code and the same code twice; a recovery code works once", async () => {
    const r = await makeRegister();
    const p = await persoon(r);
    const geheim = p.persoon.geheim ?? "";
    const naarTweedeStap = async () => {
      const { b, bericht } = await vraagMail(r, p.persoon.email);
      expect((await typCode(b, codeUit(await bericht()))).headers.get("location")).toBe("/inloggen/tweede-factor");
      return b;
    };

    const b = await naarTweedeStap();
    const fout = await typTweedeFactor(b, totp(geheim, new Date(r.clock.now().getTime() - 10 * 60_000)));
    expect(fout.status).toBe(400);
    expect(await fout.text()).toContain("Deze code klopt niet.");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);
    const goed = totp(geheim, r.clock.now());
    expect((await typTweedeFactor(b, goed)).status).toBe(303);

    // The same code again (someone who looked over a shoulder) within its 30 seconds: refused.
    const dief = await naarTweedeStap();
    expect((await typTweedeFactor(dief, goed)).status).toBe(400);
    expect(dief.koekjes.waarden.has("pw_sessie")).toBe(false);

    // A recovery code instead of the app: once.
    const herstel = p.persoon.herstelcodes[0] ?? "";
    const telefoonKwijt = await naarTweedeStap();
    expect((await typTweedeFactor(telefoonKwijt, herstel.toLowerCase())).status).toBe(303);
    const nogmaals = await naarTweedeStap();
    expect((await typTweedeFactor(nogmaals, herstel)).status).toBe(400);
    const log = (await (await r.als("beheerder")("GET", `/v1/accountlog?gebruikerId=${p.persoon.id}`)).json()) as {
      resultaten: { soort: string }[];
    };
    expect(log.resultaten.map((x) => x.soort)).toContain("herstelcode-gebruikt");
  });

  it("requires the second factor for case-data roles, not for a provider unless its organisation requires it", async () => {
    const r = await makeRegister();
    // A verwijzer whose second factor was reset signs in with the mail code, then must enrol before any session.
    const v = await persoon(r);
    expect((await r.als("beheerder")("DELETE", `/v1/gebruikers/${v.persoon.id}/tweede-factor`)).status).toBe(200);
    const { b, bericht } = await vraagMail(r, v.persoon.email);
    const naCode = await typCode(b, codeUit(await bericht()));
    expect(naCode.headers.get("location")).toBe("/inloggen/inschrijven");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);
    // Without enrolling, the pages stay closed.
    expect((await b.get("/zoeken")).headers.get("location")).toBe("/inloggen?terug=%2Fzoeken");
    const scherm = await b.get("/inloggen/inschrijven");
    const html = await scherm.text();
    expect(html).toContain('<svg role="img" aria-label="QR-code');
    const klaar = await b.post("/inloggen/inschrijven", { _csrf: csrfUit(html), code: totp(geheimUit(html), r.clock.now()) });
    expect(klaar.status).toBe(200);
    expect(klaar.headers.get("cache-control")).toBe("no-store");
    expect(await klaar.text()).toContain("Uw herstelcodes");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(true);

    // A provider's person: the mail code is enough.
    const aanbieder = await maakAanbieder(r);
    const a = await inloggen(r, await r.aanbiederToken(aanbieder.id));
    expect(a.persoon.geheim).toBeUndefined();
    await a.post("/uitloggen", {});
    const mail = await vraagMail(r, a.persoon.email);
    const direct = await typCode(mail.b, codeUit(await mail.bericht()));
    expect(direct.headers.get("location")).toBe("/mijn-aanbod");
    expect(mail.b.koekjes.waarden.has("pw_sessie")).toBe(true);

    // Its organisation requires the second factor: the same person must enrol first.
    const orgId = (
      (await (await r.als("beheerder")("GET", `/v1/gebruikers/${a.persoon.id}`)).json()) as { organisatieId: string }
    ).organisatieId;
    const beleid = await r.als("beheerder")("PUT", `/v1/organisaties/${orgId}/inlogbeleid`, {
      tweedeFactorVerplicht: true,
      sso: null,
    });
    expect(beleid.status).toBe(200);
    const weer = await vraagMail(r, a.persoon.email);
    expect((await typCode(weer.b, codeUit(await weer.bericht()))).headers.get("location")).toBe("/inloggen/inschrijven");
  });

  it("has demo buttons only in demo mode, and they sign in only on a database created as a demo", async () => {
    const gewoon = await makeRegister();
    expect((await gewoon.app.request("/inloggen/demo", { method: "POST", headers: FORM, body: "rol=verwijzer" })).status).toBe(
      404,
    );

    const r = await makeRegister(undefined, { config: { demo: true } });
    const b = browserVoor(r);
    const pagina = await (await b.get("/inloggen")).text();
    expect(pagina).toContain("Demo: inloggen zonder e-mail");
    // Demo mode on a register that was not created as a demo: there is no demo person to be.
    const nergens = await b.post("/inloggen/demo", { _csrf: csrfUit(pagina), rol: "verwijzer" });
    expect(nergens.status).toBe(403);
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);

    await markeerDemo(r.beheer.deps);
    await createDemoToegang(r.beheer.deps);
    const weer = await (await b.get("/inloggen")).text();
    const demo = await b.post("/inloggen/demo", { _csrf: csrfUit(weer), rol: "verwijzer" });
    expect(demo.status).toBe(303);
    expect(demo.headers.get("location")).toBe("/zoeken");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(true);
  });

  it("answers an unknown address exactly like a known one, and sends nothing", async () => {
    const r = await makeRegister();
    const voor = r.postbus.berichten.length;
    const { b, res } = await vraagMail(r, "niemand@test.invalid");
    expect(res.headers.get("location")).toBe("/inloggen/code");
    expect((await b.get("/inloggen/code")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.postbus.berichten.slice(voor).filter((m) => m.aan === "niemand@test.invalid")).toEqual([]);
    expect((await typCode(b, "12345678")).status).toBe(400);
  });

  it("never accepts an API token: not in the form, not as a bearer token on a page", async () => {
    const r = await makeRegister();
    const b = browserVoor(r);
    const formulier = await (await b.get("/inloggen")).text();
    const alsToken = await b.post("/inloggen", { _csrf: csrfUit(formulier), token: r.tokens.verwijzer });
    expect(alsToken.status).toBe(400);
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);
    const alsAdres = await b.post("/inloggen", { _csrf: csrfUit(await alsToken.text()), email: r.tokens.verwijzer });
    expect(alsAdres.status).toBe(400);
    expect(await alsAdres.text()).not.toContain(r.tokens.verwijzer);
    expect(await r.db.orm.select().from(sessies)).toHaveLength(0);
    const pagina = await r.app.request("/zoeken", { headers: { Authorization: `Bearer ${r.tokens.verwijzer}` } });
    expect(pagina.status).toBe(303);
    expect(pagina.headers.get("location")).toBe("/inloggen?terug=%2Fzoeken");
  });

  it("locks a person out after five wrong codes, even with the right one, and counts per address too", async () => {
    const r = await makeRegister(undefined, {
      config: {
        guard: { ...STANDAARD_GUARD, vertragingMs: 0, mislukteAanmeldingen: 1000, perAdres: 100_000, perToken: 100_000 },
      },
    });
    const p = await persoon(r);
    const { b, bericht } = await vraagMail(r, p.persoon.email);
    const code = codeUit(await bericht());
    const fout = code === "00000000" ? "11111111" : "00000000";
    for (let i = 0; i < 4; i++) expect((await typCode(b, fout)).status).toBe(400);
    const vijfde = await typCode(b, fout);
    expect(vijfde.status).toBe(429);
    expect(vijfde.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await vijfde.text()).toContain("Te veel mislukte pogingen voor dit account");
    // The right code does not help now, and no new mail is sent while locked.
    expect((await b.post("/inloggen/code", { _csrf: csrfUit(await (await b.get("/inloggen/code")).text()), code })).status).toBe(
      429,
    );
    const aantal = r.postbus.aantalVoor(p.persoon.email);
    await vraagMail(r, p.persoon.email);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.postbus.aantalVoor(p.persoon.email)).toBe(aantal);
    const [rij] = await r.db.orm.select().from(gebruikers).where(eq(gebruikers.id, p.persoon.id));
    expect(rij?.vergrendeldTot).not.toBeNull();
    // After the lock, signing in works again.
    later(r, 16 * 60);
    const weer = await vraagMail(r, p.persoon.email);
    expect((await typCode(weer.b, codeUit(await weer.bericht()))).headers.get("location")).toBe("/inloggen/tweede-factor");

    // Per address: the register's limit of failed sign-ins counts wrong codes from one address, whoever they are for.
    const streng = await makeRegister(undefined, {
      config: { guard: { ...STANDAARD_GUARD, vertragingMs: 0, mislukteAanmeldingen: 2, perAdres: 100_000, perToken: 100_000 } },
    });
    const pogingen = await Promise.all(["a@test.invalid", "b@test.invalid", "c@test.invalid"].map((e) => vraagMail(streng, e)));
    const statussen = [];
    for (const { b: ander } of pogingen) statussen.push((await typCode(ander, "12345678")).status);
    expect(statussen).toEqual([400, 400, 429]);
  });

  it("sends at most five sign-in mails per person per 15 minutes", async () => {
    const r = await makeRegister(undefined, {
      config: { guard: { ...STANDAARD_GUARD, vertragingMs: 0, perAdres: 100_000, perToken: 100_000 } },
    });
    const p = await persoon(r);
    const voor = r.postbus.aantalVoor(p.persoon.email);
    for (let i = 0; i < 5; i++) await (await vraagMail(r, p.persoon.email)).bericht();
    expect(r.postbus.aantalVoor(p.persoon.email)).toBe(voor + 5);
    const zesde = await vraagMail(r, p.persoon.email);
    expect((await zesde.b.get("/inloggen/code")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.postbus.aantalVoor(p.persoon.email)).toBe(voor + 5);
    later(r, 15 * 60 + 1);
    await (await vraagMail(r, p.persoon.email)).bericht();
    expect(r.postbus.aantalVoor(p.persoon.email)).toBe(voor + 6);
  });

  it("refuses a sign-in form without its CSRF cookie, or posted from another site", async () => {
    const r = await makeRegister();
    const formulier = await r.app.request("/inloggen");
    const res = await r.app.request("/inloggen", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ _csrf: csrfUit(await formulier.text()), email: "iemand@test.invalid" }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Het formulier was verlopen");
    expect(await r.db.orm.select().from(inlogpogingen)).toHaveLength(0);
  });

  it("asks to sign in without a session, keeping the page asked for, and goes back to it (only a path on this site)", async () => {
    const r = await makeRegister();
    const res = await r.app.request("/wachtlijst?regio=haaglanden");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent("/wachtlijst?regio=haaglanden")}`);
    expect((await r.app.request("/")).headers.get("location")).toBe("/inloggen");

    const p = await persoon(r, "zorgmakelaar");
    for (const [terug, verwacht] of [
      ["/wachtlijst?regio=haaglanden", "/wachtlijst?regio=haaglanden"],
      ["//evil.example/", "/wachtlijst"],
      ["https://evil.example/", "/wachtlijst"],
    ]) {
      later(r, 30);
      const b = browserVoor(r);
      const formulier = await (await b.get("/inloggen")).text();
      const voor = r.postbus.aantalVoor(p.persoon.email);
      await b.post("/inloggen", { _csrf: csrfUit(formulier), email: p.persoon.email, terug: terug as string });
      await typCode(b, codeUit(await r.postbus.wachtOp(p.persoon.email, voor)));
      expect((await typTweedeFactor(b, totp(p.persoon.geheim ?? "", r.clock.now()))).headers.get("location")).toBe(verwacht);
    }
  });
});

describe("a person's sessions", () => {
  const naarStart = (r: Register, b: Browser) => r.app.request("/", { headers: { Cookie: `pw_sessie=${b.cookie}` } });

  it("end at once when the person is blocked, and stay ended; the block is in the account log", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "verwijzer");
    const tweede = await inloggen(r, r.tokens.zorgmakelaar);
    expect((await naarStart(r, b)).headers.get("location")).toBe("/zoeken");
    const blok = await r.als("beheerder")("POST", `/v1/gebruikers/${b.persoon.id}/blokkering`);
    expect(blok.status).toBe(200);
    expect(((await blok.json()) as { status: string }).status).toBe("geblokkeerd");
    expect((await naarStart(r, b)).headers.get("location")).toBe("/inloggen");
    expect((await b.get("/mijn-casussen")).status).toBe(303);
    // Someone else is not affected.
    expect((await naarStart(r, tweede)).headers.get("location")).toBe("/wachtlijst");
    // A blocked person gets no sign-in mail.
    later(r, 30);
    const voor = r.postbus.aantalVoor(b.persoon.email);
    await vraagMail(r, b.persoon.email);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.postbus.aantalVoor(b.persoon.email)).toBe(voor);
    const log = (await (await r.als("beheerder")("GET", `/v1/accountlog?gebruikerId=${b.persoon.id}`)).json()) as {
      resultaten: { soort: string; door: string }[];
    };
    expect(log.resultaten[0]).toMatchObject({ soort: "geblokkeerd" });
  });

  it("are listed on the account page and can be ended one by one, the current one signing out", async () => {
    const r = await makeRegister();
    const p = await persoon(r);
    const browsers = [];
    for (let i = 0; i < 2; i++) {
      later(r, 30);
      const { b, bericht } = await vraagMail(r, p.persoon.email);
      await typCode(b, codeUit(await bericht()));
      await typTweedeFactor(b, totp(p.persoon.geheim ?? "", r.clock.now()));
      browsers.push(b);
    }
    const [een, twee] = browsers as [ReturnType<typeof browserVoor>, ReturnType<typeof browserVoor>];
    const account = await (await een.get("/account")).text();
    expect(account).toContain("Beëindigen (deze sessie)");
    const ids = [...account.matchAll(/action="\/account\/sessies\/([0-9a-f-]{36})\/beeindigen"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const eigen = /action="\/account\/sessies\/([0-9a-f-]{36})\/beeindigen"[^>]*>[\s\S]*?Beëindigen \(deze sessie\)/.exec(
      account,
    )?.[1];
    const andere = ids.find((id) => id !== eigen) ?? "";
    const csrf = csrfUit(account);
    expect((await een.post(`/account/sessies/${andere}/beeindigen`, { _csrf: csrf })).headers.get("location")).toBe(
      "/account?melding=beeindigd",
    );
    expect((await twee.get("/account")).status).toBe(303);
    expect((await een.get("/account")).status).toBe(200);
    const uit = await een.post(`/account/sessies/${eigen}/beeindigen`, { _csrf: csrf });
    expect(uit.headers.get("location")).toBe("/inloggen?uitgelogd");
    expect((await een.get("/account")).status).toBe(303);
    // Another person's session is not theirs to end: nothing happens to it.
    const ander = await inloggenAls(r, "zorgmakelaar");
    const anderId = /action="\/account\/sessies\/([0-9a-f-]{36})\/beeindigen"/.exec(
      await (await ander.get("/account")).text(),
    )?.[1];
    later(r, 30);
    const { b: derde, bericht } = await vraagMail(r, p.persoon.email);
    await typCode(derde, codeUit(await bericht()));
    await typTweedeFactor(derde, totp(p.persoon.geheim ?? "", r.clock.now()));
    const derdeCsrf = csrfUit(await (await derde.get("/account")).text());
    expect((await derde.post(`/account/sessies/${anderId}/beeindigen`, { _csrf: derdeCsrf })).status).toBe(303);
    expect((await ander.get("/account")).status).toBe(200);
  });

  it("ends after eight hours and at signing out; a cross-site form post is refused", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "verwijzer");
    r.clock.set("2026-11-27T16:59:00.000Z");
    expect((await naarStart(r, b)).headers.get("location")).toBe("/zoeken");
    const kruis = await r.app.request("/uitloggen", {
      method: "POST",
      headers: { ...FORM, Cookie: `pw_sessie=${b.cookie}`, "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ _csrf: b.csrf }).toString(),
    });
    expect(kruis.status).toBe(403);
    expect(await r.db.orm.select().from(sessies)).toHaveLength(1);
    r.clock.set("2026-11-27T17:00:00.000Z");
    expect((await naarStart(r, b)).headers.get("location")).toBe("/inloggen");

    const c = await inloggenAls(r, "verwijzer");
    const uit = await c.post("/uitloggen", {});
    expect(uit.headers.get("location")).toBe("/inloggen?uitgelogd");
    expect(uit.headers.getSetCookie().find((x) => x.startsWith("pw_sessie="))).toMatch(/Max-Age=0/);
    expect((await c.get("/")).headers.get("location")).toBe("/inloggen");
  });

  it("keeps cookies and bearer tokens apart: a cookie opens no API route", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "zorgmakelaar");
    const api = await r.app.request("/v1/casussen", { headers: { Cookie: `pw_sessie=${b.cookie}` } });
    expect(api.status).toBe(401);
  });
});

describe("page forms", () => {
  it("refuses a form larger than the API's body limit with a Dutch page, and changes nothing", async () => {
    const r = await makeRegister(undefined, { config: { maxBodyBytes: 1024 } });
    const b = await inloggenAls(r, "beheerder");
    const res = await b.post("/beheer/organisaties", { naam: "x".repeat(5000), type: "gemeente" });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Het formulier is te groot; er is niets opgeslagen.");
    const lijst = (await (await r.als("beheerder")("GET", "/v1/organisaties?perPagina=100")).json()) as { resultaten: unknown[] };
    expect(JSON.stringify(lijst.resultaten)).not.toContain("xxxxx");
  });
});
