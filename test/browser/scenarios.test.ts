import type { Page } from "playwright-core";
import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen } from "./support.ts";

/**
 * The three scenarios of issue 6 in Debian's Chromium against the real server with the demo
 * data: a provider's weekly routine, a referrer's search, a broker's list and matching. Every
 * page visited is scanned with axe (no serious or critical findings) and photographed.
 */
// A scenario clicks through several pages, each scanned and photographed; on a loaded machine (the
// whole suite on two shared CPUs) the longest, a dozen pages, takes well over a minute.
vi.setConfig({ testTimeout: 180_000 });

browserSuite("the web app in a real browser", () => {
  const { server, nieuwePagina } = browserOmgeving();
  /** Shared between the scenarios: the offer the provider changed, and its new figure. */
  const gewijzigd = { id: "", naam: "", vrijePlekken: 0 };

  it("a provider confirms everything, changes one offer, sees the error for too many free places and fixes it", async () => {
    const page = await nieuwePagina();
    await page.goto(`${server.url}/inloggen`);
    await controleer(page, "inloggen");
    await inloggen(page, server, "aanbieder");
    expect(new URL(page.url()).pathname).toBe("/mijn-aanbod");
    await controleer(page, "mijn-aanbod");

    const opslaan = page.getByRole("button", { name: "Opslaan en bevestigen" }).last();
    await opslaan.click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/bevestigd/i);
    expect(await page.locator("tbody .utrecht-status-badge").allTextContents()).toEqual(expect.arrayContaining(["Actueel"]));
    expect(await page.locator("tbody .utrecht-status-badge--warning, tbody .utrecht-status-badge--danger").count()).toBe(0);

    const rij = page.locator("tbody tr").first();
    gewijzigd.id = ((await rij.getAttribute("id")) ?? "").replace(/^a-/, "");
    gewijzigd.naam = ((await rij.locator("th").first().innerText()).split("\n")[0] ?? "").trim();
    const capaciteit = Number((await rij.locator("td").nth(2).innerText()).replace(/\D/g, ""));
    const veld = page.locator(`#a-${gewijzigd.id}-vrijePlekken`);

    // Too many: refused next to the field, with what was typed still there and the summary focused.
    await veld.fill(String(capaciteit + 5));
    await page.locator(`#a-${gewijzigd.id}-aanmeldwachttijdWeken`).fill("3");
    await opslaan.click();
    await expect.poll(() => page.locator(`#a-${gewijzigd.id}-vrijePlekken-fout`).textContent()).toContain("capaciteit");
    expect(await veld.inputValue()).toBe(String(capaciteit + 5));
    expect(await page.locator(`#a-${gewijzigd.id}-aanmeldwachttijdWeken`).inputValue()).toBe("3");
    expect(await page.evaluate("document.activeElement?.hasAttribute('data-foutsamenvatting')")).toBe(true);
    await controleer(page, "mijn-aanbod-fout");

    // Fixed: one free place fewer than the capacity allows is stored.
    gewijzigd.vrijePlekken = Math.max(0, capaciteit - 1);
    await veld.fill(String(gewijzigd.vrijePlekken));
    await opslaan.click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/opgeslagen/i);
    expect(await page.locator(`#a-${gewijzigd.id}-vrijePlekken`).inputValue()).toBe(String(gewijzigd.vrijePlekken));

    await page.getByRole("link", { name: `Historie van ${gewijzigd.naam}` }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Historie");
    expect(await page.locator("main").innerText()).toContain("Vrije plekken");
    await controleer(page, "mijn-aanbod-historie");
  });

  it("a referrer searches, finds that change at once, opens the result and shares the URL", async () => {
    expect(gewijzigd.id).not.toBe("");
    const page = await nieuwePagina();
    await inloggen(page, server, "verwijzer");
    expect(new URL(page.url()).pathname).toBe("/zoeken");
    await controleer(page, "zoeken");

    await page.getByLabel("Zoektekst").fill(gewijzigd.naam);
    await page.getByRole("button", { name: "Zoeken", exact: true }).click();
    const kaart = page.locator(`article[data-aanbod="${gewijzigd.id}"]`);
    await expect.poll(() => kaart.count()).toBe(1);
    const plekken = gewijzigd.vrijePlekken === 1 ? "1 plek" : `${gewijzigd.vrijePlekken} plekken`;
    expect(await kaart.innerText()).toContain(plekken);
    expect(await kaart.innerText()).toContain("Bevestigd vandaag");
    await controleer(page, "zoeken-resultaten");

    const gedeeld = await page.getByLabel("Link om deze zoekopdracht te delen of te bewaren").inputValue();
    expect(gedeeld).toBe(new URL(page.url()).pathname + new URL(page.url()).search);

    // Wide, the results are a table (the cards are for a narrow screen): click in what is shown.
    await page
      .locator(`[data-aanbod="${gewijzigd.id}"]:visible`)
      .getByRole("link", { name: gewijzigd.naam, exact: true })
      .click();
    await expect.poll(() => page.locator("h1").textContent()).toContain(gewijzigd.naam);
    expect(await page.locator("main").innerText()).toContain(plekken);
    await controleer(page, "zoeken-aanbod");

    // A colleague opens the shared link: signs in first, then sees the same search.
    const collega = await nieuwePagina();
    await collega.goto(`${server.url}${gedeeld}`);
    expect(new URL(collega.url()).pathname).toBe("/inloggen");
    await inloggen(collega, server, "verwijzer");
    await collega.waitForURL((url) => url.pathname === "/zoeken");
    expect(new URL(collega.url()).search).toBe(new URL(`${server.url}${gedeeld}`).search);
    expect(await collega.locator(`article[data-aanbod="${gewijzigd.id}"]`).innerText()).toContain(plekken);
  });

  it("a broker overrides one case with a reason, runs matching, accepts a proposal and sees the place taken in search", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "zorgmakelaar");
    expect(new URL(page.url()).pathname).toBe("/wachtlijst");
    await controleer(page, "wachtlijst");

    // The ranked list: open the case in position 2 and move it by hand, with a reason.
    const gerangschikt = page
      .locator("table")
      .filter({ has: page.locator("caption", { hasText: "in volgorde van prioriteit" }) });
    expect(await gerangschikt.locator("tbody tr").count()).toBeGreaterThan(2);
    const tweede = gerangschikt.locator("tbody tr").nth(1);
    const referentie = (await tweede.getByRole("link").first().innerText()).trim();
    await tweede.getByRole("link", { name: referentie }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain(referentie);
    await controleer(page, "wachtlijst-casus");
    await page.getByLabel("Nieuwe prioriteitsgroep").selectOption("2");
    await page
      .getByLabel("Reden", { exact: true })
      .fill("Gezinssituatie verslechterd; overleg met de jeugdbeschermer (synthetisch).");
    await page.getByRole("button", { name: "Prioriteit opslaan" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/prioriteit/i);
    expect(await page.locator("main").innerText()).toContain("Gezinssituatie verslechterd");

    await page.getByRole("link", { name: "Matching" }).click();
    await controleer(page, "matching");
    await page.getByRole("button", { name: "Matching uitvoeren" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/nieuwe? voorstel/);
    const voorstel = page
      .locator("article.pw-kaart")
      .filter({ has: page.getByRole("button", { name: /^Accepteren/ }) })
      .first();
    await expect.poll(() => voorstel.count()).toBe(1);
    await controleer(page, "matching-voorstellen");
    const href =
      (await voorstel.getByRole("link", { name: "Bekijk het aanbod en de contactgegevens" }).getAttribute("href")) ?? "";
    const aanbodId = href.replace("/zoeken/aanbod/", "");
    expect(aanbodId).toMatch(/^[0-9a-f-]{36}$/);
    const referentieVoorstel = /Casus (\S+)/.exec(await voorstel.locator("h3").innerText())?.[1] ?? "";
    const verwijzer = await nieuwePaginaAls("verwijzer");
    const vrijVoor = await vrijePlekken(verwijzer, aanbodId);

    // Accepting sends an aanmelding with the hold: the provider decides, the hold is answered through it.
    await voorstel.getByRole("button", { name: /^Accepteren/ }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/Aanmelding verstuurd/);
    // The holds have their own page (issue 15): one tab further.
    await page.getByRole("link", { name: "Reserveringen", exact: true }).click();
    const reserveringen = page.locator("table").filter({ hasText: "Hoort bij een aanmelding" });
    expect(await reserveringen.innerText()).toContain(referentieVoorstel);
    await controleer(page, "matching-reservering");

    // The referrer sees the place held: one place fewer left to refer to on the offer's page.
    expect(await vrijePlekken(verwijzer, aanbodId)).toBe(vrijVoor - 1);
    await controleer(verwijzer, "zoeken-na-reservering");
  });

  it("works with the keyboard alone: skip link, sign-in and the weekly confirmation, in a sensible focus order", async () => {
    const page = await nieuwePagina();
    const gefocust = () =>
      page.evaluate(
        "(() => { const e = document.activeElement; return e ? (e.getAttribute('aria-label') || e.textContent || e.id || e.tagName).trim() : ''; })()",
      );
    await page.goto(`${server.url}/inloggen`);
    await page.keyboard.press("Tab");
    expect(await gefocust()).toBe("Direct naar de inhoud");
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#inhoud");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.id")).toBe("email");
    // On to the demo person of a provider (demo mode), with the keyboard.
    for (let i = 0; i < 20 && (await gefocust()) !== "Demo: aanbieder"; i++) await page.keyboard.press("Tab");
    expect(await gefocust()).toBe("Demo: aanbieder");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/mijn-aanbod");

    const volgorde: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press("Tab");
      volgorde.push(String(await gefocust()));
    }
    expect(volgorde[2]).toMatch(/^Demo Aanbieder, Demo .+ \(aanbieder\)$/);
    expect([...volgorde.slice(0, 2), ...volgorde.slice(3)]).toEqual([
      "Direct naar de inhoud",
      "Plekwijzer",
      "Uitloggen",
      "Mijn aanbod",
      "Aanmeldingen",
      "Zoeken",
      "Naar de aanmeldingen",
      "Opslaan en bevestigen",
    ]);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/bevestigd/i);
  });

  it("works without JavaScript: sign in, search and confirm", async () => {
    const page = await nieuwePagina({ javaScriptEnabled: false });
    await inloggen(page, server, "aanbieder");
    await page.getByRole("button", { name: "Opslaan en bevestigen" }).first().click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/bevestigd/i);
    await page.getByRole("link", { name: "Zoeken" }).click();
    await page.getByLabel("Zoektekst").fill("jeugd");
    await page.getByRole("button", { name: "Zoeken", exact: true }).click();
    expect(new URL(page.url()).searchParams.get("q")).toBe("jeugd");
    expect(await page.locator("article.pw-kaart").count()).toBeGreaterThan(0);
  });

  it("every other page passes the axe scan too", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "zorgmakelaar");
    await page.goto(`${server.url}/overzicht`);
    await controleer(page, "overzicht");
    const beheer = await nieuwePagina();
    await inloggen(beheer, server, "beheerder");
    for (const pad of [
      "/beheer",
      "/beheer/catalogus",
      "/beheer/contracten",
      "/beheer/prioriteringsregels",
      "/beheer/organisaties",
      "/beheer/tokens",
    ]) {
      await beheer.goto(`${server.url}${pad}`);
      expect(await beheer.locator("h1").count()).toBe(1);
      await controleer(beheer, pad.slice(1).replace(/\//g, "-"));
    }
    // A rule-set version, a refused form, and the page that shows a new token once.
    await beheer.goto(`${server.url}/beheer/prioriteringsregels`);
    await beheer.locator('a[href^="/beheer/prioriteringsregels/"]').first().click();
    await controleer(beheer, "beheer-prioriteringsregel");
    await beheer.goto(`${server.url}/beheer/tokens`);
    await beheer.getByRole("button", { name: "Token aanmaken" }).click();
    expect(await beheer.locator("[data-foutsamenvatting]").count()).toBe(1);
    await controleer(beheer, "beheer-tokens-fout");
    await beheer
      .getByLabel("Organisatie", { exact: true })
      .selectOption({ label: "Demo Jeugdbescherming Haaglanden (Gecertificeerde instelling)" });
    await beheer.getByLabel("Rol", { exact: true }).selectOption("verwijzer");
    await beheer.getByLabel(/^Koppeling/).fill("Browsertest (synthetisch)");
    await beheer.getByRole("button", { name: "Token aanmaken" }).click();
    expect(await beheer.locator(".pw-eenmalig").innerText()).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    expect(new URL(beheer.url()).search).toBe("");
    await controleer(beheer, "beheer-token-eenmalig");

    await beheer.goto(`${server.url}/overzicht`);
    await controleer(beheer, "overzicht-beheerder");
    await beheer.goto(`${server.url}/wachtlijst`);
    await controleer(beheer, "geen-toegang");
    await beheer.goto(`${server.url}/zoeken?leeftijd=abc&q=jeugd`);
    await controleer(beheer, "zoeken-fout");
    await beheer.goto(`${server.url}/bestaat-niet`);
    await controleer(beheer, "niet-gevonden");
  });

  async function nieuwePaginaAls(rol: "verwijzer"): Promise<Page> {
    const page = await nieuwePagina();
    await inloggen(page, server, rol);
    return page;
  }

  /** The places still to be had on the offer's page in search, as a referrer reads them: free minus held through the register. */
  async function vrijePlekken(page: Page, aanbodId: string): Promise<number> {
    await page.goto(`${server.url}/zoeken/aanbod/${aanbodId}`);
    const tekst = await page.locator("main").innerText();
    // "5 plekken, waarvan 1 vastgehouden via Plekwijzer": what is left for a new referral.
    const match = /Vrije plekken\s*\n?\s*(\d+)([^\n]*)/.exec(tekst);
    if (!match?.[1]) throw new Error(`no free places on the offer page: ${tekst.slice(0, 400)}`);
    return Number(match[1]) - Number(/waarvan (\d+) vastgehouden/.exec(match[2] ?? "")?.[1] ?? 0);
  }
});
