/**
 * Search benchmark (prints figures and the targets of issue 16 as MET/MISSED; never asserts):
 * 1. a register of ~100,000 offers (20,000 demo providers over the nine Haaglanden municipalities)
 *    in a SQLite file and a real Meilisearch next to it: load and index build times, memory and
 *    file size;
 * 2. latency of the engines side by side for filter, text, radius and "ook niet
 *    gecontracteerd" searches: the in-memory engine (`geheugen`, the embedded default on Node),
 *    Meilisearch, and for reference the SQLite engine (the one on D1). The engine queries are
 *    captured from the real service (searchAanbod() with a recording engine), so they are what
 *    `GET /v1/aanbod` sends; every query's totals are compared between the engines. Plus
 *    searchAanbod() itself;
 * 3. where SQLite time goes: the slowest queries again, statement by statement, with
 *    EXPLAIN QUERY PLAN of the statements the engine really prepared;
 * 4. HTTP load with autocannon (64 connections) against `GET /v1/aanbod` and against a
 *    pre-built answer of the same size on the same server, once with the embedded (in-memory)
 *    provider and once with the Meilisearch provider (BENCH_HTTP_SQLITE=1 adds the SQLite
 *    provider); besides the filter-only mix also a set without gemeente, to tell the cost of
 *    the contract filter from the rest. Each server is its own Node process (this file, bundled
 *    and started with `--server`), like `npm start`: plain JavaScript, its RSS is the server's
 *    alone, and the load generator does not share its event loop.
 *
 * Every kind × engine run is time-boxed (BENCH_KIND_BUDGET_S, the SQLite engine
 * BENCH_SQLITE_BUDGET_S; warm-up 3 s) so that the whole bench stays reasonable on two cores;
 * the measured queries are a random order, so a shortened run is still an unbiased sample.
 *
 * Environment (for quick trial runs; the defaults are the benchmark):
 *   BENCH_AANBIEDERS (20000), BENCH_QUERIES per kind (250), BENCH_HTTP_SECONDS (10),
 *   BENCH_KIND_BUDGET_S (12), BENCH_SQLITE_BUDGET_S (4), BENCH_HTTP_SQLITE (0).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { serve } from "@hono/node-server";
import type BetterSqlite3 from "better-sqlite3";
import { openSqlite } from "../db/sqlite.ts";
import { emptyFacetten, type SearchEngine, type SearchQuery, type SearchResult } from "../search/engine.ts";
import { createSearch } from "../search/index.ts";
import { MemorySearchEngine } from "../search/memory-engine.ts";
import { SearchProvider } from "../search/provider.ts";
import { SqliteSearchEngine } from "../search/sqlite-engine.ts";
import { fold, STOPWOORDEN } from "../search/text.ts";
import { type DemoData, generateDemo } from "../seeds/demo.ts";
import { loadDemo } from "../seeds/demo-load.ts";
import { createPrng, type Prng } from "../seeds/prng.ts";
import { GEMEENTEN_HAAGLANDEN, loadReference, ZORGVORMEN } from "../seeds/reference.ts";
import { createApp } from "../src/app.ts";
import { STANDAARD_GUARD } from "../src/http/guard.ts";
import { systemClock } from "../src/kern/time.ts";
import { searchAanbod, type ZoekParams } from "../src/services/zoeken.ts";
import { startMeili } from "../test/support/meili-server.ts";
import { bundled, freePort, percentile, startFlags, summarise } from "./lib.ts";

// autocannon ships no types: the little of it this bench uses.
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number; max: number };
  requests: { average: number; total: number };
  throughput: { average: number };
}
interface AutocannonRequest {
  method: "GET";
  path: string;
  onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string | string[]>) => void;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  maxOverallRequests?: number;
  timeout?: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const AANBIEDERS = envInt("BENCH_AANBIEDERS", 20_000);
const QUERIES = envInt("BENCH_QUERIES", 250);
const WARMUP = 50;
const HTTP_SECONDS = envInt("BENCH_HTTP_SECONDS", 10);
const KIND_BUDGET_MS = envInt("BENCH_KIND_BUDGET_S", 12) * 1000;
const SQLITE_BUDGET_MS = envInt("BENCH_SQLITE_BUDGET_S", 4) * 1000;
const HTTP_SQLITE = process.env.BENCH_HTTP_SQLITE === "1";
const WARMUP_BUDGET_MS = 3_000;
const CONNECTIONS = 64;
const PREBUILT_SAMPLES = 9;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const secs = (n: number) => `${(n / 1000).toFixed(1)} s`;
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "n/a");
const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const p50Of = (samples: number[]) => percentile(ascending(samples), 50);

/** VmRSS and VmHWM (peak) of a process, from /proc. */
function procMemory(pid: number | undefined): { rss: number; peak: number; text: string } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
    const rss = kb("VmRSS");
    const peak = kb("VmHWM");
    return { rss, peak, text: `VmRSS ${mb(rss)} (peak VmHWM ${mb(peak)})` };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN, text: "n/a" };
  }
}
function nodeMemory(): string {
  const m = process.memoryUsage();
  return `rss ${mb(m.rss)} (heapUsed ${mb(m.heapUsed)}, external ${mb(m.external)})`;
}
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The Meilisearch client leaks an abort listener per task poll in waitTask(), which makes Node
 * print a MaxListenersExceededWarning many times during an index build: counted, not printed.
 */
