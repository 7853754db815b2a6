import type { Page } from "playwright-core";
import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen, schermafdruk } from "./support.ts";

/**
 * The broker's pages of issue 15 in Debian's Chromium against the real server with the demo
 * data: proposals in waiting-list order, the matching pages as tabs, the confirmation of
 * placing and withdrawing a hold, and the waiting list with what is in play per case. Every
 * page is scanned with axe, checked for reflow at 320 px and photographed at 1280 and 375 px.
 */
vi.setConfig({ testTimeout: 180_000 });

browserSuite("the broker's waiting list and matching pages", () => {
  const { server, nieuwePagina } = browserOmgeving();

  /** axe, reflow and a screenshot at 1280 px, and a second screenshot at 375 px (a phone). */
  async function beide(page: Page, naam: string): Promise<void> {
    await controleer(page, `${naam}-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    await schermafdruk(page, `${naam}-375`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** The broker's own API call (the demo token), for what the pages do not offer: a hold taken by phone. */
  async function api(method: string, pad: string, body?: unknown) {
    const res = await fetch(`${server.url}${pad}`, {
      method,
      headers: { Authorization: `Bearer ${server.tokens.zorgmakelaar}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("a broker sees proposals in waiting-list order, holds on their own tab, confirms once, and the list says what is in play", async () => {
    const page = await nieuwePagina();
    await inloggen(page, server, "zorgmakelaar");
    await page.getByRole("link", { name: "Matching" }).click();
    expect(new URL(page.url()).pathname).toBe("/matching");
    await page.getByRole("button", { name: "Matching uitvoeren" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/nieuwe? voorstel/);
    expect(await page.locator('nav[aria-label="Onderdelen van matching"] a[aria-current="page"]').innerText()).toBe(
      "Open voorstellen",
    );
    const posities = (await page.locator(".pw-positie").allInnerTexts()).map((t) => Number(/Positie (\d+)/.exec(t)?.[1]));
    expect(posities.length).toBeGreaterThan(1);
    expect(posities).toEqual([...posities].sort((a, b) => a - b));
    await beide(page, "zm-matching-voorstellen");

    // The second proposal's case gets a place held by phone (a hold of its own); the first is accepted.
    const open = (await api("GET", "/v1/matchvoorstellen?status=open&perPagina=100")).body.resultaten as {
      casusId: string;
      aanbodId: string;
      uitleg: { plek: { wachtlijst?: boolean } };
    }[];
    const telefoon = open.find((v, i) => i > 0 && !v.uitleg.plek.wachtlijst);
    expect(telefoon).toBeDefined();
    const hold = await api("POST", "/v1/reserveringen", { aanbodId: telefoon?.aanbodId, casusId: telefoon?.casusId });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    await page.reload();
    await page
      .locator("article.pw-kaart")
      .first()
      .getByRole("button", { name: /^Accepteren/ })
      .click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/Aanmelding verstuurd/);

    await page.getByRole("link", { name: "Reserveringen", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/matching/reserveringen");
    await beide(page, "zm-matching-reserveringen");

    // Placing asks once; "Annuleren" leads back and nothing happened.
    const geplaatst = page.getByRole("button", { name: /^Geplaatst: casus/ }).first();
    const ref = ((await geplaatst.getAttribute("aria-label")) ?? "").replace("Geplaatst: casus ", "");
    await geplaatst.click();
    await expect.poll(() => page.locator("#bevestigstap-kop").textContent()).toBe("Weet u het zeker?");
    expect(await page.locator(".pw-bevestigstap").innerText()).toContain(`casus ${ref} is geplaatst`);
    await beide(page, "zm-bevestig-plaatsing");
    await page.getByRole("link", { name: "Annuleren" }).click();
    expect(await page.getByRole("button", { name: `Geplaatst: casus ${ref}` }).count()).toBe(1);

    // Withdrawing asks once too, and then acts.
    await page.getByRole("button", { name: `Intrekken: reservering voor casus ${ref}` }).click();
    await page.getByRole("button", { name: "Ja, reservering intrekken" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/De reservering is ingetrokken/);
    expect(await page.getByRole("button", { name: `Geplaatst: casus ${ref}` }).count()).toBe(0);

    await page.getByRole("link", { name: "Afgehandelde voorstellen", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/matching/afgehandeld");
    await beide(page, "zm-matching-afgehandeld");

    // The waiting list: every row says what is in play, and the placeholder group is gone.
    await page.getByRole("link", { name: "Wachtlijst", exact: true }).click();
    const lijst = await page.locator("main").innerText();
    expect(lijst).toContain("Loopt nu");
    expect(lijst).toContain("Open voorstel:");
    expect(lijst).toContain("Aanmelding verstuurd:");
    expect(lijst).toContain("Niets lopend");
    expect(lijst).not.toContain("in te vullen door de regio");
    await beide(page, "zm-wachtlijst");
  });
});
