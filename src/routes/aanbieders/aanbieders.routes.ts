import { z } from "@hono/zod-openapi";
import { ALLE_ROLLEN, route } from "../../lib/access.ts";
import { optioneleTekst, tekst, timestamp } from "../../lib/fields.ts";
import { created, ifMatchHeader, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { AanbodSchema, beschikbaarheidVelden, IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Aanbieders"];

export const AanbiederInput = z
  .strictObject({
    naam: tekst(200),
    agbCode: z
      .string()
      .regex(/^[0-9]{8}$/, { message: "Moet een AGB-code van 8 cijfers zijn." })
      .nullable()
      .optional(),
    kvkNummer: z
      .string()
      .regex(/^[0-9]{8}$/, { message: "Moet een KvK-nummer van 8 cijfers zijn." })
      .nullable()
      .optional(),
    website: z
      .url({ protocol: /^https?$/, message: "Moet een webadres zijn dat begint met https://." })
      .max(300)
      .nullable()
      .optional(),
    telefoon: z
      .string()
      .regex(/^\+?[0-9 ()-]{10,20}$/, { message: "Moet een telefoonnummer zijn, zoals 070 123 4567." })
      .nullable()
      .optional(),
    email: z.email({ message: "Moet een e-mailadres zijn." }).max(254).nullable().optional(),
  })
  .openapi("AanbiederInput");

export const AanbiederSchema = z
  .object({
    id: z.uuid(),
    naam: z.string(),
    agbCode: z.string().nullable(),
    kvkNummer: z.string().nullable(),
    website: z.string().nullable(),
    telefoon: z.string().nullable(),
    email: z.string().nullable(),
    versie: z.number().int(),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
  })
  .openapi("Aanbieder");

export const list = route(
  ALLE_ROLLEN,
  {
    method: "get",
    path: "/aanbieders",
    tags,
    summary: "Aanbieders zoeken en bladeren",
    request: { query: PagingQuery.extend({ naam: optioneleTekst(200).openapi({ description: "Deel van de naam" }) }) },
    responses: { 200: ok(pageOf(AanbiederSchema, "AanbiederPagina"), "Een pagina aanbieders"), ...problems(400) },
  },
  { publiek: true },
);

export const get = route(
  ALLE_ROLLEN,
  {
    method: "get",
    path: "/aanbieders/{id}",
    tags,
    summary: "Eén aanbieder",
    request: { params: IdParams },
    responses: { 200: ok(AanbiederSchema, "De aanbieder", { etag: true }), ...problems(400, 404) },
  },
  { publiek: true },
);

export const create = route(["beheerder"], {
  method: "post",
  path: "/aanbieders",
  tags,
  summary: "Aanbieder toevoegen",
  request: { body: jsonBody(AanbiederInput) },
  responses: { 201: created(AanbiederSchema, "De aangemaakte aanbieder"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(["aanbieder", "beheerder"], {
  method: "put",
  path: "/aanbieders/{id}",
  tags,
  summary: "Aanbieder wijzigen",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(AanbiederInput) },
  responses: { 200: ok(AanbiederSchema, "De gewijzigde aanbieder", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = route(["beheerder"], {
  method: "delete",
  path: "/aanbieders/{id}",
  tags,
  summary: "Aanbieder verwijderen (alleen zonder locaties en contracten)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 409, 412) },
});

export const BulkRegel = z
  .strictObject({
    aanbodId: z.uuid({ message: "Moet een UUID zijn." }),
    ...beschikbaarheidVelden,
    versie: z.number().int().min(1).optional().openapi({ description: "De versie waarop de regel voortbouwt" }),
  })
  .openapi("BeschikbaarheidRegel");

const AanbodLijst = z.object({ aanbod: z.array(AanbodSchema) }).openapi("AanbodLijst");

export const bulk = route(["aanbieder", "beheerder"], {
  method: "put",
  path: "/aanbieders/{id}/beschikbaarheid",
  tags: ["Beschikbaarheid"],
  summary: "Wekelijkse update van (alle) aanbod van één aanbieder, alles of niets",
  request: {
    params: IdParams,
    body: jsonBody(
      z
        .strictObject({ aanbod: z.array(BulkRegel).min(1).max(500, { message: "Hoogstens 500 regels per keer." }) })
        .openapi("BeschikbaarheidBulk"),
    ),
  },
  responses: { 200: ok(AanbodLijst, "Het bijgewerkte aanbod"), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const bevestigAlles = route(["aanbieder", "beheerder"], {
  method: "post",
  path: "/aanbieders/{id}/bevestiging",
  tags: ["Beschikbaarheid"],
  summary: "Alles ongewijzigd: bevestigt alle cijfers van de aanbieder in één klik",
  request: { params: IdParams },
  responses: { 200: ok(AanbodLijst, "Het bevestigde aanbod"), ...problems(400, 404, 409, 413, 415) },
});
