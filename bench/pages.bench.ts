/**
 * Page benchmark (prints figures; never asserts on time). Issue 6 asks: "Pages answer in under 100 ms on the
 * demo data (a bench line, not a timed test)".
 *
 * The real server runs in its own process from source (node + tsx, src/server.ts; `npm start` runs it bundled) on a fresh
 * SQLite file with the demo data (100 providers, ~500 offers, 40 synthetic waiting cases) and rate limits out of the
 * way. Each role signs in through the web form like a browser (double-submit CSRF cookie, then the session cookie),
 * and every page is asked 10 times to warm up and then 100 times in a row over one keep-alive connection: latency is
 * request sent to last body byte, as a browser on the same machine would see it. Ids for the detail pages are taken
 * from the links on the list pages. The cookies are Secure, so they are carried by hand.
 *
 * Environment: BENCH_START_RETRY_MINUTES (15): how long to keep retrying while the pages do not compile yet.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { freePort, summarise } from "./lib.ts";

const WARMUP = 10;
const TIMED = 100;
const TARGET_MS = 100;
const START_TIMEOUT_MS = 120_000;
const RETRY_WAIT_MS = 60_000;
const RETRY_BUDGET_MS = (Number(process.env.BENCH_START_RETRY_MINUTES) || 15) * 60_000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));

const ROLLEN = ["verwijzer", "zorgmakelaar", "beheerder", "aanbieder"] as const;
type Rol = (typeof ROLLEN)[number];
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

// -----------------------------------------------------------------------------------------------
// HTTP: one keep-alive connection, cookies by hand.
// -----------------------------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: number;
  ms: number;
}

interface Ask {
  method?: "GET" | "POST";
  cookie?: string;
  token?: string;
  form?: Record<string, string>;
}

function ask(port: number, path: string, options: Ask = {}, retried = false): Promise<Answer> {
  const payload = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: http.OutgoingHttpHeaders = {};
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request({ host: "127.0.0.1", port, method: options.method ?? "GET", path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const ms = performance.now() - start;
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buffer.toString("utf8"), bytes: buffer.length, ms });
      });
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just before it was reused: send once more on a new one (Node's own advice).
      if (req.reusedSocket && error.code === "ECONNRESET" && !retried) resolve(ask(port, path, options, true));
      else reject(error);
    });
    req.end(payload);
  });
}

function cookieValue(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  for (const line of headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (pair && eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

// -----------------------------------------------------------------------------------------------
// The server in its own process, from source (npm start runs the same file bundled).
// -----------------------------------------------------------------------------------------------
interface Server {
  child: ChildProcess;
  dir: string;
  port: number;
  tokens: Map<Rol, string>;
  lines: string[];
  errors: string[];
  startMs: number;
}

class StartFailure extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(os.tmpdir(), "plekwijzer-pages-bench-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: join(dir, "bench.db"),
    PORT: String(port),
    HOST: "127.0.0.1",
    DEMO_DATA: "true",
    RATE_LIMIT_PER_TOKEN: "1000000",
    RATE_LIMIT_PER_ADRES: "1000000",
  };
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = { child, dir, port, tokens: new Map(), lines: [], errors: [], startMs: 0 };
  // Both streams are read to the end, also after start-up, so the server never blocks on a full pipe.
  if (child.stderr) createInterface({ input: child.stderr }).on("line", (line) => server.errors.push(line));
  return new Promise<Server>((resolve, reject) => {
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      stopServer(server).then(() => reject(new StartFailure(message, [...server.lines, ...server.errors].join("\n"))));
    };
    const timer = setTimeout(() => fail(`no "Plekwijzer listens on" within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once("exit", (code, signal) => fail(`the server exited (${signal ?? `code ${code}`}) before it listened`));
    if (!child.stdout) return fail("no stdout");
    createInterface({ input: child.stdout }).on("line", (line) => {
      server.lines.push(line);
      const token = /^\s+(verwijzer|zorgmakelaar|beheerder|aanbieder)\s+(pw_\S+)/.exec(line);
      if (token) server.tokens.set(token[1] as Rol, token[2] as string);
      if (line.includes("Plekwijzer listens on")) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        server.startMs = performance.now() - started;
        resolve(server);
      }
    });
  });
}

function stopServer(server: Server): Promise<void> {
  const { child } = server;
  const removeDir = () => rmSync(server.dir, { recursive: true, force: true });
  if (child.exitCode !== null || child.signalCode !== null) {
    removeDir();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      removeDir();
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A page module that does not compile yet (colleagues at work) is worth waiting for; anything else is not. */
const compileProblem = (output: string) =>
  /src[\\/]ui[\\/]|SyntaxError|Transform failed|does not provide an export|ERR_MODULE_NOT_FOUND|Cannot find module/.test(output);

