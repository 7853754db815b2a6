import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import type { Database } from "../db/database.ts";
import { SearchProvider } from "../search/provider.ts";
import { SqliteSearchEngine } from "../search/sqlite-engine.ts";
import { alleenLezenVoor } from "./http/alleen-lezen.ts";
import { type AppEnv, createV1App } from "./http/env.ts";
import { type GuardConfig, guard, STANDAARD_GUARD } from "./http/guard.ts";
import { API_VERSION } from "./http/openapi.ts";
import { problemResponse } from "./http/problem.ts";
import type { RateLimitStore } from "./http/rate-limit.ts";
import { SECURITY_SCHEME } from "./http/route.ts";
import { corsFor, securityHeaders } from "./http/security-headers.ts";
import { validationHook } from "./http/validation.ts";
import { DomainError, ErrorCode } from "./kern/errors.ts";
import type { Clock } from "./kern/time.ts";
import { registerAanbieders } from "./routes/aanbieders/index.ts";
import { registerAanbod } from "./routes/aanbod/index.ts";
import { registerAanmeldingen } from "./routes/aanmeldingen/index.ts";
import { registerCasussen } from "./routes/casussen/index.ts";
import { registerCatalogus } from "./routes/catalogus/index.ts";
import { registerContracten } from "./routes/contracten/index.ts";
import { registerDocs } from "./routes/docs/index.ts";
import { registerGebruikers } from "./routes/gebruikers/index.ts";
import { registerLocaties } from "./routes/locaties/index.ts";
import { registerMatchvoorstellen } from "./routes/matchvoorstellen/index.ts";
import { registerPrioriteringsregels } from "./routes/prioriteringsregels/index.ts";
import { registerRapportages } from "./routes/rapportages/index.ts";
import { registerReserveringen } from "./routes/reserveringen/index.ts";
import { registerToegang } from "./routes/toegang/index.ts";
import type { Deps, Instellingen } from "./services/context.ts";
import type { Geocoder } from "./services/geocoder.ts";
import type { MailConfig } from "./services/mail.ts";
import type { LoadAsset } from "./ui/assets.ts";
import { registerUi } from "./ui/index.tsx";
import { nietGevondenPagina } from "./ui/sectie.tsx";

// Validation messages in Dutch: the register's users and the Dutch API Design Rules speak Dutch.
z.config(z.locales.nl());

export interface AppDeps {
  db: Database;
  clock: Clock;
  /** The search engines; without it, the embedded SQLite engine on `db`. */
  search?: SearchProvider;
  /** Hold and proposal durations; defaults when absent. */
  instellingen?: Instellingen;
  /** Called after every successful write, e.g. to drain the search outbox at once. */
  afterWrite?: () => void;
  config?: Partial<AppConfig>;
  /** Loads the standalone Scalar bundle for /docs (file system on Node, assets on Workers). */
  loadDocsBundle?: () => Promise<string>;
  /** Reads the NL Design System stylesheets for the web pages (node_modules on Node). */
  loadAsset?: LoadAsset;
  /** The peer address of the connection (rate limits, access log); absent in tests. */
  remoteAddress?: (c: Context) => string | undefined;
  /** Mail for invitations and sign-in codes, and the public address its links point to. */
  mail?: MailConfig;
  /** Postcodes and place names on the map (the PDOK Locatieserver at GEOCODER_URL). */
  geocoder?: Geocoder;
  /** Where rate-limit counters live; in this process's memory when absent (Workers: the database). */
  rateLimits?: RateLimitStore;
}

export interface AppConfig {
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Read-only offer search without a token (never cases), for a region that wants it. */
  publiekZoeken: boolean;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
  /** The database cannot be written (read-only file, folder or disk): every change answers 503. */
  alleenLezen: boolean;
  guard: GuardConfig;
  /** Demo mode (DEMO_DATA on a database created as a demo): the sign-in page shows the demo buttons. */
  demo: boolean;
}

const defaultConfig: AppConfig = {
  maxBodyBytes: 1024 * 1024,
  publiekZoeken: false,
  corsOrigins: [],
  alleenLezen: false,
  guard: STANDAARD_GUARD,
  demo: false,
};

export type { AppEnv } from "./http/env.ts";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const CSV_TYPE = /^text\/csv\s*(;|$)/i;

/**
 * Whether a request has a body, from its Content-Length when it states one. On Node, touching
 * `c.req.raw.body` makes @hono/node-server build a web stream over the socket, where reading the
 * body whole (`c.req.arrayBuffer()`, what the validator does) takes it from the socket directly.
 */
function heeftBody(c: Context): boolean {
  const lengte = c.req.header("content-length");
  return lengte === undefined ? c.req.raw.body !== null : lengte !== "0";
}

