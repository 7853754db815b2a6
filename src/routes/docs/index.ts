import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv, V1App } from "../../http/env.ts";
import { API_VERSION } from "../../http/openapi.ts";
import { DomainError, ErrorCode } from "../../kern/errors.ts";

// No default fonts, hosted client, AI agent, toolbar or telemetry: the docs must work offline and track nobody.
export const DOCS_PAGE = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Plekwijzer API — documentatie</title>
  </head>
  <body>
    <script id="api-reference" data-url="/v1/openapi.json" data-configuration='{"withDefaultFonts":false,"hideClientButton":true,"telemetry":false,"showDeveloperTools":"never","agent":{"disabled":true}}'></script>
    <script src="/docs/scalar.js"></script>
  </body>
</html>`;

/** The OpenAPI document of the v1 API, described relative to its server `/v1`. */
export function openApiDocument(v1: V1App) {
  return v1.getOpenAPI31Document({
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
