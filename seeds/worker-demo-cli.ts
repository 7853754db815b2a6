/**
 * Loads the demo register into D1 in one command (seeds/d1-demo.ts):
 *   npm run seed:worker [-- --persist-to <dir>] [--remote] [--aanbieders 100] [--seed 20261127]
 */
import { parseArgs } from "node:util";
import { loadDemoIntoD1 } from "./d1-demo.ts";

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
try {
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
