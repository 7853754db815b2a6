import { z } from "@hono/zod-openapi";
import { HISTORIE_SOORTEN } from "../../db/schema/aanbod.ts";
import { aantalPlekken, intakeStatus, leeftijd, timestamp, uuidParam, wachttijdWeken } from "../lib/fields.ts";
import { pagingQuery } from "../lib/openapi.ts";
import { ACTUALITEIT } from "../lib/time.ts";

/** Response and parameter schemas shared by several resources. */

export const IdParams = z.object({
  id: uuidParam.openapi({ param: { name: "id", in: "path" }, example: "0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10" }),
});

export const PagingQuery = z.object(pagingQuery);

export const beschikbaarheidVelden = {
  vrijePlekken: aantalPlekken.openapi({ description: "Plekken die nu echt beschikbaar zijn (niet: lege bedden)" }),
  aanmeldwachttijdWeken: wachttijdWeken.openapi({
    description: "Weken van aanmelding tot intake; null bij crisiszorg of onbekend",
  }),
  behandelwachttijdWeken: wachttijdWeken.openapi({
    description: "Weken van intake tot start van de zorg; null bij crisiszorg of onbekend",
  }),
  intakeStatus,
};

export const AanbodSchema = z
  .object({
    id: z.uuid(),
    aanbiederId: z.uuid(),
    locatieId: z.uuid(),
    zorgvorm: z.string(),
    naam: z.string(),
    omschrijving: z.string().nullable(),
    leeftijdVan: leeftijd,
    leeftijdTot: leeftijd,
    capaciteit: aantalPlekken,
    ...beschikbaarheidVelden,
    overbrugging: z.boolean().openapi({ description: "Biedt overbruggingszorg tijdens het wachten" }),
    versie: z.number().int().openapi({ description: "Versie; dezelfde als in de ETag" }),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp.openapi({ description: "Laatste keer dat een waarde veranderde" }),
    bevestigdOp: timestamp.nullable().openapi({ description: "Laatste keer dat een medewerker de cijfers bevestigde" }),
    actualiteit: z.enum(ACTUALITEIT).openapi({
      description: "actueel: bevestigd in de laatste 7 dagen; verouderd: 7–14 dagen; sterk-verouderd: langer of nooit",
    }),
  })
  .openapi("Aanbod");

export const HistorieSchema = z
  .object({
    id: z.uuid(),
    aanbodId: z.uuid(),
    volgnummer: z.number().int(),
    soort: z.enum(HISTORIE_SOORTEN),
    wijzigingen: z.array(
      z.object({ veld: z.string(), oud: z.unknown().openapi({}), nieuw: z.unknown().openapi({}) }).openapi("Wijziging"),
    ),
    door: z.string(),
    op: timestamp,
  })
  .openapi("Historieregel");
