import { z } from "@hono/zod-openapi";
import { created, ifMatchHeader, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp } from "../../kern/fields.ts";
import { CASUS_STATUSSEN, ESCALATIE_STAPPEN, MAATREGEL_TYPES, URGENTIES } from "../../kern/vocabulary.ts";
import {
  CasusCorrectie,
  CasusFilter,
  CasusInput,
  CasusStatusInput,
  correctCasus,
  createCasus,
  getCasus,
  HandmatigePrioriteitInput,
  listCasusHistorie,
  listCasussen,
  overridePrioriteit,
  setCasusStatus,
} from "../../services/casussen.ts";
import { createEscalatie, EscalatieInput, listEscalaties } from "../../services/escalaties.ts";
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

const MaatregelUit = z
  .object({
    type: z.enum(MAATREGEL_TYPES),
    uitspraakdatum: z.string().nullable().openapi({ format: "date" }),
    ingangsdatum: z.string().nullable().openapi({ format: "date" }),
  })
  .openapi("MaatregelUit");

const EscalatieOordeel = z
  .object({
    nodig: z.boolean(),
    reden: z.string().nullable(),
    verwachteStart: z.string().nullable().openapi({ format: "date" }),
    uiterlijkeStart: z.string().openapi({
      format: "date",
      description: "De normdatum, of zonder maatregel de aanmelddatum plus de maximale wachttijd van de regio",
    }),
    stap: z.enum(ESCALATIE_STAPPEN).nullable().openapi({ description: "De laatst vastgelegde escalatiestap" }),
  })
  .openapi("EscalatieOordeel");

export const CasusSchema = z
  .object({
    id: z.uuid(),
    referentie: z.string(),
    geboortedatum: z.string().openapi({ format: "date" }),
    woongemeente: z.string(),
    zorgvorm: z.string(),
    aanmelddatum: z.string().openapi({ format: "date" }),
    urgentie: z.enum(URGENTIES),
    maatregel: MaatregelUit.nullable().openapi({ description: "De eerste maatregel (zie maatregelen)" }),
    maatregelen: z.array(MaatregelUit),
    overbrugging: z.object({ zorgvorm: z.string() }).nullable(),
    status: z.enum(CASUS_STATUSSEN),
    stopreden: z.string().nullable(),
    prioriteit: PrioriteitSchema,
    wachtdagen: z.number().int().openapi({ description: "Dagen sinds de aanmelddatum" }),
    wachttijd: z.number().int().openapi({
      description:
        "Dagen gewacht sinds de uitspraak (of ingang) van de eerste maatregel, zonder maatregel sinds de aanmelddatum; tot de start van de hulp",
    }),
    wachtVanaf: z.string().openapi({ format: "date" }),
    normBasis: z
      .enum(["uitspraakdatum", "ingangsdatum"])
      .nullable()
      .openapi({ description: "Waar de norm van loopt: de uitspraak, of de ingangsdatum als die onbekend is" }),
    normDatum: z.string().nullable().openapi({ format: "date", description: "Drie maanden na de uitspraak (doorbraaknorm)" }),
    normOverschreden: z.boolean().openapi({ description: "De hulp startte niet (of nog niet) op de normdatum" }),
    startdatum: z.string().nullable().openapi({ format: "date", description: "De dag dat de hulp startte: de klok stopt hier" }),
    doorlooptijdDagen: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Van uitspraak (of aanmelding) tot de start van de hulp" }),
    escalatieNodig: z.boolean().openapi({ description: "Niets gecontracteerds is op tijd: A1, A2 of B is nodig" }),
    escalatie: EscalatieOordeel.nullable(),
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

export const correctie = route(
  correctCasus,
  {
    method: "patch",
    path: "/casussen/{id}",
    tags,
    summary: "Een casus corrigeren: alleen de meegestuurde velden veranderen, elke wijziging in de historie",
    description: "Door de organisatie die de casus aanmeldde en door de zorgmakelaar van de regio.",
    request: {
      params: IdParams,
      headers: ifMatchHeader,
      body: jsonBody(CasusCorrectie),
    },
    responses: { 200: ok(CasusSchema, "De casus", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 409, 412) },
  },
  { log: "wijzigen" },
);

const EscalatieSchema = z
  .object({
    id: z.uuid(),
    casusId: z.uuid(),
    stap: z.enum(ESCALATIE_STAPPEN),
    datum: z.string().openapi({ format: "date" }),
    uitkomst: z.string().nullable(),
    aanbiederId: z.uuid().nullable(),
    besluitdatum: z.string().nullable().openapi({ format: "date" }),
    door: z.string().openapi({ description: "De organisatie en rol die de stap vastlegde" }),
    doorPersoon: z
      .string()
      .nullable()
      .openapi({ description: "De naam van wie de stap vastlegde; alleen voor mensen van dezelfde organisatie" }),
    op: timestamp,
  })
  .openapi("Escalatie");

export const escalatieMaken = route(
  createEscalatie,
  {
    method: "post",
    path: "/casussen/{id}/escalaties",
    tags,
    summary: "Een escalatiestap vastleggen: A1 (buiten de contracten zoeken), A2 (maatwerkcontract) of B (regionaal expertteam)",
    request: { params: IdParams, body: jsonBody(EscalatieInput) },
    responses: { 201: created(EscalatieSchema, "De vastgelegde stap"), ...problems(...WRITE_PROBLEMS, 404) },
  },
  { log: "wijzigen" },
);

export const escalaties = route(
  listEscalaties,
  {
    method: "get",
    path: "/casussen/{id}/escalaties",
    tags,
    summary: "De escalatiestappen van een casus, oudste eerst",
    request: { params: IdParams },
    responses: {
      200: ok(z.object({ resultaten: z.array(EscalatieSchema) }).openapi("Escalaties"), "De stappen"),
      ...problems(400, 404),
    },
  },
  { log: "lezen" },
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

const WachtlijstRegel = z
  .object({
    ...CasusSchema.shape,
    positie: z.number().int().openapi({ description: "Plaats op de wachtlijst, vanaf 1" }),
  })
  .openapi("WachtlijstRegel");

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
            oudersKiezenWachten: z.array(CasusSchema).openapi({
              description: "Gestopt omdat ouders kiezen te wachten op een bepaalde aanbieder: telt mee als wachtend voor de norm",
            }),
          })
          .openapi("Wachtlijst"),
        "De wachtlijst",
      ),
      ...problems(400),
    },
  },
  { log: "lijst" },
);
