import { z } from "@hono/zod-openapi";
import { created, ifMatchHeader, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { gemeenteCode, timestamp, uuidParam } from "../../kern/fields.ts";
import { createLocatie, deleteLocatie, getLocatie, LocatieInput, listLocaties, updateLocatie } from "../../services/locaties.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Locaties"];

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

export const list = route(listLocaties, {
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
});

export const get = route(getLocatie, {
  method: "get",
  path: "/locaties/{id}",
  tags,
  summary: "Eén locatie",
  request: { params: IdParams },
  responses: { 200: ok(LocatieSchema, "De locatie", { etag: true }), ...problems(400, 404) },
});

export const create = route(createLocatie, {
  method: "post",
  path: "/locaties",
  tags,
  summary: "Locatie toevoegen",
  request: { body: jsonBody(LocatieInput) },
  responses: { 201: created(LocatieSchema, "De aangemaakte locatie"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(updateLocatie, {
  method: "put",
  path: "/locaties/{id}",
  tags,
  summary: "Locatie wijzigen",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(LocatieInput) },
  responses: { 200: ok(LocatieSchema, "De gewijzigde locatie", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = route(deleteLocatie, {
  method: "delete",
  path: "/locaties/{id}",
  tags,
  summary: "Locatie verwijderen (alleen zonder aanbod)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 409, 412) },
});
