import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../../db/sqlite.ts";
import { createApp } from "../../src/app.ts";
import { fixedClock } from "../../src/kern/time.ts";
import { buildAssets } from "../../src/ui/assets-build.ts";
import { NOW } from "../helpers.ts";

const bundle = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");

describe("interactive docs", () => {
  const app = createApp({ db: openSqlite(":memory:"), clock: fixedClock(NOW), loadDocsBundle: () => readFile(bundle, "utf8") });

  it("serves /docs in Dutch, loading only local assets", async () => {
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="nl"');
    expect(html).toContain('data-url="/v1/openapi.json"');
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).not.toMatch(/https?:\/\//);
    // A way back to the app, the site icon, and what Scalar lets us set (no English dark-mode switch).
    expect(html).toContain('<a href="/">Terug naar Plekwijzer</a>');
    expect(html).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />');
    const configuratie = JSON.parse(/data-configuration='([^']+)'/.exec(html)?.[1] ?? "{}");
    expect(configuratie).toMatchObject({ hideDarkModeToggle: true, forceDarkModeState: "light", favicon: "/assets/favicon.svg" });
  });

  it("serves the Scalar bundle from the local package", async () => {
    const res = await app.request("/docs/scalar.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect((await res.text()).length).toBeGreaterThan(100_000);
  });

  it("answers /favicon.ico with an icon, and the SVG the pages link", async () => {
    const ico = await app.request("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toBe("image/x-icon");
    const bytes = new Uint8Array(await ico.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image of 32×32 at 32 bits per pixel.
    expect([...bytes.slice(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 32, 32]);
    expect(bytes.length).toBe(6 + 16 + 40 + 32 * 32 * 4 + 32 * 4);
    const svg = await app.request("/assets/favicon.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const inloggen = await (await app.request("/inloggen")).text();
    expect(inloggen).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>');
  });

  it("writes the icons into the static assets for Workers, at the paths Node serves them on", () => {
    const uit = mkdtempSync(join(tmpdir(), "plekwijzer-assets-"));
    try {
      buildAssets(uit);
      expect([...readFileSync(join(uit, "favicon.ico")).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
      expect(readFileSync(join(uit, "assets/favicon.svg"), "utf8")).toContain("<svg");
    } finally {
      rmSync(uit, { recursive: true, force: true });
    }
  });

  it("sends / to the sign-in page of the web app", async () => {
    const res = await app.request("/");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen");
  });
});
