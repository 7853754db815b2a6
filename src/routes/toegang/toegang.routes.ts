import { z } from "@hono/zod-openapi";
import { ORGANISATIE_TYPES, ROLLEN } from "../../../db/schema/toegang.ts";
import { route } from "../../lib/access.ts";
import { regioCode, tekst, timestamp, uuidParam } from "../../lib/fields.ts";
import { created, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const beheer = ["beheerder"] as const;

export const OrganisatieInput = z
  .strictObject({
    naam: tekst(200),
    type: z.enum(ORGANISATIE_TYPES),
    aanbiederId: z.uuid({ message: "Moet een UUID zijn." }).nullable().optional().openapi({
      description: "Verplicht bij type aanbieder: de aanbieder waarvan deze organisatie het aanbod bijhoudt",
    }),
    regios: z
      .array(regioCode)
      .max(50, { message: "Hoogstens 50 regio's." })
      .optional()
      .openapi({ description: "Regio's waarvoor zorgmakelaars van deze organisatie de wachtlijst bijhouden" }),
  })
  .openapi("OrganisatieInput");

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

export const createOrganisatie = route(beheer, {
  method: "post",
  path: "/organisaties",
  tags: ["Toegang"],
  summary: "Organisatie vastleggen (aanbieder, gecertificeerde instelling, gemeente of regio)",
  request: { body: jsonBody(OrganisatieInput) },
  responses: { 201: created(OrganisatieSchema, "De organisatie"), ...problems(...WRITE_PROBLEMS, 409) },
});

export const listOrganisaties = route(beheer, {
  method: "get",
  path: "/organisaties",
  tags: ["Toegang"],
  summary: "Organisaties bladeren",
  request: { query: PagingQuery.extend({ type: z.enum(ORGANISATIE_TYPES).optional() }) },
  responses: { 200: ok(pageOf(OrganisatieSchema, "OrganisatiePagina"), "Een pagina organisaties"), ...problems(400) },
});

export const getOrganisatie = route(beheer, {
  method: "get",
  path: "/organisaties/{id}",
  tags: ["Toegang"],
  summary: "Eén organisatie",
  request: { params: IdParams },
  responses: { 200: ok(OrganisatieSchema, "De organisatie"), ...problems(400, 404) },
});

export const TokenInput = z
  .strictObject({
    organisatieId: z.uuid({ message: "Moet een UUID zijn." }),
    rol: z.enum(ROLLEN),
    verlooptOp: timestamp.optional().openapi({ description: "Standaard over 90 dagen; hoogstens over 366 dagen" }),
    omschrijving: tekst(200).nullable().optional().openapi({ description: "Voor wie of waarvoor het token is" }),
  })
  .openapi("TokenInput");

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

export const createToken = route(beheer, {
  method: "post",
  path: "/tokens",
  tags: ["Toegang"],
  summary: "API-token uitgeven; het token staat eenmalig in de respons en wordt alleen als hash bewaard",
  request: { body: jsonBody(TokenInput) },
  responses: {
    201: created(
      TokenSchema.extend({
        token: z.string().openapi({ description: "Het token; wordt maar één keer getoond" }),
      }).openapi("NieuwToken"),
      "Het token",
    ),
    ...problems(...WRITE_PROBLEMS),
  },
});

export const listTokens = route(beheer, {
  method: "get",
  path: "/tokens",
  tags: ["Toegang"],
  summary: "Tokens bladeren (zonder het token zelf)",
  request: { query: PagingQuery.extend({ organisatieId: uuidParam.optional() }) },
  responses: { 200: ok(pageOf(TokenSchema, "TokenPagina"), "Een pagina tokens"), ...problems(400) },
});

export const getToken = route(beheer, {
  method: "get",
  path: "/tokens/{id}",
  tags: ["Toegang"],
  summary: "Eén token (zonder het token zelf)",
  request: { params: IdParams },
  responses: { 200: ok(TokenSchema, "Het token"), ...problems(400, 404) },
});

export const revokeToken = route(beheer, {
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
    actor: z.string().openapi({ description: "Id van het token, of anoniem" }),
    rol: z.enum(ROLLEN).nullable(),
    organisatieId: z.uuid().nullable(),
    actie: z.string().openapi({ example: "lezen" }),
    route: z.string().openapi({ example: "/v1/casussen/:id" }),
    casusIds: z.array(z.uuid()),
    resultaat: z.number().int().openapi({ description: "HTTP-status van het antwoord" }),
    requestId: z.string(),
    clientadres: z.string().nullable(),
  })
  .openapi("ToegangslogRegel");

export const listToegangslog = route(beheer, {
  method: "get",
  path: "/toegangslog",
  tags: ["Toegang"],
  summary: "Wie zag of wijzigde welke casus, wanneer (NEN 7513); nieuwste eerst, alleen lezen",
  request: {
    query: PagingQuery.extend({
      casusId: uuidParam.optional(),
      actor: z.string().max(64).optional().openapi({ description: "Id van het token, of anoniem" }),
      van: timestamp.optional().openapi({ description: "Vanaf dit moment (inclusief)" }),
      tot: timestamp.optional().openapi({ description: "Tot dit moment (exclusief)" }),
    }),
  },
  responses: { 200: ok(pageOf(ToegangslogRegel, "ToegangslogPagina"), "Een pagina van het toegangslog"), ...problems(400) },
});
