import { z } from "@hono/zod-openapi";
import { created, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp } from "../../kern/fields.ts";
import { ORGANISATIE_TYPES, ROLLEN } from "../../kern/vocabulary.ts";
import * as toegang from "../../services/toegang.ts";
import { listToekenningen as listGrants, listToegangslog as listLog, ToegangslogQuery } from "../../services/toegangslog.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const { OrganisatieInput, TokenInput } = toegang;

export const OrganisatieSchema = z
  .object({
    id: z.uuid(),
    naam: z.string(),
    type: z.enum(ORGANISATIE_TYPES),
    aanbiederId: z.uuid().nullable(),
    regios: z.array(z.string()),
    aangemaaktOp: timestamp,
  })
  .openapi("Organisatie");

export const createOrganisatie = route(toegang.createOrganisatie, {
  method: "post",
  path: "/organisaties",
  tags: ["Toegang"],
  summary: "Organisatie vastleggen (aanbieder, gecertificeerde instelling, gemeente of regio)",
  request: { body: jsonBody(OrganisatieInput) },
  responses: { 201: created(OrganisatieSchema, "De organisatie"), ...problems(...WRITE_PROBLEMS, 409) },
});

export const listOrganisaties = route(toegang.listOrganisaties, {
  method: "get",
  path: "/organisaties",
  tags: ["Toegang"],
  summary: "Organisaties bladeren",
  request: { query: toegang.OrganisatiesQuery },
  responses: { 200: ok(pageOf(OrganisatieSchema, "OrganisatiePagina"), "Een pagina organisaties"), ...problems(400) },
});

export const getOrganisatie = route(toegang.getOrganisatie, {
  method: "get",
  path: "/organisaties/{id}",
  tags: ["Toegang"],
  summary: "Eén organisatie",
  request: { params: IdParams },
  responses: { 200: ok(OrganisatieSchema, "De organisatie"), ...problems(400, 404) },
});

export const TokenSchema = z
  .object({
    id: z.uuid(),
    organisatieId: z.uuid(),
    rol: z.enum(ROLLEN),
    omschrijving: z.string().nullable(),
    verlooptOp: timestamp,
    ingetrokkenOp: timestamp.nullable(),
    laatstGebruiktOp: timestamp.nullable(),
    aangemaaktOp: timestamp,
  })
  .openapi("Token");

export const createToken = route(toegang.createToken, {
  method: "post",
  path: "/tokens",
  tags: ["Toegang"],
  summary: "API-token uitgeven; het token staat eenmalig in de respons en wordt alleen als hash bewaard",
  request: { body: jsonBody(TokenInput) },
  responses: {
    201: created(
      z
        .object({
          ...TokenSchema.shape,
          token: z.string().openapi({ description: "Het token; wordt maar één keer getoond" }),
        })
        .openapi("NieuwToken"),
      "Het token",
    ),
    ...problems(...WRITE_PROBLEMS),
  },
});

export const listTokens = route(toegang.listTokens, {
  method: "get",
  path: "/tokens",
  tags: ["Toegang"],
  summary: "Tokens bladeren (zonder het token zelf)",
  request: { query: toegang.TokensQuery },
  responses: { 200: ok(pageOf(TokenSchema, "TokenPagina"), "Een pagina tokens"), ...problems(400) },
});

export const getToken = route(toegang.getToken, {
  method: "get",
  path: "/tokens/{id}",
  tags: ["Toegang"],
  summary: "Eén token (zonder het token zelf)",
  request: { params: IdParams },
  responses: { 200: ok(TokenSchema, "Het token"), ...problems(400, 404) },
});

export const revokeToken = route(toegang.revokeToken, {
  method: "delete",
  path: "/tokens/{id}",
  tags: ["Toegang"],
  summary: "Token intrekken; het werkt meteen niet meer",
  request: { params: IdParams },
  responses: { 204: noContent("Ingetrokken"), ...problems(400, 404) },
});

export const ToegangslogRegel = z
  .object({
    volgnummer: z.number().int(),
    op: timestamp,
    actor: z.string().openapi({ description: "Id van het token (een koppeling) of van de ingelogde gebruiker, of anoniem" }),
    gebruikerId: z.uuid().nullable().openapi({ description: "De ingelogde persoon; leeg bij een koppeling (token)" }),
    gebruiker: z.string().nullable().openapi({ description: "De naam van die persoon" }),
    rol: z.enum(ROLLEN).nullable(),
    organisatieId: z.uuid().nullable(),
    actie: z.string().openapi({ example: "lezen" }),
    route: z.string().openapi({ example: "/v1/casussen/:id" }),
    casusIds: z.array(z.uuid()),
    resultaat: z.number().int().openapi({ description: "HTTP-status van het antwoord" }),
    requestId: z.string().openapi({ description: "Door de server gemaakt" }),
    clientRequestId: z
      .string()
      .nullable()
      .openapi({ description: "De X-Request-Id die de client meestuurde, als die er was (hoogstens 64 tekens)" }),
    clientadres: z.string().nullable(),
    toegekendAan: z.uuid().nullable().openapi({ description: "Bij actie toekenning: de organisatie die toegang kreeg" }),
    toegekendeRol: z.enum(ROLLEN).nullable().openapi({ description: "Bij actie toekenning: de rol van het uitgegeven token" }),
  })
  .openapi("ToegangslogRegel");

export const listToegangslog = route(listLog, {
  method: "get",
  path: "/toegangslog",
  tags: ["Toegang"],
  summary: "Wie zag of wijzigde welke casus, wanneer (NEN 7513); nieuwste eerst, alleen lezen",
  request: {
    query: ToegangslogQuery,
  },
  responses: { 200: ok(pageOf(ToegangslogRegel, "ToegangslogPagina"), "Een pagina van het toegangslog"), ...problems(400) },
});

export const ToekenningSchema = z
  .object({
    volgnummer: z.number().int(),
    op: timestamp,
    rol: z.enum(ROLLEN).nullable().openapi({ description: "De rol van het uitgegeven token" }),
    door: z.string().openapi({ description: "De organisatie die het token uitgaf" }),
    doorRol: z.enum(ROLLEN).nullable(),
  })
  .openapi("Toekenning");

export const listToekenningen = route(listGrants, {
  method: "get",
  path: "/toekenningen",
  tags: ["Toegang"],
  summary: "Wie uw organisatie toegang tot gegevens van jeugdigen gaf (tokens voor verwijzer of zorgmakelaar), nieuwste eerst",
  request: { query: PagingQuery },
  responses: { 200: ok(pageOf(ToekenningSchema, "ToekenningPagina"), "Een pagina toekenningen"), ...problems(400) },
});
