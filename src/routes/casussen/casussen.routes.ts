import { z } from "@hono/zod-openapi";
import { CASUS_STATUSSEN, STOPREDENEN, URGENTIES } from "../../../db/schema/casussen.ts";
import { route } from "../../lib/access.ts";
import { datum, gemeenteCode, regioCode, timestamp, zorgvormCode } from "../../lib/fields.ts";
import { created, ifMatchHeader, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { MAATREGEL_TYPES } from "../../priority/rules.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Casussen"];

export const MaatregelSchema = z
  .strictObject({
    type: z.enum(MAATREGEL_TYPES, { message: `Kies uit ${MAATREGEL_TYPES.join(", ")}.` }),
    ingangsdatum: datum.openapi({ description: "Datum van de uitspraak of ingang van de maatregel" }),
  })
  .openapi("Maatregel");

/** Minimal and pseudonymous: no name, no BSN, no free text; unknown fields are refused. */
export const CasusInput = z
  .strictObject({
    referentie: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, {
        message: "Moet een pseudonieme referentie zijn: 3–64 letters, cijfers, punt, streep of liggend streepje (geen naam).",
      })
      .openapi({ example: "GI-2026-0042", description: "Door de verwijzer gekozen, uniek binnen de organisatie" }),
    geboortedatum: datum,
    woongemeente: gemeenteCode.openapi({ description: "Woongemeente volgens het woonplaatsbeginsel" }),
    zorgvorm: zorgvormCode,
    aanmelddatum: datum,
    urgentie: z.enum(URGENTIES),
    maatregel: MaatregelSchema.nullable().optional(),
    overbrugging: z
      .strictObject({ zorgvorm: zorgvormCode })
      .nullable()
      .optional()
      .openapi({ description: "Overbruggingszorg die loopt terwijl de jeugdige wacht" }),
  })
  .openapi("CasusInput");

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
  ["verwijzer", "zorgmakelaar"],
  {
    method: "get",
    path: "/casussen",
    tags,
    summary: "Casussen bladeren",
    request: {
      query: PagingQuery.extend({
        status: z.enum(CASUS_STATUSSEN).optional(),
        regio: regioCode.optional(),
        woongemeente: gemeenteCode.optional(),
      }),
    },
    responses: { 200: ok(pageOf(CasusSchema, "CasusPagina"), "Een pagina casussen"), ...problems(400) },
  },
  { log: "lijst" },
);

export const get = route(
  ["verwijzer", "zorgmakelaar"],
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
  ["verwijzer", "zorgmakelaar"],
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
  ["verwijzer", "zorgmakelaar"],
  {
    method: "put",
    path: "/casussen/{id}/status",
    tags,
    summary: "Status wijzigen: stoppen (met reden) of opnieuw op de wachtlijst",
    request: {
      params: IdParams,
      headers: ifMatchHeader,
      body: jsonBody(
        z
          .strictObject({ status: z.enum(CASUS_STATUSSEN), stopreden: z.enum(STOPREDENEN).nullable().optional() })
          .openapi("CasusStatusInput"),
      ),
    },
    responses: { 200: ok(CasusSchema, "De casus", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 409, 412) },
  },
  { log: "wijzigen" },
);

export const prioriteit = route(
  ["zorgmakelaar"],
  {
    method: "put",
    path: "/casussen/{id}/prioriteit",
    tags,
    summary: "Prioriteitsgroep handmatig zetten of weghalen (groep null), met verplichte reden",
    request: {
      params: IdParams,
      body: jsonBody(
        z
          .strictObject({
            groep: z.number().int().min(1).max(10).nullable(),
            reden: z.string().trim().min(5, { message: "Geef een reden van minstens 5 tekens." }).max(500),
          })
          .openapi("HandmatigePrioriteitInput"),
      ),
    },
    responses: { 200: ok(CasusSchema, "De casus"), ...problems(...WRITE_PROBLEMS, 404, 409, 412) },
  },
  { log: "wijzigen" },
);

export const historie = route(
  ["verwijzer", "zorgmakelaar"],
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
                  door: z.string(),
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
  ["zorgmakelaar"],
  {
    method: "get",
    path: "/wachtlijst",
    tags: ["Wachtlijst"],
    summary: "De gerangschikte wachtlijst van een regio volgens het afwegingskader",
    request: {
      query: z.object({
        regio: regioCode,
        normOverschreden: z
          .enum(["true", "false"])
          .transform((v) => v === "true")
          .optional()
          .openapi({ type: "boolean" }),
        zorgvorm: zorgvormCode.optional(),
      }),
    },
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