const warnings = new Map<string, number>();
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name === "MaxListenersExceededWarning") warnings.set(warning.name, (warnings.get(warning.name) ?? 0) + 1);
  else console.warn(`${warning.name}: ${warning.message}`);
});

/** The server bundle, built once per run (see bundleServer). */

if (process.argv[2] === "--server") await serverMode();
else await main();

// -----------------------------------------------------------------------------------------------
// The HTTP server under load: its own process, on the register the main process built.
// -----------------------------------------------------------------------------------------------
async function serverMode(): Promise<void> {
  const [, , , mode, dbPath, urlsPath] = process.argv;
  if (!dbPath || !urlsPath) throw new Error("usage: search.bench.ts --server geheugen|sqlite|meilisearch <db> <urls.json>");
  const db = openSqlite(dbPath, { migrate: false });
  let provider: SearchProvider;
  if (mode === "geheugen" || mode === "geheugen-zonder-cache") {
    // What `npm start` does without Meilisearch: the in-memory index, built at start.
    const memory = new MemorySearchEngine(db, {
      log: (message) => console.log(`  [server search] ${message}`),
      cache: mode === "geheugen",
    });
    await memory.init();
    provider = new SearchProvider(memory);
  } else if (mode === "meilisearch") {
    const search = await createSearch(db, {
      meili: { url: process.env.BENCH_MEILI_URL ?? "", apiKey: process.env.BENCH_MEILI_KEY ?? "", index: "bench" },
      log: (message) => console.log(`  [server search] ${message}`),
    });
    provider = search.provider;
  } else {
    provider = new SearchProvider(new SqliteSearchEngine(db));
  }
  // Offer search opened without a token (PUBLIEK_ZOEKEN) and limits out of the way: this
  // measures search, not authentication or rate limiting.
  const app = createApp({
    db,
    clock: systemClock,
    search: provider,
    config: { publiekZoeken: true, guard: { ...STANDAARD_GUARD, perToken: 1e9, perAdres: 1e9 } },
  });
  const rssIdle = process.memoryUsage().rss;
  const prebuilt = { text: "{}" };
  let inFlight = 0;
  // Added before the first request, while the router still takes routes.
  app.get("/bench/vooraf", (c) => c.body(prebuilt.text, 200, { "Content-Type": "application/json" }));
  // Requests still being answered, this one not counted: the load generator stops at its
  // deadline, the server goes on with what it had queued.
  app.get("/bench/bezig", (c) => c.text(String(inFlight - 1)));
  // Where the server's memory is: V8's heap, array buffers and the rest of the process.
  app.get("/bench/geheugen", (c) => c.json(process.memoryUsage()));

  // The pre-built answer: the median-sized body of a few real search answers.
  const urls = JSON.parse(readFileSync(urlsPath, "utf8")) as string[];
  const bodies: string[] = [];
  for (const url of urls.slice(0, PREBUILT_SAMPLES)) {
    const res = await app.request(url);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    bodies.push(text);
  }
  bodies.sort((a, b) => a.length - b.length);
  prebuilt.text = bodies[Math.floor(bodies.length / 2)] ?? "{}";

  // Runs until the main process kills it (SIGTERM ends it at once, busy or not: it only reads).
  const port = await freePort();
  const fetch = async (request: Request, env: unknown) => {
    inFlight++;
    try {
      return await app.fetch(request, env);
    } finally {
      inFlight--;
    }
  };
  // Exits the ordinary way on SIGTERM, so that `--cpu-prof` and `--heap-prof` write their profiles.
  process.once("SIGTERM", () => process.exit(0));
  serve({ fetch, port, hostname: "127.0.0.1" }, () =>
    process.send?.({
      port,
      rssIdle,
      prebuilt: prebuilt.text.length,
      smallest: bodies[0]?.length,
      largest: bodies.at(-1)?.length,
    }),
  );
}

interface ServerChild {
  child: ChildProcess;
  port: number;
  rssIdle: number;
  prebuilt: number;
  smallest: number;
  largest: number;
}

type Mode = "geheugen" | "geheugen-zonder-cache" | "sqlite" | "meilisearch";

