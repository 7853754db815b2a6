import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/services/toegang.ts";
import { json, type Row } from "../factories.ts";
import type { RequestFn } from "../helpers.ts";
import { type ToegangFixture, toegangFixture } from "./fixture.ts";

/**
 * Every route × every role, and no credentials at all, with the exact status expected.
 * Adding a route without an entry here fails the completeness test below.
 */

type Rol = "anoniem" | "aanbieder" | "verwijzer" | "zorgmakelaar" | "beheerder" | "organisatiebeheerder";
const ROLLEN: Rol[] = ["anoniem", "aanbieder", "verwijzer", "zorgmakelaar", "beheerder", "organisatiebeheerder"];
/**
 * The organisatiebeheerder (here the GI's, as a koppeling) manages its organisation's people and
 * reads what every role reads: where its column is left out, it gets the status all four other
 * roles share, or 403 where they differ.
 */
type Verwacht = [
  anoniem: number,
  aanbieder: number,
  verwijzer: number,
  zorgmakelaar: number,
  beheerder: number,
  organisatiebeheerder?: number,
];
function verwachtVoor(v: Verwacht, i: number): number {
  if (i < 5) return v[i] as number;
  if (v[5] !== undefined) return v[5];
  const rest = v.slice(1, 5);
  return rest.every((x) => x === rest[0]) ? (rest[0] as number) : 403;
}
interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Entry {
  verwacht: Verwacht;
  /** Builds the request; called once per role, so destructive calls get a fresh object each. */
  call: (f: ToegangFixture, rol: Rol) => Call | Promise<Call>;
}

const LEZEN: Verwacht = [401, 200, 200, 200, 200];
const AANBIEDER_OF_BEHEER: Verwacht = [401, 200, 403, 403, 200];
const BEHEER: Verwacht = [401, 403, 403, 403, 200];
const BEHEER_MAAKT: Verwacht = [401, 403, 403, 403, 201];
const BEHEER_WEG: Verwacht = [401, 403, 403, 403, 204];
const CASUS_LEZEN: Verwacht = [401, 403, 200, 200, 403];
const MAKELAAR: Verwacht = [401, 403, 403, 200, 403];
const MAKELAAR_OF_AANBIEDER: Verwacht = [401, 200, 403, 200, 403];
const OPEN: Verwacht = [200, 200, 200, 200, 200];
/** Days for the contracts the DELETE calls make, one each. */
let contractDag = 0;
/** People and their sign-in: the register's beheerder for everyone, an organisatiebeheerder for its own organisation. */
const MENSEN: Verwacht = [401, 403, 403, 403, 200, 200];
const MENSEN_MAAKT: Verwacht = [401, 403, 403, 403, 201, 201];
const AANMELDING_LEZEN: Verwacht = [401, 200, 200, 200, 403];
const AANBIEDER: Verwacht = [401, 200, 403, 403, 403];
const RAPPORT: Verwacht = [401, 403, 403, 200, 200];

let seq = 0;
const uniek = () => ++seq;
const fixed = (path: string, body?: unknown) => () => ({ path, body });

const LOCATIE = { naam: "Locatie Matrix", adres: "Testlaan 2", postcode: "2511 AB", plaats: "Den Haag", gemeente: "GM0518" };
const AANBOD = {
  zorgvorm: "gezinshuis",
  naam: "Matrixaanbod",
  leeftijdVan: 0,
  leeftijdTot: 18,
  capaciteit: 3,
  vrijePlekken: 1,
  aanmeldwachttijdWeken: 1,
  behandelwachttijdWeken: 2,
  intakeStatus: "open",
};
const CIJFERS = { vrijePlekken: 150, aanmeldwachttijdWeken: 0, behandelwachttijdWeken: 1, intakeStatus: "open" };

async function nieuwAanbieder(f: ToegangFixture) {
  return json<Row>(await f.r.als("beheerder")("POST", "/v1/aanbieders", { naam: `Weg ${uniek()}` }), 201);
}
async function nieuweLocatie(f: ToegangFixture) {
  return json<Row>(await f.r.als("beheerder")("POST", "/v1/locaties", { aanbiederId: f.a.id, ...LOCATIE }), 201);
}

