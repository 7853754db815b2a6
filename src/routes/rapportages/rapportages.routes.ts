import { z } from "@hono/zod-openapi";
import { jsonBody, ok, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import {
  getMaatregeltellingen,
  MaatregeltellingenQuery,
  MaatregeltellingInput,
  saveMaatregeltellingen,
  saveMaatregeltellingenCsv,
} from "../../services/maatregeltellingen.ts";
import { getOpenOverzicht, OpenOverzichtQuery } from "../../services/open-overzicht.ts";
import {
  ActualiteitQuery,
  CapaciteitQuery,
  getActualiteitRapport,
  getCapaciteitsTrend,
} from "../../services/rapportage-capaciteit.ts";
import { getKpiRapport, KpiQuery } from "../../services/rapportage-kpi.ts";
import { getNormRapport, NormRapportQuery } from "../../services/rapportage-norm.ts";

const tags = ["Rapportages"];
const formaat = z.object({
  formaat: z
    .enum(["json", "csv"])
    .optional()
    .openapi({ description: "csv: met puntkomma gescheiden, met kopregel, te openen in Excel (of stuur Accept: text/csv)" }),
}).shape;

/** A report as JSON, or as CSV with the same figures. */
function okOfCsv<T extends z.ZodType>(schema: T, description: string) {
  const json = ok(schema, description);
  return {
    ...json,
    content: { ...json.content, "text/csv": { schema: z.string().openapi({ description: "CSV, ;-gescheiden" }) } },
  };
}

const Uitsplitsing = z
  .object({
    sleutel: z.string(),
    naam: z.string(),
    aantal: z.number().int(),
    oudersKiezenWachten: z
      .number()
      .int()
      .openapi({ description: "Waarvan de ouders kiezen te wachten op een bepaalde aanbieder" }),
    bovenliggend: z.string().nullable().optional(),
  })
  .openapi("Uitsplitsing");

export const NormRapportSchema = z
  .object({
    regio: z.object({ code: z.string(), naam: z.string() }),
    peildatum: z.string().openapi({ format: "date" }),
    bron: z.enum(["actueel", "momentopname", "herleid"]).openapi({
      description: "actueel: vandaag; momentopname: vastgelegd op de eerste van de maand; herleid: uit de historie teruggelezen",
    }),
    totaal: z
      .number()
      .int()
      .openapi({ description: "Jeugdigen met een maatregel onder de norm die op de peildatum langer wachten dan de normdatum" }),
    oudersKiezenWachten: z.number().int(),
    perZorggroep: z.array(Uitsplitsing),
    perGi: z.array(Uitsplitsing),
    perGemeente: z.array(Uitsplitsing),
    perPrioriteitsgroep: z.array(Uitsplitsing),
    perEscalatiestap: z.array(Uitsplitsing),
    noemer: z.object({
      maand: z.string(),
      aantal: z.number().int().nullable(),
      ontbreekt: z.boolean(),
      giZonderTelling: z.array(z.string()),
      melding: z.string().nullable(),
    }),
    aandeel: z.number().nullable().openapi({ description: "Percentage van de lopende maatregelen, één decimaal" }),
    correcties: z.array(
      z
        .object({
          onderdeel: z.string(),
          sleutel: z.string(),
          naam: z.string(),
          vastgesteld: z.number().int(),
          metLatereGegevens: z.number().int(),
        })
        .openapi("Correctie"),
    ),
  })
  .openapi("NormRapport");

export const norm = route(getNormRapport, {
  method: "get",
  path: "/rapportages/norm",
  tags,
  summary: "Het normrapport: jeugdigen met een maatregel die langer dan drie maanden na de uitspraak wachten",
  description:
    "Voor een peildatum in het verleden zoals de gegevens toen stonden (de maandelijkse momentopname, of de historie teruggelezen); wat latere gegevens veranderen staat in correcties.",
  request: { query: NormRapportQuery.extend(formaat) },
  responses: { 200: okOfCsv(NormRapportSchema, "Het normrapport"), ...problems(400, 404) },
});

const Spreiding = z
  .object({ aantal: z.number().int(), mediaan: z.number().nullable(), p75: z.number().nullable(), p90: z.number().nullable() })
  .openapi("Spreiding");

export const KpiSchema = z
  .object({
    regio: z.string(),
    van: z.string(),
    tot: z.string(),
    maanden: z.array(
      z
        .object({
          maand: z.string(),
          doorlooptijdVanafUitspraak: Spreiding,
          doorlooptijdVanafIngang: Spreiding,
          doorlooptijdPerZorggroep: z.record(z.string(), Spreiding),
          gestartBij: z.object({
            gecontracteerd: z.number().int(),
            maatwerk: z.number().int(),
            nietGecontracteerd: z.number().int(),
          }),
          instroom: z.number().int(),
          uitstroom: z.object({ hulpGestart: z.number().int(), gestopt: z.record(z.string(), z.number().int()) }),
          plaatsingen: z.number().int(),
          aanmeldingenAfgewezen: z.record(z.string(), z.number().int()),
          verlopen: z.object({ reserveringen: z.number().int(), aanmeldingen: z.number().int() }),
        })
        .openapi("KpiMaand"),
    ),
  })
  .openapi("KpiRapport");

export const kpi = route(getKpiRapport, {
  method: "get",
  path: "/rapportages/kpi",
  tags,
  summary:
    "KPI's per maand: doorlooptijd tot de start van de hulp (mediaan, p75, p90), gecontracteerd of maatwerk, in- en uitstroom",
  request: { query: KpiQuery.extend(formaat) },
  responses: { 200: okOfCsv(KpiSchema, "De KPI's"), ...problems(400, 404) },
});

export const CapaciteitSchema = z
  .object({
    regio: z.string(),
    van: z.string(),
    tot: z.string(),
    weken: z.array(
      z.object({
        week: z.string(),
        peildatum: z.string(),
        perZorgvorm: z.array(
          z.object({
            zorgvorm: z.string(),
            naam: z.string(),
            aanbod: z.number().int(),
            vrijePlekken: z.number().int(),
            aanbodMetOpenIntake: z.number().int(),
            mediaanAanmeldwachttijdWeken: z.number().nullable(),
            mediaanBehandelwachttijdWeken: z.number().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi("Capaciteitstrend");

export const capaciteit = route(getCapaciteitsTrend, {
  method: "get",
  path: "/rapportages/capaciteit",
  tags,
  summary: "Vrije plekken, aanbod met open intake en wachttijden per zorgvorm per ISO-week",
  request: { query: CapaciteitQuery.extend(formaat) },
  responses: { 200: okOfCsv(CapaciteitSchema, "De trend"), ...problems(400, 404) },
});

const AanbiederActualiteit = z
  .object({
    aanbiederId: z.uuid(),
    aanbieder: z.string(),
    aanbod: z.number().int(),
    bevestigdBinnen7Dagen: z.number().int(),
    aandeel: z.number(),
    oudsteBevestiging: z.string().nullable(),
  })
  .openapi("AanbiederActualiteit");

export const ActualiteitSchema = z
  .object({
    regio: z.string(),
    peildatum: z.string(),
    termijnDagen: z.number().int(),
    aanbieders: z.array(AanbiederActualiteit),
    najagen: z
      .array(AanbiederActualiteit)
      .openapi({ description: "De aanbieders die niet alles bevestigden, laagste aandeel eerst" }),
  })
  .openapi("ActualiteitRapport");

export const actualiteit = route(getActualiteitRapport, {
  method: "get",
  path: "/rapportages/actualiteit",
  tags,
  summary: "Per aanbieder het aandeel aanbod dat binnen 7 dagen is bevestigd, en wie na te jagen",
  request: { query: ActualiteitQuery.extend(formaat) },
  responses: { 200: okOfCsv(ActualiteitSchema, "De actualiteit"), ...problems(400, 404) },
});

const TellingSchema = z
  .object({
    regio: z.string(),
    organisatieId: z.uuid(),
    organisatie: z.string(),
    maand: z.string(),
    aantal: z.number().int(),
    ingevoerdDoor: z.string().openapi({ description: "De organisatie en rol die het aantal invoerde" }),
    ingevoerdDoorPersoon: z
      .string()
      .nullable()
      .openapi({ description: "De naam van wie het invoerde; alleen voor mensen van dezelfde organisatie" }),
    ingevoerdOp: z.string(),
  })
  .openapi("Maatregeltelling");

export const tellingen = route(getMaatregeltellingen, {
  method: "get",
  path: "/maatregeltellingen",
  tags,
  summary: "Het aantal lopende maatregelen per regio, gecertificeerde instelling en maand (de noemer van het normrapport)",
  request: { query: MaatregeltellingenQuery },
  responses: {
    200: ok(z.object({ resultaten: z.array(TellingSchema) }).openapi("Maatregeltellingen"), "De tellingen"),
    ...problems(400, 404),
  },
});

const Opgeslagen = z.object({ opgeslagen: z.number().int() }).openapi("TellingenOpgeslagen");

export const tellingenInvoeren = route(saveMaatregeltellingen, {
  method: "post",
  path: "/maatregeltellingen",
  tags,
  summary: "Aantallen lopende maatregelen invoeren (één of een lijst); een nieuw aantal voor dezelfde maand vervangt het oude",
  request: {
    body: jsonBody(
      z
        .union([MaatregeltellingInput, z.array(MaatregeltellingInput).min(1).max(1000)])
        .openapi({ description: "Eén telling, of een lijst van tellingen" }),
    ),
  },
  responses: { 200: ok(Opgeslagen, "Opgeslagen"), ...problems(...WRITE_PROBLEMS) },
});

export const tellingenBestand = route(saveMaatregeltellingenCsv, {
  method: "post",
  path: "/maatregeltellingen/bestand",
  tags,
  summary: "Aantallen lopende maatregelen als CSV: kolommen regio, organisatie (naam of id), maand, aantal",
  request: {
    body: {
      required: true,
      content: { "text/csv": { schema: z.string().max(1_000_000).openapi({ description: "; of , gescheiden, met kopregel" }) } },
    },
  },
  responses: { 200: ok(Opgeslagen, "Opgeslagen"), ...problems(...WRITE_PROBLEMS) },
});

const Telling = z
  .union([z.number().int(), z.literal("<5")])
  .openapi({ description: 'Een aantal, of "<5" (kleine aantallen worden niet genoemd)' });
export const OpenOverzichtSchema = z
  .object({
    schema: z.string(),
    regio: z.object({ code: z.string(), naam: z.string() }),
    peildatum: z.string(),
    gemaaktOp: z.string(),
    zorggroepen: z.array(z.object({ code: z.string(), naam: z.string() })),
    gemeenten: z.array(z.object({ code: z.string(), naam: z.string() })),
    cellen: z.array(
      z
        .object({
          zorggroep: z.string(),
          gemeente: z.string(),
          aanbod: z.number().int(),
          vrijePlekken: z.number().int(),
          mediaanAanmeldwachttijdWeken: z.number().nullable(),
          mediaanBehandelwachttijdWeken: z.number().nullable(),
          actueel: z.number().nullable(),
          wachtendVoorbijNorm: Telling,
        })
        .openapi("OpenOverzichtCel"),
    ),
    wachtendVoorbijNorm: z.object({
      perZorggroep: z.record(z.string(), Telling),
      perGemeente: z.record(z.string(), Telling),
      totaal: Telling,
    }),
  })
  .openapi("OpenOverzicht");

export const openOverzicht = route(getOpenOverzicht, {
  method: "get",
  path: "/open/overzicht",
  tags: ["Openbaar"],
  summary: "Het openbare, geanonimiseerde overzicht van een regio (als de regio het publiceert)",
  description:
    'Aantallen jeugdigen onder de 5 staan als "<5"; waar nodig zijn meer aantallen weggelaten, zodat geen weggelaten aantal uit de rest te berekenen is.',
  request: { query: OpenOverzichtQuery },
  responses: { 200: ok(OpenOverzichtSchema, "Het overzicht"), ...problems(400, 404) },
});
