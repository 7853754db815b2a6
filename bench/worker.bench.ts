/**
 * Workers benchmark (prints figures; never asserts on time): the register on the local workerd
 * (`wrangler dev --local`, a local D1 with the demo data loaded by `npm run seed:worker`'s code),
 * over HTTP from this machine, one request at a time on a keep-alive connection:
 *   - a text search and a filter search (GET /v1/aanbod, D1 FTS5 engine),
 *   - a provider's weekly update (PUT /v1/aanbod/{id}/beschikbaarheid with If-Match),
 * each for the Workers entry as it is (the app built once per isolate) and as it was (the app
 * built for every request, bench/worker-per-request.ts), side by side in one run. Then the cost
 * of building the app itself, measured in Node (the same V8; workerd's clocks do not move while
 * code runs), and the size of the local D1 file.
 *
 *   npm run bench:worker [-- --aanbieders 100] [-- --n 200]
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openSqlite } from "../db/sqlite.ts";
import { loadDemoIntoD1 } from "../seeds/d1-demo.ts";
import { createApp } from "../src/app.ts";
import { systemClock } from "../src/kern/time.ts";
import { startWranglerDev } from "../test/support/wrangler-dev.ts";
import { closeAgent, request, summarise } from "./lib.ts";

const { values } = parseArgs({
  options: { aanbieders: { type: "string", default: "100" }, n: { type: "string", default: "200" } },
});
const AANBIEDERS = Number(values.aanbieders);
const N = Number(values.n);
const WARMUP = 20;

const ZOEKEN = {
  tekst: "/v1/aanbod?zorgvorm=43&gemeente=GM0518&ookNietGecontracteerd=true&leeftijd=9&q=gezin",
  filters: "/v1/aanbod?gemeente=GM0518&alleenVrij=true&maxWachttijd=20&nabij=GM0518&straal=15&sorteer=afstand",
};

/** Bytes per row of the tables that grow with national use, from the local D1 file (tables with their indexes and triggers' projections). */
function groottes(dir: string): void {
  const d1 = join(dir, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(d1).find((f) => /^[0-9a-f]{64}\.sqlite$/.test(f));
  if (!file) return;
  const copy = mkdtempSync(join(tmpdir(), "plekwijzer-d1-size-"));
  for (const f of readdirSync(d1).filter((name) => name.startsWith(file))) cpSync(join(d1, f), join(copy, f));
  const sqlite = openSqlite(join(copy, file), { migrate: false }).sqlite;
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const bytes = new Map(
    (
      sqlite
        .prepare("SELECT m.tbl_name AS t, sum(s.pgsize) AS b FROM dbstat s JOIN sqlite_master m ON m.name = s.name GROUP BY 1")
        .all() as { t: string; b: number }[]
    ).map((r) => [r.t, r.b]),
  );
  const rows = (t: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
  const fts = [...bytes].filter(([t]) => t.startsWith("zoek_tekst")).reduce((n, [, b]) => n + b, 0);
  const per = (tables: string[], extra = 0) =>
    (tables.reduce((n, t) => n + (bytes.get(t) ?? 0), 0) + extra) / rows(tables[0] as string);
  console.log(`\n## bytes per row in D1 (local file ${(statSync(join(copy, file)).size / 1e6).toFixed(1)} MB)`);
  console.log(
    `  aanbod (with search projection and FTS5): ${per(["aanbod", "zoek_aanbod"], fts).toFixed(0)} B  (${rows("aanbod")} rows)`,
  );
  for (const t of ["aanbod_historie", "casussen", "casus_historie", "toegangslog", "reserveringen"]) {
    if (rows(t) > 0) console.log(`  ${t}: ${per([t]).toFixed(0)} B  (${rows(t)} rows)`);
  }
  sqlite.close();
  rmSync(copy, { recursive: true, force: true });
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.sqlite(-wal)?$/.test(entry.name)) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function timed(fn: () => Promise<{ status: number; body: string }>, expect: number): Promise<number> {
  const start = performance.now();
  const res = await fn();
  const ms = performance.now() - start;
  if (res.status !== expect) throw new Error(`answered ${res.status}, expected ${expect}: ${res.body.slice(0, 300)}`);
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), "plekwijzer-bench-worker-"));
try {
  const loadStart = performance.now();
  const demo = await loadDemoIntoD1({ persistTo: dir, aanbieders: AANBIEDERS, stdio: "ignore" });
  console.log(
    `# local D1: ${demo.counts.aanbieders} aanbieders, ${demo.counts.aanbod} aanbod, ${demo.counts.casussen} casussen loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s; D1 file ${(sizeOf(dir) / 1e6).toFixed(1)} MB`,
  );
  const token = (rol: string) => demo.tokens.find((t) => t.rol === rol)?.token as string;

  // Both variants side by side on copies of the same D1, requests alternating between them, so
  // that drift on a shared machine falls on both alike.
  const variants = [
    { label: "app per isolate (src/worker.ts)", script: undefined as string | undefined, dir },
    { label: "app per request (as before)", script: "bench/worker-per-request.ts", dir: `${dir}-per-request` },
  ];
  cpSync(dir, `${dir}-per-request`, { recursive: true });
  const devs = await Promise.all(variants.map((v) => startWranglerDev({ persistTo: v.dir, script: v.script })));
  try {
    const metingen = variants.map(() => new Map<string, number[]>());
    const meet = async (naam: string, fn: (port: number, i: number) => Promise<number>) => {
      for (let i = 0; i < WARMUP + N; i++) {
        for (const [v, dev] of devs.entries()) {
          const ms = await fn(dev.port, v);
          if (i >= WARMUP) {
            const samples = metingen[v]?.get(naam) ?? [];
            samples.push(ms);
            metingen[v]?.set(naam, samples);
          }
        }
      }
    };
    for (const [naam, path] of Object.entries(ZOEKEN)) {
      await meet(`search (${naam})`, (port) => timed(() => request(port, "GET", path, undefined, token("verwijzer")), 200));
    }
    // A provider's weekly update of one of its offers, each with the ETag of the previous answer.
    const offers = await Promise.all(devs.map((dev) => eigenAanbod(dev.port)));
    await meet("weekly update", (port, v) => {
      const offer = offers[v] as { id: string; capaciteit: number; versie: number };
      const cijfers = {
        vrijePlekken: offer.versie % 2 === 0 ? offer.capaciteit : Math.max(0, offer.capaciteit - 1),
        aanmeldwachttijdWeken: offer.versie % 5,
        behandelwachttijdWeken: 2,
        intakeStatus: "open",
      };
      return timed(async () => {
        const res = await request(port, "PUT", `/v1/aanbod/${offer.id}/beschikbaarheid`, cijfers, token("aanbieder"), {
          "If-Match": `"v${offer.versie}"`,
        });
        if (res.status === 200) offer.versie++;
        return res;
      }, 200);
    });
    for (const [v, variant] of variants.entries()) {
      console.log(`\n## ${variant.label}`);
      for (const [naam, samples] of metingen[v] ?? []) console.log(`  ${summarise(naam.padEnd(24), samples)}`);
    }
  } finally {
    await Promise.all(devs.map((dev) => dev.stop()));
    rmSync(`${dir}-per-request`, { recursive: true, force: true });
  }

  /** The first offer of the demo provider whose token the demo printed. */
  async function eigenAanbod(port: number) {
    const orgs = JSON.parse(
      (await request(port, "GET", "/v1/organisaties?type=aanbieder", undefined, token("beheerder"))).body,
    ) as {
      resultaten: { naam: string; aanbiederId: string }[];
    };
    const eigen = orgs.resultaten.find((o) => o.naam.startsWith("Demo "))?.aanbiederId;
    const lijst = JSON.parse(
      (await request(port, "GET", `/v1/aanbod?aanbiederId=${eigen}&inclusiefVerouderd=true`, undefined, token("aanbieder"))).body,
    ) as { resultaten: { id: string; capaciteit: number; versie: number }[] };
    return lijst.resultaten[0] as { id: string; capaciteit: number; versie: number };
  }

  // What the rows take in D1: its database file is SQLite's, so dbstat on a copy of it.
  groottes(dir);

  // The app's construction alone, in Node (workerd's timers stand still while code runs).
  const db = openSqlite(":memory:");
  const builds: number[] = [];
  for (let i = 0; i < 60; i++) {
    const start = performance.now();
    createApp({ db, clock: systemClock });
    builds.push(performance.now() - start);
  }
  db.close();
  console.log(
    `\n## createApp() in Node (V8), the first 10 left out\n  ${summarise("construction".padEnd(24), builds.slice(10))}`,
  );
} finally {
  closeAgent();
  rmSync(dir, { recursive: true, force: true });
}
