import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../../db/sqlite.ts";
import { createApp } from "../../src/app.ts";
import { fixedClock } from "../../src/kern/time.ts";
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
  });

  it("serves the Scalar bundle from the local package", async () => {
    const res = await app.request("/docs/scalar.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect((await res.text()).length).toBeGreaterThan(100_000);
  });

  it("sends / to the sign-in page of the web app", async () => {
    const res = await app.request("/");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen");
  });
});
