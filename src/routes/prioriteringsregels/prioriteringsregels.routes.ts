import { z } from "@hono/zod-openapi";
import { ALLE_ROLLEN, route } from "../../lib/access.ts";
import { regioCode, timestamp } from "../../lib/fields.ts";
import { created, jsonBody, ok, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { GroepSchema, RegelsetSchema } from "../../priority/rules.ts";
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

export const list = route(ALLE_ROLLEN, {
  method: "get",
  path: "/prioriteringsregels",
  tags,
  summary: "Alle versies van de prioriteringsregels",
  request: { query: z.object({ regio: regioCode.optional() }) },
  responses: { 200: ok(z.object({ resultaten: z.array(RegelsetOut) }).openapi("Regelsets"), "De regelsets"), ...problems(400) },
});

export const get = route(ALLE_ROLLEN, {
  method: "get",
  path: "/prioriteringsregels/{id}",
  tags,
  summary: "Eén versie",
  request: { params: IdParams },
  responses: { 200: ok(RegelsetOut, "De regelset"), ...problems(400, 404) },
});

export const create = route(["beheerder"], {
  method: "post",
  path: "/prioriteringsregels",
  tags,
  summary: "Nieuwe versie van de regels van een regio, met ingangsdatum",
  request: { body: jsonBody(RegelsetSchema.openapi("RegelsetInput")) },
  responses: { 201: created(RegelsetOut, "De nieuwe versie"), ...problems(...WRITE_PROBLEMS, 409) },
});
