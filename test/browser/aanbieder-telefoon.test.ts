import type { Page } from "playwright-core";
import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen, schermafdruk } from "./support.ts";

/**
 * Issue 15: a provider on a 375 px phone keeps the week's figures on Mijn aanbod. It edits two
 * offers, saves once, and every other offer is confirmed as unchanged; nothing typed is lost
 * (checked in the stored figures through the API), the message after saving is in view, every
 * field is on the screen (one card per offer), and axe finds nothing serious.
 */
vi.setConfig({ testTimeout: 180_000 });

interface Aanbod {
  id: string;
  naam: string;
  vrijePlekken: number;
  capaciteit: number;
  aanmeldwachttijdWeken: number | null;
  versie: number;
  bevestigdOp: string | null;
  gewijzigdOp: string;
}

browserSuite("a provider on a phone", () => {
  const omgeving = browserOmgeving();
  const { server } = omgeving;
  /** A phone (or, from 800 px, a desktop) with its own touch and pixel density. */
  const telefoon = (breedte = 375) =>
    omgeving.nieuwePagina({
      viewport: { width: breedte, height: 740 },
      isMobile: breedte < 800,
      hasTouch: breedte < 800,
      deviceScaleFactor: 2,
    });

  async function aanbodVia(id: string): Promise<Aanbod> {
    const res = await fetch(`${server.url}/v1/aanbod/${id}`, { headers: { Authorization: `Bearer ${server.tokens.aanbieder}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Aanbod;
  }

  /** Inputs and selects whose right edge is beyond the screen: none, also not inside a scrolling box. */
  async function veldenBuitenBeeld(page: Page): Promise<string[]> {
    return (await page.evaluate(`(() => {
      const breedte = document.documentElement.clientWidth;
      return [...document.querySelectorAll("form#weekstaat input:not([type=hidden]), form#weekstaat select")]
        .filter((e) => e.getBoundingClientRect().right > breedte + 0.5)
        .map((e) => e.id);
    })()`)) as string[];
  }

  it("edits two offers and confirms the rest in one save, without losing anything", async () => {
    const page = await telefoon();
    await inloggen(page, server, "aanbieder");
    expect(new URL(page.url()).pathname).toBe("/mijn-aanbod");
    await controleer(page, "aanbieder-telefoon-375");
    expect(await veldenBuitenBeeld(page)).toEqual([]);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    expect(await page.locator("main").innerText()).toContain("Na 14 dagen zien verwijzers het niet meer");

    const ids = (
      await page.locator("form#weekstaat tbody tr").evaluateAll((rows) => rows.map((r) => r.id.replace(/^a-/, "")))
    ).filter(Boolean);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const voor = await Promise.all(ids.map(aanbodVia));
    const [eerste, tweede] = voor as [Aanbod, Aanbod];
    const nieuw = {
      [eerste.id]: { vrijePlekken: eerste.vrijePlekken === 0 ? 1 : eerste.vrijePlekken - 1, aanmeldwachttijdWeken: 11 },
      [tweede.id]: { vrijePlekken: tweede.vrijePlekken === 0 ? 1 : 0, aanmeldwachttijdWeken: 12 },
    };
    for (const a of [eerste, tweede]) {
      expect(a.capaciteit).toBeGreaterThanOrEqual(1);
      await page.locator(`#a-${a.id}-vrijePlekken`).fill(String(nieuw[a.id]?.vrijePlekken));
      await page.locator(`#a-${a.id}-aanmeldwachttijdWeken`).fill(String(nieuw[a.id]?.aanmeldwachttijdWeken));
    }
    // Another button or link on the page (a reservation, the referrals) would leave the typed figures: the page asks first.
    const vragen: string[] = [];
    page.once("dialog", (d) => {
      vragen.push(d.type());
      void d.dismiss();
    });
    await page.getByRole("link", { name: "Naar de aanmeldingen" }).click();
    await expect.poll(() => vragen).toEqual(["beforeunload"]);
    expect(new URL(page.url()).pathname).toBe("/mijn-aanbod");
    expect(await page.locator(`#a-${eerste.id}-aanmeldwachttijdWeken`).inputValue()).toBe("11");

    await page.getByRole("button", { name: "Opslaan en bevestigen" }).last().click();
    await page.waitForURL((url) => url.searchParams.get("melding") === "opgeslagen");

    // The message is in view at once, not above a row the page jumped to.
    const melding = page.getByRole("status").first();
    expect(await melding.innerText()).toContain("De nieuwe cijfers van 2 onderdelen van uw aanbod zijn opgeslagen.");
    expect(await melding.innerText()).toContain(`De cijfers van ${ids.length - 2} `);
    const vak = await melding.boundingBox();
    expect(vak).not.toBeNull();
    expect((vak?.y ?? -1) >= 0 && (vak?.y ?? 9999) + (vak?.height ?? 0) <= 740).toBe(true);
    await page.screenshot({ path: new URL("../artifacts/aanbieder-telefoon-opgeslagen-beeld.png", import.meta.url).pathname });

    // The stored figures: both edits kept, every other offer confirmed with its figures as they were.
    const vandaag = new Date().toISOString().slice(0, 10);
    for (const v of voor) {
      const na = await aanbodVia(v.id);
      expect(na.bevestigdOp?.slice(0, 10)).toBe(vandaag);
      const bewerkt = nieuw[v.id];
      if (bewerkt) {
        expect(na).toMatchObject(bewerkt);
        expect(na.versie).toBe(v.versie + 1);
      } else {
        expect({
          vrijePlekken: na.vrijePlekken,
          aanmeldwachttijdWeken: na.aanmeldwachttijdWeken,
          gewijzigdOp: na.gewijzigdOp,
        }).toEqual({
          vrijePlekken: v.vrijePlekken,
          aanmeldwachttijdWeken: v.aanmeldwachttijdWeken,
          gewijzigdOp: v.gewijzigdOp,
        });
      }
    }
    await controleer(page, "aanbieder-telefoon-na-opslaan");
  });

  it("shows one offer per card at 320 px, and the table at 1280 px", async () => {
    const smal = await telefoon(320);
    await inloggen(smal, server, "aanbieder");
    expect(await veldenBuitenBeeld(smal)).toEqual([]);
    expect(await smal.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    expect(
      await smal
        .locator("form#weekstaat thead")
        .boundingBox()
        .then((b) => (b?.height ?? 0) <= 1),
    ).toBe(true);
    await schermafdruk(smal, "aanbieder-telefoon-320");
    await smal
      .locator("form#weekstaat tbody tr")
      .first()
      .screenshot({ path: new URL("../artifacts/aanbieder-telefoon-320-kaart.png", import.meta.url).pathname });
    await smal.getByRole("link", { name: "Aanbod toevoegen" }).click();
    await controleer(smal, "aanbieder-aanbod-toevoegen-320");

    const breed = await telefoon(1280);
    await inloggen(breed, server, "aanbieder");
    expect(await breed.locator("form#weekstaat thead").isVisible()).toBe(true);
    await controleer(breed, "aanbieder-mijn-aanbod-1280");
    await breed
      .locator("form#weekstaat tbody tr")
      .first()
      .getByRole("link", { name: /^Gegevens wijzigen van/ })
      .click();
    await controleer(breed, "aanbieder-gegevens-1280");
    // Ending asks once; "Annuleren" goes back and nothing happens.
    await breed.getByRole("button", { name: "Aanbod beëindigen" }).click();
    await expect.poll(() => breed.locator("h2").first().textContent()).toContain("Weet u het zeker?");
    await controleer(breed, "aanbieder-aanbod-beeindigen-1280");
    await breed.getByRole("link", { name: "Annuleren" }).click();
    await breed.goto(`${server.url}/mijn-aanbod/contactgegevens`);
    await controleer(breed, "aanbieder-contactgegevens-1280");
  });
});
