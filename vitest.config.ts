import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import type { Vite } from "vitest/node";
import { buildAssets } from "./src/ui/assets-build.ts";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The API contract tests that also run inside workerd on D1 (the same files as on Node). */
const OOK_OP_WORKERS = [
  "test/api/{aanbieders,aanbod,aanmeldingen,beschikbaarheid,casussen,catalogus,contracten,locaties,matching,plekken}.test.ts",
  "test/search/contract.test.ts",
  "test/access/matrix.test.ts",
];

/**
 * In workerd the shared tests get the D1 register (test/workers/register.ts) instead of the
 * SQLite one, and the Meilisearch started by the Node side instead of starting one themselves.
 */
function opWorkers(): Vite.Plugin {
  const swaps = new Map([
    [here("test/helpers.ts"), here("test/workers/register.ts")],
    [here("test/support/meili-server.ts"), here("test/workers/meili-server.ts")],
  ]);
  return {
    name: "plekwijzer-op-workers",
    enforce: "pre",
    async resolveId(source, importer, options) {
      // The global setup runs in Node: it starts the real server.
      if (!importer || !source.startsWith(".") || importer === here("test/workers/global-setup.ts")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && swaps.get(resolved.id)) ?? null;
    },
  };
}

// Workers static assets must exist before the pool reads wrangler.toml.
if (!existsSync(here("dist/assets/_headers"))) buildAssets(here("dist/assets"));
const migrations = await readD1Migrations(here("db/migrations"));

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/workers/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        plugins: [
          opWorkers(),
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts", ...OOK_OP_WORKERS],
          globalSetup: ["test/workers/global-setup.ts"],
        },
      },
    ],
  },
});
