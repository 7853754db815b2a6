import type { Page } from "playwright-core";
import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen } from "./support.ts";

/**
 * Issue 15, the referrer: searching near a place name and near a postcode on the demo register
 * (no geocoder configured, so the postcode falls back to its municipality and the page says so),
 * the results as a table on a wide screen and as cards on a phone, the offer page with its
 * contract and how to refer, and an empty result with a way forward. Every page is scanned with
 * axe and photographed at 1280 and 375 px.
 */
vi.setConfig({ testTimeout: 180_000 });

browserSuite("a referrer searches near a place or a postcode", () => {
  const { server, nieuwePagina } = browserOmgeving();

  /** axe, reflow and a screenshot at 1280 px, then again at 375 px. */
  async function opBeide(page: Page, naam: string) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await controleer(page, `${naam}-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    await controleer(page, `${naam}-375`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it("by place name and by postcode, as a table and as cards, to the offer page, and past an empty result", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "verwijzer");
    await page.goto(`${server.url}/zoeken`);

    // Care types read as names, grouped by kind; no codes in the list.
    const opties = await page.locator("#zorgvorm option").allTextContents();
    expect(opties.filter((o) => /^\s*\d/.test(o))).toEqual([]);
    await page.locator("#zorgvorm").selectOption({ label: "Jeugdhulp verblijf (incl. behandeling) (alle vormen)" });
    await page.locator("#gemeente").selectOption({ label: "Den Haag" });
    await page.getByLabel("In de buurt van").fill("Naaldwijk");
    await page.getByRole("button", { name: "Zoeken", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("nabij") === "Naaldwijk");
    expect(await page.locator("main").innerText()).toContain("Afstand gemeten vanaf Naaldwijk.");

    // Wide: the table, one row per offer; the cards are hidden. Narrow: the other way round.
    const tabel = page.locator(".pw-resultaten-tabel");
    const kaarten = page.locator(".pw-resultaten-kaarten");
    expect(await tabel.isVisible()).toBe(true);
    expect(await kaarten.isVisible()).toBe(false);
    const koppen = (await tabel.locator("thead th").allInnerTexts()).map((k) => k.replace(/\u00ad/g, ""));
    expect(koppen.slice(0, 9)).toEqual([
      "Aanbod",
      "Plaats",
      "Afstand",
      "Vrije plekken",
      "Aanmeldwachttijd",
      "Behandelwachttijd",
      "Intake",
      "Bevestigd",
      "Contract",
    ]);
    expect(await tabel.locator("tbody tr").count()).toBeGreaterThan(0);
    await opBeide(page, "verwijzer-zoeken-plaats");
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await tabel.isVisible()).toBe(false);
    expect(await kaarten.isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A postcode without a geocoder: its municipality stands in, and the page says so plainly.
    await page.getByLabel("In de buurt van").fill("2611 AB");
    await page.getByRole("button", { name: "Zoeken", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("nabij") === "2611 AB");
    const melding = await page.getByRole("status").filter({ hasText: "Postcode 2611 AB" }).innerText();
    expect(melding).toBe(
      "Postcode 2611 AB ligt in Delft. De afstand is gemeten vanaf het midden van Delft, want het register kan postcodes niet precies opzoeken.",
    );
    await opBeide(page, "verwijzer-zoeken-postcode");

    // The offer page: contracted for Den Haag or not, how to refer, the Aanmelden path.
    const eerste = tabel.locator("tbody tr").first().locator("th a");
    const naam = (await eerste.innerText()).trim();
    await eerste.click();
    await expect.poll(() => page.locator("h1").textContent()).toContain(naam);
    const inhoud = await page.locator("main").innerText();
    expect(inhoud).toMatch(/Den Haag heeft dit aanbod (vandaag|niet) gecontracteerd/);
    expect(inhoud).toContain("Zo meldt u aan");
    expect(inhoud).toContain("standaardaanmeldformulier");
    await opBeide(page, "verwijzer-zoeken-aanbod");

    // Nothing found: the ways to widen the search, and the way to the region's zorgmakelaar.
    await page.goto(
      `${server.url}/zoeken?zorgvorm=gezinshuis&gemeente=GM0629&nabij=Wassenaar&straal=1&maxWachttijd=0&alleenVrij=true`,
    );
    expect(await page.locator("h2#resultaten-kop").innerText()).toBe("Geen resultaten");
    const leeg = await page.locator("main").innerText();
    expect(leeg).toContain("Zoek ook aanbod dat Wassenaar niet heeft gecontracteerd");
    expect(leeg).toContain("Zoek zonder maximale wachttijd");
    expect(leeg).toContain("zorgmakelaar van regio Haaglanden");
    await opBeide(page, "verwijzer-zoeken-leeg");
  });
});
