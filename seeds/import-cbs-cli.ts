/**
 * Imports the CBS table of municipalities and youth-care regions from a CSV file.
 *   npx tsx seeds/import-cbs-cli.ts <file.csv> [--database ./data/plekwijzer.db]
 * Nothing is written unless the whole file is valid.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { openSqlite } from "../db/sqlite.ts";
import { importCbs, parseCbsCsv } from "./cbs.ts";
import { loadReference } from "./reference.ts";

const USAGE = `Usage: npx tsx seeds/import-cbs-cli.ts <file.csv> [--database ./data/plekwijzer.db]
  The CSV needs a header with GemeentecodeGM|gemeentecode|code, Gemeentenaam|naam,
  JeugdzorgregioCode|regiocode and Jeugdzorgregio|jeugdzorgregionaam|regionaam; lat/lon are optional.
  Example: seeds/data/cbs-voorbeeld.csv`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(`Expected exactly one CSV file.\n\n${USAGE}`);
    return 1;
  }

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  // Parse everything before opening the database, so a bad file writes nothing at all.
  const { rows, errors } = parseCbsCsv(text);
  if (errors.length > 0) {
    for (const e of errors.sort((a, b) => a.line - b.line)) console.error(`${file}:${e.line}: ${e.message}`);
    console.error(`${errors.length} error(s); nothing imported.`);
    return 1;
  }

  const db = openSqlite(parsed.values.database);
  try {
    // Reference data first, so a CSV region named like an existing one keeps the existing code.
    await loadReference(db);
    const result = await importCbs(db, rows);
    for (const { csv, existing } of result.keptCodes) {
      console.log(`Region ${csv} has the name of existing region ${existing}; kept code ${existing}.`);
    }
    console.log(
      `Imported ${rows.length} rows from ${file} into ${parsed.values.database}:\n` +
        `  regios     ${result.regios.added} added, ${result.regios.updated} updated\n` +
        `  gemeenten  ${result.gemeenten.added} added, ${result.gemeenten.updated} updated`,
    );
    return 0;
  } finally {
    db.close();
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      database: { type: "string", default: "./data/plekwijzer.db" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
