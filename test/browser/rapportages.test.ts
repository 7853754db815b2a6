import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen, schermafdruk } from "./support.ts";

/**
 * Issue 14 in Debian's Chromium: a care broker picks a month on the Overzicht, reads the norm
 * report, downloads it as CSV and prints it; a visitor without an account reads the open
 * overview of a region that publishes. Every page is scanned with axe and photographed, at
 * 1280 and at 375 px.
 */
vi.setConfig({ testTimeout: 90_000 });

browserSuite("monitoring in a real browser", () => {
  const omgeving = browserOmgeving();
  const { server } = omgeving;
  const nieuwePagina = (breedte: number) =>
    omgeving.nieuwePagina({ viewport: { width: breedte, height: 900 }, acceptDownloads: true });

  it("a broker picks last month, reads the norm report, downloads it and prints it", async () => {
    for (const breedte of [1280, 375]) {
      const page = await nieuwePagina(breedte);
      await inloggen(page, server, "zorgmakelaar");
      await page.goto(`${server.url}/overzicht`);
      const nu = new Date();
      const vorige = new Date(Date.UTC(nu.getUTCFullYear(), nu.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      await page.getByLabel("Maand", { exact: true }).fill(vorige);
      await page.getByRole("button", { name: "Toon overzicht" }).click();
      expect(new URL(page.url()).searchParams.get("maand")).toBe(vorige);
      const kop = page.getByRole("heading", { level: 2, name: /Normrapportage/ });
      await expect.poll(() => kop.textContent()).toMatch(/stand op 1 /);
      expect(await page.getByRole("table", { name: "Per gecertificeerde instelling" }).count()).toBe(1);
      await controleer(page, `overzicht-maand-${breedte}`);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download de normrapportage als CSV (voor Excel)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`normrapport-haaglanden-${vorige}-01.csv`);

      await page.emulateMedia({ media: "print" });
      expect(await page.locator("nav.pw-menu").isVisible()).toBe(false);
      expect(await page.locator("form").first().isVisible()).toBe(false);
      expect(await page.getByRole("table", { name: "Per soort hulp" }).isVisible()).toBe(true);
      await schermafdruk(page, `overzicht-afdruk-${breedte}`);
      if (breedte === 1280) expect((await page.pdf({ format: "A4" })).length).toBeGreaterThan(10_000);
    }
  });

  it("a visitor without an account reads the open overview once the region publishes", async () => {
    const bezoeker = await nieuwePagina(1280);
    await bezoeker.goto(`${server.url}/open`);
    expect(await bezoeker.getByText("Nog geen regio publiceert hier een openbaar overzicht.").count()).toBe(1);
    const res = await fetch(`${server.url}/v1/regios/haaglanden/instellingen`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${server.tokens.beheerder}`, "Content-Type": "application/json" },
      body: JSON.stringify({ antwoordtermijnWerkdagen: 5, maxWachttijdWeken: 14, publiekOverzicht: true }),
    });
    expect(res.status).toBe(200);
    for (const breedte of [1280, 375]) {
      const page = await nieuwePagina(breedte);
      await page.goto(`${server.url}/open`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Openbaar overzicht jeugdhulp Haaglanden");
      expect(await page.getByRole("table", { name: "Wachtend langer dan de norm, per soort hulp" }).count()).toBe(1);
      await controleer(page, `open-${breedte}`);
    }
  });
});
