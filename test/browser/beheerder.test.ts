import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { browserSuite, controleer, inloggen, startChromium, startServer, type TestServer } from "./support.ts";

/**
 * The beheerder's pages of issue 15 in Debian's Chromium against the real server with the demo
 * data: a new priority-rule version made with the form (an error first, with what was typed
 * kept), previewed against the version in force and saved; a new token shown once after a
 * redirect, with a copy button, and gone on reload; the contract list. Every page is scanned
 * with axe and photographed at 1280 and at 375 px wide.
 */
vi.setConfig({ testTimeout: 180_000 });

browserSuite("the beheerder in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  const contexten: BrowserContext[] = [];
  const consoleFouten: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), startChromium()]);
  }, 90_000);

  afterAll(async () => {
    for (const c of contexten) await c.close();
    await browser?.close();
    await server?.close();
    expect(consoleFouten).toEqual([]);
  });

  async function nieuwePagina(): Promise<Page> {
    const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    contexten.push(context);
    const page = await context.newPage();
    page.on("console", (m) => {
      // A 4xx page (a refused form, a spent one-time view) is logged by Chromium as a failed load: expected.
      const verwacht = m.text().startsWith("Failed to load resource: the server responded with a status of 4");
      if (m.type() === "error" && !verwacht) consoleFouten.push(`${page.url()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => consoleFouten.push(`${page.url()}: ${e.message}`));
    return page;
  }

  /** axe, reflow and a screenshot at the desktop width and again on a phone (375 px). */
  async function opBeide(page: Page, naam: string): Promise<void> {
    await controleer(page, naam);
    await page.setViewportSize({ width: 375, height: 812 });
    await controleer(page, `${naam}-375`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it("makes a rule version with the form: an error kept with what was typed, a preview of the difference, then saved", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "beheerder");
    await page.goto(`${server.url}/beheer/prioriteringsregels`);
    await opBeide(page, "beheer-regels-formulier");

    // The trailing empty group of the form becomes a new group.
    const namen: { naam: string; waarde: string }[] = [];
    for (const veld of await page.locator('input[name$="-naam"]').all())
      namen.push({ naam: (await veld.getAttribute("name")) ?? "", waarde: await veld.inputValue() });
    const leeg = namen.find((n) => n.waarde === "")?.naam ?? "";
    const g = leeg.replace(/-naam$/, "");
    expect(g).toMatch(/^g\d+$/);
    await page.locator(`#${g}-naam`).fill("lang wachtend");
    await page.locator(`#${g}-v0-veld`).selectOption("wachtdagen");
    await page.locator(`#${g}-v0-op`).selectOption(">=");
    await page.locator(`#${g}-v0-waarde`).fill("negentig");
    await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await expect.poll(() => page.locator(`#${g}-v0-waarde-fout`).textContent()).toContain("geheel getal");
    expect(await page.locator(`#${g}-naam`).inputValue()).toBe("lang wachtend");
    expect(await page.locator(`#${g}-v0-waarde`).inputValue()).toBe("negentig");
    expect(await page.evaluate("document.activeElement?.hasAttribute('data-foutsamenvatting')")).toBe(true);
    await opBeide(page, "beheer-regels-fout");

    await page.locator(`#${g}-v0-waarde`).fill("90");
    await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await expect.poll(() => page.locator("#voorbeeld-kop").count()).toBe(1);
    const verschil = await page.locator("#voorbeeld").innerText();
    expect(verschil).toContain("lang wachtend");
    expect(verschil).toContain("het aantal dagen wachten is minstens 90");
    expect(verschil).toContain("Nieuw");
    await opBeide(page, "beheer-regels-voorbeeld");

    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await page.waitForURL((url) => /^\/beheer\/prioriteringsregels\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await page.getByRole("status").first().textContent()).toContain("De nieuwe versie is toegevoegd.");
    expect(await page.locator("main").innerText()).toContain("het aantal dagen wachten is minstens 90");
    await opBeide(page, "beheer-regels-opgeslagen");
  });

  it("creates a token shown once after a redirect, copies it, and a reload shows it no more", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "beheerder");
    await page.goto(`${server.url}/beheer/tokens`);
    const organisatie = page.locator("#organisatieId");
    const keuze: { waarde: string; tekst: string }[] = [];
    for (const optie of await organisatie.locator("option").all())
      keuze.push({ waarde: (await optie.getAttribute("value")) ?? "", tekst: (await optie.textContent()) ?? "" });
    const aanbieder = keuze.find((o) => o.tekst.includes("(Aanbieder)"));
    expect(aanbieder).toBeDefined();
    await organisatie.selectOption(aanbieder?.waarde ?? "");
    await page.locator("#rol").selectOption("aanbieder");
    await page.locator("#omschrijving").fill("Browsertest cliëntsysteem");
    await page.getByRole("button", { name: "Token aanmaken" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/beheer/tokens/nieuw/"));
    const token = (await page.locator("#nieuw-token").innerText()).trim();
    expect(token).toMatch(/^pw_/);
    expect(page.url()).not.toContain(token);
    const kopieer = page.getByRole("button", { name: "Token kopiëren" });
    expect(await kopieer.isVisible()).toBe(true);
    await kopieer.click();
    await expect.poll(() => page.locator("#nieuw-token-status").textContent()).toContain("klembord");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(token);
    await opBeide(page, "beheer-token-eenmalig");

    await page.reload();
    expect(await page.locator("main").innerText()).toContain("Dit token wordt niet meer getoond");
    expect(await page.content()).not.toContain(token);
    await opBeide(page, "beheer-token-niet-meer");
  });

  it("shows the contracts, current ones first with their status", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "beheerder");
    await page.goto(`${server.url}/beheer/contracten`);
    const statussen = await page.locator("tbody .utrecht-status-badge").allTextContents();
    expect(statussen.length).toBeGreaterThan(0);
    const volgorde = ["Lopend", "Toekomstig", "Verlopen"];
    const rang = statussen.map((s) => volgorde.indexOf(s.trim()));
    expect(rang).toEqual([...rang].sort((a, b) => a - b));
    await opBeide(page, "beheer-contracten");
  });
});
