import { createRoute, z } from "@hono/zod-openapi";
import {
  aantalPlekken,
  gemeenteCode,
  intakeStatus,
  leeftijd,
  optioneleTekst,
  tekst,
  uuidParam,
  zorgvormCode,
} from "../../lib/fields.ts";
import { created, ifMatchHeader, jsonBody, noContent, ok, pageOf, problems, WRITE_PROBLEMS } from "../../lib/openapi.ts";
import { type CrossRule, withCrossRules } from "../../lib/validation.ts";
import { AanbodSchema, beschikbaarheidVelden, HistorieSchema, IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Aanbod"];

const beschrijvingVelden = {
  locatieId: z.uuid({ message: "Moet een UUID zijn." }),
  aanbiederId: z
    .uuid({ message: "Moet een UUID zijn." })
    .optional()
    .openapi({ description: "Volgt uit de locatie; mag mee als controle" }),
  zorgvorm: zorgvormCode,
  naam: tekst(200),
  omschrijving: optioneleTekst(4000),
  leeftijdVan: leeftijd,
  leeftijdTot: leeftijd,
  capaciteit: aantalPlekken.openapi({ description: "Het totaal aantal plekken (maximum)" }),
  overbrugging: z.boolean().optional(),
};

const leeftijdOplopend: CrossRule<{ leeftijdVan: number; leeftijdTot: number }> = {
  fields: ["leeftijdVan", "leeftijdTot"],
  holds: (v) => v.leeftijdVan <= v.leeftijdTot,
  name: "leeftijdTot",
  code: "lager-dan-leeftijd-van",
  reason: "leeftijdTot mag niet lager zijn dan leeftijdVan.",
};

const binnenCapaciteit: CrossRule<{ vrijePlekken: number; capaciteit: number }> = {
  fields: ["vrijePlekken", "capaciteit"],
  holds: (v) => v.vrijePlekken <= v.capaciteit,
  name: "vrijePlekken",
  code: "groter-dan-capaciteit",
  reason: "Er kunnen niet meer vrije plekken zijn dan de capaciteit.",
};

export const BESCHRIJVING_REGELS = [leeftijdOplopend];
export const AANBOD_REGELS = [leeftijdOplopend, binnenCapaciteit] as CrossRule<
  { leeftijdVan: number; leeftijdTot: number } & { vrijePlekken: number; capaciteit: number }
>[];

export const AanbodBeschrijvingInput = withCrossRules(z.strictObject(beschrijvingVelden), BESCHRIJVING_REGELS).openapi(
  "AanbodBeschrijvingInput",
);

export const AanbodInput = withCrossRules(
  z.strictObject({ ...beschrijvingVelden, ...beschikbaarheidVelden }),
  AANBOD_REGELS,
).openapi("AanbodInput");

export const BeschikbaarheidInput = z.strictObject(beschikbaarheidVelden).openapi("BeschikbaarheidInput");

export const list = createRoute({
  method: "get",
  path: "/aanbod",
  tags,
  summary: "Aanbod bladeren met eenvoudige filters",
  request: {
    query: PagingQuery.extend({
      aanbiederId: uuidParam.optional(),
      locatieId: uuidParam.optional(),
      zorgvorm: zorgvormCode.optional().openapi({ description: "Deze zorgvorm en alle vormen eronder" }),
      gemeente: gemeenteCode.optional().openapi({ description: "Gemeente van de locatie" }),
      intakeStatus: intakeStatus.optional(),
    }),
  },
  responses: { 200: ok(pageOf(AanbodSchema, "AanbodPagina"), "Een pagina aanbod"), ...problems(400) },
});

export const get = createRoute({
  method: "get",
  path: "/aanbod/{id}",
  tags,
  summary: "Eén aanbod",
  request: { params: IdParams },
  responses: { 200: ok(AanbodSchema, "Het aanbod", { etag: true }), ...problems(400, 404) },
});

export const create = createRoute({
  method: "post",
  path: "/aanbod",
  tags,
  summary: "Aanbod toevoegen",
  request: { body: jsonBody(AanbodInput) },
  responses: { 201: created(AanbodSchema, "Het aangemaakte aanbod"), ...problems(...WRITE_PROBLEMS) },
});

export const update = createRoute({
  method: "put",
  path: "/aanbod/{id}",
  tags,
  summary: "Beschrijving van aanbod wijzigen (de cijfers gaan via /beschikbaarheid)",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(AanbodBeschrijvingInput) },
  responses: { 200: ok(AanbodSchema, "Het gewijzigde aanbod", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = createRoute({
  method: "delete",
  path: "/aanbod/{id}",
  tags,
  summary: "Aanbod verwijderen (de historie blijft bewaard)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 412) },
});

export const beschikbaarheid = createRoute({
  method: "put",
  path: "/aanbod/{id}/beschikbaarheid",
  tags: ["Beschikbaarheid"],
  summary: "Wekelijkse cijfers van één aanbod zetten",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(BeschikbaarheidInput) },
  responses: { 200: ok(AanbodSchema, "Het bijgewerkte aanbod", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const bevestiging = createRoute({
  method: "post",
  path: "/aanbod/{id}/bevestiging",
  tags: ["Beschikbaarheid"],
  summary: "Bevestigen dat de cijfers nog kloppen (geen wijziging)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 200: ok(AanbodSchema, "Het bevestigde aanbod", { etag: true }), ...problems(400, 404, 412, 413, 415) },
});

export const historie = createRoute({
  method: "get",
  path: "/aanbod/{id}/historie",
  tags: ["Beschikbaarheid"],
  summary: "Alle wijzigingen en bevestigingen van een aanbod, oudste eerst",
  request: { params: IdParams, query: PagingQuery },
  responses: { 200: ok(pageOf(HistorieSchema, "HistoriePagina"), "De historie"), ...problems(400, 404) },
});
