import { readFile, writeFile } from "node:fs/promises";
import { type OpenOverzicht, voegSamen } from "./services/open-overzicht.ts";

/**
 * Merges the open overviews of several regions (GET /v1/open/overzicht) into one national
 * view, without a central database:
 *   npm run overzicht:samenvoegen -- haaglanden.json rijnmond.json … [--uit landelijk.json]
 * Without --uit the merged file goes to standard output.
 */
const args = process.argv.slice(2);
const uitIndex = args.indexOf("--uit");
const uit = uitIndex >= 0 ? args[uitIndex + 1] : undefined;
const bestanden = args.filter((_, i) => i !== uitIndex && i !== uitIndex + 1);
if (bestanden.length === 0) {
  console.error("Usage: npm run overzicht:samenvoegen -- a.json b.json … [--uit merged.json]");
  process.exit(2);
}
try {
  const overzichten = await Promise.all(bestanden.map(async (f) => JSON.parse(await readFile(f, "utf8")) as OpenOverzicht));
  const tekst = `${JSON.stringify(voegSamen(overzichten), null, 2)}\n`;
  if (uit) {
    await writeFile(uit, tekst);
    console.error(`Merged ${bestanden.length} regions into ${uit}.`);
  } else process.stdout.write(tekst);
} catch (error) {
  console.error(`Could not merge: ${(error as Error).message}`);
  process.exit(1);
}
