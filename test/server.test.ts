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

/** Starts `src/server.ts` the way `npm start` does and waits until it listens. */
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

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("migrates an empty file, loads reference and demo data once, and serves API and docs", async () => {
    const DATABASE_PATH = join(dir, "demo.db");
    const first = await start({ DATABASE_PATH });
    const base = `http://127.0.0.1:${first.port}`;
    const aanbod = (await (await fetch(`${base}/v1/aanbod?perPagina=1`)).json()) as { totaal: number };
    expect(aanbod.totaal).toBeGreaterThan(400);
    const aanbieders = (await (await fetch(`${base}/v1/aanbieders?perPagina=1`)).json()) as { totaal: number };
    expect(aanbieders.totaal).toBeGreaterThanOrEqual(90);
    expect((await fetch(`${base}/v1/gemeenten/GM0518`)).status).toBe(200);
    const docs = await fetch(`${base}/docs/scalar.js`);
    expect(docs.status).toBe(200);
    await docs.arrayBuffer();
    expect(first.output()).toContain("Demo data loaded");
    await first.stop();

    // A second start keeps what is stored and loads nothing again.
    const second = await start({ DATABASE_PATH });
    const again = (await (await fetch(`http://127.0.0.1:${second.port}/v1/aanbod?perPagina=1`)).json()) as { totaal: number };
    expect(again.totaal).toBe(aanbod.totaal);
    expect(second.output()).not.toContain("Demo data loaded");
    await second.stop();
  }, 60_000);

  it("skips demo data with DEMO_DATA=false but still loads the reference data", async () => {
    const server = await start({ DATABASE_PATH: join(dir, "leeg.db"), DEMO_DATA: "false" });
    const base = `http://127.0.0.1:${server.port}`;
    expect(((await (await fetch(`${base}/v1/aanbod`)).json()) as { totaal: number }).totaal).toBe(0);
    expect(((await (await fetch(`${base}/v1/gemeenten`)).json()) as { totaal: number }).totaal).toBe(9);
    await server.stop();
  }, 60_000);

  it("with MEILI_URL and MEILI_MASTER_KEY searches on Meilisearch once its index is built", async () => {
    const meili = await startMeili();
    try {
      const server = await start({
        DATABASE_PATH: join(dir, "meili.db"),
        MEILI_URL: meili.url,
        MEILI_MASTER_KEY: meili.masterKey,
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
      expect(server.output()).toContain("Meilisearch with SQLite fallback");
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
