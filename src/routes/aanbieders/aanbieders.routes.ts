import { z } from "@hono/zod-openapi";
import { created, ifMatchHeader, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { optioneleTekst, timestamp } from "../../kern/fields.ts";
import {
  AanbiederInput,
  createAanbieder,
  deleteAanbieder,
  getAanbieder,
  listAanbieders,
  updateAanbieder,
} from "../../services/aanbieders.ts";
import { BeschikbaarheidBulkInput, confirmAllAanbod, setBeschikbaarheidBulk } from "../../services/beschikbaarheid.ts";
import { AanbodSchema, IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Aanbieders"];

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

export const list = route(listAanbieders, {
  method: "get",
  path: "/aanbieders",
  tags,
  summary: "Aanbieders zoeken en bladeren",
  request: { query: PagingQuery.extend({ naam: optioneleTekst(200).openapi({ description: "Deel van de naam" }) }) },
  responses: { 200: ok(pageOf(AanbiederSchema, "AanbiederPagina"), "Een pagina aanbieders"), ...problems(400) },
});

export const get = route(getAanbieder, {
  method: "get",
  path: "/aanbieders/{id}",
  tags,
  summary: "Eén aanbieder",
  request: { params: IdParams },
  responses: { 200: ok(AanbiederSchema, "De aanbieder", { etag: true }), ...problems(400, 404) },
});

export const create = route(createAanbieder, {
  method: "post",
  path: "/aanbieders",
  tags,
  summary: "Aanbieder toevoegen",
  request: { body: jsonBody(AanbiederInput) },
  responses: { 201: created(AanbiederSchema, "De aangemaakte aanbieder"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(updateAanbieder, {
  method: "put",
  path: "/aanbieders/{id}",
  tags,
  summary: "Aanbieder wijzigen",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(AanbiederInput) },
  responses: { 200: ok(AanbiederSchema, "De gewijzigde aanbieder", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = route(deleteAanbieder, {
  method: "delete",
  path: "/aanbieders/{id}",
  tags,
  summary: "Aanbieder verwijderen (alleen zonder locaties en contracten)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 409, 412) },
});

const AanbodLijst = z.object({ aanbod: z.array(AanbodSchema) }).openapi("AanbodLijst");

export const bulk = route(setBeschikbaarheidBulk, {
  method: "put",
  path: "/aanbieders/{id}/beschikbaarheid",
  tags: ["Beschikbaarheid"],
  summary: "Wekelijkse update van (alle) aanbod van één aanbieder, alles of niets",
  description:
    "Een regel met andere cijfers is een wijziging, een regel met dezelfde cijfers een bevestiging; een ongewijzigde regel die vandaag al bevestigd of gewijzigd is, blijft zoals hij is.",
  request: {
    params: IdParams,
    body: jsonBody(BeschikbaarheidBulkInput),
  },
  responses: { 200: ok(AanbodLijst, "Het bijgewerkte aanbod"), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const bevestigAlles = route(confirmAllAanbod, {
  method: "post",
  path: "/aanbieders/{id}/bevestiging",
  tags: ["Beschikbaarheid"],
  summary: "Alles ongewijzigd: bevestigt alle cijfers van de aanbieder in één klik",
  description:
    "Aanbod dat vandaag (Nederlandse kalenderdag) al bevestigd of gewijzigd is, blijft zoals het is: geen tweede regel in de historie.",
  request: { params: IdParams },
  responses: {
    200: ok(AanbodLijst, "Het aanbod dat nu bevestigd is (zonder wat vandaag al bevestigd was)"),
    ...problems(400, 404, 409, 413, 415),
  },
});
