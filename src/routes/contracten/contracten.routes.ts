import { z } from "@hono/zod-openapi";
import { created, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp } from "../../kern/fields.ts";
import {
  CONTRACT_STATUSSEN,
  ContractenQuery,
  ContractInput,
  createContract,
  deleteContract,
  getContract,
  listContracten,
  updateContract,
} from "../../services/contracten.ts";
import { IdParams } from "../schemas.ts";

const tags = ["Contracten"];

export const ContractSchema = z
  .object({
    id: z.uuid(),
    aanbiederId: z.uuid(),
    zorgvorm: z.string(),
    gemeente: z.string().nullable(),
    regio: z.string().nullable(),
    geldigVanaf: z.string().openapi({ format: "date" }),
    geldigTot: z.string().nullable().openapi({ format: "date" }),
    status: z.enum(CONTRACT_STATUSSEN).openapi({
      description: "Vandaag: lopend (geldt nu), toekomstig (begint later) of verlopen (einddatum voorbij)",
    }),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
  })
  .openapi("Contract");

export const list = route(listContracten, {
  method: "get",
  path: "/contracten",
  tags,
  summary: "Contracten bladeren",
  request: {
    query: ContractenQuery,
  },
  responses: { 200: ok(pageOf(ContractSchema, "ContractPagina"), "Een pagina contracten"), ...problems(400) },
});

export const get = route(getContract, {
  method: "get",
  path: "/contracten/{id}",
  tags,
  summary: "Eén contract",
  request: { params: IdParams },
  responses: { 200: ok(ContractSchema, "Het contract"), ...problems(400, 404) },
});

export const create = route(createContract, {
  method: "post",
  path: "/contracten",
  tags,
  summary: "Contract vastleggen",
  request: { body: jsonBody(ContractInput) },
  responses: { 201: created(ContractSchema, "Het vastgelegde contract"), ...problems(...WRITE_PROBLEMS, 409) },
});

export const update = route(updateContract, {
  method: "put",
  path: "/contracten/{id}",
  tags,
  summary: "Contract wijzigen",
  request: { params: IdParams, body: jsonBody(ContractInput) },
  responses: { 200: ok(ContractSchema, "Het gewijzigde contract"), ...problems(...WRITE_PROBLEMS, 404, 409) },
});

export const remove = route(deleteContract, {
  method: "delete",
  path: "/contracten/{id}",
  tags,
  summary: "Contract verwijderen",
  request: { params: IdParams },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404) },
});
