/**
 * Starts and stops a real Meilisearch server for tests and benchmarks.
 *
 * The binary comes from the dev dependency pinned in search/meili-binary.json; its sha256 is checked
 * before it is ever executed. Each server gets a free port on 127.0.0.1, a random master key, a fresh
 * temporary data directory, and is killed when the Node process exits (and, through a small watchdog,
 * even when the Node process itself is killed).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream, realpathSync, rmSync, statSync } from "node:fs";
import { access, chmod, copyFile, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pinned from "../../search/meili-binary.json" with { type: "json" };

export interface MeiliServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  masterKey: string;
  port: number;
  /** Temporary directory holding data.ms, dumps and snapshots. */
  dataDir: string;
  /** Pid of the current (or most recent) meilisearch process; changes on restart(). */
  pid: number;
  /** SIGTERM (SIGKILL after 10 s), then remove the data directory. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL the process (a crash) but keep the data directory, so restart() can reuse it. */
  kill(): Promise<void>;
  /** Start the process again with the same port, key and data directory; waits for /health. */
  restart(): Promise<void>;
}

export interface StartMeiliOptions {
  masterKey?: string;
  port?: number;
}

export interface VerifyMeiliOptions {
  /** Overrides the sha256 pinned in search/meili-binary.json. */
  expectedSha256?: string;
  /** Overrides the binary resolved from the npm package. */
  binaryPath?: string;
}

export interface HttpJsonResponse<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: T;
  text: string;
}

const require = createRequire(import.meta.url);
const READY_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 10_000;
const OUTPUT_LINES = 200;

// Shared through globalThis so that several module instances (vitest isolation) register one exit hook.
interface Registry {
  children: Set<ChildProcess>;
  dirs: Set<string>;
}
const REGISTRY_KEY = Symbol.for("plekwijzer.test.meili-server.registry");
const globalRegistry = globalThis as { [REGISTRY_KEY]?: Registry };
const registry: Registry = globalRegistry[REGISTRY_KEY] ?? createRegistry();

function createRegistry(): Registry {
  const created: Registry = { children: new Set(), dirs: new Set() };
  globalRegistry[REGISTRY_KEY] = created;
  process.on("exit", () => {
    for (const child of created.children) {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    for (const dir of created.dirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort
      }
    }
  });
  return created;
}

/** Path of the meilisearch binary inside the npm package; throws when the package is not installed. */
export function meiliBinaryPath(): string {
  try {
    return require.resolve(`${pinned.package}/meilisearch`);
  } catch (cause) {
    throw new Error(`Meilisearch binary not found: install the dev dependency ${pinned.package}@${pinned.version}`, {
      cause,
    });
  }
}

/** True when this platform can run the pinned binary and the package is installed. Never throws. */
export function isMeiliAvailable(): boolean {
  if (process.platform !== "linux" || process.arch !== "x64") return false;
  try {
    return statSync(meiliBinaryPath()).isFile();
  } catch {
    return false;
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function installedVersion(): string {
  try {
    return (require(`${pinned.package}/package.json`) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const verified = new Map<string, Promise<string>>();

/**
 * Checks the binary's sha256 against search/meili-binary.json (or `expectedSha256`) and makes sure it is
 * executable: chmod 0o755 when npm left the executable bit off, or, when the file cannot be changed, a
 * verified executable copy in a temporary directory. Returns the path to run. Memoised per path and hash.
 */
export function verifyMeiliBinary(options: VerifyMeiliOptions = {}): Promise<string> {
  const expected = (options.expectedSha256 ?? pinned.sha256).toLowerCase();
  let source: string;
  try {
    source = options.binaryPath ?? meiliBinaryPath();
  } catch (error) {
    return Promise.reject(error);
  }
  const key = `${source}\0${expected}`;
  let result = verified.get(key);
  if (!result) {
    result = verifyUncached(source, expected);
    verified.set(key, result);
    result.catch(() => verified.delete(key));
  }
  return result;
}

async function verifyUncached(source: string, expected: string): Promise<string> {
  const actual = await sha256File(source);
  if (actual !== expected) {
    throw new Error(
      `Refusing to run unverified Meilisearch binary ${source}: sha256 mismatch, expected ${expected}, actual ${actual} ` +
        `(installed ${pinned.package}@${installedVersion()}, pinned ${pinned.version} = Meilisearch ${pinned.meilisearch} ` +
        "in search/meili-binary.json)",
    );
  }
  if (await isExecutable(source)) return source;
  try {
    await chmod(source, 0o755);
    if (await isExecutable(source)) return source;
  } catch {
    // read-only file or file system, or not ours: fall back to a private copy
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "meili-bin-"));
  registry.dirs.add(dir);
  const copy = path.join(dir, "meilisearch");
  await copyFile(source, copy);
  await chmod(copy, 0o755);
  const copied = await sha256File(copy);
  if (copied !== expected) {
    throw new Error(`Refusing to run Meilisearch binary copy ${copy}: sha256 mismatch, expected ${expected}, actual ${copied}`);
  }
  return copy;
}

/** Tiny JSON client over node:http (no keep-alive, so a killed server leaves no stale sockets). */
export function httpJson<T = unknown>(
  method: string,
  url: string,
  options: { key?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpJsonResponse<T>> {
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: http.OutgoingHttpHeaders = { Accept: "application/json" };
  if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
  if (payload) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = payload.length;
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown;
        try {
          body = text === "" ? undefined : JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: body as T, text });
      });
    });
    request.on("timeout", () => request.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    request.on("error", reject);
    request.end(payload);
  });
}

