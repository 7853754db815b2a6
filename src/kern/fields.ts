import { z } from "zod";
import { INTAKE_STATUSSEN } from "./vocabulary.ts";

/**
 * Field rules shared by several resources; each rule lives here once. Plain zod with
 * `.meta()` for the OpenAPI document, so use cases own their input schemas without knowing
 * the HTTP side.
 */

export const MAX_LEEFTIJD = 23;
export const MAX_WACHTTIJD_WEKEN = 104;

export const uuidParam = z.uuid({ message: "Moet een UUID zijn." });

export const leeftijd = z
  .number()
  .int({ message: "Moet een geheel getal zijn." })
  .min(0, { message: "Moet 0 of meer zijn." })
  .max(MAX_LEEFTIJD, { message: `Moet ${MAX_LEEFTIJD} of minder zijn.` });

export const wachttijdWeken = z
  .number()
  .int({ message: "Moet een geheel aantal weken zijn." })
  .min(0, { message: "Moet 0 of meer zijn." })
  .max(MAX_WACHTTIJD_WEKEN, { message: `Moet ${MAX_WACHTTIJD_WEKEN} weken of minder zijn.` })
  .nullable();

export const aantalPlekken = z
  .number()
  .int({ message: "Moet een geheel getal zijn." })
  .min(0, { message: "Moet 0 of meer zijn." })
  .max(10_000, { message: "Moet 10000 of minder zijn." });

export const intakeStatus = z.enum(INTAKE_STATUSSEN).meta({
  description:
    "open: vrije plekken; wachtlijst: geen plek, wachtlijst open; gesloten: geen aanmeldingen; na-intake: pas na intake te zeggen",
});

/** Dutch postcode, `1234 AB`; the first digit is never 0. */
export const postcode = z
  .string()
  .regex(/^[1-9][0-9]{3} (?!SA|SD|SS)[A-Z]{2}$/, { message: "Moet een Nederlandse postcode zijn, zoals 2511 AB." })
  .meta({ example: "2511 AB" });

export const gemeenteCode = z
  .string()
  .regex(/^GM[0-9]{4}$/, { message: "Moet een CBS-gemeentecode zijn, zoals GM0518." })
  .meta({ example: "GM0518" });

export const regioCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$|^JZ[0-9]{2}$/, { message: "Moet een regiocode zijn." })
  .meta({ example: "haaglanden" });

export const zorgvormCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: "Moet een zorgvormcode zijn, zoals 43 of gezinshuis." })
  .meta({ example: "gezinshuis" });

/** A calendar date that exists (2026-02-30 is refused). */
export const datum = z.iso.date({ message: "Moet een geldige datum zijn (jjjj-mm-dd)." }).meta({ format: "date" });

export const tekst = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: "Mag niet leeg zijn." })
    .max(max, { message: `Mag hoogstens ${max} tekens zijn.` });

export const optioneleTekst = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Mag hoogstens ${max} tekens zijn.` })
    .nullable()
    .optional();

export const timestamp = z.iso.datetime({ offset: true }).meta({ format: "date-time" });

export const MAX_PER_PAGINA = 100;

/** `pagina` and `perPagina` of every list. */
export const pagingVelden = {
  pagina: z.coerce
    .number()
    .int({ message: "Moet een geheel getal zijn." })
    .min(1, { message: "Moet 1 of meer zijn." })
    .max(100_000, { message: "Moet 100000 of minder zijn." })
    .default(1)
    .meta({ description: "Paginanummer, vanaf 1" }),
  perPagina: z.coerce
    .number()
    .int({ message: "Moet een geheel getal zijn." })
    .min(1, { message: "Moet 1 of meer zijn." })
    .max(MAX_PER_PAGINA, { message: `Moet ${MAX_PER_PAGINA} of minder zijn.` })
    .default(20)
    .meta({ description: `Aantal per pagina, hoogstens ${MAX_PER_PAGINA}` }),
};
export const PagingQuery = z.object(pagingVelden);

/** A yes/no query parameter: `true` or `false`. */
export const vlag = z
  .enum(["true", "false"], { message: "Moet true of false zijn." })
  .transform((v) => v === "true")
  .optional();
