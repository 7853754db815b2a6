import type { Page } from "playwright-core";
import { expect, it, vi } from "vitest";
import { plusDagen } from "../../src/kern/dates.ts";
import { isoDate } from "../../src/kern/time.ts";
import { browserOmgeving, browserSuite, controleer, inloggen } from "./support.ts";

/**
 * The referral loop of issue 13 as its users run it, in Debian's Chromium against the real
 * server with the demo data: a jeugdbeschermer registers a case with a court ruling 100 days
 * ago and refers it from a search result; the provider declines another referral (asked once),
 * accepts this one and records the start of help; the case shows the days waited from the
 * ruling to the start, and the broker sees that lead time on the waiting list. Every page is
 * scanned with axe and photographed at 1280 and at 375 px wide.
 */
vi.setConfig({ testTimeout: 180_000 });

const WACHTDAGEN = 100;
const TOELICHTING = "Browsertest: graag telefonisch contact voor een kennismaking (synthetisch).";

browserSuite("the referral loop in a real browser", () => {
  const { server, nieuwePagina } = browserOmgeving({ startTimeoutMs: 90_000 });

  /** axe, reflow and a screenshot at the desktop width and again on a phone (375 px). */
  async function opBeide(page: Page, naam: string): Promise<void> {
    await controleer(page, naam);
    await page.setViewportSize({ width: 375, height: 812 });
    await controleer(page, `${naam}-375`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const status = (page: Page) => page.getByRole("status").first().textContent();

  it("registers a case, refers it from search, the provider accepts and starts, and the case shows the days waited", async () => {
    const vandaag = isoDate(new Date());
    const uitspraak = plusDagen(vandaag, -WACHTDAGEN);
    const aanbod = server.demoAanbod;
    const leeftijd = Math.min(aanbod.leeftijdTot, aanbod.leeftijdVan + 1);
    const geboortedatum = plusDagen(vandaag, -(leeftijd * 365 + 100));
    const referentie = "GI-2026-BROWSER";

    // The jeugdbeschermer registers the case; a missing birth date is refused with what was typed kept.
    const gi = await nieuwePagina();
    await inloggen(gi, server, "verwijzer");
    await gi.getByRole("link", { name: "Mijn casussen" }).click();
    await expect.poll(() => gi.locator("h1").textContent()).toContain("Mijn casussen");
    await opBeide(gi, "mijn-casussen");
    await gi.getByRole("link", { name: "Nieuwe casus registreren" }).click();
    await gi.getByLabel("Referentie").fill(referentie);
    await gi.getByLabel("Woongemeente").selectOption({ index: 1 });
    await gi.getByLabel("Gevraagde zorg").selectOption(aanbod.zorgvorm);
    await gi.getByLabel("Maatregel 1: soort").selectOption("ots");
    await gi.getByLabel("Maatregel 1: datum van de uitspraak").fill(uitspraak);
    await gi.getByRole("button", { name: "Casus registreren" }).click();
    await expect.poll(() => gi.locator("#geboortedatum-fout").textContent()).toContain("geboortedatum");
    expect(await gi.getByLabel("Referentie").inputValue()).toBe(referentie);
    expect(await gi.getByLabel("Maatregel 1: datum van de uitspraak").inputValue()).toBe(uitspraak);
    expect(await gi.getByLabel("Gevraagde zorg").inputValue()).toBe(aanbod.zorgvorm);
    await opBeide(gi, "casus-nieuw-fout");
    await gi.getByLabel("Geboortedatum").fill(geboortedatum);
    await gi.getByRole("button", { name: "Casus registreren" }).click();
    await expect.poll(() => gi.locator("h1").textContent()).toContain(referentie);
    const casusPad = new URL(gi.url()).pathname;
    const casusId = casusPad.split("/").pop() ?? "";
    expect(await gi.locator("main").innerText()).toContain(`${WACHTDAGEN} dagen sinds de uitspraak`);
    await opBeide(gi, "mijn-casus-nieuw");

    // It searches the care and refers the case from the result; a missing contact name keeps the note.
    await gi.getByRole("link", { name: "Zoeken" }).click();
    await gi.getByLabel("Zoektekst").fill(aanbod.naam);
    await gi.getByRole("button", { name: "Zoeken", exact: true }).click();
    const kaart = gi.locator(`article[data-aanbod="${aanbod.id}"]`);
    await expect.poll(() => kaart.count()).toBe(1);
    // Wide, the results are a table (the cards are for a narrow screen): click in what is shown.
    await gi
      .locator(`[data-aanbod="${aanbod.id}"]:visible`)
      .getByRole("link", { name: `Aanmelden bij ${aanbod.naam}` })
      .click();
    await gi.getByLabel("Casus", { exact: true }).selectOption(casusId);
    await opBeide(gi, "aanmelden-kies-casus");
    await gi.getByRole("button", { name: "Aanmeldformulier openen" }).click();
    await expect.poll(() => gi.locator("h1").textContent()).toBe(`Casus ${referentie} aanmelden`);
    expect(await gi.getByLabel("Gevraagde hulp").inputValue()).toBe(aanbod.zorgvorm);
    await gi.getByLabel(/^Toelichting voor de aanbieder/).fill(TOELICHTING);
    await gi.getByLabel(/^Telefoonnummer/).fill("070 555 0199");
    await gi.getByRole("button", { name: "Aanmelding versturen" }).click();
    await expect.poll(() => gi.locator("[data-foutsamenvatting]").count()).toBe(1);
    expect(await gi.getByLabel(/^Toelichting voor de aanbieder/).inputValue()).toBe(TOELICHTING);
    expect(await gi.getByLabel(/^Telefoonnummer/).inputValue()).toBe("070 555 0199");
    await opBeide(gi, "aanmelden-fout");
    await gi.getByLabel("Naam", { exact: true }).fill("B. Browser");
    await gi.getByRole("button", { name: "Aanmelding versturen" }).click();
    await expect.poll(() => status(gi)).toMatch(/Aanmelding verstuurd naar/);
    expect(new URL(gi.url()).pathname).toBe(casusPad);
    await opBeide(gi, "mijn-casus-aangemeld");

    // The provider declines another referral (asked once, with the reason), then accepts this one and records the start.
    const aanbieder = await nieuwePagina();
    await inloggen(aanbieder, server, "aanbieder");
    await aanbieder.getByRole("link", { name: "Aanmeldingen", exact: true }).click();
    await expect.poll(() => aanbieder.locator("h1").textContent()).toContain("Aanmeldingen");
    await opBeide(aanbieder, "aanbieder-aanmeldingen");
    const andere = aanbieder
      .locator("article.pw-kaart")
      .filter({ hasNotText: TOELICHTING })
      .filter({ has: aanbieder.getByRole("link", { name: /^Afwijzen: / }) })
      .first();
    await andere.getByRole("link", { name: /^Afwijzen: / }).click();
    await expect.poll(() => aanbieder.locator("h1").textContent()).toContain("Aanmelding afwijzen");
    expect(await aanbieder.locator("main").innerText()).toContain("Dit kunt u niet ongedaan maken.");
    await aanbieder.getByLabel(/^Toelichting/).fill("Onze groep is nu te vol voor deze hulpvraag.");
    await aanbieder.getByRole("button", { name: "Aanmelding afwijzen" }).click();
    await expect.poll(() => aanbieder.locator("#reden-fout").textContent()).toContain("reden");
    expect(await aanbieder.getByLabel(/^Toelichting/).inputValue()).toBe("Onze groep is nu te vol voor deze hulpvraag.");
    await opBeide(aanbieder, "aanbieder-afwijzen-fout");
    await aanbieder.getByLabel("Reden van afwijzen").selectOption("geen-plek");
    await aanbieder.getByRole("button", { name: "Aanmelding afwijzen" }).click();
    await expect.poll(() => status(aanbieder)).toMatch(/afgewezen/);

    const mijn = aanbieder.locator("article.pw-kaart").filter({ hasText: TOELICHTING });
    expect(await mijn.count()).toBe(1);
    expect(await mijn.innerText()).toContain(`${leeftijd} jaar`);
    expect(await mijn.innerText()).not.toContain(referentie);
    await mijn.getByLabel("Verwachte startdatum").fill(vandaag);
    await mijn.getByRole("button", { name: /^Accepteren/ }).click();
    await expect.poll(() => status(aanbieder)).toMatch(/geaccepteerd/);
    const geaccepteerd = aanbieder.locator("article.pw-kaart").filter({ hasText: TOELICHTING });
    expect(await geaccepteerd.getByLabel("Startdatum van de hulp").inputValue()).toBe(vandaag);
    await opBeide(aanbieder, "aanbieder-geaccepteerd");
    await geaccepteerd.getByRole("button", { name: /^Start vastleggen/ }).click();
    await expect.poll(() => status(aanbieder)).toMatch(/start van de hulp is vastgelegd/);

    // The case shows the days waited from the ruling to the start of help: the clock stopped at the start.
    await gi.goto(`${server.url}${casusPad}`);
    const casus = await gi.locator("main").innerText();
    expect(casus).toContain(`Gewacht\n${WACHTDAGEN} dagen sinds de uitspraak`);
    expect(casus).toContain(`doorlooptijd ${WACHTDAGEN} dagen, van de uitspraak tot de start van de hulp`);
    await opBeide(gi, "mijn-casus-gestart");

    // The broker sees the lead time among the cases whose help started lately.
    const makelaar = await nieuwePagina();
    await inloggen(makelaar, server, "zorgmakelaar");
    const gestart = makelaar
      .locator("table")
      .filter({ has: makelaar.locator("caption", { hasText: "Hulp gestart in de laatste" }) });
    const rij = gestart.locator("tbody tr").filter({ hasText: referentie });
    expect(await rij.innerText()).toContain(`${WACHTDAGEN} dagen, van de uitspraak tot de start`);
    await opBeide(makelaar, "wachtlijst-gestart");
    await rij.getByRole("link", { name: referentie }).click();
    expect(await makelaar.locator("main").innerText()).toContain(`doorlooptijd ${WACHTDAGEN} dagen`);
    await opBeide(makelaar, "wachtlijst-casus-gestart");
  });
});
