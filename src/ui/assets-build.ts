/**
 * The static files of the web app and the docs for Workers static assets (`[assets]` in
 * wrangler.toml): the NL Design System stylesheets, our own stylesheet and script, and the
 * standalone Scalar bundle, at the paths the Node server serves them on, plus a `_headers`
 * file with the headers the Node server sends with them.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { API_VERSION } from "../http/openapi.ts";
import { API_CSP } from "../http/security-headers.ts";
import { PLEKWIJZER_CSS, PLEKWIJZER_JS } from "./assets.ts";
import { NL_DESIGN_SYSTEM_CSS } from "./assets-node.ts";
import { FAVICON_SVG, faviconIco } from "./favicon.ts";

const require = createRequire(import.meta.url);

/** Writes the files into `out` (emptied first); answers how many it wrote. */
export function buildAssets(out: string): number {
  const files: Record<string, string | Uint8Array> = {
    "assets/plekwijzer.css": PLEKWIJZER_CSS,
    "assets/plekwijzer.js": PLEKWIJZER_JS,
    "assets/utrecht.css": readFileSync(require.resolve(NL_DESIGN_SYSTEM_CSS["utrecht.css"]), "utf8"),
    "assets/tokens.css": readFileSync(require.resolve(NL_DESIGN_SYSTEM_CSS["tokens.css"]), "utf8"),
    "assets/favicon.svg": FAVICON_SVG,
    "favicon.ico": faviconIco(),
    "docs/scalar.js": readFileSync(require.resolve("@scalar/api-reference/browser/standalone.js"), "utf8"),
    // The same headers as on Node (src/http/security-headers.ts); assets are cached like there.
    _headers: [
      "/assets/*",
      "  Cache-Control: public, max-age=3600",
      "/favicon.ico",
      "  Cache-Control: public, max-age=86400",
      "/docs/scalar.js",
      "  Cache-Control: public, max-age=86400",
      "/*",
      `  Content-Security-Policy: ${API_CSP}`,
      "  X-Content-Type-Options: nosniff",
      "  X-Frame-Options: DENY",
      "  Referrer-Policy: no-referrer",
      "  Cross-Origin-Opener-Policy: same-origin",
      "  Strict-Transport-Security: max-age=31536000; includeSubDomains",
      `  API-Version: ${API_VERSION}`,
      "",
    ].join("\n"),
  };

  rmSync(out, { recursive: true, force: true });
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), body);
  }
  return Object.keys(files).length;
}
