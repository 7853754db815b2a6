import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { ExternAsset } from "./assets.ts";

const require = createRequire(import.meta.url);
/** Where the NL Design System stylesheets sit in node_modules (also read by the Workers asset build). */
export const NL_DESIGN_SYSTEM_CSS: Record<ExternAsset, string> = {
  "utrecht.css": "@utrecht/component-library-css/dist/index.css",
  "tokens.css": "@utrecht/design-tokens/dist/index.css",
};

/** On Node the NL Design System CSS comes straight from node_modules. */
export function loadAssetFromNodeModules(naam: ExternAsset): Promise<string> {
  return readFile(require.resolve(NL_DESIGN_SYSTEM_CSS[naam]), "utf8");
}
