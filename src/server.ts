import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { openSqlite } from "../db/sqlite.ts";
import { createSearch } from "../search/index.ts";
import { generateDemo } from "../seeds/demo.ts";
import { maakDemoCasussen } from "../seeds/demo-casussen.ts";
import { loadDemo } from "../seeds/demo-load.ts";
import { createDemoToegang } from "../seeds/demo-toegang.ts";
import { isEmpty, loadReference } from "../seeds/reference.ts";
import { createApp } from "./app.ts";
import { type Env, readEnv } from "./env.ts";
import { STANDAARD_GUARD } from "./http/guard.ts";
import { systeemActor } from "./kern/actor.ts";
import { systemClock } from "./kern/time.ts";
import { expireOverdue } from "./services/reserveringen.ts";
import { bootstrapBeheer } from "./services/toegang.ts";
import { loadAssetFromNodeModules } from "./ui/assets-node.ts";

let env: Env;
try {
  env = readEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const db = openSqlite(env.DATABASE_PATH);

let demoGeladen = false;
if (await isEmpty(db)) {
  await loadReference(db);
  if (env.DEMO_DATA) {
    demoGeladen = true;
    const data = generateDemo({ seed: env.DEMO_SEED, aanbieders: 100, now: systemClock.now() });
    loadDemo(db, data);
    console.log(
      `Demo data loaded: ${data.aanbieders.length} aanbieders, ${data.locaties.length} locaties, ${data.aanbod.length} aanbod.`,
    );
  }
}

const services = { db, clock: systemClock };
if (env.PLEKWIJZER_ADMIN_TOKEN) await bootstrapBeheer(services, env.PLEKWIJZER_ADMIN_TOKEN);
if (env.DEMO_DATA) {
  // Demo mode only: fresh tokens per role, printed once. Never outside demo mode.
  const demo = await createDemoToegang(services, { nieuw: demoGeladen });
  if (demo.length > 0) {
    console.log(
      "Demo tokens (replaced at every start in demo mode; sign in with one at /inloggen, or send it as Authorization: Bearer <token>):",
    );
    for (const t of demo) console.log(`  ${t.rol.padEnd(12)} ${t.token}  (${t.organisatie})`);
  }
  const gi = demo.find((t) => t.rol === "verwijzer");
  if (demoGeladen && gi) {
    const aantal = await maakDemoCasussen(services, {
      seed: env.DEMO_SEED,
      aantal: 40,
      regio: "haaglanden",
      actor: systeemActor("verwijzer", {
        organisatieId: gi.organisatieId,
        organisatieNaam: gi.organisatie,
        organisatieType: "gecertificeerde-instelling",
      }),
    });
    console.log(`Demo cases: ${aantal} synthetic waiting cases in Haaglanden.`);
  }
}

const require = createRequire(import.meta.url);
const scalarBundle = require.resolve("@scalar/api-reference/browser/standalone.js");

const search = await createSearch(db, {
  meili:
    env.MEILI_URL && env.MEILI_MASTER_KEY
      ? { url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, index: env.MEILI_INDEX }
      : undefined,
  log: (message) => console.log(message),
});

const app = createApp({
  db,
  clock: systemClock,
  search: search.provider,
  afterWrite: search.worker ? () => search.worker?.kick() : undefined,
  config: {
    maxBodyBytes: env.MAX_BODY_BYTES,
    publiekZoeken: env.PUBLIEK_ZOEKEN,
    corsOrigins: env.CORS_ORIGINS,
    guard: {
      ...STANDAARD_GUARD,
      perToken: env.RATE_LIMIT_PER_TOKEN,
      perAdres: env.RATE_LIMIT_PER_ADRES,
      mislukteAanmeldingen: env.MAX_MISLUKTE_AANMELDINGEN,
      trustProxy: env.TRUST_PROXY,
    },
  },
  remoteAddress: (c) => getConnInfo(c).remote.address,
  loadDocsBundle: () => readFile(scalarBundle, "utf8"),
  loadAsset: loadAssetFromNodeModules,
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(
    `Plekwijzer listens on http://localhost:${info.port} (web app /, API /v1, docs /docs; database ${env.DATABASE_PATH}; search ${search.meili ? "Meilisearch with SQLite fallback" : "SQLite"})`,
  );
});

// Reads already treat an expired hold or proposal as ended; this writes it down (the case
// waits again, with a history line) every half minute.
const verlopen = setInterval(() => {
  expireOverdue(services).catch((error) => console.error("Finalising expired holds failed", error));
}, 30_000);
verlopen.unref();

function shutdown() {
  clearInterval(verlopen);
  server.close(async () => {
    await search.close();
    db.close();
    process.exit(0);
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
