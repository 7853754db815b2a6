import { z } from "@hono/zod-openapi";
import { aantalPlekken, leeftijd, timestamp, uuidParam } from "../kern/fields.ts";
import { ACTUALITEIT, HISTORIE_SOORTEN } from "../kern/vocabulary.ts";
import { beschikbaarheidVelden } from "../services/aanbod.ts";

export { PagingQuery } from "../kern/fields.ts";

/** Response and parameter schemas shared by several resources. */

export const IdParams = z.object({
  id: uuidParam.meta({ param: { name: "id", in: "path" }, example: "0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10" }),
});

export const AanbodSchema = z
  .object({
    id: z.uuid(),
    aanbiederId: z.uuid(),
    locatieId: z.uuid(),
    zorgvorm: z.string(),
    naam: z.string(),
    omschrijving: z.string().nullable(),
    intakeProcedure: z.string().nullable().optional().meta({
      description: "Hoe een verwijzer aanmeldt: de stappen van de intake (alleen bij het aanbod zelf, niet in zoekresultaten)",
    }),
    intakeContact: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "Wie een verwijzer benadert voor een intake (alleen bij het aanbod zelf, niet in zoekresultaten)" }),
    leeftijdVan: leeftijd,
    leeftijdTot: leeftijd,
    capaciteit: aantalPlekken,
    ...beschikbaarheidVelden,
    vastgehouden: aantalPlekken.meta({
      description:
        "Hoeveel van de vrije plekken nu via Plekwijzer voor een jeugdige worden vastgehouden (reserveringen); voor anderen zijn vrijePlekken min vastgehouden plekken beschikbaar",
    }),
    overbrugging: z.boolean().openapi({ description: "Biedt overbruggingszorg tijdens het wachten" }),
    versie: z.number().int().openapi({ description: "Versie; dezelfde als in de ETag" }),
    aangemaaktOp: timestamp,
    gewijzigdOp: timestamp.meta({ description: "Laatste keer dat een waarde veranderde" }),
    bevestigdOp: timestamp.nullable().openapi({ description: "Laatste keer dat een medewerker de cijfers bevestigde" }),
    actualiteit: z.enum(ACTUALITEIT).openapi({
      description: "actueel: bevestigd in de laatste 7 dagen; verouderd: 7–14 dagen; sterk-verouderd: langer of nooit",
    }),
  })
  .openapi("Aanbod");

/** What a changed field held: a number, a text, yes/no or nothing (the history records offer fields only). */
const WAARDE_TYPES: ("string" | "number" | "boolean" | "null")[] = ["string", "number", "boolean", "null"];

export const HistorieSchema = z
  .object({
    id: z.uuid(),
    aanbodId: z.uuid(),
    volgnummer: z.number().int(),
    soort: z.enum(HISTORIE_SOORTEN),
    wijzigingen: z.array(
      z
        .object({
          veld: z.string(),
          oud: z.unknown().openapi({ type: WAARDE_TYPES, description: "De waarde ervóór (leeg: er was geen)" }),
          nieuw: z.unknown().openapi({ type: WAARDE_TYPES, description: "De waarde erna (leeg: gewist)" }),
        })
        .openapi("Wijziging"),
    ),
    door: z.string().nullable().openapi({
      description: "Welke organisatie het deed; alleen voor de eigen aanbieder, de zorgmakelaars van de regio en de beheerder",
    }),
    doorPersoon: z.string().nullable().openapi({
      description: "De naam van wie het deed; alleen voor mensen van dezelfde organisatie en de beheerder",
    }),
    op: timestamp,
  })
  .openapi("Historieregel");
