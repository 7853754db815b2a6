/**
 * Loads reference data plus synthetic demo data.
 *   npx tsx seeds/cli.ts [--database ./data/plekwijzer.db] [--aanbieders 100] [--seed 20261127] [--reset]
 */
import { parseArgs } from "node:util";
import { openSqlite } from "../db/sqlite.ts";
import { generateDemo } from "./demo.ts";
import { clearDemo, loadDemo } from "./demo-load.ts";
import { loadReference } from "./reference.ts";

const USAGE = `Usage: npx tsx seeds/cli.ts [options]
  --database <path>    SQLite file (default ./data/plekwijzer.db)
  --aanbieders <n>     number of demo providers (default 100; ~2.5 locations and ~5 offers each)
  --seed <n>           seed for the generator; the same seed gives the same data (default 20261127)
  --reset              delete all providers, locations, offers, their history and contracts first
  --help               show this help`;

/** Keeps a typo from allocating millions of rows. */
const MAX_AANBIEDERS = 200_000;

class UsageError extends Error {}

function positiveInteger(name: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  if (n > max) throw new UsageError(`--${name} must be at most ${max}, got ${n}`);
  return n;
}

function parse(argv: string[]) {
  let values: ReturnType<typeof parseOptions>["values"];
  try {
    values = parseOptions(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    help: values.help === true,
    database: values.database,
    aanbieders: positiveInteger("aanbieders", values.aanbieders, MAX_AANBIEDERS),
    seed: positiveInteger("seed", values.seed),
    reset: values.reset === true,
  };
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      database: { type: "string", default: "./data/plekwijzer.db" },
      aanbieders: { type: "string", default: "100" },
      seed: { type: "string", default: "20261127" },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const db = openSqlite(options.database);
  try {
    await loadReference(db);
    const { n: bestaand } = db.sqlite.prepare("SELECT count(*) AS n FROM aanbieders").get() as { n: number };
    if (bestaand > 0 && !options.reset) {
      console.error(
        `${options.database} already holds ${bestaand} aanbieders; refusing to add demo data to it.\n` +
          "Run again with --reset to delete all providers, locations, offers, history and contracts first.",
      );
      return 1;
    }

    const started = performance.now();
    const data = generateDemo({ seed: options.seed, aanbieders: options.aanbieders, now: new Date() });
    const generated = performance.now();
    // Reset and load in one transaction: a failed load leaves the old data in place.
    const counts = db.sqlite.transaction(() => {
      if (options.reset) clearDemo(db);
      return loadDemo(db, data);
    })();
    const loaded = performance.now();

    if (options.reset && bestaand > 0) console.log(`Removed ${bestaand} existing aanbieders and their data.`);
    console.log(`Demo data loaded into ${options.database} (seed ${options.seed}):`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(11)} ${n}`);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    console.log(`Generated in ${s(generated - started)} s, loaded in ${s(loaded - generated)} s.`);
    return 0;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
