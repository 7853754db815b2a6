import type { Page } from "playwright-core";
import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen } from "./support.ts";

/**
 * The beheerder's pages of issue 15 in Debian's Chromium against the real server with the demo
 * data: a new priority-rule version made with the form (an error first, with what was typed
 * kept), previewed against the version in force and saved; a new token shown once after a
 * redirect, with a copy button, and gone on reload; the contract list. Every page is scanned
 * with axe and photographed at 1280 and at 375 px wide.
 */
vi.setConfig({ testTimeout: 180_000 });

browserSuite("the beheerder in a real browser", () => {
  const omgeving = browserOmgeving({ startTimeoutMs: 90_000 });
  const { server } = omgeving;
  /** The token page's copy button writes to the clipboard; the test reads it back. */
  const nieuwePagina = () => omgeving.nieuwePagina({ permissions: ["clipboard-read", "clipboard-write"] });

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