async function startWithRetries(): Promise<Server> {
  const deadline = performance.now() + RETRY_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer();
    } catch (error) {
      if (!(error instanceof StartFailure)) throw error;
      const tail = error.output.split("\n").slice(-15).join("\n");
      console.log(`! start attempt ${attempt} failed: ${error.message}\n${tail}`);
      if (!compileProblem(error.output) || performance.now() + RETRY_WAIT_MS > deadline) throw error;
      console.log(`  looks like a page that does not compile yet; retrying in ${RETRY_WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS));
    }
  }
}

// -----------------------------------------------------------------------------------------------
// Signing in and finding ids.
// -----------------------------------------------------------------------------------------------
/** Signs in as the demo person of a role, with the demo button (demo mode). */
async function signIn(port: number, rol: Rol): Promise<string> {
  const form = await ask(port, "/inloggen");
  const aanmelden = cookieValue(form.headers, "pw_aanmelden");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (form.status !== 200 || !aanmelden || !csrf) {
    throw new Error(`GET /inloggen answered ${form.status} without the pw_aanmelden cookie or the _csrf field`);
  }
  const answer = await ask(port, "/inloggen/demo", {
    method: "POST",
    cookie: `pw_aanmelden=${aanmelden}`,
    form: { _csrf: csrf, rol },
  });
  const sessie = cookieValue(answer.headers, "pw_sessie");
  if (answer.status !== 303 || !sessie) {
    throw new Error(`signing in as ${rol} answered ${answer.status} without a pw_sessie cookie: ${answer.body.slice(0, 300)}`);
  }
  console.log(`# signed in as ${rol.padEnd(12)} → ${answer.headers.location ?? "?"}`);
  return `pw_sessie=${sessie}`;
}

/** The first id in a link on a page, or why there is none. */
async function firstId(
  port: number,
  cookie: string,
  listPages: string[],
  pattern: RegExp,
): Promise<{ id: string } | { why: string }> {
  const tried: string[] = [];
  for (const path of listPages) {
    const answer = await ask(port, path, { cookie });
    const id = pattern.exec(answer.body)?.[1];
    if (answer.status === 200 && id) return { id };
    tried.push(`${path} answered ${answer.status}${answer.status === 200 ? " without such a link" : ""}`);
  }
  return { why: `no link matching ${pattern.source} (${tried.join("; ")})` };
}

interface Zorgvorm {
  code: string;
  bovenliggend: string | null;
  actief: boolean;
}

/** A care type with results for a 10-year-old in Den Haag: gezinshuis if it has any, else the first leaf that does. */
async function zorgvormMetResultaten(port: number, token: string): Promise<{ code: string; totaal: number } | { why: string }> {
  const all: Zorgvorm[] = [];
  for (let pagina = 1; ; pagina++) {
    const answer = await ask(port, `/v1/zorgvormen?pagina=${pagina}&perPagina=100`, { token });
    if (answer.status !== 200) return { why: `GET /v1/zorgvormen answered ${answer.status}` };
    const page = JSON.parse(answer.body) as { resultaten: Zorgvorm[]; totaal: number };
    all.push(...page.resultaten);
    if (page.resultaten.length === 0 || all.length >= page.totaal) break;
  }
  const parents = new Set(all.map((z) => z.bovenliggend).filter(Boolean));
  const leaves = all.filter((z) => z.actief && !parents.has(z.code)).map((z) => z.code);
  const candidates = [...new Set(["gezinshuis", ...leaves])].filter((code) => all.some((z) => z.code === code));
  for (const code of candidates) {
    const answer = await ask(port, `/v1/aanbod?zorgvorm=${encodeURIComponent(code)}&gemeente=GM0518&leeftijd=10&perPagina=1`, {
      token,
    });
    if (answer.status !== 200) continue;
    const totaal = (JSON.parse(answer.body) as { totaal: number }).totaal;
    if (totaal > 0) return { code, totaal };
  }
  return { why: `none of ${candidates.length} care types has offers for gemeente=GM0518&leeftijd=10` };
}

// -----------------------------------------------------------------------------------------------
// Measuring.
// -----------------------------------------------------------------------------------------------
interface Outcome {
  label: string;
  p95?: number;
  non200: number;
  skipped?: string;
}

function p95Of(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.95 * sorted.length) - 1))] ?? Number.NaN;
}

