import { z } from "@hono/zod-openapi";
import { ok, pageOf, problems } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { gemeenteCode, regioCode, zorgvormCode } from "../../kern/fields.ts";
import * as catalogus from "../../services/catalogus.ts";
import { PagingQuery } from "../schemas.ts";

export const ZorgvormSchema = z
  .object({
    code: z.string().openapi({ example: "gezinshuis" }),
    naam: z.string().openapi({ example: "Gezinshuis" }),
    categorie: z.string().openapi({ example: "43", description: "iJw-productcategorie (JZ020)" }),
    bovenliggend: z.string().nullable().openapi({ description: "Code van de zorgvorm erboven" }),
    omschrijving: z.string().nullable(),
    actief: z.boolean(),
  })
  .openapi("Zorgvorm");

export const RegioSchema = z.object({ code: z.string(), naam: z.string() }).openapi("Regio");

export const GemeenteSchema = z
  .object({
    code: z.string().openapi({ example: "GM0518" }),
    naam: z.string(),
    regio: z.string().nullable(),
    lat: z.number().nullable().openapi({ description: "Breedtegraad van het middelpunt" }),
    lon: z.number().nullable().openapi({ description: "Lengtegraad van het middelpunt" }),
  })
  .openapi("Gemeente");

const codeParam = <T extends z.ZodString>(schema: T) => z.object({ code: schema.meta({ param: { name: "code", in: "path" } }) });

export const listZorgvormen = route(catalogus.listZorgvormen, {
  method: "get",
  path: "/zorgvormen",
  tags: ["Catalogus"],
  summary: "De zorgvormencatalogus",
  request: {
    query: PagingQuery.extend({
      categorie: z
        .string()
        .regex(/^[0-9]{2}$/, { message: "Moet een iJw-categorie van twee cijfers zijn." })
        .optional(),
    }),
  },
  responses: { 200: ok(pageOf(ZorgvormSchema, "ZorgvormPagina"), "Zorgvormen"), ...problems(400) },
});

export const getZorgvorm = route(catalogus.getZorgvorm, {
  method: "get",
  path: "/zorgvormen/{code}",
  tags: ["Catalogus"],
  summary: "Eén zorgvorm",
  request: { params: codeParam(zorgvormCode) },
  responses: { 200: ok(ZorgvormSchema, "De zorgvorm"), ...problems(400, 404) },
});

export const listRegios = route(catalogus.listRegios, {
  method: "get",
  path: "/regios",
  tags: ["Catalogus"],
  summary: "Jeugdzorgregio's",
  request: { query: PagingQuery },
  responses: { 200: ok(pageOf(RegioSchema, "RegioPagina"), "Regio's"), ...problems(400) },
});

export const getRegio = route(catalogus.getRegio, {
  method: "get",
  path: "/regios/{code}",
  tags: ["Catalogus"],
  summary: "Eén jeugdzorgregio",
  request: { params: codeParam(regioCode) },
  responses: { 200: ok(RegioSchema, "De regio"), ...problems(400, 404) },
});

export const listGemeenten = route(catalogus.listGemeenten, {
  method: "get",
  path: "/gemeenten",
  tags: ["Catalogus"],
  summary: "Gemeenten",
  request: { query: PagingQuery.extend({ regio: regioCode.optional() }) },
  responses: { 200: ok(pageOf(GemeenteSchema, "GemeentePagina"), "Gemeenten"), ...problems(400) },
});

export const getGemeente = route(catalogus.getGemeente, {
  method: "get",
  path: "/gemeenten/{code}",
  tags: ["Catalogus"],
  summary: "Eén gemeente",
  request: { params: codeParam(gemeenteCode) },
  responses: { 200: ok(GemeenteSchema, "De gemeente"), ...problems(400, 404) },
});
