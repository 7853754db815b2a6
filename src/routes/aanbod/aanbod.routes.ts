import { z } from "@hono/zod-openapi";
import { SORTERINGEN } from "../../../search/engine.ts";
import { ALLE_ROLLEN, route } from "../../lib/access.ts";
import {
  aantalPlekken,
  gemeenteCode,
  intakeStatus,
  leeftijd,
  MAX_LEEFTIJD,
  MAX_WACHTTIJD_WEKEN,
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

const vlag = z
  .enum(["true", "false"], { message: "Moet true of false zijn." })
  .transform((v) => v === "true")
  .optional();

export const ZoekQuery = PagingQuery.extend({
  zorgvorm: zorgvormCode.optional().openapi({ description: "Deze zorgvorm en alle vormen eronder (43 vindt ook gezinshuizen)" }),
  gemeente: gemeenteCode.optional().openapi({
    description: "Woongemeente van de jeugdige: alleen aanbod dat deze gemeente (of haar regio) vandaag heeft gecontracteerd",
  }),
  ookNietGecontracteerd: vlag.openapi({ type: "boolean", description: "Ook niet-gecontracteerd aanbod, na het gecontracteerde" }),
  leeftijd: z.coerce
    .number({ message: "Moet een getal zijn." })
    .int({ message: "Moet een geheel getal zijn." })
    .min(0, { message: "Moet 0 of meer zijn." })
    .max(MAX_LEEFTIJD, { message: `Moet ${MAX_LEEFTIJD} of minder zijn.` })
    .optional()
    .openapi({ description: "Leeftijd van de jeugdige in jaren" }),
  alleenVrij: vlag.openapi({ type: "boolean", description: "Alleen aanbod met vrije plekken en intakestatus open" }),
  maxWachttijd: z.coerce
    .number({ message: "Moet een getal zijn." })
    .int({ message: "Moet een geheel aantal weken zijn." })
    .min(0, { message: "Moet 0 of meer zijn." })
    .max(2 * MAX_WACHTTIJD_WEKEN, { message: `Moet ${2 * MAX_WACHTTIJD_WEKEN} of minder zijn.` })
    .optional()
    .openapi({ description: "Aanmeld- plus behandelwachttijd in weken, hoogstens" }),
  nabij: z
    .string()
    .max(40, { message: "Mag hoogstens 40 tekens zijn." })
    .optional()
    .openapi({ description: "'lat,lon' of een gemeentecode (het middelpunt van de gemeente)", example: "52.07,4.30" }),
  straal: z.coerce
    .number({ message: "Moet een getal zijn." })
    .gt(0, { message: "Moet meer dan 0 zijn." })
    .max(300, { message: "Moet 300 km of minder zijn." })
    .optional()
    .openapi({ description: "Straal in km rond nabij" }),
  q: z.string().max(200, { message: "Mag hoogstens 200 tekens zijn." }).optional().openapi({ description: "Vrije tekst" }),
  inclusiefVerouderd: vlag.openapi({ type: "boolean", description: "Ook aanbod dat 14 dagen of langer niet is bevestigd" }),
  sorteer: z.enum(SORTERINGEN).optional().openapi({
    description: "wachttijd (standaard zonder q), relevantie (standaard met q), afstand (met nabij) of vrijePlekken",
  }),
  aanbiederId: uuidParam.optional(),
  locatieId: uuidParam.optional(),
  intakeStatus: intakeStatus.optional(),
});

const telling = z.record(z.string(), z.number().int());
export const ZoekResultaatSchema = AanbodSchema.extend({
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
}).openapi("ZoekResultaat");

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

export const list = route(
  ALLE_ROLLEN,
  {
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
  },
  { publiek: true },
);

export const get = route(
  ALLE_ROLLEN,
  {
    method: "get",
    path: "/aanbod/{id}",
    tags,
    summary: "Eén aanbod",
    request: { params: IdParams },
    responses: { 200: ok(AanbodSchema, "Het aanbod", { etag: true }), ...problems(400, 404) },
  },
  { publiek: true },
);

export const create = route(["aanbieder", "beheerder"], {
  method: "post",
  path: "/aanbod",
  tags,
  summary: "Aanbod toevoegen",
  request: { body: jsonBody(AanbodInput) },
  responses: { 201: created(AanbodSchema, "Het aangemaakte aanbod"), ...problems(...WRITE_PROBLEMS) },
});

export const update = route(["aanbieder", "beheerder"], {
  method: "put",
  path: "/aanbod/{id}",
  tags,
  summary: "Beschrijving van aanbod wijzigen (de cijfers gaan via /beschikbaarheid)",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(AanbodBeschrijvingInput) },
  responses: { 200: ok(AanbodSchema, "Het gewijzigde aanbod", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const remove = route(["aanbieder", "beheerder"], {
  method: "delete",
  path: "/aanbod/{id}",
  tags,
  summary: "Aanbod verwijderen (de historie blijft bewaard)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 204: noContent("Verwijderd"), ...problems(400, 404, 412) },
});

export const beschikbaarheid = route(["aanbieder", "beheerder"], {
  method: "put",
  path: "/aanbod/{id}/beschikbaarheid",
  tags: ["Beschikbaarheid"],
  summary: "Wekelijkse cijfers van één aanbod zetten",
  request: { params: IdParams, headers: ifMatchHeader, body: jsonBody(BeschikbaarheidInput) },
  responses: { 200: ok(AanbodSchema, "Het bijgewerkte aanbod", { etag: true }), ...problems(...WRITE_PROBLEMS, 404, 412) },
});

export const bevestiging = route(["aanbieder", "beheerder"], {
  method: "post",
  path: "/aanbod/{id}/bevestiging",
  tags: ["Beschikbaarheid"],
  summary: "Bevestigen dat de cijfers nog kloppen (geen wijziging)",
  request: { params: IdParams, headers: ifMatchHeader },
  responses: { 200: ok(AanbodSchema, "Het bevestigde aanbod", { etag: true }), ...problems(400, 404, 412, 413, 415) },
});

export const historie = route(ALLE_ROLLEN, {
  method: "get",
  path: "/aanbod/{id}/historie",
  tags: ["Beschikbaarheid"],
  summary: "Alle wijzigingen en bevestigingen van een aanbod, oudste eerst",
  request: { params: IdParams, query: PagingQuery },
  responses: { 200: ok(pageOf(HistorieSchema, "HistoriePagina"), "De historie"), ...problems(400, 404) },
});
