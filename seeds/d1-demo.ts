/**
 * Loads the demo register into a D1 database: the same reference data, demo data, demo
 * organisations with one token per role and 40 synthetic waiting cases as the Node server's
 * first start in demo mode. Builds them in a temporary SQLite file with the same code, then
 * applies the migrations to D1 and loads the rows with wrangler (local, or `--remote`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dumpRows, sqliteRows } from "../db/sql-dump.ts";
import { openSqlite } from "../db/sqlite.ts";
import { SQLITE_ZOEK_VERSIE } from "../search/sqlite-engine.ts";
import { systeemActor } from "../src/kern/actor.ts";
import { systemClock } from "../src/kern/time.ts";
import type { Rol } from "../src/kern/vocabulary.ts";
import { generateDemo } from "./demo.ts";
import { maakDemoCasussen } from "./demo-casussen.ts";
import { loadDemo } from "./demo-load.ts";
import { createDemoToegang, markeerDemo } from "./demo-toegang.ts";
import { loadReference } from "./reference.ts";

export interface D1DemoOptions {
  /** The D1 database named in wrangler.toml. */
  database?: string;
  /** A real D1 (`--remote`) instead of the local one. */
  remote?: boolean;
  /** Where the local D1 lives (wrangler's `--persist-to`); default .wrangler/state. */
  persistTo?: string;
  aanbieders?: number;
  seed?: number;
  /** Where wrangler's own output goes. */
  stdio?: "inherit" | "ignore";
}

export interface D1Demo {
  counts: { aanbieders: number; locaties: number; aanbod: number; casussen: number };
  tokens: { rol: Rol; organisatie: string; token: string }[];
}

const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

function wrangler(args: string[], stdio: "inherit" | "ignore" | "pipe"): string {
  const result = spawnSync(process.execPath, [wranglerBin, ...args], {
    stdio: ["ignore", stdio, stdio === "pipe" ? "inherit" : stdio],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "true" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status})`);
  return result.stdout ?? "";
}

function whereOf(options: D1DemoOptions): string[] {
  return options.remote ? ["--remote"] : ["--local", ...(options.persistTo ? ["--persist-to", options.persistTo] : [])];
}

/**
 * Applies the migrations to a D1 database and runs a file of INSERT statements in it (the demo,
 * or an export made by `npm run export:worker`); refuses a database that already holds data.
 */
export function loadSqlIntoD1(file: string, options: D1DemoOptions = {}): void {
  const database = options.database ?? "plekwijzer";
  const stdio = options.stdio ?? "inherit";
  const where = whereOf(options);
  wrangler(["d1", "migrations", "apply", database, ...where], stdio);
  const answer = wrangler(
    ["d1", "execute", database, ...where, "--json", "--command", "SELECT count(*) AS n FROM aanbieders"],
    "pipe",
  );
  const [{ results = [] } = {}] = JSON.parse(answer) as { results?: { n: number }[] }[];
  if ((results[0]?.n ?? 0) > 0) throw new Error(`D1 database ${database} already holds data; this loads into an empty one only.`);
  wrangler(["d1", "execute", database, ...where, "--yes", "--file", file], "pipe");
}

/** Loads the demo register into an empty D1 database; refuses one that already holds data. */
export async function loadDemoIntoD1(options: D1DemoOptions = {}): Promise<D1Demo> {
  const seed = options.seed ?? 20261127;
  const aanbieders = options.aanbieders ?? 100;

  const dir = mkdtempSync(join(tmpdir(), "plekwijzer-d1-demo-"));
  try {
    // The demo register, built as the Node server builds it on its first start in demo mode.
    const db = openSqlite(join(dir, "demo.db"));
    const deps = { db, clock: systemClock };
    await loadReference(db);
    const data = generateDemo({ seed, aanbieders, now: systemClock.now() });
    loadDemo(db, data);
    await markeerDemo(deps);
    const tokens = await createDemoToegang(deps);
    const gi = tokens.find((t) => t.rol === "verwijzer");
    const casussen = gi
      ? await maakDemoCasussen(deps, {
          seed,
          aantal: 40,
          regio: "haaglanden",
          actor: systeemActor("verwijzer", {
            organisatieId: gi.organisatieId,
            organisatieNaam: gi.organisatie,
            organisatieType: "gecertificeerde-instelling",
          }),
        })
      : 0;
    const statements: string[] = [];
    await dumpRows(sqliteRows(db.sqlite), (statement) => statements.push(statement));
    db.close();
    // The triggers build the search projection as the rows arrive: it is this version's.
    statements.push(`INSERT OR REPLACE INTO zoek_meta (sleutel, waarde) VALUES ('sqlite-versie', '${SQLITE_ZOEK_VERSIE}');`);
    const file = join(dir, "demo.sql");
    writeFileSync(file, `${statements.join("\n")}\n`);
    loadSqlIntoD1(file, options);
    return {
      counts: { aanbieders: data.aanbieders.length, locaties: data.locaties.length, aanbod: data.aanbod.length, casussen },
      tokens: tokens.map(({ rol, organisatie, token }) => ({ rol, organisatie, token })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Moves a register from a SQLite file (a Node server's `DATABASE_PATH`, migrated to this version
 * first) into an empty D1 database: every data row, as `npm run export:worker` writes them.
 */
export async function loadSqliteIntoD1(path: string, options: D1DemoOptions = {}): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "plekwijzer-d1-move-"));
  try {
    const db = openSqlite(path);
    const statements: string[] = [];
    const counts = await dumpRows(sqliteRows(db.sqlite), (statement) => statements.push(statement));
    db.close();
    statements.push(`INSERT OR REPLACE INTO zoek_meta (sleutel, waarde) VALUES ('sqlite-versie', '${SQLITE_ZOEK_VERSIE}');`);
    const file = join(dir, "register.sql");
    writeFileSync(file, `${statements.join("\n")}\n`);
    loadSqlIntoD1(file, options);
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