interface MeiliTask {
  uid: number;
  status: "enqueued" | "processing" | "succeeded" | "failed" | "canceled";
  error?: unknown;
  [field: string]: unknown;
}

/** Polls GET /tasks/{uid} until the task succeeded; throws when it failed, was canceled or timed out. */
export async function waitForTask(
  server: Pick<MeiliServer, "url" | "masterKey">,
  taskUid: number,
  timeoutMs = 20_000,
): Promise<MeiliTask> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await httpJson<MeiliTask>("GET", `${server.url}/tasks/${taskUid}`, { key: server.masterKey });
    if (response.status !== 200) throw new Error(`GET /tasks/${taskUid} answered ${response.status}: ${response.text}`);
    const task = response.body;
    if (task.status === "succeeded") return task;
    if (task.status === "failed" || task.status === "canceled") {
      throw new Error(`Meilisearch task ${taskUid} ${task.status}: ${JSON.stringify(task.error ?? task)}`);
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} still ${task.status} after ${timeoutMs} ms`);
    await sleep(POLL_INTERVAL_MS);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not determine a free port"))));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes of Meilisearch's log lines
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

/** The last OUTPUT_LINES lines of the server's stdout and stderr (colour codes removed), across restarts. */
class OutputTail {
  private lines: string[] = [];
  private partial = "";
  private total = 0;

  push(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    this.add(...parts);
  }

  note(line: string): void {
    this.add(line);
  }

  /** A position to pass to text() later, to get only what came after it. */
  mark(): number {
    return this.total;
  }

  text(since = 0): string {
    const kept = this.lines.slice(Math.max(0, this.lines.length - (this.total - since)));
    const all = this.partial ? [...kept, this.partial] : kept;
    return all.length ? all.join("\n") : "(no output)";
  }

  private add(...lines: string[]): void {
    for (const line of lines) this.lines.push(line.replace(ANSI_ESCAPE, ""));
    this.total += lines.length;
    if (this.lines.length > OUTPUT_LINES) this.lines.splice(0, this.lines.length - OUTPUT_LINES);
  }
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  exit?: { code: number | null; signal: NodeJS.Signals | null; error?: Error };
}

/**
 * A detached `sh` that waits for EOF on a pipe from this process: EOF means Node died (however it died),
 * and the shell SIGKILLs the server if that pid still runs our binary. Killed when the server exits.
 */
function spawnWatchdog(pid: number, executable: string): ChildProcess | undefined {
  try {
    const script = 'read -r _; [ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "$2" ] && kill -9 "$1"';
    const watchdog = spawn("/bin/sh", ["-c", script, "meili-watchdog", String(pid), executable], {
      stdio: ["pipe", "ignore", "ignore"],
      detached: true,
    });
    watchdog.on("error", () => {});
    watchdog.stdin?.on("error", () => {});
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return watchdog;
  } catch {
    return undefined;
  }
}

function launch(binary: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, output: OutputTail): Running {
  const child = spawn(binary, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  registry.children.add(child);
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
  const watchdog = child.pid === undefined ? undefined : spawnWatchdog(child.pid, realpathSync(binary));
  const running: Running = { child, exited: Promise.resolve() };
  running.exited = new Promise<void>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (running.exit) return;
      running.exit = { code, signal, error };
      registry.children.delete(child);
      watchdog?.kill("SIGKILL");
      watchdog?.stdin?.destroy();
      output.note(`[meilisearch pid ${child.pid ?? "-"} exited: ${error ? error.message : `code ${code}, signal ${signal}`}]`);
      resolve();
    };
    child.once("exit", (code, signal) => done(code, signal));
    child.once("error", (error) => done(null, null, error));
  });
  return running;
}

async function terminate(running: Running, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (running.exit) return;
  running.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    running.exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut && !running.exit) {
    running.child.kill("SIGKILL");
    await running.exited;
  }
}

async function waitUntilReady(running: Running, url: string, masterKey: string, output: OutputTail): Promise<void> {
  const started = Date.now();
  const fail = (reason: string) =>
    new Error(`Meilisearch at ${url} ${reason} after ${Date.now() - started} ms. Output:\n${output.text()}`);
  for (;;) {
    if (running.exit) throw fail("exited before becoming healthy");
    try {
      const health = await httpJson<{ status?: string }>("GET", `${url}/health`, { timeoutMs: 1_000 });
      if (health.status === 200 && health.body?.status === "available") break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      await terminate(running, "SIGKILL", 0);
      throw fail(`was not healthy within ${READY_TIMEOUT_MS} ms`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
  // Make sure it is our process answering (and that it accepts our key), not something else on the port.
  const version = await httpJson("GET", `${url}/version`, { key: masterKey, timeoutMs: 5_000 }).catch((error: Error) => error);
  if (running.exit || version instanceof Error || version.status !== 200) {
    await terminate(running, "SIGKILL", 0);
    const detail = version instanceof Error ? version.message : `${version.status} ${version.text}`;
    throw fail(`answered /health but GET /version with the master key gave ${detail}`);
  }
}

/** Starts a fresh Meilisearch (production mode, random key, temporary data dir) and waits until healthy. */
export async function startMeili(options: StartMeiliOptions = {}): Promise<MeiliServer> {
  const masterKey = options.masterKey ?? randomBytes(24).toString("hex");
  if (Buffer.byteLength(masterKey, "utf8") < 16) {
    throw new Error("Meilisearch in production mode needs a master key of at least 16 bytes");
  }
  const binary = await verifyMeiliBinary();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "meili-data-"));
  registry.dirs.add(dataDir);

  // Only our settings: no MEILI_* from the caller's environment, and no ./config.toml (cwd is the data dir).
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MEILI_")));
  env.MEILI_MASTER_KEY = masterKey; // in the environment rather than argv, so it does not show in `ps`
  const argsFor = (port: number) => [
    "--env",
    "production",
    "--no-analytics",
    "--http-addr",
    `127.0.0.1:${port}`,
    "--db-path",
    path.join(dataDir, "data.ms"),
    "--dump-dir",
    path.join(dataDir, "dumps"),
    "--snapshot-dir",
    path.join(dataDir, "snapshots"),
    "--max-indexing-memory",
    "512MiB",
    "--max-indexing-threads",
    "2",
    "--log-level",
    "WARN",
  ];
  const output = new OutputTail();

  let port = 0;
  let running: Running | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await freePort());
      const mark = output.mark();
      const candidate = launch(binary, argsFor(port), env, dataDir, output);
      try {
        await waitUntilReady(candidate, `http://127.0.0.1:${port}`, masterKey, output);
        running = candidate;
        break;
      } catch (error) {
        await terminate(candidate, "SIGKILL", 0);
        // Someone took the free port between our probe and Meilisearch's bind: try another one.
        const raced = options.port === undefined && attempt < 3 && /address already in use/i.test(output.text(mark));
        if (!raced) throw error;
        output.note(`[port ${port} was taken, retrying on another port]`);
      }
    }
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    registry.dirs.delete(dataDir);
    throw error;
  }

  const url = `http://127.0.0.1:${port}`;
  const args = argsFor(port);
  let current: Running | undefined = running;
  let lastPid = running.child.pid ?? 0;
  let stopping: Promise<void> | undefined;

  const server: MeiliServer = {
    url,
    masterKey,
    port,
    dataDir,
    get pid() {
      return current?.child.pid ?? lastPid;
    },
    stop() {
      stopping ??= (async () => {
        if (current) await terminate(current, "SIGTERM", STOP_GRACE_MS);
        current = undefined;
        await rm(dataDir, { recursive: true, force: true });
        registry.dirs.delete(dataDir);
      })();
      return stopping;
    },
    async kill() {
      if (current) await terminate(current, "SIGKILL", 0);
      current = undefined;
    },
    async restart() {
      if (stopping) throw new Error(`Meilisearch at ${url} was stopped and its data directory removed; start a new one`);
      if (current) await terminate(current, "SIGTERM", STOP_GRACE_MS);
      output.note(`[restarting meilisearch on port ${port}]`);
      const next = launch(binary, args, env, dataDir, output);
      current = next;
      lastPid = next.child.pid ?? lastPid;
      try {
        await waitUntilReady(next, url, masterKey, output);
      } catch (error) {
        await terminate(next, "SIGKILL", 0);
        current = undefined;
        throw error;
      }
    },
  };
  return server;
}
