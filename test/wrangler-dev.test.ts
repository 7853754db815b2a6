import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type D1Demo, loadDemoIntoD1, loadSqlIntoD1 } from "../seeds/d1-demo.ts";
import type { Rol } from "../src/kern/vocabulary.ts";
import { startWranglerDev, type WranglerDev } from "./support/wrangler-dev.ts";

/**
 * Smoke test of the Workers path as a person runs it: `wrangler dev --local` as its own process
 * (workerd, a local D1, static assets), the demo data loaded with `npm run seed:worker`'s code,
 * then a search, a weekly update and pages over HTTP.
 */
let dir: string;
let demo: D1Demo;
let dev: WranglerDev;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "plekwijzer-wrangler-dev-"));
  demo = await loadDemoIntoD1({ persistTo: dir, stdio: "ignore" });
  dev = await startWranglerDev({ persistTo: dir, vars: { DEMO_DATA: "true" } });
}, 300_000);

afterAll(async () => {
  await dev?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const token = (rol: Rol) => demo.tokens.find((t) => t.rol === rol)?.token as string;
const api = (rol: Rol, path: string, init: RequestInit = {}) =>
  fetch(`${dev.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token(rol)}`, "Content-Type": "application/json", ...init.headers },
  });

describe("the register on wrangler dev --local (workerd + local D1)", () => {
  it("searches the demo data on D1's FTS5", async () => {
    const res = await api("verwijzer", "/v1/aanbod?zorgvorm=43&gemeente=GM0518&ookNietGecontracteerd=true&q=gezin");
    const body = (await res.json()) as { totaal: number; resultaten: { naam: string }[] };
    expect(res.status, dev.output()).toBe(200);
    expect(res.headers.get("Zoekmachine")).toBe("sqlite");
    expect(body.totaal).toBeGreaterThan(0);
  });

  it("takes a provider's weekly update with If-Match, refuses the stale one, and search shows the new figures", async () => {
    const orgs = (await (await api("beheerder", "/v1/organisaties?type=aanbieder")).json()) as {
      resultaten: { naam: string; aanbiederId: string | null }[];
    };
    const eigen = orgs.resultaten.find((o) => o.naam.startsWith("Demo "))?.aanbiederId as string;
    const lijst = (await (await api("aanbieder", `/v1/aanbod?aanbiederId=${eigen}&inclusiefVerouderd=true`)).json()) as {
      resultaten: { id: string; capaciteit: number }[];
    };
    const offer = lijst.resultaten[0] as { id: string; capaciteit: number };
    const etag = (await api("aanbieder", `/v1/aanbod/${offer.id}`)).headers.get("ETag") as string;
    const cijfers = { vrijePlekken: offer.capaciteit, aanmeldwachttijdWeken: 1, behandelwachttijdWeken: 2, intakeStatus: "open" };

    const update = await api("aanbieder", `/v1/aanbod/${offer.id}/beschikbaarheid`, {
      method: "PUT",
      headers: { "If-Match": etag },
      body: JSON.stringify(cijfers),
    });
    expect(update.status, await update.clone().text()).toBe(200);
    expect(update.headers.get("ETag")).not.toBe(etag);
    const stale = await api("aanbieder", `/v1/aanbod/${offer.id}/beschikbaarheid`, {
      method: "PUT",
      headers: { "If-Match": etag },
      body: JSON.stringify({ ...cijfers, vrijePlekken: 0 }),
    });
    expect(stale.status).toBe(412);

    const gevonden = (await (await api("verwijzer", `/v1/aanbod?aanbiederId=${eigen}&alleenVrij=true`)).json()) as {
      resultaten: { id: string; vrijePlekken: number; aanmeldwachttijdWeken: number }[];
    };
    expect(gevonden.resultaten.find((o) => o.id === offer.id)).toMatchObject({
      vrijePlekken: offer.capaciteit,
      aanmeldwachttijdWeken: 1,
    });
  });

  it("serves the pages with the NL Design System stylesheets from static assets, signed in or not", async () => {
    const inloggen = await fetch(`${dev.url}/inloggen`);
    const html = await inloggen.text();
    expect(inloggen.status).toBe(200);
    expect(html).toContain('href="/assets/utrecht.css"');
    const css = await fetch(`${dev.url}/assets/utrecht.css`);
    const require = createRequire(import.meta.url);
    expect(await css.text()).toBe(readFileSync(require.resolve("@utrecht/component-library-css/dist/index.css"), "utf8"));
    expect(css.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await fetch(`${dev.url}/docs/scalar.js`)).status).toBe(200);

    // Signed in through the form as a browser does (cookies carried by hand: they are Secure).
    const cookie = (res: Response, name: string) =>
      res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .find((c) => c.startsWith(`${name}=`));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    // People sign in by mail or SSO; on a demo database the demo button signs in the demo verwijzer.
    const aanmelden = await fetch(`${dev.url}/inloggen/demo`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie(inloggen, "pw_aanmelden") ?? "" },
      body: new URLSearchParams({ _csrf: csrf, rol: "verwijzer" }),
    });
    expect(aanmelden.status).toBe(303);
    const zoeken = await fetch(`${dev.url}/zoeken?q=gezin`, { headers: { Cookie: cookie(aanmelden, "pw_sessie") ?? "" } });
    expect(zoeken.status).toBe(200);
    expect(await zoeken.text()).toMatch(/<h1[^>]*>Zoeken/);
  });

  it("exports every row (wrangler d1 export refuses the FTS5 table) and restores them into an empty D1", async () => {
    await dev.stop(); // one workerd on a local D1 at a time
    const exporteer = (persistTo: string, output: string) => {
      execFileSync(process.execPath, ["--import", "tsx", "db/d1-export-cli.ts", "--persist-to", persistTo, "--output", output], {
        stdio: "ignore",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      });
      return readFileSync(output, "utf8").split("\n").slice(1).join("\n"); // the first line holds the time
    };
    const eerste = exporteer(dir, join(dir, "backup.sql"));
    expect(eerste).toContain('INSERT INTO "aanbod"');
    const terug = join(dir, "terug");
    loadSqlIntoD1(join(dir, "backup.sql"), { persistTo: terug, stdio: "ignore" });
    expect(exporteer(terug, join(dir, "opnieuw.sql"))).toBe(eerste);
  }, 300_000);
});
