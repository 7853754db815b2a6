import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { openRegisterFile } from "../db/sqlite.ts";
import { createSearch } from "../search/index.ts";
import { generateDemo } from "../seeds/demo.ts";
import { maakDemoCasussen } from "../seeds/demo-casussen.ts";
import { loadDemo } from "../seeds/demo-load.ts";
import { createDemoToegang, markeerDemo } from "../seeds/demo-toegang.ts";
import { isEmpty, loadReference } from "../seeds/reference.ts";
import { createApp } from "./app.ts";
import { type Env, readEnv } from "./env.ts";
import { STANDAARD_GUARD } from "./http/guard.ts";
import { systeemActor } from "./kern/actor.ts";
import { systemClock } from "./kern/time.ts";
import { smtpMailer } from "./mail/smtp.ts";
import { STANDAARD_INSTELLINGEN } from "./services/context.ts";
import { isDemo } from "./services/demo.ts";
import { pdokGeocoder } from "./services/geocoder.ts";
import { consoleMailer, geenMailer, type MailConfig } from "./services/mail.ts";
import { maakMomentopnames } from "./services/rapportage-momentopnames.ts";
import { bootstrapBeheer } from "./services/toegang.ts";
import { expireOverdue } from "./services/verlopen.ts";
import { loadAssetFromNodeModules } from "./ui/assets-node.ts";

/** A stop may take this long to finish what is in flight; then what is left is cut off. */
const STOP_DEADLINE_MS = 10_000;

let env: Env;
try {
  env = readEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const { db, alleenLezen } = openRegisterFile(env.DATABASE_PATH);
if (alleenLezen) {
  console.warn(
    `Database ${env.DATABASE_PATH} is read-only (file, folder or disk): the register starts read-only. Reads work; every change answers 503 until it is writable again and the register restarts.`,
  );
}
const publiekeUrl = env.PUBLIEKE_URL ?? `http://localhost:${env.PORT}`;
const smtp = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_VAN) : undefined;
/** Without SMTP nothing is sent; in demo mode (decided below, once the demo is loaded) mail goes to the console. */
const mail: MailConfig = { mailer: smtp ?? geenMailer, publiekeUrl };
const services = { db, clock: systemClock, mail };

if (!alleenLezen) {
  if (await isEmpty(db)) {
    await loadReference(db);
    if (env.DEMO_DATA) {
      const data = generateDemo({ seed: env.DEMO_SEED, aanbieders: 100, now: systemClock.now() });
      loadDemo(db, data);
      await markeerDemo(services);
      console.log(
        `Demo data loaded: ${data.aanbieders.length} aanbieders, ${data.locaties.length} locaties, ${data.aanbod.length} aanbod.`,
      );
    }
  }
  if (env.PLEKWIJZER_ADMIN_TOKEN) await bootstrapBeheer(services, env.PLEKWIJZER_ADMIN_TOKEN);
  if (env.DEMO_DATA) {
    // Demo mode only, on a database created as a demo: a demo person per role (the demo buttons at
    // /inloggen), and fresh API tokens per role, printed once.
    const demo = await createDemoToegang(services);
    if (demo.length > 0) {
      console.log("Demo: sign in at /inloggen with a demo button (one demo person per role, no mail).");
      console.log("Demo API tokens (replaced at every start in demo mode; send one as Authorization: Bearer <token>):");
      for (const t of demo) console.log(`  ${t.rol.padEnd(12)} ${t.token}  (${t.organisatie})`);
      const gi = demo.find((t) => t.rol === "verwijzer");
      if (gi && (await maakDemoCasussenEenmaal(gi))) console.log("Demo cases: 40 synthetic waiting cases in Haaglanden.");
    }
  }
}

const demoModus = env.DEMO_DATA && (await isDemo(services));
if (!smtp && demoModus) mail.mailer = consoleMailer();
if (!smtp) {
  console.warn(
    demoModus
      ? "No SMTP_URL: in demo mode invitation and sign-in mail (with its link) is printed here, on the console."
      : "No SMTP_URL: no invitation or sign-in mail can be sent, so nobody can sign in by mail. Set SMTP_URL and MAIL_VAN.",
  );
}

/** The demo's waiting cases, once: on the start that loaded the demo data. */
async function maakDemoCasussenEenmaal(gi: { organisatieId: string; organisatie: string }): Promise<boolean> {
  const [heeft] = await db.sqlite.prepare("SELECT 1 AS x FROM casussen LIMIT 1").all();
  if (heeft) return false;
  await maakDemoCasussen(services, {
    seed: env.DEMO_SEED,
    aantal: 40,
    regio: "haaglanden",
    actor: systeemActor("verwijzer", {
      organisatieId: gi.organisatieId,
      organisatieNaam: gi.organisatie,
      organisatieType: "gecertificeerde-instelling",
    }),
  });
  return true;
}

