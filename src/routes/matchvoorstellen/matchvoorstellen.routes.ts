import { z } from "@hono/zod-openapi";
import { created, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp, uuidParam } from "../../kern/fields.ts";
import { VOORSTEL_STATUSSEN } from "../../kern/vocabulary.ts";
import {
  AfwijzingInput,
  acceptVoorstel,
  declineVoorstel,
  getVoorstel,
  listVoorstellen,
} from "../../services/matchvoorstellen.ts";
import { MatchingInput, runMatching } from "../../services/matchvoorstellen-run.ts";
import { AanmeldingSchema } from "../aanmeldingen/aanmeldingen.routes.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Matching"];

export const VoorstelSchema = z
  .object({
    id: z.uuid(),
    casusId: z.uuid().nullable().openapi({ description: "Leeg voor een aanbieder: die ziet alleen de leeftijd" }),
    leeftijd: z.number().int().nullable().openapi({ description: "Leeftijd van de jeugdige in jaren, vandaag" }),
    aanbodId: z.uuid(),
    gevraagdeZorgvorm: z.string().nullable().openapi({ description: "De zorg die voor de jeugdige is gevraagd" }),
    score: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Hoger: hogere groep en langer wachtend; leeg voor een aanbieder" }),
    uitleg: z
      .object({
        casus: z
          .object({ groep: z.number().int().nullable(), redenen: z.array(z.string()), wachtdagen: z.number().int() })
          .nullable()
          .openapi({ description: "Leeg voor een aanbieder" }),
        plek: z.object({
          zorgvorm: z.string(),
          naam: z.string(),
          afstandKm: z.number().nullable(),
          wachttijdWeken: z.number().int().nullable(),
          gecontracteerd: z.boolean().openapi({ description: "Niet gecontracteerd alleen bij escalatie A1/A2 (maatwerk)" }),
          wachtlijst: z.boolean().optional().openapi({
            description: "Geen vrije plek: accepteren meldt aan voor de wachtlijst van de aanbieder, zonder reservering",
          }),
          verwachteStart: z.string().optional().openapi({ format: "date", description: "Vandaag plus beide wachttijden" }),
          uiterlijkeStart: z.string().nullable().optional().openapi({
            format: "date",
            description: "De normdatum van de casus of de maximale wachttijd; leeg voor een aanbieder",
          }),
        }),
        samenvatting: z.string().nullable().openapi({ description: "Leeg voor een aanbieder" }),
      })
      .openapi("Uitleg"),
    status: z.enum(VOORSTEL_STATUSSEN),
    afwijsreden: z.string().nullable(),
    toelichting: z.string().nullable(),
    verlooptOp: timestamp,
    aangemaaktOp: timestamp,
  })
  .openapi("Matchvoorstel");

export const run = route(
  runMatching,
  {
    method: "post",
    path: "/matchvoorstellen",
    tags,
    summary: "Matching draaien voor een regio: optimale voorstellen casus ↔ vrije plek, met uitleg",
    request: {
      body: jsonBody(MatchingInput),
    },
    responses: {
      201: created(
        z
          .object({
            run: z.uuid(),
            resultaten: z.array(VoorstelSchema),
            casussen: z.number().int().openapi({ description: "Meegewogen wachtende casussen" }),
            plekken: z.number().int().openapi({ description: "Beschikbare vrije plekken" }),
          })
          .openapi("Matchrun"),
        "De voorstellen van deze run",
      ),
      ...problems(...WRITE_PROBLEMS),
    },
  },
  { log: "matching" },
);

export const list = route(
  listVoorstellen,
  {
    method: "get",
    path: "/matchvoorstellen",
    tags,
    summary: "Voorstellen bladeren",
    request: { query: PagingQuery.extend({ casusId: uuidParam.optional(), status: z.enum(VOORSTEL_STATUSSEN).optional() }) },
    responses: { 200: ok(pageOf(VoorstelSchema, "MatchvoorstelPagina"), "Een pagina voorstellen"), ...problems(400) },
  },
  { log: "lijst" },
);

export const get = route(
  getVoorstel,
  {
    method: "get",
    path: "/matchvoorstellen/{id}",
    tags,
    summary: "Eén voorstel met uitleg",
    request: { params: IdParams },
    responses: { 200: ok(VoorstelSchema, "Het voorstel"), ...problems(400, 404) },
  },
  { log: "lezen" },
);

export const acceptatie = route(
  acceptVoorstel,
  {
    method: "post",
    path: "/matchvoorstellen/{id}/acceptatie",
    tags,
    summary: "Voorstel accepteren: het wordt een aanmelding bij de aanbieder, die beslist",
    description:
      "Met een vrije plek wordt de plek meteen vastgehouden (reservering); bij een wachtlijstaanbod komt de aanmelding op de wachtlijst van de aanbieder.",
    request: { params: IdParams },
    responses: { 201: created(AanmeldingSchema, "De aanmelding"), ...problems(400, 404, 409, 413, 415) },
  },
  { log: "wijzigen" },
);

export const afwijzing = route(
  declineVoorstel,
  {
    method: "post",
    path: "/matchvoorstellen/{id}/afwijzing",
    tags,
    summary: "Voorstel afwijzen met reden; dit paar wordt niet opnieuw voorgesteld",
    request: {
      params: IdParams,
      body: jsonBody(AfwijzingInput),
    },
    responses: { 200: ok(VoorstelSchema, "Het afgewezen voorstel"), ...problems(...WRITE_PROBLEMS, 404, 409) },
  },
  { log: "wijzigen" },
);
