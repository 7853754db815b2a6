/**
 * Loads the demo register into a D1 database in one command: the same reference data, demo
 * data, demo organisations with one token per role and 40 synthetic waiting cases as the Node
 * server's first start in demo mode. Builds them in a temporary SQLite file with the same code,
 * then applies the migrations to D1 and loads the rows with wrangler.
 *   npm run seed:worker [-- --persist-to <dir>] [--remote] [--aanbieders 100] [--seed 20261127]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openSqlite } from "../db/sqlite.ts";
import { SQLITE_ZOEK_VERSIE } from "../search/sqlite-engine.ts";
import { systeemActor } from "../src/kern/actor.ts";
import { systemClock } from "../src/kern/time.ts";
import { generateDemo } from "./demo.ts";
import { maakDemoCasussen } from "./demo-casussen.ts";
import { loadDemo } from "./demo-load.ts";
import { createDemoToegang, markeerDemo } from "./demo-toegang.ts";
import { loadReference } from "./reference.ts";
import { dumpInserts } from "./sql-dump.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "plekwijzer" },
    "persist-to": { type: "string" },
    remote: { type: "boolean", default: false },
    aanbieders: { type: "string", default: "100" },
    seed: { type: "string", default: "20261127" },
  },
});
const seed = Number(values.seed);
const aanbieders = Number(values.aanbieders);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(aanbieders) || aanbieders < 1) {
  console.error("--seed and --aanbieders must be positive integers.");
  process.exit(2);
}
const where = values.remote ? ["--remote"] : ["--local", ...(values["persist-to"] ? ["--persist-to", values["persist-to"]] : [])];

const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
function wrangler(args: string[], capture = false): string {
  const result = spawnSync(process.execPath, [wranglerBin, ...args], {
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status})`);
  return result.stdout ?? "";
}

const dir = mkdtempSync(join(tmpdir(), "plekwijzer-d1-demo-"));
try {
  wrangler(["d1", "migrations", "apply", values.database, ...where]);
  const answer = wrangler(
    ["d1", "execute", values.database, ...where, "--json", "--command", "SELECT count(*) AS n FROM aanbieders"],
    true,
  );
  const [{ results = [] } = {}] = JSON.parse(answer) as { results?: { n: number }[] }[];
  if ((results[0]?.n ?? 0) > 0) {
    console.error(`D1 database ${values.database} already holds data; the demo goes into an empty one only.`);
    process.exit(1);
  }

  // The demo register, built as the Node server builds it on its first start in demo mode.
  const db = openSqlite(join(dir, "demo.db"));
  const deps = { db, clock: systemClock };
  await loadReference(db);
  const data = generateDemo({ seed, aanbieders, now: systemClock.now() });
  loadDemo(db, data);
  await markeerDemo(deps);
  const tokens = await createDemoToegang(deps);
  const gi = tokens.find((t) => t.rol === "verwijzer");
  if (gi) {
    await maakDemoCasussen(deps, {
      seed,
      aantal: 40,
      regio: "haaglanden",
      actor: systeemActor("verwijzer", {
        organisatieId: gi.organisatieId,
        organisatieNaam: gi.organisatie,
        organisatieType: "gecertificeerde-instelling",
      }),
    });
  }
  const statements = dumpInserts(db.sqlite);
  db.close();
  // The triggers build the search projection as the rows arrive: it is this version's.
  statements.push(`INSERT OR REPLACE INTO zoek_meta (sleutel, waarde) VALUES ('sqlite-versie', '${SQLITE_ZOEK_VERSIE}');`);
  const file = join(dir, "demo.sql");
  writeFileSync(file, `${statements.join("\n")}\n`);
  wrangler(["d1", "execute", values.database, ...where, "--yes", "--file", file], true);

  console.log(
    `Demo data loaded into D1 ${values.database}: ${data.aanbieders.length} aanbieders, ${data.locaties.length} locaties, ${data.aanbod.length} aanbod, 40 casussen.`,
  );
  console.log("Demo tokens (sign in with one at /inloggen, or send it as Authorization: Bearer <token>):");
  for (const t of tokens) console.log(`  ${t.rol.padEnd(12)} ${t.token}  (${t.organisatie})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