const require = createRequire(import.meta.url);
const scalarBundle = require.resolve("@scalar/api-reference/browser/standalone.js");

const search = await createSearch(db, {
  meili:
    env.MEILI_URL && env.MEILI_MASTER_KEY
      ? { url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, index: env.MEILI_INDEX }
      : undefined,
  alleenLezen,
  log: (message) => console.log(message),
});

const app = createApp({
  db,
  clock: systemClock,
  search: search.provider,
  geocoder: env.GEOCODER_URL ? pdokGeocoder(env.GEOCODER_URL) : undefined,
  instellingen: { ...STANDAARD_INSTELLINGEN, publiekOverzicht: env.PUBLIEK_OVERZICHT },
  afterWrite: search.worker ? () => search.worker?.kick() : undefined,
  config: {
    maxBodyBytes: env.MAX_BODY_BYTES,
    publiekZoeken: env.PUBLIEK_ZOEKEN,
    corsOrigins: env.CORS_ORIGINS,
    alleenLezen,
    demo: demoModus,
    guard: {
      ...STANDAARD_GUARD,
      perToken: env.RATE_LIMIT_PER_TOKEN,
      perAdres: env.RATE_LIMIT_PER_ADRES,
      mislukteAanmeldingen: env.MAX_MISLUKTE_AANMELDINGEN,
      trustProxy: env.TRUST_PROXY,
    },
  },
  remoteAddress: (c) => getConnInfo(c).remote.address,
  mail,
  loadDocsBundle: () => readFile(scalarBundle, "utf8"),
  loadAsset: loadAssetFromNodeModules,
});

const ingebouwd = search.memory ? "in-memory index" : "SQLite";

/** Set at a stop: every answer from then on closes its connection. */
let stopt = false;
const server = serve({ fetch: sluitNaStop, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(
    `Plekwijzer listens on http://localhost:${info.port} (web app /, API /v1, docs /docs; database ${env.DATABASE_PATH}${alleenLezen ? ", read-only" : ""}; search ${search.meili ? `Meilisearch with ${ingebouwd} fallback` : ingebouwd})`,
  );
}) as Server;

async function sluitNaStop(request: Request, bindings: unknown): Promise<Response> {
  const res = await app.fetch(request, bindings);
  if (stopt) res.headers.set("Connection", "close");
  return res;
}

// Reads already treat an expired hold, referral or proposal as ended; this writes it down (the
// case waits again, with a history line) every half minute, and takes the monthly snapshot.
const verlopen = alleenLezen
  ? undefined
  : setInterval(() => {
      expireOverdue(services).catch((error) => console.error("Finalising expired holds failed", error));
      // The norm report's snapshot of the first of the month, once that day has ended.
      maakMomentopnames(services).catch((error) => console.error("Taking the monthly norm snapshot failed", error));
    }, 30_000);
verlopen?.unref();

/**
 * A stop (SIGTERM from a container or a process manager, SIGINT from a terminal): accept no
 * new connections; answer what is in flight, each answer closing its connection; after a short
 * grace for requests already on their way, close idle keep-alive connections; then send the
 * last search changes, checkpoint the WAL and close the database. After 10 s whatever is left
 * is cut off.
 */
function stop(signal: NodeJS.Signals): void {
  if (stopt) return;
  stopt = true;
  console.log(`${signal}: stopping; finishing the requests in flight (at most ${STOP_DEADLINE_MS / 1000} s).`);
  if (verlopen) clearInterval(verlopen);
  const deadline = setTimeout(() => {
    console.error(`Requests still open after ${STOP_DEADLINE_MS / 1000} s: closing them.`);
    server.closeAllConnections();
  }, STOP_DEADLINE_MS);
  deadline.unref();
  // http.Server#close would close idle keep-alive connections at once, cutting off a request
  // already sent on one but not yet read: stop listening only, and close idle ones after a grace.
  let idle: NodeJS.Timeout | undefined;
  const grace = setTimeout(() => {
    idle = setInterval(() => server.closeIdleConnections(), 50);
  }, 300);
  net.Server.prototype.close.call(server, async () => {
    clearTimeout(grace);
    clearInterval(idle);
    clearTimeout(deadline);
    try {
      smtp?.close();
      await search.close();
    } finally {
      db.close();
      console.log("Stopped.");
      process.exit(0);
    }
  });
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