async function startServer(mode: Mode, dbPath: string, urlsPath: string, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    [...startFlags(), await bundled(import.meta.url, "search-bench"), "--server", mode, dbPath, urlsPath],
    {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, ...env },
    },
  );
  return new Promise<ServerChild>((resolve, reject) => {
    child.once("message", (m) => resolve({ child, ...(m as Omit<ServerChild, "child">) }));
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code} before it was ready`)));
  });
}

function stopServer(server: ServerChild): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
    server.child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    server.child.kill("SIGTERM");
  });
}

/** One GET on a fresh connection (no keep-alive pool to go stale between load runs). */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      })
      .on("error", reject);
  });
}

/** Waits until the server has answered what it had queued; answers how long that took. */
async function drain(port: number, maxMs = 60_000): Promise<{ ms: number; left: number }> {
  const start = performance.now();
  for (;;) {
    const left = Number((await get(port, "/bench/bezig")).body);
    if (left <= 0 || performance.now() - start > maxMs) return { ms: performance.now() - start, left };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// -----------------------------------------------------------------------------------------------
// The benchmark.
// -----------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const started = performance.now();
  const elapsed = () => secs(performance.now() - started);
  const cpu = os.cpus();
  console.log(
    `# search bench on ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${mb(os.totalmem())} RAM, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `# ${AANBIEDERS} demo providers; ${QUERIES} queries per kind after ${WARMUP} warm-up, each kind × engine time-boxed to ${secs(KIND_BUDGET_MS)} (+${secs(WARMUP_BUDGET_MS)} warm-up); HTTP ${CONNECTIONS} connections × ${HTTP_SECONDS} s`,
  );

  const targets: { text: string; met: boolean }[] = [];
  const target = (text: string, met: boolean) => targets.push({ text, met });

  const dir = mkdtempSync(join(os.tmpdir(), "plekwijzer-search-bench-"));
  const dbPath = join(dir, "bench.db");
  const db = openSqlite(dbPath);
  const meiliServer = await startMeili();
  let search: Awaited<ReturnType<typeof createSearch>> | undefined;
  const servers: ServerChild[] = [];

  try {
    // ---------------------------------------------------------------------------------------------
    // 1. The register and both engines.
    // ---------------------------------------------------------------------------------------------
    await loadReference(db);
    const now = new Date();
    let t = performance.now();
    let data: DemoData | undefined = generateDemo({ seed: 20261127, aanbieders: AANBIEDERS, now });
    const generated = performance.now() - t;
    t = performance.now();
    const counts = loadDemo(db, data);
    const loaded = performance.now() - t;
    data = undefined; // let the generated rows go before memory is measured
    const projected = (db.sqlite.prepare("SELECT count(*) AS n FROM zoek_aanbod").get() as { n: number }).n;
    console.log("\n## register");
    console.log(
      `demo data: ${counts.aanbieders} aanbieders, ${counts.locaties} locaties, ${counts.aanbod} aanbod, ${counts.contracten} contracten, ${counts.historie} historie rows; ${projected} rows in zoek_aanbod`,
    );
    console.log(`generate ${secs(generated)}, load into SQLite (incl. projection + FTS triggers) ${secs(loaded)}`);

    const log = (message: string) => console.log(`  [search] ${message}`);
    // Measured after a full collection, so that the generator's leftovers do not count against it.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage();
    t = performance.now();
    search = await createSearch(db, { meili: { url: meiliServer.url, apiKey: meiliServer.masterKey, index: "bench" }, log });
    const memoryBuilt = performance.now() - t;
    gc();
    const after = process.memoryUsage();
    const memoryHeap = after.heapUsed - before.heapUsed;
    const memoryArrays = after.arrayBuffers - before.arrayBuffers;
    t = performance.now();
    await search.worker?.flush(); // the first drain builds the Meilisearch index in the background
    const meiliBuild = performance.now() - t;
    const meili = search.meili;
    const memory = search.memory;
    if (!meili || !memory) throw new Error("createSearch did not set up Meilisearch and the in-memory engine");
    db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    console.log(
      `createSearch (builds the in-memory index): ${secs(memoryBuilt)}, heap +${mb(memoryHeap)}, typed arrays +${mb(memoryArrays)}`,
    );
    console.log(`Meilisearch index build (its first init, from SQLite): ${secs(meiliBuild)}`);
    console.log(`Meilisearch process: ${procMemory(meiliServer.pid).text}`);
    console.log(`Node process (bench, holds the generator's leftovers): ${nodeMemory()}`);
    console.log(`SQLite file: ${mb(fileSize(dbPath))} (+ WAL ${mb(fileSize(`${dbPath}-wal`))})`);
    const leaks = warnings.get("MaxListenersExceededWarning");
    if (leaks) console.log(`(${leaks} MaxListenersExceededWarning from the Meilisearch client's waitTask polling, not printed)`);
    console.log(`[${elapsed()}]`);

    // ---------------------------------------------------------------------------------------------
    // 2. Queries, captured from the service, and engine latency.
    // ---------------------------------------------------------------------------------------------
    /** A provider whose only engine records the query and answers nothing (so searchAanbod() hydrates nothing). */
    const captured: SearchQuery[] = [];
    const recorder: SearchEngine = {
      name: "sqlite",
      async search(query: SearchQuery): Promise<SearchResult> {
        captured.push(query);
        return { hits: [], totaal: 0, facetten: emptyFacetten() };
      },
    };
    const recordingDeps = { db, clock: systemClock, search: new SearchProvider(recorder) };
    async function capture(params: ZoekParams): Promise<SearchQuery> {
      captured.length = 0;
      await searchAanbod({ deps: recordingDeps, actor: undefined }, params);
      const query = captured[0];
      if (!query) throw new Error(`no query captured for ${JSON.stringify(params)}`);
      return query;
    }

    const toQuery = capture;

    const prng = createPrng(4242);
    const CATEGORIEEN = ["43", "44", "45", "54"];
    const VORMEN = ZORGVORMEN.filter((z) => z.bovenliggend !== null).map((z) => z.code);
    type Filter = "zorgvorm" | "gemeente" | "leeftijd" | "alleenVrij" | "maxWachttijd";
    const FILTERS: Filter[] = ["zorgvorm", "gemeente", "leeftijd", "alleenVrij", "maxWachttijd"];
    function applyFilter(p: ZoekParams, filter: Filter) {
      switch (filter) {
        case "zorgvorm":
          p.zorgvorm = prng.chance(0.5) ? prng.pick(CATEGORIEEN) : prng.pick(VORMEN);
          break;
        case "gemeente":
          p.gemeente = prng.pick(GEMEENTEN_HAAGLANDEN).code;
          break;
        case "leeftijd":
          p.leeftijd = prng.int(0, 23);
          break;
        case "alleenVrij":
          p.alleenVrij = true;
          break;
        case "maxWachttijd":
          p.maxWachttijd = prng.int(4, 30);
      }
    }
    function someFilters(p: ZoekParams, from: Filter[], min: number, max: number) {
      const pool = [...from];
      const n = prng.int(min, Math.min(max, pool.length));
      for (let i = 0; i < n; i++) applyFilter(p, pool.splice(prng.int(0, pool.length - 1), 1)[0] as Filter);
    }

    // Words as they occur in the data: provider names, offer names, places.
    const stop = new Set(STOPWOORDEN);
    const { lo, hi } = db.sqlite.prepare("SELECT min(nr) AS lo, max(nr) AS hi FROM zoek_aanbod").get() as {
      lo: number;
      hi: number;
    };
    const rowAt = db.sqlite.prepare("SELECT aanbieder_naam, naam, plaats FROM zoek_aanbod WHERE nr >= ? ORDER BY nr LIMIT 1");
    const wordsOf = (text: string) => text.split(/[^\p{L}]+/u).filter((w) => w.length >= 3 && !stop.has(fold(w)));
    const LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];
    /** One edit inside a word: a wrong letter, two letters swapped, or (6+ letters) one left out. */
    function typo(word: string, r: Prng): string {
      const i = r.int(1, word.length - 2);
      const op = word.length >= 6 ? r.int(0, 2) : r.int(0, 1);
      if (op === 0) {
        let c = r.pick(LETTERS);
        while (c === word[i]?.toLowerCase()) c = r.pick(LETTERS);
        return word.slice(0, i) + c + word.slice(i + 1);
      }
      if (op === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      return word.slice(0, i) + word.slice(i + 1);
    }
    function textQuery(): string {
      const row = rowAt.get(prng.int(lo, hi)) as { aanbieder_naam: string; naam: string; plaats: string };
      const variant = prng.weighted([
        ["word", 35],
        ["two", 15],
        ["typo", 20],
        ["prefix", 20],
        ["place", 10],
      ] as const);
      const nameWords = wordsOf(`${row.aanbieder_naam} ${row.naam}`);
      const word = prng.pick(nameWords.length ? nameWords : [row.plaats]);
      switch (variant) {
        case "word":
          return prng.chance(0.5) ? word : word.toLowerCase();
        case "two":
          return nameWords.length >= 2 ? `${prng.pick(nameWords)} ${prng.pick(nameWords)}` : `${word} ${row.plaats}`;
        case "typo": {
          const long = nameWords.filter((w) => w.length >= 5);
          return long.length ? typo(prng.pick(long), prng).toLowerCase() : word;
        }
        case "prefix":
          return word.slice(0, prng.int(3, 4)).toLowerCase();
        default:
          return row.plaats;
      }
    }

    type Kind = { name: string; build: () => ZoekParams };
    const KINDS: Kind[] = [
      {
        name: "filters only",
        build: () => {
          const p: ZoekParams = { pagina: 1, perPagina: 20 };
          for (const f of FILTERS) if (prng.chance(0.5)) applyFilter(p, f);
          if (Object.keys(p).length === 2) applyFilter(p, prng.pick(FILTERS));
          return p;
        },
      },
      {
        name: "text + filters",
        build: () => {
          const p: ZoekParams = { pagina: 1, perPagina: 20, q: textQuery() };
          someFilters(p, FILTERS, 1, 2);
          return p;
        },
      },
      {
        name: "radius + filters",
        build: () => {
          const g = prng.pick(GEMEENTEN_HAAGLANDEN);
          const lat = (g.lat ?? 52) + prng.float(-0.02, 0.02);
          const lon = (g.lon ?? 4.3) + prng.float(-0.03, 0.03);
          const p: ZoekParams = {
            pagina: 1,
            perPagina: 20,
            nabij: `${lat.toFixed(4)},${lon.toFixed(4)}`,
            straal: prng.int(2, 15),
          };
          if (prng.chance(0.5)) p.sorteer = "afstand";
          someFilters(p, FILTERS, 1, 1);
          return p;
        },
      },
      {
        name: "ookNietGecontracteerd=true (+ gemeente)",
        build: () => {
          const p: ZoekParams = { pagina: 1, perPagina: 20, gemeente: prng.pick(GEMEENTEN_HAAGLANDEN).code };
          p.ookNietGecontracteerd = true;
          someFilters(p, ["zorgvorm", "leeftijd", "alleenVrij", "maxWachttijd"], 0, 2);
          return p;
        },
      },
    ];

    const toUrl = (p: ZoekParams) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries(p)) {
        if (v === undefined || (k === "pagina" && v === 1) || (k === "perPagina" && v === 20)) continue;
        u.set(k, String(v));
      }
      return `/v1/aanbod?${u.toString()}`;
    };

    type Case = { params: ZoekParams; url: string; query: SearchQuery };
    async function casesFor(kind: Kind, n: number): Promise<Case[]> {
      const seen = new Set<string>();
      const cases: Case[] = [];
      for (let tries = 0; cases.length < n && tries < n * 50; tries++) {
        const params = kind.build();
        const url = toUrl(params);
        if (seen.has(url)) continue;
        seen.add(url);
        const query = await toQuery(params);
        cases.push({ params, url, query });
      }
      return cases;
    }

    t = performance.now();
    const suites: { kind: Kind; warm: Case[]; measured: Case[] }[] = [];
    for (const kind of KINDS) {
      const all = await casesFor(kind, WARMUP + QUERIES);
      suites.push({ kind, warm: all.slice(0, WARMUP), measured: all.slice(WARMUP) });
    }
    console.log(
      `\n## engine latency (sequential; ${suites.map((s) => s.measured.length).join("/")} distinct queries per kind, captured from searchAanbod() in ${ms(performance.now() - t)})`,
    );

    type Run = { samples: number[]; perCase: (number | undefined)[]; totals: (number | undefined)[]; errors: string[] };
    /**
     * Times the suite's queries until the budget is spent; with `allTotals` the rest are still
     * asked, untimed, so that every query's total is compared.
     */
    async function runEngine(
      engine: SearchEngine,
      suite: (typeof suites)[number],
      budget = KIND_BUDGET_MS,
      allTotals = false,
    ): Promise<Run> {
      const warming = performance.now();
      for (const c of suite.warm) {
        if (performance.now() - warming > WARMUP_BUDGET_MS) break;
        await engine.search(c.query).catch(() => undefined);
      }
      const run: Run = { samples: [], perCase: [], totals: [], errors: [] };
      const begin = performance.now();
      for (const c of suite.measured) {
        const timed = performance.now() - begin <= budget;
        if (!timed && !allTotals) break;
        const start = performance.now();
        try {
          const result = await engine.search(c.query);
          const took = performance.now() - start;
          if (timed) run.samples.push(took);
          run.perCase.push(timed ? took : undefined);
          run.totals.push(result.totaal);
        } catch (error) {
          run.errors.push((error as Error).message.slice(0, 160));
          run.perCase.push(undefined);
          run.totals.push(undefined);
        }
      }
      return run;
    }
    const subset = (run: Run, cases: Case[], pick: (c: Case) => boolean) =>
      run.perCase.filter((v, i) => v !== undefined && pick(cases[i] as Case)) as number[];
    /** Answers how many of the queries both runs answered had the same total, and the first that did not. */
    const agree = (a: Run, b: Run, cases: Case[]) => {
      let compared = 0;
      let equal = 0;
      const differ: string[] = [];
      a.totals.forEach((n, i) => {
        const m = b.totals[i];
        if (n === undefined || m === undefined) return;
        compared++;
        if (n === m) equal++;
        else if (differ.length < 2) differ.push(`${cases[i]?.url}: ${n} against ${m}`);
      });
      return { compared, equal, differ };
    };

    const sqliteRuns = new Map<string, Run>();
    const engineRows: string[] = [];
    for (const suite of suites) {
      const { kind, measured } = suite;
      const ge = await runEngine(memory, suite);
      const me = await runEngine(meili, suite, KIND_BUDGET_MS, true);
      const sq = await runEngine(search.sqlite, suite, SQLITE_BUDGET_MS);
      sqliteRuns.set(kind.name, sq);
      const withGemeente = measured.filter((c) => c.params.gemeente).length;
      console.log(`\n${kind.name}: ${measured.length} queries (${withGemeente} name a gemeente)`);
      console.log(`  ${summarise("geheugen   ", ge.samples)}`);
      console.log(`  ${summarise("meilisearch", me.samples)}`);
      console.log(`  ${summarise("sqlite     ", sq.samples)}  (reference: the engine on D1)`);
      for (const [name, run] of [
        ["geheugen", ge],
        ["meilisearch", me],
        ["sqlite", sq],
      ] as const) {
        if (run.samples.length < measured.length)
          console.log(
            `  ${name}: time budget reached after ${run.samples.length} of ${measured.length} queries${run.totals.length === measured.length ? " (the rest asked untimed, for their totals)" : ""}`,
          );
        if (run.errors.length) console.log(`  ${name}: ${run.errors.length} errors, first: ${run.errors[0]}`);
      }
      if (withGemeente > 0 && withGemeente < measured.length) {
        const split = (run: Run) => {
          const a = subset(run, measured, (c) => !!c.params.gemeente);
          const b = subset(run, measured, (c) => !c.params.gemeente);
          return `with gemeente p50 ${fmt(p50Of(a))} ms (n=${a.length}), without p50 ${fmt(p50Of(b))} ms (n=${b.length})`;
        };
        console.log(`  geheugen:    ${split(ge)}`);
        console.log(`  meilisearch: ${split(me)}`);
      }
      const withMeili = agree(ge, me, measured);
      const withSqlite = agree(ge, sq, measured);
      const matched = ge.totals.filter((n) => n !== undefined) as number[];
      console.log(
        `  totals: geheugen = meilisearch on ${withMeili.equal}/${withMeili.compared} queries, geheugen = sqlite on ${withSqlite.equal}/${withSqlite.compared}; median matches ${fmt(p50Of(matched))} offers [${elapsed()}]`,
      );
      for (const d of withMeili.differ) console.log(`    differs (geheugen against meilisearch) ${d}`);
      for (const d of withSqlite.differ) console.log(`    differs (geheugen against sqlite) ${d}`);

      const [g50, g99, m50] = [p50Of(ge.samples), percentile(ascending(ge.samples), 99), p50Of(me.samples)];
      const label = kind.name.replace(" (+ gemeente)", "");
      target(`geheugen ${label}: p50 ${fmt(g50)} ms ≤ 2 ms`, g50 <= 2);
      target(`geheugen ${label}: p99 ${fmt(g99)} ms ≤ 10 ms`, g99 <= 10);
      target(`geheugen ${label}: p50 ${fmt(g50)} ms ≤ meilisearch p50 ${fmt(m50)} ms`, g50 <= m50);
      target(`meilisearch ${label}: p50 ${fmt(m50)} ms ≤ 3 ms`, m50 <= 3);
      target(
        `totals agree on every query, ${label}: geheugen = meilisearch ${withMeili.equal}/${withMeili.compared}, = sqlite ${withSqlite.equal}/${withSqlite.compared}`,
        ge.errors.length + me.errors.length === 0 &&
          withMeili.equal === withMeili.compared &&
          withSqlite.equal === withSqlite.compared &&
          withMeili.compared === measured.length,
      );
      engineRows.push(
        `| ${label} | ${fmt(g50)} / ${fmt(g99)} | ${fmt(m50)} / ${fmt(percentile(ascending(me.samples), 99))} | ${fmt(p50Of(sq.samples))} / ${fmt(percentile(ascending(sq.samples), 99))} (n=${sq.samples.length}) |`,
      );
    }
    console.log("\nengine p50 / p99 in ms, side by side:");
    console.log("| kind | geheugen | meilisearch | sqlite |\n|---|---|---|---|");
    for (const row of engineRows) console.log(row);

    // Service level: searchAanbod() with validation, catalogue, engine and the page's documents.
    const filterSuite = suites[0];
    if (!filterSuite) throw new Error("no filter suite");
    for (const [name, engine] of [
      ["geheugen", memory],
      ["meilisearch", meili],
    ] as const) {
      const serviceDeps = { db, clock: systemClock, search: new SearchProvider(engine) };
      const warming = performance.now();
      for (const c of filterSuite.warm) {
        if (performance.now() - warming > WARMUP_BUDGET_MS) break;
        await searchAanbod({ deps: serviceDeps, actor: undefined }, c.params);
      }
      const service: number[] = [];
      const begin = performance.now();
      for (const c of filterSuite.measured) {
        if (performance.now() - begin > KIND_BUDGET_MS) break;
        const start = performance.now();
        await searchAanbod({ deps: serviceDeps, actor: undefined }, c.params);
        service.push(performance.now() - start);
      }
      console.log(`\nservice level, filters only, ${name} (searchAanbod(): checks, catalogue, engine, the page's documents):`);
      console.log(`  ${summarise("searchAanbod()   ", service)} [${elapsed()}]`);
    }

    // ---------------------------------------------------------------------------------------------
    // 3. Where SQLite time goes: slow queries again, statement by statement, with plans.
    // ---------------------------------------------------------------------------------------------
    console.log("\n## SQLite: the slowest query per kind with and without gemeente, statement by statement");
    type Stmt = { sql: string; params: unknown[]; ms: number; rows: number };
    const sqlite = db.sqlite as unknown as { prepare: (source: string) => BetterSqlite3.Statement };
    const originalPrepare = sqlite.prepare.bind(sqlite);
    let recording: Stmt[] | undefined;
    sqlite.prepare = (source: string) => {
      const statement = originalPrepare(source);
      const list = recording;
      if (!list || !/^\s*select/i.test(source)) return statement;
      const all = statement.all.bind(statement);
      (statement as { all: (...params: unknown[]) => unknown[] }).all = (...params: unknown[]) => {
        const start = performance.now();
        const rows = all(...params);
        list.push({ sql: source, params, ms: performance.now() - start, rows: rows.length });
        return rows;
      };
      return statement;
    };
    const short = (value: unknown) => {
      const text = typeof value === "string" ? JSON.stringify(value) : String(value);
      return text.length > 60 ? `${text.slice(0, 30)}…(${text.length} chars)` : text;
    };
    try {
      for (const suite of suites) {
        const run = sqliteRuns.get(suite.kind.name);
        if (!run) continue;
        const timed = run.perCase
          .map((took, i) => ({ took, c: suite.measured[i] as Case }))
          .filter((x): x is { took: number; c: Case } => x.took !== undefined)
          .sort((a, b) => b.took - a.took);
        const picks = [timed.find((x) => x.c.params.gemeente), timed.find((x) => !x.c.params.gemeente)];
        for (const pick of picks) {
          if (!pick) continue;
          recording = [];
          const start = performance.now();
          await search.sqlite.search(pick.c.query);
          const total = performance.now() - start;
          const statements = recording;
          recording = undefined;
          const inSql = statements.reduce((sum, s) => sum + s.ms, 0);
          console.log(
            `\n${suite.kind.name}: ${pick.c.url} — ${fmt(pick.took)} ms in the run, now ${fmt(total)} ms (${fmt(inSql)} ms in SQLite statements, ${fmt(total - inSql)} ms in JS)`,
          );
          for (const s of statements) {
            if (/zoek_tekst_vocab|zoek_meta/.test(s.sql) && s.ms < 1) continue;
            const oneLine = s.sql.replace(/\s+/g, " ");
            console.log(`  ${fmt(s.ms)} ms, ${s.rows} rows: ${oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine}`);
            console.log(`    params: ${s.params.map(short).join(", ")}`);
            if (/FROM zoek_aanbod/.test(s.sql)) {
              const plan = originalPrepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[];
              console.log(`    plan: ${plan.map((step) => step.detail).join(" | ")}`);
            }
          }
        }
      }
    } finally {
      sqlite.prepare = originalPrepare;
    }
    console.log(`[${elapsed()}]`);

    // ---------------------------------------------------------------------------------------------
    // 4. HTTP load: search versus a pre-built answer of the same size, on the same server.
    // ---------------------------------------------------------------------------------------------
    const urls = filterSuite.measured.map((c) => c.url);
    const urlsPath = join(dir, "urls.json");
    writeFileSync(urlsPath, JSON.stringify(urls));
    // A second set for comparison: the same kind of filters, but none names a gemeente (no contract keys).
    const zonderGemeente = new Set<string>();
    for (let tries = 0; zonderGemeente.size < QUERIES && tries < QUERIES * 50; tries++) {
      const p: ZoekParams = { pagina: 1, perPagina: 20 };
      const pool = FILTERS.filter((f) => f !== "gemeente");
      for (const f of pool) if (prng.chance(0.5)) applyFilter(p, f);
      if (Object.keys(p).length === 2) applyFilter(p, prng.pick(pool));
      zonderGemeente.add(toUrl(p));
    }
    console.log(
      `\n## HTTP load (server in its own Node process; autocannon ${CONNECTIONS} connections × ${HTTP_SECONDS} s; cycling the ${urls.length} filter-only URLs above, ${filterSuite.measured.filter((c) => c.params.gemeente).length} of them with gemeente; for comparison also ${zonderGemeente.size} filter-only URLs without gemeente)`,
    );
    const describe = (r: AutocannonResult) =>
      `${r.requests.average.toFixed(0)} req/s (${r.requests.total} in ${r.duration.toFixed(1)} s), latency p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms max ${r.latency.max} ms, ${(r.throughput.average / 1024 / 1024).toFixed(1)} MB/s` +
      `${r.non2xx || r.errors || r.timeouts ? `, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : ""}`;

    const http = new Map<Mode, { result: AutocannonResult; rss: number; peak: number }>();
    // The in-memory server twice: as `npm start` runs it, and without its answers to repeated
    // searches (this mix repeats its URLs, so there the cache answers most of them).
    const modes: Mode[] = ["geheugen", "geheugen-zonder-cache", "meilisearch", ...(HTTP_SQLITE ? (["sqlite"] as const) : [])];
    for (const mode of modes) {
      const server = await startServer(mode, dbPath, urlsPath, {
        BENCH_MEILI_URL: meiliServer.url,
        BENCH_MEILI_KEY: meiliServer.masterKey,
      });
      servers.push(server);
      const { port } = server;
      const memoryAtStart = procMemory(server.child.pid);
      const label = {
        geheugen: "In-memory provider (npm start)",
        "geheugen-zonder-cache": "In-memory provider without its cache of repeated searches",
        sqlite: "SQLite provider",
        meilisearch: "Meilisearch provider",
      }[mode];
      console.log(
        `\n${label} (server pid ${server.child.pid}, node ${startFlags().join(" ")} as npm start: rss ${mb(server.rssIdle)} before its first search, ${memoryAtStart.text} when ready; pre-built answer ${server.prebuilt} bytes, the median of ${PREBUILT_SAMPLES} search answers of ${server.smallest}–${server.largest} bytes)`,
      );
      // Warm-up: a few seconds of sequential requests over all URLs.
      const warmUntil = performance.now() + 2_000;
      for (let i = 0; performance.now() < warmUntil; i++) await get(port, urls[i % urls.length] ?? "/");
      await get(port, "/bench/vooraf");

      const baseline = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: HTTP_SECONDS,
        maxOverallRequests: 5_000_000,
        requests: [{ method: "GET", path: "/bench/vooraf" }],
      });
      console.log(`  pre-built /bench/vooraf                ${describe(baseline)}`);

      const searchLoad = async (paths: string[], title: string, main: boolean) => {
        const engines = new Map<string, number>();
        const result = await autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: CONNECTIONS,
          duration: HTTP_SECONDS,
          maxOverallRequests: 1_000_000,
          timeout: 30,
          requests: paths.map((path) => ({
            method: "GET" as const,
            path,
            onResponse: (_status, _body, _context, headers) => {
              const engine = String(headers.zoekmachine ?? headers.Zoekmachine ?? "none");
              engines.set(engine, (engines.get(engine) ?? 0) + 1);
            },
          })),
        });
        const memory = procMemory(server.child.pid);
        const ratio = result.requests.average / baseline.requests.average;
        console.log(`  ${title.padEnd(38)} ${describe(result)}`);
        console.log(
          `    throughput ${(ratio * 100).toFixed(2)}% of pre-built; answered by: ${[...engines].map(([k, v]) => `${k} ${v}`).join(", ") || "-"}`,
        );
        if (main) {
          console.log(`    server process after the run: ${memory.text}`);
          http.set(mode, { result, rss: memory.rss, peak: memory.peak });
        }
      };
      // Without gemeente first: it leaves the shorter queue behind, which is waited out.
      await searchLoad([...zonderGemeente], "search /v1/aanbod, without gemeente", false);
      const drained = await drain(port);
      console.log(
        `    (server busy ${secs(drained.ms)} more with the queue the run left${drained.left > 0 ? `, ${drained.left} still open` : ""})`,
      );
      await searchLoad(urls, "search /v1/aanbod, the filter-only mix", true);
      if (mode === "meilisearch") console.log(`    Meilisearch process after the run: ${procMemory(meiliServer.pid).text}`);
      await stopServer(server);
      console.log(`  [${elapsed()}]`);
    }
    const embedded = http.get("geheugen");
    const external = http.get("meilisearch");
    if (embedded && external) {
      const [e, m] = [embedded.result.requests.average, external.result.requests.average];
      target(
        `HTTP filter mix: in-memory server ${e.toFixed(0)} searches/s ≥ 3 × Meilisearch-backed ${m.toFixed(0)}/s (${(e / m).toFixed(1)}×)`,
        e >= 3 * m,
      );
      target(
        `HTTP filter mix: in-memory server p99 ${embedded.result.latency.p99} ms ≤ 100 ms`,
        embedded.result.latency.p99 <= 100,
      );
      const failed = embedded.result.errors + embedded.result.timeouts + embedded.result.non2xx;
      target(`HTTP filter mix: in-memory server without errors (${failed} errors, timeouts or non-2xx)`, failed === 0);
      target(
        `HTTP filter mix: in-memory server RSS ${mb(embedded.rss)} ≤ 400 MB after the run (peak ${mb(embedded.peak)})`,
        embedded.rss <= 400 * 1024 * 1024,
      );
      const plain = http.get("geheugen-zonder-cache");
      if (plain)
        console.log(
          `(for comparison, no target: the in-memory server without its cache ${plain.result.requests.average.toFixed(0)} searches/s, ${(plain.result.requests.average / m).toFixed(1)}× Meilisearch-backed, p99 ${plain.result.latency.p99} ms)`,
        );
    }
  } finally {
    // ---------------------------------------------------------------------------------------------
    // 5. Clean up.
    // ---------------------------------------------------------------------------------------------
    for (const server of servers) await stopServer(server);
    await search?.close();
    await meiliServer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
    console.log("\n## targets (issue 16)");
    for (const t of targets) console.log(`${t.met ? "MET   " : "MISSED"} ${t.text}`);
    console.log(`\ndone in ${elapsed()}`);
  }
}
