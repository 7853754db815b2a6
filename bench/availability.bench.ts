/**
 * Availability benchmark (prints figures; never asserts on time):
 * - a bulk weekly update of 440 providers × 5 offers, each provider one PUT over HTTP;
 * - p50/p99 latency of a single availability update over HTTP (keep-alive, sequential).
 * Runs against a SQLite file in a temporary folder, like `npm start` does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { openSqlite } from "../db/sqlite.ts";
import { loadReference } from "../seeds/reference.ts";
import { createApp } from "../src/app.ts";
import { STANDAARD_GUARD } from "../src/http/guard.ts";
import { systeemActor } from "../src/kern/actor.ts";
import { systemClock } from "../src/kern/time.ts";
import { createAanbieder } from "../src/services/aanbieders.ts";
import { createAanbod } from "../src/services/aanbod.ts";
import { createLocatie } from "../src/services/locaties.ts";
import { bootstrapBeheer, createOrganisatie, createToken } from "../src/services/toegang.ts";
import { closeAgent, freePort, percentile, request, summarise } from "./lib.ts";

const PROVIDERS = 440;
const OFFERS = 5;
const SINGLE_UPDATES = 2000;

const dir = mkdtempSync(join(tmpdir(), "plekwijzer-bench-"));
// As the server opens its file (openRegisterFile): the WAL is folded in on a thread of its own.
const db = openSqlite(join(dir, "bench.db"), { checkpointOpAchtergrond: true });
await loadReference(db);
const deps = { db, clock: systemClock };
/** The bench sets its register up as the system, acting as the beheerder. */
const beheer = { deps, actor: systeemActor("beheerder") };

let t = performance.now();
const offersByProvider: { aanbiederId: string; token: string; aanbod: string[] }[] = [];
for (let p = 0; p < PROVIDERS; p++) {
  const aanbieder = await createAanbieder(beheer, { naam: `Benchaanbieder ${p}` });
  const locatie = await createLocatie(beheer, {
    aanbiederId: aanbieder.id,
    naam: "Hoofdlocatie",
    adres: "Benchstraat 1",
    postcode: "2511 AB",
    plaats: "Den Haag",
    gemeente: "GM0518",
  });
  const aanbod: string[] = [];
  for (let o = 0; o < OFFERS; o++) {
    const row = await createAanbod(beheer, {
      locatieId: locatie.id,
      zorgvorm: "gezinshuis",
      naam: `Aanbod ${o}`,
      leeftijdVan: 0,
      leeftijdTot: 18,
      capaciteit: 10,
      vrijePlekken: 1,
      aanmeldwachttijdWeken: 2,
      behandelwachttijdWeken: 4,
      intakeStatus: "open",
    });
    aanbod.push(row.id);
  }
  // Each provider sends its update with its own token, as it would for real.
  const org = await createOrganisatie(beheer, { naam: `Benchorganisatie ${p}`, type: "aanbieder", aanbiederId: aanbieder.id });
  const { token } = await createToken(beheer, { organisatieId: org.id, rol: "aanbieder" });
  offersByProvider.push({ aanbiederId: aanbieder.id, token, aanbod });
}
console.log(`setup: ${PROVIDERS} providers × ${OFFERS} offers in ${(performance.now() - t).toFixed(0)} ms`);

const ADMIN = "bench-beheerder-token-0123456789abcdefghij";
await bootstrapBeheer(deps, ADMIN);
// Rate limits are not what this bench measures: sized so one token can send every request.
const app = createApp({
  db,
  clock: systemClock,
  config: { guard: { ...STANDAARD_GUARD, perToken: 1_000_000, perAdres: 1_000_000 } },
});
const port = await freePort();
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });

/** CPU time of this process (server and client alike), steadier than wall time on a shared machine. */
const cpuMs = (since?: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

// 1. The weekly round: every provider sends its five offers in one bulk request.
const perRequest: number[] = [];
t = performance.now();
let cpu = process.cpuUsage();
for (const [i, { aanbiederId, token, aanbod }] of offersByProvider.entries()) {
  const body = {
    aanbod: aanbod.map((aanbodId, j) => ({
      aanbodId,
      vrijePlekken: (i + j) % 10,
      aanmeldwachttijdWeken: (i + j) % 8,
      behandelwachttijdWeken: (i * j) % 20,
      intakeStatus: (i + j) % 10 === 0 ? "wachtlijst" : "open",
    })),
  };
  const start = performance.now();
  const res = await request(port, "PUT", `/v1/aanbieders/${aanbiederId}/beschikbaarheid`, body, token);
  perRequest.push(performance.now() - start);
  if (res.status !== 200) throw new Error(`bulk update failed: ${res.status} ${res.body}`);
}
const bulkTotal = performance.now() - t;
console.log(
  `bulk weekly update: ${PROVIDERS} providers × ${OFFERS} offers (${PROVIDERS * OFFERS} offers) in ${bulkTotal.toFixed(0)} ms over HTTP (CPU ${cpuMs(cpu).toFixed(0)} ms)`,
);
console.log(summarise("  per bulk request", perRequest));

// 2. Single availability updates, one after the other, over keep-alive HTTP.
const all = offersByProvider.flatMap((p) => p.aanbod);
const single: number[] = [];
for (let i = 0; i < 100; i++) {
  await request(port, "GET", `/v1/aanbod/${all[i % all.length]}`, undefined, ADMIN); // warm-up
}
cpu = process.cpuUsage();
for (let i = 0; i < SINGLE_UPDATES; i++) {
  const id = all[(i * 7) % all.length];
  const start = performance.now();
  const res = await request(
    port,
    "PUT",
    `/v1/aanbod/${id}/beschikbaarheid`,
    {
      vrijePlekken: i % 10,
      aanmeldwachttijdWeken: i % 6,
      behandelwachttijdWeken: i % 12,
      intakeStatus: "open",
    },
    ADMIN,
  );
  single.push(performance.now() - start);
  if (res.status !== 200) throw new Error(`update failed: ${res.status} ${res.body}`);
}
console.log(summarise("single availability update over HTTP", single));
console.log(`  CPU per single update: ${(cpuMs(cpu) / SINGLE_UPDATES).toFixed(2)} ms`);

const history = db.sqlite.prepare("SELECT count(*) AS n FROM aanbod_historie").get() as { n: number };
console.log(`history rows written: ${history.n}`);
console.log(`rss: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB, node ${process.version}`);

// The targets of issue 16 for the weekly update.
const singleP99 = percentile(
  [...single].sort((a, b) => a - b),
  99,
);
console.log("\n## targets (issue 16)");
console.log(`${bulkTotal <= 1200 ? "MET   " : "MISSED"} bulk weekly update ${bulkTotal.toFixed(0)} ms ≤ 1200 ms`);
console.log(`${singleP99 <= 10 ? "MET   " : "MISSED"} single update p99 ${singleP99.toFixed(2)} ms ≤ 10 ms`);

server.close();
closeAgent();
db.close();
rmSync(dir, { recursive: true, force: true });
