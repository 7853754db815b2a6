/**
 * Builds the static assets for Workers (src/ui/assets-build.ts):
 *   npm run build:assets [-- --out dist/assets]
 */
import { parseArgs } from "node:util";
import { buildAssets } from "./assets-build.ts";

const { values } = parseArgs({ options: { out: { type: "string", default: "dist/assets" } } });
const out = values.out ?? "dist/assets";
console.log(`Static assets for Workers written to ${out}/ (${buildAssets(out)} files).`);
