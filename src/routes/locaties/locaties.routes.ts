import { z } from "@hono/zod-openapi";
import { ALLE_ROLLEN, route } from "../../lib/access.ts";
import { gemeenteCode, postcode, tekst, timestamp, uuidParam } from "../../lib/fields.ts";
import { created, ifMatchHeader, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { type CrossRule, withCrossRules } from "../../lib/validation.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Locaties"];

type Coordinaten = { lat?: number | null; lon?: number | null };
export const LOCATIE_REGELS: CrossRule<Coordinaten>[] = [
  {
    fields: ["lat", "lon"],
    holds: (v) => (v.lat == null) === (v.lon == null),
    name: "lon",
    code: "lat-lon-samen",
    reason: "Geef lat en lon allebei, of geen van beide.",
  },
];

export const LocatieInput = withCrossRules(
  z.strictObject({
    aanbiederId: z.uuid({ message: "Moet een UUID zijn." }),
    naam: tekst(200),
    adres: tekst(200).openapi({ example: "Lange Voorhout 1" }),
    postcode,
    plaats: tekst(100),
    gemeente: gemeenteCode,
    lat: z.number().min(50.7).max(53.6).nullable().optional().openapi({ description: "Breedtegraad (WGS84), binnen Nederland" }),
    lon: z.number().min(3.3).max(7.3).nullable().optional().openapi({ description: "Lengtegraad (WGS84), binnen Nederland" }),
  }),
  LOCATIE_REGELS,
).openapi("LocatieInput");

export const LocatieSchema = z
  .object({
    id: z.uuid(),
    aanbiederId: z.uuid(),
    naam: z.string(),
    adres: z.string(),
    postcode: z.string(),
    plaats: z.string(),
    gemeente: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    versie: z.number().int(),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
  })
  .openapi("Locatie");

export const list = route(
  ALLE_ROLLEN,
  {
    method: "get",
    path: "/locaties",
    tags,
    summary: "Locaties bladeren",
    request: {
      query: PagingQuery.extend({
        aanbiederId: uuidParam.optional(),
        gemeente: gemeenteCode.optional(),
      }),
    },
    responses: { 200: ok(pageOf(LocatieSchema, "LocatiePagina"), "Een pagina locaties"), ...problems(400) },
  },
  { publiek: true },
);

export const get = route(
  ALLE_ROLLEN,
  {
    method: "get",
    path: "/locaties/{id}",
    tags,
    summary: "Eén locatie",
    request: { params: IdParams },
    responses: { 200: ok(LocatieSchema, "De locatie", { etag: true }), ...problems(400, 404) },
  },
  { publiek: true },
);

export const create = route(["aanbieder", "beheerder"], {
  method: "post",
  path: "/locaties",
  tags,
  summary: "Locatie toevoegen",
  request: { body: jsonBody(LocatieInput) },
  responses: { 201: created(LocatieSchema, "De aangemaakte locatie"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(["aanbieder", "beheerder"], {
  method: "put",
  path: "/locaties/{id}",
  tags,
  summary: "Locatie wijzigen",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(LocatieInput) },
  responses: { 200: ok(LocatieSchema, "De gewijzigde locatie", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = route(["aanbieder", "beheerder"], {
  method: "delete",
  path: "/locaties/{id}",
  tags,
  summary: "Locatie verwijderen (alleen zonder aanbod)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 409, 412) },
});
