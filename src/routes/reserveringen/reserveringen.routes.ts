import { z } from "@hono/zod-openapi";
import { created, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp, uuidParam } from "../../kern/fields.ts";
import { RESERVERING_STATUSSEN } from "../../kern/vocabulary.ts";
import {
  createReservering,
  getReservering,
  listReserveringen,
  placeReservering,
  ReserveringInput,
  withdrawReservering,
} from "../../services/reserveringen.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Reserveringen"];

export const ReserveringSchema = z
  .object({
    id: z.uuid(),
    aanbodId: z.uuid(),
    casusId: z.uuid().nullable().openapi({ description: "Leeg voor een aanbieder: die ziet alleen de leeftijd" }),
    leeftijd: z.number().int().nullable().openapi({ description: "Leeftijd van de jeugdige in jaren, vandaag" }),
    gevraagdeZorgvorm: z.string().nullable().openapi({ description: "De zorg die voor de jeugdige is gevraagd" }),
    voorstelId: z.uuid().nullable(),
    status: z.enum(RESERVERING_STATUSSEN),
    verlooptOp: timestamp,
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
  })
  .openapi("Reservering");

export const list = route(
  listReserveringen,
  {
    method: "get",
    path: "/reserveringen",
    tags,
    summary: "Reserveringen (holds) bladeren",
    request: {
      query: PagingQuery.extend({
        casusId: uuidParam.optional(),
        aanbodId: uuidParam.optional(),
        status: z.enum(RESERVERING_STATUSSEN).optional(),
      }),
    },
    responses: { 200: ok(pageOf(ReserveringSchema, "ReserveringPagina"), "Een pagina reserveringen"), ...problems(400) },
  },
  { log: "lijst" },
);

export const get = route(
  getReservering,
  {
    method: "get",
    path: "/reserveringen/{id}",
    tags,
    summary: "Eén reservering",
    request: { params: IdParams },
    responses: { 200: ok(ReserveringSchema, "De reservering"), ...problems(400, 404) },
  },
  { log: "lezen" },
);

export const create = route(
  createReservering,
  {
    method: "post",
    path: "/reserveringen",
    tags,
    summary: "Een vrije plek vasthouden voor een casus (na afstemming met de aanbieder)",
    request: {
      body: jsonBody(ReserveringInput),
    },
    responses: { 201: created(ReserveringSchema, "De reservering; de plek is bezet"), ...problems(...WRITE_PROBLEMS, 404, 409) },
  },
  { log: "aanmaken" },
);

export const plaatsing = route(
  placeReservering,
  {
    method: "post",
    path: "/reserveringen/{id}/plaatsing",
    tags,
    summary: "De jeugdige is geplaatst: de plek blijft bezet",
    request: { params: IdParams },
    responses: { 200: ok(ReserveringSchema, "De reservering"), ...problems(400, 404, 409, 413, 415) },
  },
  { log: "wijzigen" },
);

export const intrekking = route(
  withdrawReservering,
  {
    method: "post",
    path: "/reserveringen/{id}/intrekking",
    tags,
    summary: "De reservering intrekken: de plek komt vrij",
    request: { params: IdParams },
    responses: { 200: ok(ReserveringSchema, "De reservering"), ...problems(400, 404, 409, 413, 415) },
  },
  { log: "wijzigen" },
);
