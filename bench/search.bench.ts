/**
 * Search benchmark (prints figures; never asserts on time):
 * 1. a register of ~100,000 offers (20,000 demo providers over the nine Haaglanden municipalities)
 *    in a SQLite file, a real Meilisearch next to it: load, index build and projection rebuild
 *    times, memory and file size;
 * 2. latency of both engines, side by side, for filter, text, radius and "ook niet
 *    gecontracteerd" searches (engine queries captured from the real service, so they are
 *    exactly what `GET /v1/aanbod` would send), plus the service itself (zoeken() with hydration);
 * 3. HTTP load with autocannon (64 connections, load generator in a worker thread) against
 *    `GET /v1/aanbod` and against a pre-built answer of the same size on the same server, for the
 *    SQLite provider and for the Meilisearch provider;
 * 4. where a SQLite target is missed: the slowest queries again, with per-statement timings and
 *    EXPLAIN QUERY PLAN of the statements the engine actually prepared.
 *
 * Environment (for quick trial runs only; the defaults are the benchmark):
 *   BENCH_AANBIEDERS (20000), BENCH_QUERIES per kind (250), BENCH_HTTP_SECONDS (10),
 *   BENCH_KIND_BUDGET_S: stop a kind × engine run after this many seconds (25; warm-up gets 10 s),
 *   so that a slow engine shortens its own sample instead of the whole run exceeding ~6 minutes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import type BetterSqlite3 from "better-sqlite3";
import { openSqlite } from "../db/sqlite.ts";
import { emptyFacetten, type SearchEngine, type SearchQuery, type SearchResult } from "../search/engine.ts";
import { createSearch } from "../search/index.ts";
import { SearchProvider } from "../search/provider.ts";
import { fold, STOPWOORDEN } from "../search/text.ts";
import { type DemoData, generateDemo, loadDemo } from "../seeds/demo.ts";
import { createPrng, type Prng } from "../seeds/prng.ts";
import { GEMEENTEN_HAAGLANDEN, loadReference, ZORGVORMEN } from "../seeds/reference.ts";
import { createApp } from "../src/app.ts";
import { systemClock } from "../src/lib/time.ts";
import { type ZoekParams, zoeken } from "../src/services/zoeken.ts";
import { startMeili } from "../test/support/meili-server.ts";
import { closeAgent, freePort, percentile, request, summarise } from "./lib.ts";

// autocannon ships no types: the little of it this bench uses.
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number; average: number; max: number };
  requests: { average: number; total: number };
  throughput: { average: number };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  maxOverallRequests?: number;
  workers?: number;
  timeout?: number;
  requests: { method: "GET"; path: string }[];
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
const KIND_BUDGET_MS = envInt("BENCH_KIND_BUDGET_S", 25) * 1000;
const WARMUP_BUDGET_MS = 10_000;
const CONNECTIONS = 64;

const started = performance.now();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const secs = (n: number) => `${(n / 1000).toFixed(1)} s`;
const elapsed = () => secs(performance.now() - started);
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "n/a");

/** VmRSS and VmHWM (peak) of a process, from /proc. */
function procMemory(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return `VmRSS ${mb(kb("VmRSS") * 1024)} (peak VmHWM ${mb(kb("VmHWM") * 1024)})`;
  } catch {
    return "n/a";
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

const cpu = os.cpus();
console.log(
  `# search bench on ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${mb(os.totalmem())} RAM, node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log(
  `# ${AANBIEDERS} demo providers, ${QUERIES} queries per kind after ${WARMUP} warm-up, HTTP ${CONNECTIONS} connections × ${HTTP_SECONDS} s`,
);

// ---------------------------------------------------------------------------------------------
// 1. The register and both engines.
// ---------------------------------------------------------------------------------------------
const dir = mkdtempSync(join(os.tmpdir(), "plekwijzer-search-bench-"));
const dbPath = join(dir, "bench.db");
const db = openSqlite(dbPath);
const meiliServer = await startMeili();
let search: Awaited<ReturnType<typeof createSearch>> | undefined;
let server: ReturnType<typeof serve> | undefined;

try {
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
  t = performance.now();
  search = await createSearch(db, { meili: { url: meiliServer.url, apiKey: meiliServer.masterKey, index: "bench" }, log });
  const created = performance.now() - t;
  const meili = search.meili;
  if (!meili) throw new Error("createSearch did not set up Meilisearch");
  t = performance.now();
  const indexed = await meili.reindex();
  const meiliBuild = performance.now() - t;
  t = performance.now();
  const projectedAgain = await search.sqlite.reindex();
  const sqliteBuild = performance.now() - t;
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`createSearch (first init, builds the Meilisearch index from SQLite): ${secs(created)}`);
  console.log(`Meilisearch index build, search.meili.reindex(): ${indexed} documents in ${secs(meiliBuild)}`);
  console.log(`SQLite projection rebuild, search.sqlite.reindex(): ${projectedAgain} rows (+ FTS) in ${secs(sqliteBuild)}`);
  console.log(`Meilisearch process: ${procMemory(meiliServer.pid)}`);
  console.log(`Node process: ${nodeMemory()}`);
  console.log(`SQLite file: ${mb(fileSize(dbPath))} (+ WAL ${mb(fileSize(`${dbPath}-wal`))}) [${elapsed()}]`);

  // -------------------------------------------------------------------------------------------
  // 2. Queries, captured from the service, and engine latency.
  // -------------------------------------------------------------------------------------------
  /** A provider whose only engine records the query and answers nothing (so zoeken() hydrates nothing). */
  const captured: SearchQuery[] = [];
  const sleutelsCache = new Map<string, string[]>();
  const recorder: SearchEngine = {
    name: "sqlite",
    async search(query: SearchQuery): Promise<SearchResult> {
      // The contract keys of one municipality are the same list for every query: keep one copy.
      if (query.contract) {
        const key = query.contract.sleutels.join(",");
        const shared = sleutelsCache.get(key) ?? query.contract.sleutels;
        sleutelsCache.set(key, shared);
        query.contract.sleutels = shared;
      }
      captured.push(query);
      return { hits: [], totaal: 0, facetten: emptyFacetten() };
    },
  };
  const recordingDeps = { db, clock: systemClock, search: new SearchProvider(recorder) };
  async function toQuery(params: ZoekParams): Promise<SearchQuery> {
    captured.length = 0;
    await zoeken(recordingDeps, params);
    const query = captured[0];
    if (!query) throw new Error(`no query captured for ${JSON.stringify(params)}`);
    return query;
  }

  const keysPerGemeente: string[] = [];
  for (const g of GEMEENTEN_HAAGLANDEN) {
    const q = await toQuery({ gemeente: g.code, pagina: 1, perPagina: 20 });
    keysPerGemeente.push(`${g.naam} ${q.contract?.sleutels.length ?? 0}`);
  }
  console.log(`contract keys per municipality today (sent with every query that names one): ${keysPerGemeente.join(", ")}`);

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
  const LETTERS = "abcdefghijklmnopqrstuvwxyz";
  function typo(word: string, r: Prng): string {
    const i = r.int(1, word.length - 2);
    const op = word.length >= 6 ? r.int(0, 2) : r.int(0, 1);
    if (op === 0) {
      let c = r.pick([...LETTERS]);
      while (c === word[i]?.toLowerCase()) c = r.pick([...LETTERS]);
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

  type Kind = { name: string; targetSqlite: number; targetMeili: number; build: () => ZoekParams };
  const KINDS: Kind[] = [
    {
      name: "filters only",
      targetSqlite: 0.5,
      targetMeili: 2,
      build: () => {
        const p: ZoekParams = { pagina: 1, perPagina: 20 };
        for (const f of FILTERS) if (prng.chance(0.5)) applyFilter(p, f);
        if (Object.keys(p).length === 2) applyFilter(p, prng.pick(FILTERS));
        return p;
      },
    },
    {
      name: "text + filters",
      targetSqlite: 3,
      targetMeili: 2,
      build: () => {
        const p: ZoekParams = { pagina: 1, perPagina: 20, q: textQuery() };
        someFilters(p, FILTERS, 1, 2);
        return p;
      },
    },
    {
      name: "radius + filters",
      targetSqlite: 2,
      targetMeili: 2,
      build: () => {
        const g = prng.pick(GEMEENTEN_HAAGLANDEN);
        const lat = (g.lat ?? 52) + prng.float(-0.02, 0.02);
        const lon = (g.lon ?? 4.3) + prng.float(-0.03, 0.03);
        const p: ZoekParams = { pagina: 1, perPagina: 20, nabij: `${lat.toFixed(4)},${lon.toFixed(4)}`, straal: prng.int(2, 15) };
        if (prng.chance(0.5)) p.sorteer = "afstand";
        someFilters(p, FILTERS, 1, 1);
        return p;
      },
    },
    {
      name: "ookNietGecontracteerd=true (+ gemeente)",
      targetSqlite: Number.NaN,
      targetMeili: 2,
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
      cases.push({ params, url, query: await toQuery(params) });
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
    `\n## engine latency (sequential; queries captured from zoeken(), ${suites.map((s) => s.measured.length).join("/")} distinct per kind; generated in ${ms(performance.now() - t)})`,
  );

  type Run = { samples: number[]; perCase: (number | undefined)[]; totals: (number | undefined)[]; errors: string[] };
  async function runEngine(engine: SearchEngine, suite: (typeof suites)[number]): Promise<Run> {
    const warming = performance.now();
    for (const c of suite.warm) {
      if (performance.now() - warming > WARMUP_BUDGET_MS) break;
      await engine.search(c.query).catch(() => undefined);
    }
    const run: Run = { samples: [], perCase: [], totals: [], errors: [] };
    const begin = performance.now();
    for (const c of suite.measured) {
      if (performance.now() - begin > KIND_BUDGET_MS) break;
      const start = performance.now();
      try {
        const result = await engine.search(c.query);
        const took = performance.now() - start;
        run.samples.push(took);
        run.perCase.push(took);
        run.totals.push(result.totaal);
      } catch (error) {
        run.errors.push((error as Error).message.slice(0, 160));
        run.perCase.push(undefined);
        run.totals.push(undefined);
      }
    }
    return run;
  }
  const verdict = (p50: number, target: number) =>
    Number.isNaN(target) ? "(no target)" : `target p50 ≤ ${target} ms: ${p50 <= target ? "met" : "MISSED"}`;
  const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
  const p50Of = (samples: number[]) => percentile(ascending(samples), 50);
  const subset = (run: Run, cases: Case[], pick: (c: Case) => boolean) =>
    run.perCase.filter((v, i) => v !== undefined && pick(cases[i] as Case)) as number[];

  const sqliteRuns = new Map<string, Run>();
  for (const suite of suites) {
    const { kind, measured } = suite;
    const sq = await runEngine(search.sqlite, suite);
    const me = await runEngine(meili, suite);
    sqliteRuns.set(kind.name, sq);
    const withGemeente = measured.filter((c) => c.params.gemeente).length;
    console.log(`\n${kind.name}: ${measured.length} queries (${withGemeente} name a gemeente)`);
    console.log(`  ${summarise("sqlite     ", sq.samples)}  ${verdict(p50Of(sq.samples), kind.targetSqlite)}`);
    console.log(`  ${summarise("meilisearch", me.samples)}  ${verdict(p50Of(me.samples), kind.targetMeili)}`);
    for (const [name, run] of [
      ["sqlite", sq],
      ["meilisearch", me],
    ] as const) {
      if (run.samples.length + run.errors.length < measured.length)
        console.log(`  ${name}: stopped after ${run.perCase.length} queries (time budget ${secs(KIND_BUDGET_MS)})`);
      if (run.errors.length) console.log(`  ${name}: ${run.errors.length} errors, first: ${run.errors[0]}`);
    }
    if (withGemeente > 0 && withGemeente < measured.length) {
      const split = (run: Run) =>
        `with gemeente p50 ${fmt(p50Of(subset(run, measured, (c) => !!c.params.gemeente)))} ms, without ${fmt(p50Of(subset(run, measured, (c) => !c.params.gemeente)))} ms`;
      console.log(`  sqlite:      ${split(sq)}`);
      console.log(`  meilisearch: ${split(me)}`);
    }
    let compared = 0;
    let equal = 0;
    sq.totals.forEach((n, i) => {
      const m = me.totals[i];
      if (n === undefined || m === undefined) return;
      compared++;
      if (n === m) equal++;
    });
    const matched = sq.totals.filter((n) => n !== undefined) as number[];
    console.log(`  totals equal on ${equal}/${compared} queries; median matches ${fmt(p50Of(matched))} offers [${elapsed()}]`);
    const differ = measured
      .map((c, i) => ({ c, s: sq.totals[i], m: me.totals[i] }))
      .filter((d) => d.s !== undefined && d.m !== undefined && d.s !== d.m)
      .slice(0, 2);
    for (const d of differ) console.log(`    differs: ${d.c.url} sqlite ${d.s}, meilisearch ${d.m}`);
  }

  // Service level: zoeken() with validation, contract keys, engine and hydration of the page.
  const sqliteProvider = new SearchProvider(search.sqlite);
  const serviceDeps = { db, clock: systemClock, search: sqliteProvider };
  const filterSuite = suites[0];
  if (!filterSuite) throw new Error("no filter suite");
  for (const c of filterSuite.warm) await zoeken(serviceDeps, c.params);
  const service: number[] = [];
  for (const c of filterSuite.measured) {
    const start = performance.now();
    await zoeken(serviceDeps, c.params);
    service.push(performance.now() - start);
  }
  console.log(`\nservice level, filters only, SQLite engine (zoeken() incl. contract keys and hydration):`);
  console.log(`  ${summarise("zoeken()   ", service)}`);
  console.log(
    `  with gemeente p50 ${fmt(p50Of(service.filter((_, i) => filterSuite.measured[i]?.params.gemeente)))} ms, without ${fmt(p50Of(service.filter((_, i) => !filterSuite.measured[i]?.params.gemeente)))} ms`,
  );

  // -------------------------------------------------------------------------------------------
  // 3. HTTP load: search versus a pre-built answer of the same size, on the same server.
  // -------------------------------------------------------------------------------------------
  const appSqlite = createApp({ db, clock: systemClock, search: sqliteProvider });
  const appMeili = createApp({ db, clock: systemClock, search: search.provider });
  const prebuilt = { text: "" };
  for (const app of [appSqlite, appMeili]) {
    // Added before the first request, while the router can still take routes.
    app.get("/bench/vooraf", (c) => c.body(prebuilt.text, 200, { "Content-Type": "application/json" }));
  }
  let active = appSqlite;
  const port = await freePort();
  // Requests still being answered: autocannon stops sending at the deadline, the server does not.
  let inFlight = 0;
  server = serve({
    fetch: async (req, env) => {
      inFlight++;
      try {
        return await active.fetch(req, env);
      } finally {
        inFlight--;
      }
    },
    port,
    hostname: "127.0.0.1",
  });
  async function drained(): Promise<string> {
    const start = performance.now();
    while (inFlight > 0 && performance.now() - start < 120_000) await new Promise((r) => setTimeout(r, 20));
    const took = performance.now() - start;
    return took > 100 ? `; server still busy ${secs(took)} after the run (${inFlight} left)` : "";
  }

  const urls = filterSuite.measured.map((c) => c.url);
  const bodies: string[] = [];
  for (const url of urls.slice(0, 25)) {
    const res = await request(port, "GET", url);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.body.slice(0, 300)}`);
    bodies.push(res.body);
  }
  bodies.sort((a, b) => a.length - b.length);
  prebuilt.text = bodies[Math.floor(bodies.length / 2)] ?? "{}";
  console.log(
    `\n## HTTP load (${CONNECTIONS} connections, ${HTTP_SECONDS} s each, autocannon in a worker thread; ${urls.length} filter-only URLs cycled)`,
  );
  console.log(
    `pre-built answer: ${prebuilt.text.length} bytes (median of 25 search answers, ${bodies[0]?.length}–${bodies.at(-1)?.length} bytes)`,
  );

  // Which engine really answered: counted on the engine instances for the HTTP phase.
  const calls = new Map<string, { calls: number; failures: number }>();
  for (const engine of [search.sqlite, meili] as SearchEngine[]) {
    const original = engine.search.bind(engine);
    const counter = { calls: 0, failures: 0 };
    calls.set(engine.name, counter);
    (engine as { search: SearchEngine["search"] }).search = async (q) => {
      counter.calls++;
      try {
        return await original(q);
      } catch (error) {
        counter.failures++;
        throw error;
      }
    };
  }
  const snapshot = () => new Map([...calls].map(([k, v]) => [k, { ...v }]));

  async function load(paths: string[], cap: number): Promise<AutocannonResult> {
    for (const path of paths.slice(0, 100)) await request(port, "GET", path); // warm-up
    return await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: HTTP_SECONDS,
      maxOverallRequests: cap,
      workers: 1,
      timeout: 30,
      requests: paths.map((path) => ({ method: "GET", path })),
    });
  }
  const describe = (r: AutocannonResult) =>
    `${r.requests.average.toFixed(0)} req/s (${r.requests.total} in ${r.duration.toFixed(1)} s), latency p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms max ${r.latency.max} ms, ${(r.throughput.average / 1024 / 1024).toFixed(1)} MB/s` +
    `${r.non2xx || r.errors || r.timeouts ? `, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : ""}`;

  const baseline = await load(["/bench/vooraf"], 5_000_000);
  console.log(`pre-built  /bench/vooraf          ${describe(baseline)}${await drained()}`);
  for (const [label, app] of [
    ["SQLite provider", appSqlite],
    ["Meilisearch provider", appMeili],
  ] as const) {
    active = app;
    if (app === appMeili) search.provider.markUp();
    const before = snapshot();
    const result = await load(urls, 1_000_000);
    const tail = await drained();
    const after = snapshot();
    const delta = (name: string) => {
      const a = after.get(name);
      const b = before.get(name);
      return { calls: (a?.calls ?? 0) - (b?.calls ?? 0), failures: (a?.failures ?? 0) - (b?.failures ?? 0) };
    };
    const ratio = result.requests.average / baseline.requests.average;
    console.log(`search     ${label.padEnd(22)} ${describe(result)}${tail}`);
    const s = delta("sqlite");
    const m = delta("meilisearch");
    console.log(
      `           throughput ${(ratio * 100).toFixed(1)}% of pre-built (target ≥ 30%: ${ratio >= 0.3 ? "met" : "MISSED"}), p99 ${result.latency.p99} ms (target ≤ 25 ms: ${result.latency.p99 <= 25 ? "met" : "MISSED"}); engine calls: sqlite ${s.calls}, meilisearch ${m.calls}${m.failures ? ` (${m.failures} failed → SQLite)` : ""}`,
    );
    if (app === appSqlite) {
      const rss = process.memoryUsage().rss;
      console.log(
        `           Node RSS after the SQLite run: ${nodeMemory()} (target ≤ 300 MB: ${rss <= 300 * 1024 * 1024 ? "met" : "MISSED"}; includes the bench's own data and the autocannon worker)`,
      );
    } else {
      console.log(`           Meilisearch process after its run: ${procMemory(meiliServer.pid)}`);
    }
  }
  console.log(`[${elapsed()}]`);

  // -------------------------------------------------------------------------------------------
  // 4. Where SQLite time goes: the slowest queries again, statement by statement, with plans.
  // -------------------------------------------------------------------------------------------
  console.log("\n## SQLite: slowest queries per kind, statement by statement");
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
    return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
  };
  for (const suite of suites) {
    const run = sqliteRuns.get(suite.kind.name);
    if (!run) continue;
    const slowest = run.perCase
      .map((took, i) => ({ took: took ?? Number.POSITIVE_INFINITY, c: suite.measured[i] as Case }))
      .sort((a, b) => b.took - a.took)
      .slice(0, 2);
    for (const [rank, { took, c }] of slowest.entries()) {
      recording = [];
      const start = performance.now();
      await search.sqlite.search(c.query);
      const total = performance.now() - start;
      const statements = recording;
      recording = undefined;
      const inSql = statements.reduce((sum, s) => sum + s.ms, 0);
      console.log(
        `\n${suite.kind.name} #${rank + 1}: ${c.url} — ${fmt(took)} ms in the run, now ${fmt(total)} ms (${fmt(inSql)} ms in SQLite statements, ${fmt(total - inSql)} ms in JS)`,
      );
      for (const s of statements) {
        if (/zoek_tekst_vocab|zoek_meta/.test(s.sql) && s.ms < 1) continue;
        const oneLine = s.sql.replace(/\s+/g, " ");
        console.log(`  ${fmt(s.ms)} ms, ${s.rows} rows: ${oneLine.length > 240 ? `${oneLine.slice(0, 240)}…` : oneLine}`);
        console.log(`    params: ${s.params.map(short).join(", ")}`);
        if (rank === 0 && /FROM zoek_aanbod/.test(s.sql)) {
          const plan = originalPrepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[];
          for (const step of plan) console.log(`    plan: ${step.detail}`);
        }
      }
    }
  }
  sqlite.prepare = originalPrepare;
} finally {
  // -------------------------------------------------------------------------------------------
  // 5. Clean up.
  // -------------------------------------------------------------------------------------------
  server?.close();
  closeAgent();
  await search?.close();
  await meiliServer.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`\ndone in ${elapsed()}`);
}