const MATRIX: Record<string, Entry> = {
  "GET /docs": { verwacht: OPEN, call: fixed("/docs") },
  "GET /docs/scalar.js": { verwacht: OPEN, call: fixed("/docs/scalar.js") },
  "GET /v1/openapi.json": { verwacht: OPEN, call: fixed("/v1/openapi.json") },

  "GET /v1/zorgvormen": { verwacht: LEZEN, call: fixed("/v1/zorgvormen") },
  "GET /v1/zorgvormen/:code": { verwacht: LEZEN, call: fixed("/v1/zorgvormen/gezinshuis") },
  "GET /v1/regios": { verwacht: LEZEN, call: fixed("/v1/regios") },
  "GET /v1/regios/:code": { verwacht: LEZEN, call: fixed("/v1/regios/haaglanden") },
  "GET /v1/gemeenten": { verwacht: LEZEN, call: fixed("/v1/gemeenten") },
  "GET /v1/gemeenten/:code": { verwacht: LEZEN, call: fixed("/v1/gemeenten/GM0518") },

  "GET /v1/aanbieders": { verwacht: LEZEN, call: fixed("/v1/aanbieders") },
  "POST /v1/aanbieders": { verwacht: BEHEER_MAAKT, call: () => ({ path: "/v1/aanbieders", body: { naam: `Nieuw ${uniek()}` } }) },
  "GET /v1/aanbieders/:id": { verwacht: LEZEN, call: (f) => ({ path: `/v1/aanbieders/${f.a.id}` }) },
  "PUT /v1/aanbieders/:id": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({ path: `/v1/aanbieders/${f.a.id}`, body: { naam: `Stichting A ${uniek()}` } }),
  },
  "DELETE /v1/aanbieders/:id": {
    verwacht: BEHEER_WEG,
    call: async (f) => ({ path: `/v1/aanbieders/${(await nieuwAanbieder(f)).id}` }),
  },
  "PUT /v1/aanbieders/:id/beschikbaarheid": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({ path: `/v1/aanbieders/${f.a.id}/beschikbaarheid`, body: { aanbod: [{ aanbodId: f.oa.id, ...CIJFERS }] } }),
  },
  "POST /v1/aanbieders/:id/bevestiging": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({ path: `/v1/aanbieders/${f.a.id}/bevestiging` }),
  },

  "GET /v1/locaties": { verwacht: LEZEN, call: fixed("/v1/locaties") },
  "POST /v1/locaties": {
    verwacht: [401, 201, 403, 403, 201],
    call: (f) => ({ path: "/v1/locaties", body: { aanbiederId: f.a.id, ...LOCATIE } }),
  },
  "GET /v1/locaties/:id": { verwacht: LEZEN, call: (f) => ({ path: `/v1/locaties/${f.la.id}` }) },
  "PUT /v1/locaties/:id": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({
      path: `/v1/locaties/${f.la.id}`,
      body: { aanbiederId: f.a.id, ...LOCATIE, naam: `Hoofdlocatie ${uniek()}` },
    }),
  },
  "DELETE /v1/locaties/:id": {
    verwacht: [401, 204, 403, 403, 204],
    call: async (f) => ({ path: `/v1/locaties/${(await nieuweLocatie(f)).id}` }),
  },

  "GET /v1/aanbod": { verwacht: LEZEN, call: fixed("/v1/aanbod") },
  "POST /v1/aanbod": {
    verwacht: [401, 201, 403, 403, 201],
    call: (f) => ({ path: "/v1/aanbod", body: { ...AANBOD, locatieId: f.la.id } }),
  },
  "GET /v1/aanbod/:id": { verwacht: LEZEN, call: (f) => ({ path: `/v1/aanbod/${f.oa.id}` }) },
  "PUT /v1/aanbod/:id": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({
      path: `/v1/aanbod/${f.oa.id}`,
      body: {
        locatieId: f.la.id,
        zorgvorm: "gezinshuis",
        naam: `Gezinshuis A ${uniek()}`,
        leeftijdVan: 0,
        leeftijdTot: 18,
        capaciteit: 200,
      },
    }),
  },
  "DELETE /v1/aanbod/:id": {
    verwacht: [401, 204, 403, 403, 204],
    call: async (f) => ({
      path: `/v1/aanbod/${(await json<Row>(await f.r.als("beheerder")("POST", "/v1/aanbod", { ...AANBOD, locatieId: f.la.id }), 201)).id}`,
    }),
  },
  "PUT /v1/aanbod/:id/beschikbaarheid": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({ path: `/v1/aanbod/${f.oa.id}/beschikbaarheid`, body: CIJFERS }),
  },
  "POST /v1/aanbod/:id/bevestiging": {
    verwacht: AANBIEDER_OF_BEHEER,
    call: (f) => ({ path: `/v1/aanbod/${f.oa.id}/bevestiging` }),
  },
  "GET /v1/aanbod/:id/historie": { verwacht: LEZEN, call: (f) => ({ path: `/v1/aanbod/${f.oa.id}/historie` }) },

  "GET /v1/contracten": { verwacht: LEZEN, call: fixed("/v1/contracten") },
  "POST /v1/contracten": {
    verwacht: BEHEER_MAAKT,
    call: (f) => ({
      path: "/v1/contracten",
      body: { aanbiederId: f.b.id, zorgvorm: "gezinshuis", gemeente: "GM0518", geldigVanaf: "2026-01-01" },
    }),
  },
  "GET /v1/contracten/:id": { verwacht: LEZEN, call: (f) => ({ path: `/v1/contracten/${f.contract.id}` }) },
  "PUT /v1/contracten/:id": {
    verwacht: [401, 403, 403, 403, 200],
    call: (f) => ({
      path: `/v1/contracten/${f.contract.id}`,
      body: { aanbiederId: f.a.id, zorgvorm: "gezinshuis", regio: "haaglanden", geldigVanaf: "2026-01-01" },
    }),
  },
  "DELETE /v1/contracten/:id": {
    verwacht: BEHEER_WEG,
    call: async (f) => {
      const c = await json<Row>(
        await f.r.als("beheerder")("POST", "/v1/contracten", {
          aanbiederId: f.b.id,
          zorgvorm: "pleegzorg",
          gemeente: "GM0518",
          // One day each: the calls of every role share the fixture, and overlapping contracts are refused.
          geldigVanaf: `2026-01-${String(++contractDag).padStart(2, "0")}`,
          geldigTot: `2026-01-${String(contractDag).padStart(2, "0")}`,
        }),
        201,
      );
      return { path: `/v1/contracten/${c.id}` };
    },
  },

  "GET /v1/casussen": { verwacht: CASUS_LEZEN, call: fixed("/v1/casussen") },
  "POST /v1/casussen": {
    verwacht: [401, 403, 201, 201, 403],
    call: () => ({
      path: "/v1/casussen",
      body: {
        referentie: `NIEUW-${uniek()}`,
        geboortedatum: "2016-03-01",
        woongemeente: "GM0518",
        zorgvorm: "gezinshuis",
        aanmelddatum: "2026-10-01",
        urgentie: "regulier",
      },
    }),
  },
  "GET /v1/casussen/:id": { verwacht: CASUS_LEZEN, call: async (f) => ({ path: `/v1/casussen/${(await f.casus()).id}` }) },
  "PUT /v1/casussen/:id/status": {
    verwacht: CASUS_LEZEN,
    call: async (f) => ({
      path: `/v1/casussen/${(await f.casus()).id}/status`,
      body: { status: "gestopt", stopreden: "elders-geholpen" },
    }),
  },
  "PUT /v1/casussen/:id/prioriteit": {
    verwacht: MAKELAAR,
    call: async (f) => ({
      path: `/v1/casussen/${(await f.casus()).id}/prioriteit`,
      body: { groep: 1, reden: "Veiligheid thuis niet gewaarborgd" },
    }),
  },
  "GET /v1/casussen/:id/historie": {
    verwacht: CASUS_LEZEN,
    call: async (f) => ({ path: `/v1/casussen/${(await f.casus()).id}/historie` }),
  },
  "PATCH /v1/casussen/:id": {
    verwacht: CASUS_LEZEN,
    call: async (f) => ({ path: `/v1/casussen/${(await f.casus()).id}`, body: { aanmelddatum: "2026-09-02" } }),
  },
  "POST /v1/casussen/:id/escalaties": {
    verwacht: [401, 403, 201, 201, 403],
    call: async (f) => ({
      path: `/v1/casussen/${(await f.casus()).id}/escalaties`,
      body: { stap: "A1", datum: "2026-11-20", uitkomst: "Gemeente zoekt mee" },
    }),
  },
  "GET /v1/casussen/:id/escalaties": {
    verwacht: CASUS_LEZEN,
    call: async (f) => ({ path: `/v1/casussen/${(await f.casus()).id}/escalaties` }),
  },
  "GET /v1/wachtlijst": { verwacht: MAKELAAR, call: fixed("/v1/wachtlijst?regio=haaglanden") },

  "GET /v1/aanmeldingen": { verwacht: AANMELDING_LEZEN, call: fixed("/v1/aanmeldingen") },
  "POST /v1/aanmeldingen": {
    verwacht: [401, 403, 201, 201, 403],
    call: async (f) => ({
      path: "/v1/aanmeldingen",
      body: { casusId: (await f.casus()).id, aanbodId: f.oa.id, contactpersoon: { naam: "P. Jansen" } },
    }),
  },
  "GET /v1/aanmeldingen/:id": {
    verwacht: AANMELDING_LEZEN,
    call: async (f) => ({ path: `/v1/aanmeldingen/${(await f.aanmelding()).id}` }),
  },
  "GET /v1/aanmeldingen/:id/historie": {
    verwacht: AANMELDING_LEZEN,
    call: async (f) => ({ path: `/v1/aanmeldingen/${(await f.aanmelding()).id}/historie` }),
  },
  "POST /v1/aanmeldingen/:id/acceptatie": {
    verwacht: AANBIEDER,
    call: async (f) => ({
      path: `/v1/aanmeldingen/${(await f.aanmelding()).id}/acceptatie`,
      body: { verwachteStartdatum: "2026-12-14" },
    }),
  },
  "POST /v1/aanmeldingen/:id/afwijzing": {
    verwacht: AANBIEDER,
    call: async (f) => ({ path: `/v1/aanmeldingen/${(await f.aanmelding()).id}/afwijzing`, body: { reden: "geen-plek" } }),
  },
  "POST /v1/aanmeldingen/:id/start": {
    verwacht: AANBIEDER,
    call: async (f) => ({
      path: `/v1/aanmeldingen/${(await f.aanmelding({ geaccepteerd: true })).id}/start`,
      body: { startdatum: "2026-11-27" },
    }),
  },
  "POST /v1/aanmeldingen/:id/intrekking": {
    verwacht: AANMELDING_LEZEN,
    call: async (f) => ({
      path: `/v1/aanmeldingen/${(await f.aanmelding()).id}/intrekking`,
      body: { reden: "Ouders kozen samen een andere aanbieder" },
    }),
  },
  "POST /v1/aanmeldingen/:id/bevestiging": {
    verwacht: CASUS_LEZEN,
    call: async (f) => ({ path: `/v1/aanmeldingen/${(await f.aanmelding({ geaccepteerd: true })).id}/bevestiging` }),
  },
  "GET /v1/hulpvraagcategorieen": { verwacht: LEZEN, call: fixed("/v1/hulpvraagcategorieen") },
  "GET /v1/regios/:code/instellingen": { verwacht: LEZEN, call: fixed("/v1/regios/haaglanden/instellingen") },
  "PUT /v1/regios/:code/instellingen": {
    verwacht: BEHEER,
    call: fixed("/v1/regios/haaglanden/instellingen", { antwoordtermijnWerkdagen: 5, maxWachttijdWeken: 14 }),
  },

  "GET /v1/prioriteringsregels": { verwacht: LEZEN, call: fixed("/v1/prioriteringsregels") },
  "POST /v1/prioriteringsregels": {
    verwacht: BEHEER_MAAKT,
    call: async (f) => {
      const { resultaten } = await json<{ resultaten: (Row & Record<string, unknown>)[] }>(
        await f.r.als("beheerder")("GET", "/v1/prioriteringsregels?regio=haaglanden"),
        200,
      );
      const laatste = resultaten.reduce((a, b) => ((a.versie as number) > (b.versie as number) ? a : b));
      return {
        path: "/v1/prioriteringsregels",
        body: {
          regio: "haaglanden",
          versie: (laatste.versie as number) + 1,
          geldigVanaf: "2027-01-01",
          groepen: laatste.groepen,
        },
      };
    },
  },
  "GET /v1/prioriteringsregels/:id": {
    verwacht: LEZEN,
    call: async (f) => {
      const { resultaten } = await json<{ resultaten: Row[] }>(await f.r.als("beheerder")("GET", "/v1/prioriteringsregels"), 200);
      return { path: `/v1/prioriteringsregels/${resultaten[0]?.id}` };
    },
  },

  "POST /v1/matchvoorstellen": {
    verwacht: [401, 403, 403, 201, 403],
    call: fixed("/v1/matchvoorstellen", { regio: "haaglanden" }),
  },
  "GET /v1/matchvoorstellen": { verwacht: MAKELAAR_OF_AANBIEDER, call: fixed("/v1/matchvoorstellen") },
  "GET /v1/matchvoorstellen/:id": {
    verwacht: MAKELAAR_OF_AANBIEDER,
    call: async (f) => ({ path: `/v1/matchvoorstellen/${(await f.voorstel()).id}` }),
  },
  "POST /v1/matchvoorstellen/:id/acceptatie": {
    verwacht: [401, 403, 403, 201, 403],
    call: async (f) => ({ path: `/v1/matchvoorstellen/${(await f.voorstel()).id}/acceptatie` }),
  },
  "POST /v1/matchvoorstellen/:id/afwijzing": {
    verwacht: MAKELAAR,
    call: async (f) => ({ path: `/v1/matchvoorstellen/${(await f.voorstel()).id}/afwijzing`, body: { reden: "past-niet" } }),
  },

  "GET /v1/reserveringen": { verwacht: MAKELAAR_OF_AANBIEDER, call: fixed("/v1/reserveringen") },
  "POST /v1/reserveringen": {
    verwacht: [401, 403, 403, 201, 403],
    call: async (f) => ({ path: "/v1/reserveringen", body: { aanbodId: f.oa.id, casusId: (await f.casus()).id } }),
  },
  "GET /v1/reserveringen/:id": {
    verwacht: MAKELAAR_OF_AANBIEDER,
    call: async (f) => ({ path: `/v1/reserveringen/${(await f.reservering()).id}` }),
  },
  "POST /v1/reserveringen/:id/plaatsing": {
    verwacht: MAKELAAR_OF_AANBIEDER,
    call: async (f) => ({ path: `/v1/reserveringen/${(await f.reservering()).id}/plaatsing` }),
  },
  "POST /v1/reserveringen/:id/intrekking": {
    verwacht: MAKELAAR_OF_AANBIEDER,
    call: async (f) => ({ path: `/v1/reserveringen/${(await f.reservering()).id}/intrekking` }),
  },

  "POST /v1/organisaties": {
    verwacht: BEHEER_MAAKT,
    call: () => ({ path: "/v1/organisaties", body: { naam: `Wijkteam ${uniek()}`, type: "gemeente" } }),
  },
  "GET /v1/organisaties": { verwacht: BEHEER, call: fixed("/v1/organisaties") },
  "GET /v1/organisaties/:id": {
    verwacht: BEHEER,
    call: (f) => ({ path: `/v1/organisaties/${f.r.organisaties.verwijzer.id}` }),
  },
  "POST /v1/tokens": {
    verwacht: BEHEER_MAAKT,
    call: (f) => ({ path: "/v1/tokens", body: { organisatieId: f.r.organisaties.verwijzer.id, rol: "verwijzer" } }),
  },
  "GET /v1/tokens": { verwacht: BEHEER, call: fixed("/v1/tokens") },
  "GET /v1/tokens/:id": {
    verwacht: BEHEER,
    call: async (f) => {
      const { resultaten } = await json<{ resultaten: Row[] }>(await f.r.als("beheerder")("GET", "/v1/tokens"), 200);
      return { path: `/v1/tokens/${resultaten[0]?.id}` };
    },
  },
  "DELETE /v1/tokens/:id": {
    verwacht: BEHEER_WEG,
    call: async (f) => {
      const t = await json<Row>(
        await f.r.als("beheerder")("POST", "/v1/tokens", { organisatieId: f.r.organisaties.verwijzer.id, rol: "verwijzer" }),
        201,
      );
      return { path: `/v1/tokens/${t.id}` };
    },
  },
  "GET /v1/toegangslog": { verwacht: BEHEER, call: fixed("/v1/toegangslog") },

  "GET /v1/rapportages/norm": { verwacht: RAPPORT, call: fixed("/v1/rapportages/norm?regio=haaglanden") },
  "GET /v1/rapportages/kpi": { verwacht: RAPPORT, call: fixed("/v1/rapportages/kpi?regio=haaglanden") },
  "GET /v1/rapportages/capaciteit": { verwacht: RAPPORT, call: fixed("/v1/rapportages/capaciteit?regio=haaglanden") },
  "GET /v1/rapportages/actualiteit": { verwacht: RAPPORT, call: fixed("/v1/rapportages/actualiteit?regio=haaglanden") },
  "GET /v1/maatregeltellingen": { verwacht: [401, 403, 200, 200, 200], call: fixed("/v1/maatregeltellingen?regio=haaglanden") },
  "POST /v1/maatregeltellingen": {
    verwacht: [401, 403, 200, 200, 200],
    call: (f) => ({
      path: "/v1/maatregeltellingen",
      body: { regio: "haaglanden", organisatieId: f.r.organisaties.verwijzer.id, maand: "2026-11", aantal: 120 },
    }),
  },
  "POST /v1/maatregeltellingen/bestand": {
    verwacht: [401, 403, 200, 200, 200],
    call: () => ({
      path: "/v1/maatregeltellingen/bestand",
      body: "regio;organisatie;maand;aantal\nhaaglanden;Test Jeugdbescherming;2026-10;118\n",
      headers: { "Content-Type": "text/csv" },
    }),
  },
  // Published by the region: open to everyone; this register publishes nothing.
  "GET /v1/open/overzicht": { verwacht: [404, 404, 404, 404, 404], call: fixed("/v1/open/overzicht?regio=haaglanden") },
  "GET /v1/toekenningen": { verwacht: LEZEN, call: fixed("/v1/toekenningen") },

  "POST /v1/gebruikers": {
    verwacht: MENSEN_MAAKT,
    call: (f) => ({
      path: "/v1/gebruikers",
      body: {
        naam: "Matrix Persoon",
        email: `matrix-${uniek()}@test.invalid`,
        organisatieId: f.r.organisaties.verwijzer.id,
        rol: "verwijzer",
      },
    }),
  },
  "GET /v1/gebruikers": { verwacht: MENSEN, call: fixed("/v1/gebruikers") },
  "GET /v1/gebruikers/:id": {
    verwacht: MENSEN,
    call: async (f) => ({ path: `/v1/gebruikers/${await nieuwePersoon(f)}` }),
  },
  "PUT /v1/gebruikers/:id/rol": {
    verwacht: MENSEN,
    call: async (f) => ({ path: `/v1/gebruikers/${await nieuwePersoon(f)}/rol`, body: { rol: "organisatiebeheerder" } }),
  },
  "POST /v1/gebruikers/:id/blokkering": {
    verwacht: MENSEN,
    call: async (f) => ({ path: `/v1/gebruikers/${await nieuwePersoon(f)}/blokkering` }),
  },
  "DELETE /v1/gebruikers/:id/blokkering": {
    verwacht: MENSEN,
    call: async (f) => ({ path: `/v1/gebruikers/${await nieuwePersoon(f)}/blokkering` }),
  },
  "DELETE /v1/gebruikers/:id/tweede-factor": {
    verwacht: MENSEN,
    call: async (f) => ({ path: `/v1/gebruikers/${await nieuwePersoon(f)}/tweede-factor` }),
  },
  "POST /v1/gebruikers/:id/uitnodiging": {
    verwacht: MENSEN,
    call: async (f) => ({ path: `/v1/gebruikers/${await nieuwePersoon(f)}/uitnodiging` }),
  },
  "GET /v1/accountlog": { verwacht: MENSEN, call: fixed("/v1/accountlog") },
  "GET /v1/organisaties/:id/inlogbeleid": {
    verwacht: MENSEN,
    call: (f) => ({ path: `/v1/organisaties/${f.r.organisaties.verwijzer.id}/inlogbeleid` }),
  },
  "PUT /v1/organisaties/:id/inlogbeleid": {
    verwacht: MENSEN,
    call: (f) => ({
      path: `/v1/organisaties/${f.r.organisaties.verwijzer.id}/inlogbeleid`,
      body: { tweedeFactorVerplicht: false, sso: null },
    }),
  },
};

