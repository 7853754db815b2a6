import { z } from "@hono/zod-openapi";
import { created, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { regioCode, timestamp } from "../../kern/fields.ts";
import { AANMELDING_AFWIJSREDENEN, AANMELDING_STATUSSEN, MAATREGEL_TYPES, URGENTIES } from "../../kern/vocabulary.ts";
import {
  AcceptatieInput,
  AfwijzingInput,
  acceptAanmelding,
  confirmAanmelding,
  declineAanmelding,
  IntrekkingInput,
  StartInput,
  startAanmelding,
  withdrawAanmelding,
} from "../../services/aanmelding-antwoorden.ts";
import {
  AanmeldingenQuery,
  AanmeldingInput,
  createAanmelding,
  getAanmelding,
  listAanmeldingen,
  listAanmeldingHistorie,
} from "../../services/aanmeldingen.ts";
import {
  getRegioInstellingen,
  listHulpvraagcategorieen,
  RegioInstellingenInput,
  setRegioInstellingen,
} from "../../services/regio-instellingen.ts";
import { IdParams, PagingQuery } from "../schemas.ts";

const tags = ["Aanmeldingen"];
const datum = (description?: string) => z.string().openapi({ format: "date", ...(description ? { description } : {}) });

export const AanmeldingSchema = z
  .object({
    id: z.uuid(),
    casusId: z.uuid().nullable().openapi({ description: "Leeg voor de aanbieder: die ziet het formulier, niet de casus" }),
    aanbodId: z.uuid(),
    aanbodNaam: z.string().nullable(),
    aanbiederId: z.uuid(),
    aanbiederNaam: z.string().nullable(),
    status: z.enum(AANMELDING_STATUSSEN),
    leeftijd: z.number().int().nullable().openapi({ description: "Leeftijd van de jeugdige in jaren, vandaag" }),
    zorgvorm: z.string().openapi({ description: "De gevraagde hulp" }),
    hulpvraagCategorieen: z.array(z.string()),
    gewensteStartdatum: datum().nullable(),
    maatregelen: z.array(
      z.object({
        type: z.enum(MAATREGEL_TYPES),
        uitspraakdatum: datum().nullable(),
        ingangsdatum: datum().nullable(),
      }),
    ),
    urgentie: z.enum(URGENTIES),
    contactpersoon: z
      .object({ naam: z.string(), telefoon: z.string().nullable(), email: z.string().nullable() })
      .openapi({ description: "De professional van de verwijzende organisatie" }),
    toelichting: z.string().nullable(),
    reserveringId: z.uuid().nullable().openapi({ description: "De vastgehouden plek, als die met de aanmelding is genomen" }),
    opWachtlijst: z
      .boolean()
      .openapi({ description: "Geen plek genomen: de aanmelding staat op de wachtlijst van de aanbieder" }),
    antwoordVoor: timestamp.meta({ description: "De aanbieder antwoordt voor dit moment, anders verloopt de aanmelding" }),
    verwachteStartdatum: datum(
      "Bij verzenden geschat (vandaag plus beide wachttijden), bij acceptatie door de aanbieder gezet",
    ).nullable(),
    startdatum: datum("De dag dat de hulp startte").nullable(),
    afwijsreden: z.enum(AANMELDING_AFWIJSREDENEN).nullable(),
    reden: z.string().nullable().openapi({ description: "Toelichting bij afwijzen of intrekken" }),
    bevestigdOp: timestamp.nullable().meta({ description: "De verwijzer bevestigde deze acceptatie" }),
    verzondenOp: timestamp,
    gewijzigdOp: timestamp,
    versie: z.number().int(),
  })
  .openapi("Aanmelding");

const ok200 = { 200: ok(AanmeldingSchema, "De aanmelding"), ...problems(...WRITE_PROBLEMS, 404, 409) };

export const list = route(
  listAanmeldingen,
  {
    method: "get",
    path: "/aanmeldingen",
    tags,
    summary:
      "Aanmeldingen: voor een aanbieder de eigen inbox (vroegste antwoordtermijn eerst), voor een verwijzer en zorgmakelaar die van hun casussen",
    request: { query: PagingQuery.extend(AanmeldingenQuery.shape) },
    responses: { 200: ok(pageOf(AanmeldingSchema, "AanmeldingPagina"), "Een pagina aanmeldingen"), ...problems(400) },
  },
  { log: "lijst" },
);

export const get = route(
  getAanmelding,
  {
    method: "get",
    path: "/aanmeldingen/{id}",
    tags,
    summary: "Eén aanmelding",
    request: { params: IdParams },
    responses: { 200: ok(AanmeldingSchema, "De aanmelding"), ...problems(400, 404) },
  },
  { log: "lezen" },
);

export const historie = route(
  listAanmeldingHistorie,
  {
    method: "get",
    path: "/aanmeldingen/{id}/historie",
    tags,
    summary: "Elke overgang van de aanmelding: van, naar, waarom, wie, wanneer",
    request: { params: IdParams },
    responses: {
      200: ok(
        z
          .object({
            resultaten: z.array(
              z
                .object({
                  van: z.enum(AANMELDING_STATUSSEN).nullable(),
                  naar: z.enum(AANMELDING_STATUSSEN),
                  reden: z.string().nullable(),
                  door: z.string(),
                  op: timestamp,
                })
                .openapi("AanmeldingHistorieregel"),
            ),
          })
          .openapi("AanmeldingHistorie"),
        "De historie",
      ),
      ...problems(400, 404),
    },
  },
  { log: "lezen" },
);

export const create = route(
  createAanmelding,
  {
    method: "post",
    path: "/aanmeldingen",
    tags,
    summary: "Een casus aanmelden bij één aanbod met het standaardaanmeldformulier",
    description:
      "Met metReservering en een vrije plek wordt de plek meteen vastgehouden; zonder vrije plek komt de aanmelding op de wachtlijst van de aanbieder. Eén lopende aanmelding per casus per aanbod; bij meer aanbieders tegelijk mag.",
    request: { body: jsonBody(AanmeldingInput) },
    responses: { 201: created(AanmeldingSchema, "De verzonden aanmelding"), ...problems(...WRITE_PROBLEMS, 404, 409) },
  },
  { log: "aanmaken" },
);

export const acceptatie = route(
  acceptAanmelding,
  {
    method: "post",
    path: "/aanmeldingen/{id}/acceptatie",
    tags,
    summary: "De aanbieder accepteert, met de verwachte startdatum",
    request: { params: IdParams, body: jsonBody(AcceptatieInput) },
    responses: ok200,
  },
  { log: "wijzigen" },
);

export const afwijzing = route(
  declineAanmelding,
  {
    method: "post",
    path: "/aanmeldingen/{id}/afwijzing",
    tags,
    summary: "De aanbieder wijst af met een reden; een vastgehouden plek komt vrij",
    request: { params: IdParams, body: jsonBody(AfwijzingInput) },
    responses: ok200,
  },
  { log: "wijzigen" },
);

export const start = route(
  startAanmelding,
  {
    method: "post",
    path: "/aanmeldingen/{id}/start",
    tags,
    summary: "De hulp is gestart (bij verblijf: geplaatst): de normklok stopt",
    request: { params: IdParams, body: jsonBody(StartInput) },
    responses: ok200,
  },
  { log: "wijzigen" },
);

export const intrekking = route(
  withdrawAanmelding,
  {
    method: "post",
    path: "/aanmeldingen/{id}/intrekking",
    tags,
    summary: "Een lopende aanmelding intrekken (door verwijzer, zorgmakelaar of aanbieder), met een reden",
    request: { params: IdParams, body: jsonBody(IntrekkingInput) },
    responses: ok200,
  },
  { log: "wijzigen" },
);

export const bevestiging = route(
  confirmAanmelding,
  {
    method: "post",
    path: "/aanmeldingen/{id}/bevestiging",
    tags,
    summary: "De verwijzer bevestigt een acceptatie: de andere lopende aanmeldingen van de casus worden ingetrokken",
    request: { params: IdParams },
    responses: ok200,
  },
  { log: "wijzigen" },
);

export const hulpvraagcategorieen = route(listHulpvraagcategorieen, {
  method: "get",
  path: "/hulpvraagcategorieen",
  tags: ["Catalogus"],
  summary: "De hulpvraagcategorieën van het standaardaanmeldformulier",
  request: { query: PagingQuery },
  responses: {
    200: ok(
      pageOf(z.object({ code: z.string(), naam: z.string() }).openapi("Hulpvraagcategorie"), "HulpvraagcategoriePagina"),
      "De categorieën",
    ),
    ...problems(400),
  },
});

const RegioInstellingenSchema = z
  .object({
    regio: z.string(),
    antwoordtermijnWerkdagen: z
      .number()
      .int()
      .openapi({ description: "Werkdagen die een aanbieder heeft om een aanmelding te beantwoorden" }),
    maxWachttijdWeken: z
      .number()
      .int()
      .openapi({ description: "Langste aanvaardbare wachttijd zonder maatregel (standaard de Treeknorm, 14 weken)" }),
  })
  .openapi("RegioInstellingen");
const RegioParams = z.object({ code: regioCode.meta({ param: { name: "code", in: "path" } }) });

export const instellingen = route(getRegioInstellingen, {
  method: "get",
  path: "/regios/{code}/instellingen",
  tags: ["Catalogus"],
  summary: "De instellingen van een regio voor aanmeldingen en tijdigheid",
  request: { params: RegioParams },
  responses: { 200: ok(RegioInstellingenSchema, "De instellingen"), ...problems(400) },
});

export const instellingenZetten = route(setRegioInstellingen, {
  method: "put",
  path: "/regios/{code}/instellingen",
  tags: ["Catalogus"],
  summary: "De antwoordtermijn en de maximale wachttijd van een regio zetten",
  request: { params: RegioParams, body: jsonBody(RegioInstellingenInput) },
  responses: { 200: ok(RegioInstellingenSchema, "De instellingen"), ...problems(...WRITE_PROBLEMS) },
});
