import { z } from "@hono/zod-openapi";
import { created, jsonBody, ok, pageOf, problems, WRITE_PROBLEMS } from "../../http/openapi.ts";
import { route } from "../../http/route.ts";
import { timestamp } from "../../kern/fields.ts";
import { ACCOUNT_WIJZIGINGEN, GEBRUIKER_STATUSSEN, ROLLEN } from "../../kern/vocabulary.ts";
import { AccountlogQuery, listAccountlog as listLog } from "../../services/accountlog.ts";
import * as gebruikers from "../../services/gebruikers.ts";
import * as beleid from "../../services/inlogbeleid.ts";
import { IdParams } from "../schemas.ts";

const tags = ["Gebruikers"];

export const GebruikerSchema = z
  .object({
    id: z.uuid(),
    naam: z.string(),
    email: z.string(),
    organisatieId: z.uuid(),
    rol: z.enum(ROLLEN),
    status: z
      .enum(GEBRUIKER_STATUSSEN)
      .openapi({ description: "uitgenodigd: nog niet bevestigd; geblokkeerd: kan niet inloggen" }),
    tweedeFactor: z.boolean().openapi({ description: "Heeft een tweede stap (TOTP) ingesteld" }),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp,
    geactiveerdOp: timestamp.nullable(),
    laatstIngelogdOp: timestamp.nullable(),
  })
  .openapi("Gebruiker");

const Uitgenodigd = z
  .object({
    ...GebruikerSchema.shape,
    uitnodigingVerstuurd: z.boolean().openapi({ description: "De uitnodiging is per e-mail verstuurd (72 uur geldig)" }),
  })
  .openapi("UitgenodigdeGebruiker");

export const inviteGebruiker = route(gebruikers.inviteGebruiker, {
  method: "post",
  path: "/gebruikers",
  tags,
  summary:
    "Iemand uitnodigen; de persoon krijgt een link per e-mail om het account te bevestigen en de tweede stap in te stellen",
  request: { body: jsonBody(gebruikers.GebruikerInput) },
  responses: { 201: created(Uitgenodigd, "De uitgenodigde gebruiker"), ...problems(...WRITE_PROBLEMS, 409) },
});

export const listGebruikers = route(gebruikers.listGebruikers, {
  method: "get",
  path: "/gebruikers",
  tags,
  summary: "Gebruikers bladeren (een organisatiebeheerder ziet alleen de eigen organisatie)",
  request: { query: gebruikers.GebruikersQuery },
  responses: { 200: ok(pageOf(GebruikerSchema, "GebruikerPagina"), "Een pagina gebruikers"), ...problems(400) },
});

export const getGebruiker = route(gebruikers.getGebruiker, {
  method: "get",
  path: "/gebruikers/{id}",
  tags,
  summary: "Eén gebruiker",
  request: { params: IdParams },
  responses: { 200: ok(GebruikerSchema, "De gebruiker"), ...problems(400, 404) },
});

export const setRol = route(gebruikers.setRol, {
  method: "put",
  path: "/gebruikers/{id}/rol",
  tags,
  summary: "De rol wijzigen, binnen wat de organisatie mag hebben; de sessies van de persoon eindigen",
  request: { params: IdParams, body: jsonBody(gebruikers.RolInput) },
  responses: { 200: ok(GebruikerSchema, "De gebruiker"), ...problems(...WRITE_PROBLEMS, 404, 409) },
});

export const blokkeer = route(gebruikers.blokkeerGebruiker, {
  method: "post",
  path: "/gebruikers/{id}/blokkering",
  tags,
  summary: "Blokkeren (vertrokken, telefoon kwijt): alle sessies eindigen meteen",
  request: { params: IdParams },
  responses: { 200: ok(GebruikerSchema, "De gebruiker"), ...problems(400, 404, 409) },
});

export const deblokkeer = route(gebruikers.deblokkeerGebruiker, {
  method: "delete",
  path: "/gebruikers/{id}/blokkering",
  tags,
  summary: "De blokkering opheffen",
  request: { params: IdParams },
  responses: { 200: ok(GebruikerSchema, "De gebruiker"), ...problems(400, 404, 409) },
});

export const resetTweedeFactor = route(gebruikers.resetTweedeFactor, {
  method: "delete",
  path: "/gebruikers/{id}/tweede-factor",
  tags,
  summary: "De tweede stap resetten (telefoon kwijt); bij de volgende keer inloggen stelt de persoon een nieuwe in",
  request: { params: IdParams },
  responses: { 200: ok(GebruikerSchema, "De gebruiker"), ...problems(400, 404) },
});

export const reinvite = route(gebruikers.reinviteGebruiker, {
  method: "post",
  path: "/gebruikers/{id}/uitnodiging",
  tags,
  summary: "Een nieuwe uitnodiging sturen; de vorige link werkt dan niet meer",
  request: { params: IdParams },
  responses: { 200: ok(Uitgenodigd, "De gebruiker"), ...problems(400, 404, 409) },
});

export const AccountlogRegel = z
  .object({
    volgnummer: z.number().int(),
    op: timestamp,
    gebruikerId: z.uuid().nullable().openapi({ description: "Wiens account; leeg bij een wijziging van het inlogbeleid" }),
    gebruiker: z.string().nullable(),
    organisatieId: z.uuid(),
    soort: z.enum(ACCOUNT_WIJZIGINGEN),
    van: z.string().nullable(),
    naar: z.string().nullable(),
    door: z.string().openapi({ description: "Wie het deed: persoon, organisatie en rol, of een koppeling" }),
  })
  .openapi("AccountlogRegel");

export const listAccountlog = route(listLog, {
  method: "get",
  path: "/accountlog",
  tags,
  summary: "Elke wijziging van een account (uitgenodigd, rol, blokkering, tweede stap), nieuwste eerst; alleen lezen",
  request: { query: AccountlogQuery },
  responses: { 200: ok(pageOf(AccountlogRegel, "AccountlogPagina"), "Een pagina van het accountlog"), ...problems(400) },
});

export const InlogbeleidSchema = z
  .object({
    organisatieId: z.uuid(),
    tweedeFactorVerplicht: z.boolean(),
    sso: z
      .object({ issuer: z.string(), clientId: z.string(), clientSecretIngesteld: z.boolean() })
      .nullable()
      .openapi({ description: "Inloggen via de eigen OpenID Connect-provider; het client secret wordt nooit getoond" }),
    gewijzigdOp: timestamp.nullable(),
  })
  .openapi("Inlogbeleid");

export const getInlogbeleid = route(beleid.getInlogbeleid, {
  method: "get",
  path: "/organisaties/{id}/inlogbeleid",
  tags,
  summary: "Hoe de mensen van een organisatie inloggen",
  request: { params: IdParams },
  responses: { 200: ok(InlogbeleidSchema, "Het inlogbeleid"), ...problems(400, 404) },
});

export const setInlogbeleid = route(beleid.setInlogbeleid, {
  method: "put",
  path: "/organisaties/{id}/inlogbeleid",
  tags,
  summary: "Tweede stap voor alle rollen, en inloggen via de eigen OpenID Connect-provider (authorization code met PKCE)",
  request: { params: IdParams, body: jsonBody(beleid.InlogbeleidInput) },
  responses: { 200: ok(InlogbeleidSchema, "Het inlogbeleid"), ...problems(...WRITE_PROBLEMS, 404) },
});
