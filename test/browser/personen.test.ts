import { TOTP } from "otpauth";
import { expect, it, vi } from "vitest";
import { codeUit, linkUit } from "../support/postbus.ts";
import { browserOmgeving, browserSuite, controleer, inloggen } from "./support.ts";

/**
 * Issue 18 in Debian's Chromium: the GI's organisatiebeheerder invites a new verwijzer, who
 * confirms the invitation from the mail (real SMTP), sets up TOTP (the test computes the code
 * from the secret on the page), signs in again with the code from a second mail and the app,
 * opens a case, and that case page is in the access log under the person's name. Every page
 * visited is scanned with axe and photographed.
 */
// Signing in again needs the next 30-second TOTP step: the scenario may wait that long.
vi.setConfig({ testTimeout: 120_000 });

const PERIODE_MS = 30_000;
const code = (geheim: string, op = Date.now()) =>
  new TOTP({ secret: geheim, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: op });

browserSuite("personal accounts in a real browser", () => {
  const { server, nieuwePagina } = browserOmgeving();

  it("a new verwijzer is invited, enrols with TOTP, signs in, and the case page is in the access log under that person", async () => {
    const email = "nieuwe.verwijzer@demo-gi.invalid";
    const naam = "Noor van Dijk";

    // 1. The GI's organisatiebeheerder invites a colleague on Mensen.
    const beheer = await nieuwePagina();
    await inloggen(beheer, server, "organisatiebeheerder");
    expect(new URL(beheer.url()).pathname).toBe("/gebruikers");
    await controleer(beheer, "gebruikers");
    await beheer.getByLabel("Naam", { exact: true }).fill(naam);
    await beheer.getByLabel("E-mailadres").fill(email);
    await beheer.getByLabel("Rol", { exact: true }).selectOption("verwijzer");
    await beheer.getByRole("button", { name: "Uitnodigen" }).click();
    await expect.poll(() => beheer.getByRole("status").first().textContent()).toMatch(/uitnodiging is verstuurd/);
    expect(await beheer.locator("main table").innerText()).toContain(naam);
    await controleer(beheer, "gebruikers-uitgenodigd");

    // 2. The invitation arrives by mail; the new person confirms it in another browser.
    const uitnodiging = await server.postbus.wachtOp(email);
    const page = await nieuwePagina();
    await page.goto(`${server.url}${linkUit(uitnodiging, "/uitnodiging/")}`);
    await controleer(page, "uitnodiging");
    await page.getByRole("button", { name: "Account bevestigen" }).click();
    await page.waitForURL((url) => url.pathname === "/inloggen/inschrijven");
    expect(await page.locator("svg[role=img]").count()).toBe(1);
    await controleer(page, "tweede-stap-instellen");
    const geheim = (await page.locator(".pw-sleutel").innerText()).replace(/\s/g, "");
    expect(geheim).toMatch(/^[A-Z2-7]{32}$/);
    const ingeschreven = Date.now();
    await page.getByLabel("Code uit de app").fill(code(geheim, ingeschreven));
    await page.getByRole("button", { name: "Instellen" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Uw herstelcodes");
    expect(await page.locator(".pw-herstelcodes li").count()).toBe(10);
    await controleer(page, "herstelcodes");
    await page.getByRole("link", { name: /doorgaan/ }).click();
    await page.waitForURL((url) => url.pathname === "/zoeken");

    // 3. Signed out, the person signs in again: e-mail, the code from the mail, the code from the app.
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL((url) => url.pathname === "/inloggen");
    const voor = server.postbus.aantalVoor(email);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByRole("button", { name: "Stuur inlogcode" }).click();
    await page.waitForURL((url) => url.pathname === "/inloggen/code");
    await controleer(page, "inlogcode");
    await page.getByLabel("Inlogcode").fill(codeUit(await server.postbus.wachtOp(email, voor)));
    await page.getByRole("button", { name: "Verder" }).click();
    await page.waitForURL((url) => url.pathname === "/inloggen/tweede-factor");
    await controleer(page, "tweede-stap");
    // A TOTP code is accepted once: wait for the step after the one used when enrolling.
    const volgendeStap = (Math.floor(ingeschreven / PERIODE_MS) + 1) * PERIODE_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, volgendeStap - Date.now() + 200)));
    await page.getByLabel("Code uit de app of herstelcode").fill(code(geheim));
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL((url) => url.pathname === "/zoeken");
    expect(await page.locator(".pw-kop").innerText()).toContain(naam);

    // 4. The case page of one of the GI's cases.
    await page.getByRole("link", { name: "Mijn casussen" }).click();
    await controleer(page, "casussen");
    const eerste = page.locator("main tbody tr").first().getByRole("link");
    const referentie = (await eerste.innerText()).trim();
    await eerste.click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(`Casus ${referentie}`);
    await controleer(page, "casus");
    const casusId = new URL(page.url()).pathname.split("/").pop() ?? "";

    // 5. The access log names the person and the organisation for that case page.
    const api = (pad: string) =>
      fetch(`${server.url}${pad}`, { headers: { Authorization: `Bearer ${server.tokens.beheerder}` } });
    const gebruikers = (await (await api(`/v1/gebruikers?perPagina=100`)).json()) as {
      resultaten: { id: string; email: string }[];
    };
    const persoon = gebruikers.resultaten.find((g) => g.email === email);
    expect(persoon).toBeDefined();
    const log = (await (await api(`/v1/toegangslog?casusId=${casusId}`)).json()) as {
      resultaten: { gebruikerId: string; gebruiker: string; route: string; rol: string; resultaat: number }[];
    };
    expect(log.resultaten[0]).toMatchObject({
      gebruikerId: persoon?.id,
      gebruiker: naam,
      route: "/mijn-casussen/:id",
      rol: "verwijzer",
      resultaat: 200,
    });

    // 6. The organisatiebeheerder sees the account's history and the person's own sessions show on Mijn account.
    await beheer.getByRole("link", { name: naam }).click();
    expect(await beheer.locator("main").innerText()).toMatch(/Tweede stap ingesteld[\s\S]*Account bevestigd[\s\S]*Uitgenodigd/);
    await controleer(beheer, "gebruiker");
    await page.getByRole("link", { name: new RegExp(`^${naam}`) }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mijn account");
    expect(await page.locator("main").innerText()).toContain("Beëindigen (deze sessie)");
    await controleer(page, "mijn-account");

    // The rest of Mensen: the account log and the sign-in policy.
    for (const pad of ["/gebruikers/accountlog", "/gebruikers/inlogbeleid"]) {
      await beheer.goto(`${server.url}${pad}`);
      await controleer(beheer, pad.slice(1).replace(/\//g, "-"));
    }
  });
});
