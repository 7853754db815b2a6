import { z } from "@hono/zod-openapi";
import { created, jsonBody, ok, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { regioCode, timestamp } from "../../kern/fields.ts";
import { GroepSchema, RegelsetSchema } from "../../priority/rules.ts";
import { createRegelset, getRegelset, listRegelsets } from "../../services/prioriteringsregels.ts";
import { IdParams } from "../schemas.ts";

const tags = ["Prioriteringsregels"];

export const RegelsetOut = z
  .object({
    id: z.uuid(),
    regio: z.string(),
    versie: z.number().int(),
    geldigVanaf: z.string().openapi({ format: "date" }),
    groepen: z.array(GroepSchema),
    aangemaaktOp: timestamp,
  })
  .openapi("Regelset");

export const list = route(listRegelsets, {
  method: "get",
  path: "/prioriteringsregels",
  tags,
  summary: "Alle versies van de prioriteringsregels",
  request: { query: z.object({ regio: regioCode.optional() }) },
  responses: { 200: ok(z.object({ resultaten: z.array(RegelsetOut) }).openapi("Regelsets"), "De regelsets"), ...problems(400) },
});

export const get = route(getRegelset, {
  method: "get",
  path: "/prioriteringsregels/{id}",
  tags,
  summary: "Eén versie",
  request: { params: IdParams },
  responses: { 200: ok(RegelsetOut, "De regelset"), ...problems(400, 404) },
});

export const create = route(createRegelset, {
  method: "post",
  path: "/prioriteringsregels",
  tags,
  summary: "Nieuwe versie van de regels van een regio, met ingangsdatum",
  request: { body: jsonBody(RegelsetSchema.meta({ id: "RegelsetInput" })) },
  responses: { 201: created(RegelsetOut, "De nieuwe versie"), ...problems(...WRITE_PROBLEMS, 409) },
});
