import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/lib.ts";

/**
 * Stopping the register as a container or process manager does: SIGTERM to `npm start` (the
 * npm process only, as PID 1 would get it). Requests in flight on open keep-alive connections
 * are answered, idle connections are closed, the WAL is folded into the database file, and the
 * process ends on its own with exit code 0.
 */
const ROOT = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "plekwijzer-stop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(agent: http.Agent, port: number, path: string, token: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode ?? 0));
    });
    req.on("error", fail);
  });
}

describe("stopping the server", () => {
  it("SIGTERM to npm start with 48 requests in flight: every one answered, WAL checkpointed, exit 0", async () => {
    const port = await freePort();
    const DATABASE_PATH = join(dir, "stop.db");
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    npm.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const gestopt = new Promise<number | null>((done) => npm.once("exit", (code) => done(code)));
    const deadline = Date.now() + 60_000;
    while (!output.includes("listens on")) {
      if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const token = /verwijzer +(pw_[A-Za-z0-9_-]{43})/.exec(output)?.[1] as string;

    // 48 open keep-alive connections, then a search on each of them at once.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
    const warm = await Promise.all(Array.from({ length: 48 }, () => get(agent, port, "/v1/zorgvormen", token)));
    expect(warm.every((s) => s === 200)).toBe(true);
    const zoeken = Array.from({ length: 48 }, (_, i) =>
      get(agent, port, `/v1/aanbod?q=jeugd&perPagina=100&leeftijd=${i % 18}`, token),
    );
    const t0 = Date.now();
    npm.kill("SIGTERM");
    const statussen = await Promise.all(zoeken);
    expect(statussen).toEqual(Array(48).fill(200));

    // The idle keep-alive connections do not hold the stop up.
    expect(await gestopt).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(output).toContain("SIGTERM: stopping");
    expect(output).toContain("Stopped.");
    const wal = `${DATABASE_PATH}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    agent.destroy();
  }, 90_000);
});