async function measure(port: number, label: string, path: string, cookie?: string): Promise<Outcome> {
  const statuses = new Map<number, number>();
  const samples: number[] = [];
  const sizes: number[] = [];
  let loud = 0;
  let non200 = 0;
  for (let i = 0; i < WARMUP + TIMED; i++) {
    const answer = await ask(port, path, { cookie });
    const timed = i >= WARMUP;
    if (timed) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status !== 200) {
      non200++;
      if (loud++ < 3) {
        console.log(
          `  !!! ${label}: ${timed ? "timed" : "warm-up"} request ${i + 1} answered ${answer.status}${answer.headers.location ? ` → ${answer.headers.location}` : ""}: ${answer.body.replace(/\s+/g, " ").slice(0, 200)}`,
        );
      }
      continue;
    }
    if (timed) {
      samples.push(answer.ms);
      sizes.push(answer.bytes);
    }
  }
  const status = [...statuses].map(([code, n]) => `${code}×${n}`).join(" ");
  const low = Math.min(...sizes);
  const high = Math.max(...sizes);
  const size = sizes.length === 0 ? "-" : low === high ? `${low} B` : `${low}–${high} B`;
  console.log(`${summarise(label, samples)}  status ${status}  body ${size}`);
  if (non200 > 0)
    console.log(`  !!! ${label}: ${non200} of ${WARMUP + TIMED} answers were not 200; only the 200s are in the figures`);
  return { label, p95: samples.length > 0 ? p95Of(samples) : undefined, non200 };
}

