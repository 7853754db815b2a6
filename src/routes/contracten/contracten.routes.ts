import { z } from "@hono/zod-openapi";
import { ALLE_ROLLEN, route } from "../../lib/access.ts";
import { datum, gemeenteCode, regioCode, timestamp, uuidParam, zorgvormCode } from "../../lib/fields.ts";
import { created, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { type CrossRule, withCrossRules } from "../../lib/validation.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Contracten"];

type ContractVelden = { gemeente?: string | null; regio?: string | null; geldigVanaf: string; geldigTot?: string | null };

export const CONTRACT_REGELS: CrossRule<ContractVelden>[] = [
  {
    fields: ["gemeente", "regio"],
    holds: (v) => (v.gemeente == null) !== (v.regio == null),
    name: "gemeente",
    code: "gemeente-of-regio",
    reason: "Geef precies één van gemeente of regio.",
  },
  {
    fields: ["geldigVanaf", "geldigTot"],
    holds: (v) => v.geldigTot == null || v.geldigVanaf <= v.geldigTot,
    name: "geldigTot",
    code: "voor-geldig-vanaf",
    reason: "geldigTot mag niet voor geldigVanaf liggen.",
  },
];

export const ContractInput = withCrossRules(
  z.strictObject({
    aanbiederId: z.uuid({ message: "Moet een UUID zijn." }),
    zorgvorm: zorgvormCode.openapi({ description: "Gecontracteerde zorgvorm; geldt ook voor de vormen eronder" }),
    gemeente: gemeenteCode.nullable().optional().openapi({ description: "Inkopende gemeente; of regio" }),
    regio: regioCode.nullable().optional().openapi({ description: "Regio die namens al haar gemeenten inkoopt; of gemeente" }),
    geldigVanaf: datum,
    geldigTot: datum.nullable().optional(),
  }),
  CONTRACT_REGELS,
).openapi("ContractInput");

export const ContractSchema = z
  .object({
    id: z.uuid(),
    aanbiederId: z.uuid(),
    zorgvorm: z.string(),
    gemeente: z.string().nullable(),
    regio: z.string().nullable(),
    geldigVanaf: z.string().openapi({ format: "date" }),
    geldigTot: z.string().nullable().openapi({ format: "date" }),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
  })
  .openapi("Contract");

export const list = route(ALLE_ROLLEN, {
  method: "get",
  path: "/contracten",
  tags,
  summary: "Contracten bladeren",
  request: {
    query: PagingQuery.extend({
      aanbiederId: uuidParam.optional(),
      zorgvorm: zorgvormCode.optional(),
      gemeente: gemeenteCode.optional(),
      regio: regioCode.optional(),
    }),
  },
  responses: { 200: ok(pageOf(ContractSchema, "ContractPagina"), "Een pagina contracten"), ...problems(400) },
});

export const get = route(ALLE_ROLLEN, {
  method: "get",
  path: "/contracten/{id}",
  tags,
  summary: "Eén contract",
  request: { params: IdParams },
  responses: { 200: ok(ContractSchema, "Het contract"), ...problems(400, 404) },
});

export const create = route(["beheerder"], {
  method: "post",
  path: "/contracten",
  tags,
  summary: "Contract vastleggen",
  request: { body: jsonBody(ContractInput) },
  responses: { 201: created(ContractSchema, "Het vastgelegde contract"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(["beheerder"], {
  method: "put",
  path: "/contracten/{id}",
  tags,
  summary: "Contract wijzigen",
  request: { params: IdParams, body: jsonBody(ContractInput) },
  responses: { 200: ok(ContractSchema, "Het gewijzigde contract"), ...problems(...WRITE_PROBLEMS, 404) },
});

export const remove = route(["beheerder"], {
  method: "delete",
  path: "/contracten/{id}",
  tags,
  summary: "Contract verwijderen",
  request: { params: IdParams },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404) },
});
