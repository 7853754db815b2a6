/**
 * The layering of the register (README, "Layout"), enforced by `npm run lint`:
 * kern ← priority ← services ← http/routes/ui ← app/entries; db and search below services.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import loop makes the layers impossible to read one at a time.",
      from: {},
      to: { circular: true },
    },
    {
      name: "kern-is-the-bottom",
      severity: "error",
      comment: "src/kern knows no transport and no storage: it imports nothing of ours outside src/kern.",
      from: { path: "^src/kern/" },
      to: { path: "^(src|db|search|seeds)/", pathNot: "^src/kern/" },
    },
    {
      name: "kern-no-framework",
      severity: "error",
      comment: "src/kern may not import hono, drizzle or zod-openapi (plain zod is allowed).",
      from: { path: "^src/kern/" },
      to: { dependencyTypes: ["npm"], path: "node_modules/(hono|@hono|drizzle-orm|@asteasolutions)/" },
    },
    {
      name: "priority-is-pure",
      severity: "error",
      comment: "The afwegingskader and matching engine import only src/kern (and plain zod): no I/O, no transport.",
      from: { path: "^src/priority/" },
      to: { path: "^(src|db|search|seeds)/", pathNot: "^src/(kern|priority)/" },
    },
    {
      name: "priority-no-framework",
      severity: "error",
      from: { path: "^src/priority/" },
      to: { dependencyTypes: ["npm"], path: "node_modules/(hono|@hono|drizzle-orm|@asteasolutions)/" },
    },
    {
      name: "services-know-no-transport",
      severity: "error",
      comment: "Use cases run the same from the API, the pages, the CLI and timers: no HTTP in them.",
      from: { path: "^src/services/" },
      to: { path: "^src/(http|routes|ui|app\\.ts|server\\.ts|worker\\.ts)" },
    },
    {
      name: "services-no-hono",
      severity: "error",
      from: { path: "^src/services/" },
      to: { dependencyTypes: ["npm"], path: "node_modules/(hono|@hono)/" },
    },
    {
      name: "pages-and-routes-use-use-cases",
      severity: "error",
      comment: "Routes and pages parse, call a use case and render; they never reach into the database.",
      from: { path: "^src/(ui|routes)/" },
      to: { path: "^db/" },
    },
    {
      name: "storage-below-services",
      severity: "error",
      comment: "db/ and search/ sit below the use cases and never call them.",
      from: { path: "^(db|search)/" },
      to: { path: "^src/(services|http|routes|ui)/" },
    },
    {
      name: "worker-runs-on-workers",
      severity: "error",
      comment:
        'Workers have no Node modules, native addons or file system: nothing Node-only may be reachable from the Workers entry (README, "Draaien op Cloudflare").',
      from: { path: "^src/worker\\.ts$" },
      to: {
        reachable: true,
        path: [
          "^(node:)?(assert|async_hooks|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|http2|https|inspector|module|net|os|path|perf_hooks|process|querystring|readline|repl|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)(/|$)",
          "node_modules/(better-sqlite3|@hono/node-server|tsx)/",
          "^(db/sqlite|search/(index|http-client)|src/(server|ui/assets-node))\\.ts$",
        ],
      },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment: "A file nothing imports is dead code (entries and config excepted).",
      from: {
        orphan: true,
        pathNot: [
          "\\.d\\.ts$",
          "(^|/)\\.[^/]+\\.(c|m)?js$",
          "^src/(server|worker)\\.ts$",
          "^src/ui/[^/]+-cli\\.ts$",
          "^src/[^/]+-cli\\.ts$",
          "\\.config\\.ts$",
          "^(seeds|db|search)/[^/]+-cli\\.ts$",
          "^seeds/cli\\.ts$",
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    // npm modules stay in the graph (not followed) so rules can name them.
    exclude: { path: "(^|/)(test|bench)/" },
  },
};
