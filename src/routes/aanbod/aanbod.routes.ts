import { z } from "@hono/zod-openapi";
import { created, ifMatchHeader, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import {
  AanbodBeschrijvingInput,
  AanbodInput,
  BeschikbaarheidInput,
  createAanbod,
  deleteAanbod,
  getAanbod,
  listAanbodHistorie,
  updateAanbod,
} from "../../services/aanbod.ts";
import { confirmAanbod, setBeschikbaarheid } from "../../services/beschikbaarheid.ts";
import { searchAanbod, ZoekQuery } from "../../services/zoeken.ts";
import { AanbodSchema, HistorieSchema, IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Aanbod"];

const telling = z.record(z.string(), z.number().int());
export const ZoekResultaatSchema = z
  .object({
    ...AanbodSchema.shape,
    gecontracteerd: z.boolean().optional().openapi({ description: "Alleen bij een gemeente: gecontracteerd voor die gemeente" }),
    afstandKm: z.number().optional().openapi({ description: "Alleen bij nabij: afstand in km" }),
    aanbieder: z.object({
      id: z.uuid(),
      naam: z.string(),
      telefoon: z.string().nullable(),
      email: z.string().nullable(),
      website: z.string().nullable(),
    }),
    locatie: z.object({ naam: z.string(), plaats: z.string(), gemeente: z.string() }),
  })
  .openapi("ZoekResultaat");

export const ZoekantwoordSchema = z
  .object({
    resultaten: z.array(ZoekResultaatSchema),
    totaal: z.number().int(),
    pagina: z.number().int(),
    perPagina: z.number().int(),
    facetten: z.object({ zorgvorm: telling, intakeStatus: telling, gemeente: telling, actualiteit: telling }).openapi({
      description: "Aantallen over de hele gefilterde set: per iJw-categorie, intakestatus, gemeente en actualiteit",
    }),
  })
  .openapi("Zoekantwoord");

export const list = route(searchAanbod, {
  method: "get",
  path: "/aanbod",
  tags,
  summary: "Tijdig, gecontracteerd aanbod zoeken",
  request: { query: ZoekQuery },
  responses: {
    200: {
      ...ok(ZoekantwoordSchema, "Een pagina zoekresultaten met facetten"),
      headers: {
        ...ok(ZoekantwoordSchema, "").headers,
        Zoekmachine: {
          description: "Welke zoekmachine antwoordde: sqlite of meilisearch",
          schema: { type: "string" as const },
        },
      },
    },
    ...problems(400),
  },
});

export const get = route(getAanbod, {
  method: "get",
  path: "/aanbod/{id}",
  tags,
  summary: "Eén aanbod",
  request: { params: IdParams },
  responses: { 200: ok(AanbodSchema, "Het aanbod", { etag: true }), ...problems(400, 404) },
});

export const create = route(createAanbod, {
  method: "post",
  path: "/aanbod",
  tags,
  summary: "Aanbod toevoegen",
  request: { body: jsonBody(AanbodInput) },
  responses: { 201: created(AanbodSchema, "Het aangemaakte aanbod"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(updateAanbod, {
  method: "put",
  path: "/aanbod/{id}",
  tags,
  summary: "Beschrijving van aanbod wijzigen (de cijfers gaan via /beschikbaarheid)",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(AanbodBeschrijvingInput) },
  responses: { 200: ok(AanbodSchema, "Het gewijzigde aanbod", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = route(deleteAanbod, {
  method: "delete",
  path: "/aanbod/{id}",
  tags,
  summary: "Aanbod verwijderen (de historie blijft bewaard)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 412) },
});

export const beschikbaarheid = route(setBeschikbaarheid, {
  method: "put",
  path: "/aanbod/{id}/beschikbaarheid",
  tags: ["Beschikbaarheid"],
  summary: "Wekelijkse cijfers van één aanbod zetten",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(BeschikbaarheidInput) },
  responses: { 200: ok(AanbodSchema, "Het bijgewerkte aanbod", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const bevestiging = route(confirmAanbod, {
  method: "post",
  path: "/aanbod/{id}/bevestiging",
  tags: ["Beschikbaarheid"],
  summary: "Bevestigen dat de cijfers nog kloppen (geen wijziging)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 200: ok(AanbodSchema, "Het bevestigde aanbod", { etag: true }), ...problems(400, 404, 412, 413, 415) },
});

export const historie = route(listAanbodHistorie, {
  method: "get",
  path: "/aanbod/{id}/historie",
  tags: ["Beschikbaarheid"],
  summary: "Alle wijzigingen en bevestigingen van een aanbod, oudste eerst",
  request: { params: IdParams, query: PagingQuery },
  responses: { 200: ok(pageOf(HistorieSchema, "HistoriePagina"), "De historie"), ...problems(400, 404) },
});
