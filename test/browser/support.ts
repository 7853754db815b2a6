import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { and, asc, eq, ne } from "drizzle-orm";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aanbod, organisaties } from "../../db/schema/index.ts";
import { openSqlite } from "../../db/sqlite.ts";
import { createSearch } from "../../search/index.ts";
import { generateDemo } from "../../seeds/demo.ts";
import { maakDemoCasussen } from "../../seeds/demo-casussen.ts";
import { loadDemo } from "../../seeds/demo-load.ts";
import { createDemoToegang, markeerDemo } from "../../seeds/demo-toegang.ts";
import { loadReference } from "../../seeds/reference.ts";
import { createApp } from "../../src/app.ts";
import { STANDAARD_GUARD } from "../../src/http/guard.ts";
import { systeemActor } from "../../src/kern/actor.ts";
import { systemClock } from "../../src/kern/time.ts";
import type { Rol } from "../../src/kern/vocabulary.ts";
import { smtpMailer } from "../../src/mail/smtp.ts";
import { loadAssetFromNodeModules } from "../../src/ui/assets-node.ts";
import { type Postbus, startPostbus } from "../support/postbus.ts";

/** Debian's Chromium (STYLE.md); CHROMIUM_PATH points elsewhere on another system. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";
export const INSTALLEER = "sudo apt-get update && sudo apt-get install -y chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** What the browser suite does: run; skip on a laptop without Chromium; fail in CI without it. */
export function browserModus(opties: { chromium: boolean; ci: boolean }): "draaien" | "overslaan" | "falen" {
  if (opties.chromium) return "draaien";
  return opties.ci ? "falen" : "overslaan";
}

/** `describe` for browser tests, following `browserModus`. */
export function browserSuite(naam: string, tests: () => void): void {
  const modus = browserModus({ chromium: existsSync(CHROMIUM), ci: process.env.CI === "true" });
  if (modus === "draaien") {
    describe(naam, tests);
    return;
  }
  if (modus === "falen") {
    describe(naam, () => {
      it("needs Chromium in CI", () => {
        throw new Error(`No Chromium at ${CHROMIUM}; .ci/run must install it: apt-get update && apt-get install -y chromium`);
      });
    });
    return;
  }
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it with: ${INSTALLEER}`);
  describe.skip(naam, tests);
}

export async function startChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The real server and Chromium for one browser suite, started before its tests and closed
 * after them. Every page it opens is watched: a script error or a CSP violation fails the
 * suite (Chromium logs a 4xx page, a refused form or not found, as a failed load: expected).
 * `server` is filled in before the first test.
 */
export function browserOmgeving({ startTimeoutMs = 60_000 } = {}): {
  server: TestServer;
  nieuwePagina: (opties?: BrowserContextOptions) => Promise<Page>;
} {
  const server = {} as TestServer;
  let browser: Browser | undefined;
  const contexten: BrowserContext[] = [];
  const consoleFouten: string[] = [];
  beforeAll(async () => {
    const [gestart, chromium] = await Promise.all([startServer(), startChromium()]);
    Object.assign(server, gestart);
    browser = chromium;
  }, startTimeoutMs);
  afterAll(async () => {
    for (const c of contexten) await c.close();
    await browser?.close();
    await server.close?.();
    expect(consoleFouten).toEqual([]);
  });
  return {
    server,
    async nieuwePagina(opties = {}) {
      if (!browser) throw new Error("Chromium is not started (the suite's beforeAll failed).");
      const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 900 }, ...opties });
      contexten.push(context);
      const page = await context.newPage();
      page.on("console", (m) => {
        const verwacht = m.text().startsWith("Failed to load resource: the server responded with a status of 4");
        if (m.type() === "error" && !verwacht) consoleFouten.push(`${page.url()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => consoleFouten.push(`${page.url()}: ${e.message}`));
      return page;
    },
  };
}

/** An offer of the demo provider that takes referrals: what a scenario registers a fitting case for. */
export interface DemoAanbod {
  id: string;
  naam: string;
  zorgvorm: string;
  leeftijdVan: number;
  leeftijdTot: number;
}

export interface TestServer {
  url: string;
  /** The demo's API tokens (koppelingen), per role. */
  tokens: Record<Rol, string>;
  demoAanbod: DemoAanbod;
  /** The SMTP server the register's mail goes to. */
  postbus: Postbus;
  close: () => Promise<void>;
}

/**
 * The register as `npm start` runs it (demo data and demo mode, synthetic demo cases, real HTTP
 * on a free port, the NL Design System assets from node_modules), on an in-memory database, its
 * mail going over SMTP to a server in this process.
 */
