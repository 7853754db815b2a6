import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv, V1App } from "../../http/env.ts";
import { API_VERSION } from "../../http/openapi.ts";
import { DomainError, ErrorCode } from "../../kern/errors.ts";

/**
 * What Scalar 1.46 lets us set: no default fonts, hosted client, AI agent, toolbar or telemetry
 * (the docs must work offline and track nobody), light only like the app (no English dark-mode
 * switch), our icon and Dutch page title. Scalar's own labels have no language setting in this
 * version and stay English; everything the document says is Dutch. A bar above it leads back to
 * the app (Scalar keeps its sticky parts below it through --scalar-custom-header-height).
 */
const SCALAR_CONFIGURATIE = {
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  showDeveloperTools: "never",
  agent: { disabled: true },
  hideDarkModeToggle: true,
  forceDarkModeState: "light",
  favicon: "/assets/favicon.svg",
  metaData: { title: "Plekwijzer API — documentatie" },
};

export const DOCS_PAGE = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Plekwijzer API — documentatie</title>
    <link rel="icon" href="/favicon.ico" sizes="32x32" />
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
    <style>
      :root { --scalar-custom-header-height: 3rem; }
      body { margin: 0; }
      .pw-docs-balk { position: sticky; top: 0; z-index: 1000; box-sizing: border-box; block-size: 3rem; display: flex; gap: 1.5rem; align-items: center; padding: 0 1.5rem; background: #154273; color: #fff; font: 1rem/1.5 "Noto Sans", Arial, sans-serif; }
      .pw-docs-balk a { color: #fff; }
      .pw-docs-balk a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
      .pw-docs-balk strong { font-size: 1.15rem; }
    </style>
  </head>
  <body>
    <header class="pw-docs-balk">
      <strong>Plekwijzer</strong>
      <a href="/">Terug naar Plekwijzer</a>
    </header>
    <script id="api-reference" data-url="/v1/openapi.json" data-configuration='${JSON.stringify(SCALAR_CONFIGURATIE)}'></script>
    <script src="/docs/scalar.js"></script>
  </body>
</html>`;

type Schema = { $ref?: string; type?: string | string[]; anyOf?: Schema[]; oneOf?: Schema[]; [k: string]: unknown };

/**
 * A union (`anyOf`/`oneOf`: a zod union, a nullable reference) comes out of the generator without
 * a `type` of its own; Scalar on /docs reports such a schema as a document validation error. Each
 * gets the types of its branches (a reference counts as its component's type), nothing else changes.
 */
function typeerKeuzes(doc: { components?: { schemas?: Record<string, unknown> }; paths?: unknown }): void {
  const componenten = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const typenVan = (s: Schema, gezien = new Set<Schema>()): string[] => {
    if (gezien.has(s)) return [];
    gezien.add(s);
    if (s.$ref) {
      const doel = componenten[s.$ref.replace("#/components/schemas/", "")];
      return doel ? typenVan(doel, gezien) : [];
    }
    if (s.type !== undefined) return Array.isArray(s.type) ? s.type : [s.type];
    return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((b) => typenVan(b, gezien));
  };
  const bezocht = new Set<unknown>();
  const loop = (node: unknown): void => {
    if (!node || typeof node !== "object" || bezocht.has(node)) return;
    bezocht.add(node);
    if (Array.isArray(node)) {
      for (const item of node) loop(item);
      return;
    }
    const s = node as Schema;
    if (s.type === undefined && s.$ref === undefined && (s.anyOf || s.oneOf)) {
      const typen = [...new Set(typenVan(s))];
      if (typen.length > 0) s.type = typen.length === 1 ? typen[0] : typen;
    }
    for (const waarde of Object.values(s)) loop(waarde);
  };
  loop(doc.components);
  loop(doc.paths);
}

/** The OpenAPI document of the v1 API, described relative to its server `/v1`. */
export function openApiDocument(v1: V1App) {
  const doc = v1.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Plekwijzer API",
      version: API_VERSION,
      description:
        "Beschikbaarheid en wachttijden van jeugdhulp: aanbieders houden per aanbod hun vrije plekken, " +
        "aanmeld- en behandelwachttijd en intakestatus wekelijks bij; verwijzers vinden tijdig, gecontracteerd aanbod. " +
        "Elk verzoek draagt het API-token van een koppeling (Authorization: Bearer); de rol van het token bepaalt wat mag. " +
        "Mensen loggen in op de website, als zichzelf.",
      contact: { name: "Plekwijzer", email: "api@plekwijzer.nl", url: "https://plekwijzer.nl" },
      license: { name: "EUPL-1.2", url: "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12" },
    },
    servers: [{ url: "/v1", description: "Deze server" }],
    tags: [
      { name: "Catalogus", description: "Zorgvormen, regio's en gemeenten" },
      { name: "Aanbieders", description: "Jeugdhulpaanbieders" },
      { name: "Locaties", description: "Vestigingen van aanbieders" },
      { name: "Aanbod", description: "Eén zorgvorm op één locatie" },
      { name: "Beschikbaarheid", description: "Wekelijkse cijfers, bevestigingen en historie" },
      { name: "Contracten", description: "Welke gemeente of regio welke zorg inkoopt bij wie" },
      { name: "Casussen", description: "Pseudonieme wachtende jeugdigen; elke toegang komt in het toegangslog" },
      { name: "Wachtlijst", description: "De gerangschikte wachtlijst volgens het afwegingskader van de regio" },
      { name: "Prioriteringsregels", description: "Versies van de prioriteringsregels per regio" },
      { name: "Matching", description: "Voorstellen casus ↔ vrije plek, met uitleg" },
      { name: "Reserveringen", description: "Een vrije plek vasthouden voor een casus" },
      { name: "Toegang", description: "Organisaties, API-tokens en het toegangslog (NEN 7513)" },
      { name: "Gebruikers", description: "Mensen die als zichzelf inloggen, het inlogbeleid per organisatie en het accountlog" },
    ],
  });
  typeerKeuzes(doc as Parameters<typeof typeerKeuzes>[0]);
  return doc;
}

/** `/v1/openapi.json` and the interactive docs at `/docs`, served from local assets only. */
export function registerDocs(app: OpenAPIHono<AppEnv>, v1: V1App, loadBundle?: () => Promise<string>): void {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get("/v1/openapi.json", (c) => {
    document ??= openApiDocument(v1);
    return c.json(document, 200, { "Access-Control-Allow-Origin": "*" });
  });
  app.get("/docs", (c) => c.html(DOCS_PAGE));
  let bundle: Promise<string> | undefined;
  app.get("/docs/scalar.js", async (c) => {
    if (!loadBundle) throw new DomainError(ErrorCode.notFound, "De documentatiebundel is op deze server niet beschikbaar.");
    bundle ??= loadBundle();
    return c.body(await bundle, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    });
  });
}
