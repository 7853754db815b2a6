import { z } from "@hono/zod-openapi";
import { created, ifMatchHeader, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp } from "../../kern/fields.ts";
import { CASUS_STATUSSEN, URGENTIES } from "../../kern/vocabulary.ts";
import {
  CasusFilter,
  CasusInput,
  CasusStatusInput,
  createCasus,
  getCasus,
  HandmatigePrioriteitInput,
  listCasusHistorie,
  listCasussen,
  overridePrioriteit,
  setCasusStatus,
} from "../../services/casussen.ts";
import { getWachtlijst, WachtlijstQuery } from "../../services/wachtlijst.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Casussen"];

const PrioriteitSchema = z
  .object({
    groep: z.number().int().nullable(),
    redenen: z.array(z.string()),
    handmatig: z.object({ groep: z.number().int(), reden: z.string() }).nullable(),
    buitenKader: z.boolean().openapi({ description: "Spoed of crisis: buiten het afwegingskader" }),
  })
  .openapi("Prioriteit");

export const CasusSchema = z
  .object({
    id: z.uuid(),
    referentie: z.string(),
    geboortedatum: z.string().openapi({ format: "date" }),
    woongemeente: z.string(),
    zorgvorm: z.string(),
    aanmelddatum: z.string().openapi({ format: "date" }),
    urgentie: z.enum(URGENTIES),
    maatregel: z.object({ type: z.string(), ingangsdatum: z.string().openapi({ format: "date" }) }).nullable(),
    overbrugging: z.object({ zorgvorm: z.string() }).nullable(),
    status: z.enum(CASUS_STATUSSEN),
    stopreden: z.string().nullable(),
    prioriteit: PrioriteitSchema,
    wachtdagen: z.number().int(),
    normOverschreden: z
      .boolean()
      .openapi({ description: "Maatregel en meer dan drie maanden sinds ingangsdatum zonder plaatsing" }),
    versie: z.number().int(),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
  })
  .openapi("Casus");

export const list = route(
  listCasussen,
  {
    method: "get",
    path: "/casussen",
    tags,
    summary: "Casussen bladeren",
    request: {
      query: PagingQuery.extend(CasusFilter.shape),
    },
    responses: { 200: ok(pageOf(CasusSchema, "CasusPagina"), "Een pagina casussen"), ...problems(400) },
  },
  { log: "lijst" },
);

export const get = route(
  getCasus,
  {
    method: "get",
    path: "/casussen/{id}",
    tags,
    summary: "Eén casus met prioriteit en uitleg",
    request: { params: IdParams },
    responses: { 200: ok(CasusSchema, "De casus", { etag: true }), ...problems(400, 404) },
  },
  { log: "lezen" },
);

export const create = route(
  createCasus,
  {
    method: "post",
    path: "/casussen",
    tags,
    summary: "Wachtende jeugdige aanmelden (pseudoniem)",
    request: { body: jsonBody(CasusInput) },
    responses: { 201: created(CasusSchema, "De aangemaakte casus"), ...problems(...WRITE_PROBLEMS, 409) },
  },
  { log: "aanmaken" },
);

export const status = route(
  setCasusStatus,
  {
    method: "put",
    path: "/casussen/{id}/status",
    tags,
    summary: "Status wijzigen: stoppen (met reden) of opnieuw op de wachtlijst",
    request: {
      params: IdParams,
      headers: ifMatchHeader,
      body: jsonBody(CasusStatusInput),
    },
    responses: { 200: ok(CasusSchema, "De casus", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 409, 412) },
  },
  { log: "wijzigen" },
);

export const prioriteit = route(
  overridePrioriteit,
  {
    method: "put",
    path: "/casussen/{id}/prioriteit",
    tags,
    summary: "Prioriteitsgroep handmatig zetten of weghalen (groep null), met verplichte reden",
    request: {
      params: IdParams,
      body: jsonBody(HandmatigePrioriteitInput),
    },
    responses: { 200: ok(CasusSchema, "De casus"), ...problems(...WRITE_PROBLEMS, 404, 409, 412) },
  },
  { log: "wijzigen" },
);

export const historie = route(
  listCasusHistorie,
  {
    method: "get",
    path: "/casussen/{id}/historie",
    tags,
    summary: "Elke overgang en aanpassing van de casus: wat, wie, wanneer",
    request: { params: IdParams },
    responses: {
      200: ok(
        z
          .object({
            resultaten: z.array(
              z
                .object({
                  volgnummer: z.number().int(),
                  soort: z.string(),
                  van: z.string().nullable(),
                  naar: z.string().nullable(),
                  reden: z.string().nullable(),
                  door: z.string().openapi({ description: "De organisatie en rol die het deed" }),
                  doorPersoon: z
                    .string()
                    .nullable()
                    .openapi({ description: "De naam van wie het deed; alleen voor mensen van dezelfde organisatie" }),
                  op: timestamp,
                })
                .openapi("CasusHistorieregel"),
            ),
          })
          .openapi("CasusHistorie"),
        "De historie",
      ),
      ...problems(400, 404),
    },
  },
  { log: "lezen" },
);

const WachtlijstRegel = CasusSchema.extend({
  positie: z.number().int().openapi({ description: "Plaats op de wachtlijst, vanaf 1" }),
}).openapi("WachtlijstRegel");

export const wachtlijst = route(
  getWachtlijst,
  {
    method: "get",
    path: "/wachtlijst",
    tags: ["Wachtlijst"],
    summary: "De gerangschikte wachtlijst van een regio volgens het afwegingskader",
    request: { query: WachtlijstQuery },
    responses: {
      200: ok(
        z
          .object({
            regio: z.string(),
            peildatum: z.string().openapi({ format: "date" }),
            regelset: z.object({ versie: z.number().int().nullable() }).nullable(),
            resultaten: z.array(WachtlijstRegel),
            buitenKader: z.array(CasusSchema).openapi({ description: "Spoed en crisis: buiten het afwegingskader" }),
          })
          .openapi("Wachtlijst"),
        "De wachtlijst",
      ),
      ...problems(400),
    },
  },
  { log: "lijst" },
);