export async function startServer(): Promise<TestServer> {
  const db = openSqlite(":memory:");
  await loadReference(db);
  loadDemo(db, generateDemo({ seed: 42, aanbieders: 100, now: systemClock.now() }));
  const deps = { db, clock: systemClock };
  await markeerDemo(deps);
  const demo = await createDemoToegang(deps);
  const gi = demo.find((t) => t.rol === "verwijzer");
  if (!gi) throw new Error("no demo verwijzer");
  await maakDemoCasussen(deps, {
    seed: 42,
    aantal: 40,
    regio: "haaglanden",
    actor: systeemActor("verwijzer", {
      organisatieId: gi.organisatieId,
      organisatieNaam: gi.organisatie,
      organisatieType: "gecertificeerde-instelling",
    }),
  });
  const aanbieder = demo.find((t) => t.rol === "aanbieder");
  const [demoAanbod] = await db.orm
    .select({
      id: aanbod.id,
      naam: aanbod.naam,
      zorgvorm: aanbod.zorgvorm,
      leeftijdVan: aanbod.leeftijdVan,
      leeftijdTot: aanbod.leeftijdTot,
    })
    .from(aanbod)
    .innerJoin(organisaties, eq(organisaties.aanbiederId, aanbod.aanbiederId))
    .where(and(eq(organisaties.id, aanbieder?.organisatieId ?? ""), ne(aanbod.intakeStatus, "gesloten")))
    .orderBy(asc(aanbod.naam))
    .limit(1);
  if (!demoAanbod) throw new Error("no open offer of the demo provider");
  const search = await createSearch(db, { clock: systemClock });
  const require = createRequire(import.meta.url);
  const post = await startPostbus();
  // The address is known once the server listens; mail links point there.
  const mail = { mailer: smtpMailer(post.url, "Plekwijzer <noreply@plekwijzer.invalid>"), publiekeUrl: "" };
  const app = createApp({
    db,
    clock: systemClock,
    search: search.provider,
    mail,
    config: { demo: true, guard: { ...STANDAARD_GUARD, perToken: 100_000, perAdres: 100_000 } },
    loadAsset: loadAssetFromNodeModules,
    loadDocsBundle: async () => readFileSync(require.resolve("@scalar/api-reference/browser/standalone.js"), "utf8"),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const tokens = Object.fromEntries(demo.map((t) => [t.rol, t.token])) as Record<Rol, string>;
  mail.publiekeUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    demoAanbod,
    postbus: post,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void Promise.all([search.close(), post.close()]).then(() => {
            db.close();
            resolve();
          });
        });
      }),
  };
}

/** Signs in as the demo person of a role, with the demo button of the sign-in page (demo mode only). */
export async function inloggen(page: Page, server: TestServer, rol: Rol): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith("/inloggen")) await page.goto(`${server.url}/inloggen`);
  await page.getByRole("button", { name: `Demo: ${rol}`, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it stands (WCAG 2.1 A and AA rules); returns the serious and critical findings. */
export async function axeErnstig(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, so the page's CSP (no inline scripts) stays on.
  await page.evaluate(AXE);
  const violations = await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((r) => r.violations)`,
  );
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const ARTIFACTS = new URL("../artifacts/", import.meta.url);

/** A full-page screenshot under test/artifacts/ for a reviewer (not committed). */
export async function schermafdruk(page: Page, naam: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: new URL(`${naam}.png`, ARTIFACTS).pathname, fullPage: true });
}

/**
 * What sticks out of a 320 CSS px wide page (WCAG 1.4.10 reflow), outside boxes that scroll on
 * their own (tables, charts): empty when the page never scrolls sideways.
 */
export async function uitstekendOp320(page: Page): Promise<string[]> {
  const vorige = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const uitstekend = (await page.evaluate(`(() => {
    const breedte = document.documentElement.scrollWidth;
    if (breedte <= 320) return [];
    const buiten = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > 320.5 && !e.closest(".pw-tabel-wrap, .pw-grafiek"))
      .map((e) => e.tagName.toLowerCase() + "." + e.getAttribute("class") + ": " + (e.textContent || "").trim().slice(0, 60));
    return ["page width " + breedte + " px", ...buiten.slice(0, 5)];
  })()`)) as string[];
  if (vorige) await page.setViewportSize(vorige);
  return uitstekend;
}

/** Scans the current page with axe, checks that it reflows at 320 px, and saves its screenshot. */
export async function controleer(page: Page, naam: string): Promise<void> {
  await schermafdruk(page, naam);
  const axeFouten = await axeErnstig(page);
  expect(axeFouten, `axe on ${naam} (${page.url()}): ${axeFouten.join("; ")}`).toEqual([]);
  expect(await uitstekendOp320(page), `reflow at 320 px on ${naam}`).toEqual([]);
}
