/**
 * Loads the demo register into D1 in one command (seeds/d1-demo.ts), or with `--van` the rows of
 * a register's SQLite file (moving a Node deployment to Workers):
 *   npm run seed:worker [-- --persist-to <dir>] [--remote] [--aanbieders 100] [--seed 20261127]
 *   npm run seed:worker -- --van ./data/plekwijzer.db [--remote]
 */
import { parseArgs } from "node:util";
import { loadDemoIntoD1, loadSqliteIntoD1 } from "./d1-demo.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "plekwijzer" },
    "persist-to": { type: "string" },
    remote: { type: "boolean", default: false },
    aanbieders: { type: "string", default: "100" },
    seed: { type: "string", default: "20261127" },
    van: { type: "string" },
  },
});
const seed = Number(values.seed);
const aanbieders = Number(values.aanbieders);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(aanbieders) || aanbieders < 1) {
  console.error("--seed and --aanbieders must be positive integers.");
  process.exit(2);
}
try {
  if (values.van) {
    const counts = await loadSqliteIntoD1(values.van, {
      database: values.database,
      remote: values.remote,
      persistTo: values["persist-to"],
    });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`${total} rows of ${values.van} loaded into D1 ${values.database}.`);
    process.exit(0);
  }
  const { counts, tokens } = await loadDemoIntoD1({
    database: values.database,
    remote: values.remote,
    persistTo: values["persist-to"],
    aanbieders,
    seed,
  });
  console.log(
    `Demo data loaded into D1 ${values.database}: ${counts.aanbieders} aanbieders, ${counts.locaties} locaties, ${counts.aanbod} aanbod, ${counts.casussen} casussen.`,
  );
  console.log("Demo tokens (sign in with one at /inloggen, or send it as Authorization: Bearer <token>):");
  for (const t of tokens) console.log(`  ${t.rol.padEnd(12)} ${t.token}  (${t.organisatie})`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
