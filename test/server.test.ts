import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/lib.ts";
import { startMeili } from "./support/meili-server.ts";

const ROOT = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "plekwijzer-server-"));
const children: ChildProcess[] = [];

/** Starts `src/server.ts` from source (`npm start` runs the same file bundled) and waits until it listens. */
async function start(env: Record<string, string>): Promise<{ port: number; stop: () => Promise<void>; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes("listens on")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

/** The demo tokens the server printed, by role. */
function demoTokens(output: string): Record<string, string> {
  return Object.fromEntries([...output.matchAll(/^ {2}(\w+) +(pw_[A-Za-z0-9_-]{43}) /gm)].map((m) => [m[1], m[2]]));
}

const bearer = (token: string | undefined) => ({ headers: { Authorization: `Bearer ${token}` } });

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("migrates an empty file, loads reference and demo data once, and serves API and docs", async () => {
    const DATABASE_PATH = join(dir, "demo.db");
    const first = await start({ DATABASE_PATH });
    const base = `http://127.0.0.1:${first.port}`;
    const tokens = demoTokens(first.output());
    expect(Object.keys(tokens).sort()).toEqual(["aanbieder", "beheerder", "verwijzer", "zorgmakelaar"]);
    expect((await fetch(`${base}/v1/aanbod?perPagina=1`)).status).toBe(401);
    const aanbod = (await (await fetch(`${base}/v1/aanbod?perPagina=1`, bearer(tokens.verwijzer))).json()) as {
      totaal: number;
    };
    expect(aanbod.totaal).toBeGreaterThan(400);
    const aanbieders = (await (await fetch(`${base}/v1/aanbieders?perPagina=1`, bearer(tokens.aanbieder))).json()) as {
      totaal: number;
    };
    expect(aanbieders.totaal).toBeGreaterThanOrEqual(90);
    expect((await fetch(`${base}/v1/gemeenten/GM0518`, bearer(tokens.beheerder))).status).toBe(200);
    expect((await fetch(`${base}/v1/wachtlijst?regio=haaglanden`, bearer(tokens.zorgmakelaar))).status).toBe(200);
    expect((await fetch(`${base}/v1/toegangslog`, bearer(tokens.beheerder))).status).toBe(200);
    const docs = await fetch(`${base}/docs/scalar.js`);
    expect(docs.status).toBe(200);
    await docs.arrayBuffer();
    expect(first.output()).toContain("Demo data loaded");
    await first.stop();

    // A second start keeps what is stored and loads nothing again.
    // Demo tokens are made afresh at every start; the previous ones no longer work.
    const second = await start({ DATABASE_PATH });
    const next = demoTokens(second.output());
    const url = `http://127.0.0.1:${second.port}/v1/aanbod?perPagina=1`;
    const again = (await (await fetch(url, bearer(next.verwijzer))).json()) as { totaal: number };
    expect(again.totaal).toBe(aanbod.totaal);
    expect((await fetch(url, bearer(tokens.verwijzer))).status).toBe(401);
    expect(second.output()).not.toContain("Demo data loaded");
    await second.stop();
  }, 60_000);

  it("skips demo data with DEMO_DATA=false but still loads the reference data", async () => {
    const admin = { PLEKWIJZER_ADMIN_TOKEN: "synthetisch-beheer-token-voor-de-test-0001" };
    const server = await start({ DATABASE_PATH: join(dir, "leeg.db"), DEMO_DATA: "false", ...admin });
    const base = `http://127.0.0.1:${server.port}`;
    const auth = bearer(admin.PLEKWIJZER_ADMIN_TOKEN);
    expect(((await (await fetch(`${base}/v1/aanbod`, auth)).json()) as { totaal: number }).totaal).toBe(0);
    expect(((await (await fetch(`${base}/v1/gemeenten`, auth)).json()) as { totaal: number }).totaal).toBe(9);
    expect(server.output()).not.toContain("pw_");
    await server.stop();

    // Leaving DEMO_DATA on for a register that was not seeded as a demo prints no tokens.
    const later = await start({ DATABASE_PATH: join(dir, "leeg.db"), ...admin });
    expect(later.output()).not.toContain("pw_");
    expect(later.output()).not.toContain("Demo tokens");
    await later.stop();
  }, 60_000);

  it("with MEILI_URL and MEILI_MASTER_KEY searches on Meilisearch once its index is built", async () => {
    const meili = await startMeili();
    try {
      const server = await start({
        DATABASE_PATH: join(dir, "meili.db"),
        MEILI_URL: meili.url,
        MEILI_MASTER_KEY: meili.masterKey,
        PUBLIEK_ZOEKEN: "true",
      });
      const base = `http://127.0.0.1:${server.port}`;
      const answer = async () => {
        const res = await fetch(`${base}/v1/aanbod?zorgvorm=43&perPagina=5`);
        return {
          engine: res.headers.get("Zoekmachine"),
          body: (await res.json()) as { totaal: number; resultaten: { id: string }[] },
        };
      };
      const first = await answer();
      const deadline = Date.now() + 30_000;
      let latest = first;
      while (latest.engine !== "meilisearch" && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 200));
        latest = await answer();
      }
      expect(latest.engine).toBe("meilisearch");
      expect(server.output()).toContain("Meilisearch with in-memory index fallback");
      // Whichever engine answered first, the answer is the same.
      expect(latest.body.totaal).toBe(first.body.totaal);
      expect(latest.body.resultaten.map((x) => x.id)).toEqual(first.body.resultaten.map((x) => x.id));
      await server.stop();
    } finally {
      await meili.stop();
    }
  }, 90_000);

  it("refuses a bad configuration with a clear message", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_PATH: join(dir, "x.db"), DEMO_DATA: "misschien" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((done) => child.once("exit", done));
    expect(code).not.toBe(0);
    expect(stderr).toContain("DEMO_DATA");
  }, 30_000);
});
