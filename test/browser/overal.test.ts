import type { ConsoleMessage } from "playwright-core";
import { expect, it, vi } from "vitest";
import { browserOmgeving, browserSuite, controleer, inloggen } from "./support.ts";

/**
 * Issue 15, "Everywhere", in Debian's Chromium: the API documentation at /docs (no console
 * errors or OpenAPI validation warnings, Dutch where Scalar allows, a way back to the app), the
 * site icon, and the Overzicht chart legend, photographed at 1280 and 375 px.
 */
vi.setConfig({ testTimeout: 120_000 });

const artefact = (naam: string) => new URL(`../artifacts/${naam}.png`, import.meta.url).pathname;

browserSuite("what every page shares, in a real browser", () => {
  const omgeving = browserOmgeving();
  const { server } = omgeving;
  const nieuwePagina = (breedte: number) => omgeving.nieuwePagina({ viewport: { width: breedte, height: 900 } });

  it("/docs renders the API reference without console errors or document validation warnings, and links back", async () => {
    const page = await nieuwePagina(1280);
    const meldingen: string[] = [];
    const bewaar = async (m: ConsoleMessage) => {
      if (m.type() !== "error" && m.type() !== "warning") return;
      // Scalar logs its validation errors as objects ({ message, path }); only those two parts are read.
      const args = await Promise.all(
        m
          .args()
          .map((a) =>
            a
              .evaluate((x) =>
                JSON.stringify(
                  Array.isArray(x) ? x.map((e) => (e && typeof e === "object" ? { message: e.message, path: e.path } : e)) : x,
                ),
              )
              .catch(() => "?"),
          ),
      );
      meldingen.push(`${m.type()}: ${m.text()} ${args.join(" ").slice(0, 6000)}`);
    };
    const wachtend: Promise<void>[] = [];
    page.on("console", (m) => wachtend.push(bewaar(m)));
    page.on("pageerror", (e) => meldingen.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/docs`);
    await page.getByRole("heading", { name: "Plekwijzer API", level: 1 }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    await Promise.all(wachtend);
    expect(meldingen, meldingen.join("\n")).toEqual([]);
    // The reference is ~15,000 px long: the first screen is what matters here (the bar back to the app).
    await page.screenshot({ path: artefact("docs-1280") });
    await page.setViewportSize({ width: 375, height: 900 });
    await page.screenshot({ path: artefact("docs-375") });
    // The site icon the page links, and the one browsers ask for on their own.
    expect((await page.request.get(`${server.url}/assets/favicon.svg`)).status()).toBe(200);
    expect((await page.request.get(`${server.url}/favicon.ico`)).status()).toBe(200);
    await page.getByRole("link", { name: "Terug naar Plekwijzer" }).click();
    await page.waitForURL((url) => url.pathname === "/inloggen");
  });

  it("puts each legend swatch of the Overzicht charts right beside its label, at 1280 and 375 px", async () => {
    for (const breedte of [1280, 375]) {
      const page = await nieuwePagina(breedte);
      await inloggen(page, server, "zorgmakelaar");
      await page.goto(`${server.url}/overzicht`);
      const items = page.locator(".pw-legenda li");
      expect(await items.count()).toBeGreaterThan(1);
      // The gap between a swatch and the start of its label's text, in CSS px.
      const gaten = (await page.evaluate(`[...document.querySelectorAll(".pw-legenda li")].map((li) => {
        const swatch = li.querySelector("svg rect").getBoundingClientRect();
        const bereik = document.createRange();
        bereik.selectNodeContents(li.lastChild);
        return Math.round(bereik.getBoundingClientRect().left - swatch.right);
      })`)) as number[];
      for (const gat of gaten) expect(gat, `gap ${gat} px at ${breedte}`).toBeLessThanOrEqual(10);
      // The page is long: the first chart with a legend on its own, beside the whole page.
      await page
        .locator("section.pw-grafiek:has(.pw-legenda)")
        .first()
        .screenshot({ path: artefact(`overzicht-legenda-${breedte}`) });
      await controleer(page, `overzicht-${breedte}`);
    }
  });
});
