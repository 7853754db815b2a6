/**
 * Starts `wrangler dev --local` as its own process (workerd with a local D1, static assets and
 * the Cron Trigger, as `npm run dev:worker` does), on a free port and a state directory of its
 * own, for the smoke test and the Workers benchmark. Offline: wrangler's attempt to fetch the
 * `Request.cf` object fails harmlessly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const START_TIMEOUT_MS = 120_000;

export interface WranglerDev {
  url: string;
  port: number;
  /** Everything wrangler printed so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
    server.on("error", reject);
  });
}

/** Starts wrangler dev on `persistTo` (a local D1 with migrations and data already there) and waits until it answers. */
export async function startWranglerDev(options: {
  persistTo: string;
  script?: string;
  vars?: Record<string, string>;
}): Promise<WranglerDev> {
  const port = await freePort();
  const inspector = await freePort();
  const args = [
    WRANGLER,
    "dev",
    ...(options.script ? [options.script] : []),
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspector),
    "--persist-to",
    options.persistTo,
    "--show-interactive-dev-session=false",
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    detached: true,
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    // wrangler starts workerd as a child: stop the whole process group.
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev stopped (exit ${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/v1/openapi.json`);
      await res.arrayBuffer();
      if (res.ok) return { url, port, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer within ${START_TIMEOUT_MS / 1000} s:\n${log}`);
}