/** A fresh invited person of the GI (whose organisatiebeheerder is in the matrix). */
async function nieuwePersoon(f: ToegangFixture): Promise<string> {
  const res = await f.r.als("beheerder")("POST", "/v1/gebruikers", {
    naam: "Matrix Collega",
    email: `collega-${uniek()}@test.invalid`,
    organisatieId: f.r.organisaties.verwijzer.id,
    rol: "verwijzer",
  });
  return (await json<Row>(res, 201)).id;
}

describe("role × route matrix", () => {
  let f: ToegangFixture;
  let als: Record<Rol, RequestFn>;
  beforeAll(async () => {
    f = await toegangFixture();
    als = {
      anoniem: f.r.anoniem,
      aanbieder: f.r.met(f.tokenA),
      verwijzer: f.r.als("verwijzer"),
      zorgmakelaar: f.r.als("zorgmakelaar"),
      beheerder: f.r.als("beheerder"),
      organisatiebeheerder: f.r.met(
        (await createToken(f.r.beheer, { organisatieId: f.r.organisaties.verwijzer.id, rol: "organisatiebeheerder" })).token,
      ),
    };
  });

  // The web pages sign in with a session cookie, not a bearer token: test/ui/toegang.test.ts has their matrix.
  it("has an entry for every API and docs route the app serves", () => {
    const served = new Set(
      f.r.app.routes
        .filter((route) => route.method !== "ALL" && /^\/(v1|docs)(\/|$)/.test(route.path))
        .map((route) => `${route.method} ${route.path}`),
    );
    expect([...served].filter((key) => !(key in MATRIX)).sort()).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !served.has(key))).toEqual([]);
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    const method = key.split(" ")[0] as string;
    it(key, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [i, rol] of ROLLEN.entries()) {
        const call = await entry.call(f, rol);
        const res = await als[rol](method, call.path, call.body, call.headers);
        got[rol] = res.status;
        want[rol] = verwachtVoor(entry.verwacht, i);
        if (res.status >= 400) expect(res.headers.get("Content-Type")).toContain("application/problem+json");
        if (res.status === 401) expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
        await res.arrayBuffer();
      }
      expect(got).toEqual(want);
    });
  }
});