/** Builds the register's HTTP application from its dependencies; does no I/O itself. */
export function createApp(deps: AppDeps) {
  const config = { ...defaultConfig, ...deps.config };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: (result) => validationHook(result), strict: true });

  // The id in the access log is the server's own; a client's X-Request-Id is kept apart, bounded.
  app.use(requestId({ headerName: "" }));
  app.use(async (c, next) => {
    const eigen = c.req.header("x-request-id");
    if (eigen && /^[\w.:-]{1,64}$/.test(eigen)) c.set("clientRequestId", eigen);
    c.header("X-Request-Id", c.get("requestId"));
    await next();
  });
  app.use(securityHeaders({ trustProxy: config.guard.trustProxy }));
  app.use(async (c, next) => {
    await next();
    c.res.headers.set("API-Version", API_VERSION);
  });
  app.use("/v1/*", corsFor(config.corsOrigins));
  if (config.alleenLezen) app.use("/v1/*", alleenLezenVoor());
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(c, new DomainError(ErrorCode.methodNotAllowed, `${c.req.method} is niet toegestaan op ${c.req.path}.`), {
          Allow: methods.join(", "),
        }),
    }),
  );
  app.use("/v1/*", async (c, next) => {
    if (BODY_METHODS.has(c.req.method)) {
      const hasBody = heeftBody(c);
      const type = c.req.header("content-type");
      // One upload takes a CSV file (the denominator of the norm report); everything else is JSON.
      const csv = c.req.path === "/v1/maatregeltellingen/bestand";
      if (hasBody && !(type && (csv ? CSV_TYPE : JSON_TYPE).test(type))) {
        throw new DomainError(
          ErrorCode.unsupportedMediaType,
          csv ? "Stuur het bestand als text/csv." : "Stuur de body als application/json.",
        );
      }
    }
    await next();
  });
  const teGroot = () => {
    throw new DomainError(ErrorCode.payloadTooLarge, `De body mag hoogstens ${config.maxBodyBytes} bytes zijn.`);
  };
  const begrensd = bodyLimit({ maxSize: config.maxBodyBytes, onError: teGroot });
  app.use("/v1/*", async (c, next) => {
    // A stated length is checked as it is (as bodyLimit does, without touching the body); a
    // body without one (chunked) is counted while it streams in.
    const lengte = c.req.header("content-length");
    if (lengte === undefined || c.req.header("transfer-encoding") !== undefined) return begrensd(c, next);
    if (Number.parseInt(lengte, 10) > config.maxBodyBytes) teGroot();
    await next();
  });
  app.use("/v1/*", async (c, next) => {
    if (BODY_METHODS.has(c.req.method) && heeftBody(c)) {
      try {
        const tekst = UTF8.decode(await c.req.arrayBuffer());
        // Hono keeps a body per kind it was read as (its bodyCache holds the promises); with the
        // text kept, the validator's c.req.json() parses it instead of decoding the bytes again
        // through a new Response.
        c.req.bodyCache.text = Promise.resolve(tekst) as unknown as string;
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw new DomainError(ErrorCode.malformedJson, "De body is geen geldige UTF-8.");
      }
    }
    await next();
  });
  if (deps.afterWrite) {
    const afterWrite = deps.afterWrite;
    app.use("/v1/*", async (c, next) => {
      await next();
      if (BODY_METHODS.has(c.req.method) || c.req.method === "DELETE") {
        if (c.res.status < 300) afterWrite();
      }
    });
  }

  const search = deps.search ?? new SearchProvider(new SqliteSearchEngine(deps.db));
  const services: Deps = {
    db: deps.db,
    clock: deps.clock,
    search,
    instellingen: deps.instellingen,
    mail: deps.mail,
    geocoder: deps.geocoder,
  };
  app.use("/v1/*", async (c, next) => {
    c.set("publiekZoeken", config.publiekZoeken);
    await next();
  });
  const bewaking = guard(config.guard, services, deps.remoteAddress, deps.rateLimits);
  app.use("/v1/*", ...bewaking.api);

  const v1 = createV1App();
  v1.openAPIRegistry.registerComponent("securitySchemes", SECURITY_SCHEME, {
    type: "http",
    scheme: "bearer",
    description:
      "API-token van een koppeling (een systeem, geen persoon), uitgegeven door de beheerder (POST /v1/tokens); 32 willekeurige bytes, eenmalig getoond.",
  });
  registerToegang(v1, services);
  registerGebruikers(v1, services);
  registerCatalogus(v1, services);
  registerAanbieders(v1, services);
  registerLocaties(v1, services);
  registerAanbod(v1, services);
  registerContracten(v1, services);
  registerCasussen(v1, services);
  registerPrioriteringsregels(v1, services);
  registerMatchvoorstellen(v1, services);
  registerReserveringen(v1, services);
  registerAanmeldingen(v1, services);
  registerRapportages(v1, services);
  v1.onError((err, c) => problemResponse(c, err));
  registerDocs(app, v1, deps.loadDocsBundle);
  app.route("/v1", v1);

  registerUi(app, {
    services,
    alleenLezen: config.alleenLezen,
    guard: bewaking,
    loadAsset: deps.loadAsset,
    afterWrite: deps.afterWrite,
    maxBodyBytes: config.maxBodyBytes,
    demo: config.demo,
  });
  app.notFound((c) =>
    // A browser asking for a page gets a page; everything else (the API) gets problem+json.
    !c.req.path.startsWith("/v1/") && (c.req.header("accept") ?? "").includes("text/html")
      ? nietGevondenPagina(c, bewaking)
      : problemResponse(c, new DomainError(ErrorCode.notFound, `${c.req.path} bestaat niet.`)),
  );
  app.onError((err, c) => problemResponse(c, err));
  return app;
}