// -----------------------------------------------------------------------------------------------
// The benchmark.
// -----------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const cpu = os.cpus();
  console.log(
    `# pages bench on ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `# ${WARMUP} warm-up + ${TIMED} timed sequential requests per page, one keep-alive connection; target p95 < ${TARGET_MS} ms`,
  );

  let server: Server | undefined;
  const stop = () => {
    if (server) server.child.kill("SIGTERM");
    if (server) rmSync(server.dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", stop);
  try {
    server = await startWithRetries();
    const { port } = server;
    const demo = server.lines.find((line) => line.startsWith("Demo data loaded"));
    const cases = server.lines.find((line) => line.startsWith("Demo cases"));
    const listens = server.lines.find((line) => line.includes("Plekwijzer listens on")) ?? "";
    console.log(`# data: ${demo ?? "no 'Demo data loaded' line"} ${cases ?? "(no 'Demo cases' line)"}`);
    console.log(
      `# server: node --import tsx src/server.ts, pid ${server.child.pid}, listening after ${(server.startMs / 1000).toFixed(1)} s; search ${/search (.+)\)$/.exec(listens)?.[1] ?? "?"}`,
    );

    const cookies = new Map<Rol, string>();
    for (const rol of ROLLEN) cookies.set(rol, await signIn(port, rol));
    const cookie = (rol: Rol) => cookies.get(rol) as string;

    const zorgvorm = await zorgvormMetResultaten(port, server.tokens.get("verwijzer") as string);
    if ("code" in zorgvorm)
      console.log(`# zorgvorm for the filtered search: ${zorgvorm.code} (${zorgvorm.totaal} offers via /v1/aanbod)`);
    const gefilterd =
      "code" in zorgvorm ? `/zoeken?zorgvorm=${encodeURIComponent(zorgvorm.code)}&gemeente=GM0518&leeftijd=10` : undefined;

    const historie = await firstId(
      port,
      cookie("aanbieder"),
      ["/mijn-aanbod"],
      new RegExp(`href="/mijn-aanbod/(${UUID})/historie"`),
    );
    const aanbod = await firstId(
      port,
      cookie("verwijzer"),
      [gefilterd, "/zoeken?q=jeugd", "/zoeken"].filter((p): p is string => p !== undefined),
      new RegExp(`href="/zoeken/aanbod/(${UUID})[?"]`),
    );
    const casus = await firstId(
      port,
      cookie("zorgmakelaar"),
      ["/wachtlijst?regio=haaglanden"],
      new RegExp(`href="/wachtlijst/casus/(${UUID})"`),
    );

    type Plan = { rol: Rol | "anoniem"; path: string } | { rol: Rol; label: string; skipped: string };
    const plan: Plan[] = [
      { rol: "anoniem", path: "/inloggen" },
      { rol: "aanbieder", path: "/mijn-aanbod" },
      "id" in historie
        ? { rol: "aanbieder", path: `/mijn-aanbod/${historie.id}/historie` }
        : { rol: "aanbieder", label: "/mijn-aanbod/<id>/historie", skipped: historie.why },
      { rol: "verwijzer", path: "/zoeken" },
      gefilterd
        ? { rol: "verwijzer", path: gefilterd }
        : { rol: "verwijzer", label: "/zoeken?zorgvorm=…", skipped: "why" in zorgvorm ? zorgvorm.why : "?" },
      { rol: "verwijzer", path: "/zoeken?q=jeugd" },
      "id" in aanbod
        ? { rol: "verwijzer", path: `/zoeken/aanbod/${aanbod.id}` }
        : { rol: "verwijzer", label: "/zoeken/aanbod/<id>", skipped: aanbod.why },
      { rol: "zorgmakelaar", path: "/wachtlijst?regio=haaglanden" },
      "id" in casus
        ? { rol: "zorgmakelaar", path: `/wachtlijst/casus/${casus.id}` }
        : { rol: "zorgmakelaar", label: "/wachtlijst/casus/<id>", skipped: casus.why },
      { rol: "zorgmakelaar", path: "/matching?regio=haaglanden" },
      { rol: "zorgmakelaar", path: "/overzicht?regio=haaglanden" },
      ...[
        "/beheer",
        "/beheer/catalogus",
        "/beheer/contracten",
        "/beheer/organisaties",
        "/beheer/tokens",
        "/beheer/prioriteringsregels",
        "/overzicht?regio=haaglanden",
      ].map((path) => ({ rol: "beheerder" as const, path })),
    ];

    console.log("");
    const width = Math.max(...plan.map((p) => ("path" in p ? p.path : p.label).length)) + 14;
    const outcomes: Outcome[] = [];
    for (const p of plan) {
      if ("skipped" in p) {
        const label = `${p.rol.padEnd(12)} ${p.label}`.padEnd(width);
        console.log(`${label}: skipped: ${p.skipped}`);
        outcomes.push({ label, non200: 0, skipped: p.skipped });
        continue;
      }
      const label = `${p.rol.padEnd(12)} ${p.path}`.padEnd(width);
      outcomes.push(await measure(port, label, p.path, p.rol === "anoniem" ? undefined : cookie(p.rol)));
    }

    console.log(`\n## verdict (p95 of the ${TIMED} timed requests; target < ${TARGET_MS} ms)`);
    for (const o of outcomes) {
      const verdict = o.skipped
        ? "nee (skipped)"
        : o.p95 === undefined
          ? "nee (no 200 answer measured)"
          : `${o.p95 < TARGET_MS ? "ja" : "nee"} (${o.p95.toFixed(2)} ms)${o.non200 > 0 ? `, but ${o.non200} answers were not 200` : ""}`;
      console.log(`${o.label}: p95 < ${TARGET_MS} ms: ${verdict}`);
    }
    const non200 = outcomes.reduce((sum, o) => sum + o.non200, 0);
    const skipped = outcomes.filter((o) => o.skipped).length;
    const ja = outcomes.filter((o) => !o.skipped && o.non200 === 0 && o.p95 !== undefined && o.p95 < TARGET_MS).length;
    console.log(
      `\n# ${ja}/${outcomes.length} pages p95 < ${TARGET_MS} ms with only 200 answers; ${skipped} skipped; ${non200} non-200 answers`,
    );
    if (non200 > 0 && server.errors.length > 0) {
      console.log(`# server stderr (last lines):\n${server.errors.slice(-20).join("\n")}`);
    }
  } finally {
    agent.destroy();
    if (server) await stopServer(server);
    process.removeListener("SIGINT", stop);
  }
}

await main();
