import { z } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE } from "./problem.ts";

/** The full semver of the API, sent in `API-Version` on every response (/core/version-header). */
export const API_VERSION = "1.0.0";

const apiVersionHeader = {
  "API-Version": { description: "Volledige versie van de API", schema: { type: "string" as const, example: API_VERSION } },
};
const etagHeader = {
  ETag: { description: "Versie van de resource; stuur terug in If-Match", schema: { type: "string" as const } },
};
const locationHeader = {
  Location: { description: "Adres van de aangemaakte resource", schema: { type: "string" as const } },
};

export const InvalidParamSchema = z
  .object({
    name: z.string().openapi({ example: "vrijePlekken" }),
    code: z.string().openapi({ example: "te-groot" }),
    reason: z.string().openapi({ example: "Mag niet meer zijn dan de capaciteit." }),
  })
  .openapi("InvalidParam");

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "https://plekwijzer.nl/problemen/ongeldige-invoer" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    invalidParams: z.array(InvalidParamSchema).optional(),
  })
  .openapi("Problem");

const problemDescriptions = {
  400: "Ongeldige invoer; invalidParams noemt elk ongeldig gegeven",
  401: "Niet geauthenticeerd",
  403: "Geen toegang",
  404: "Niet gevonden",
  409: "Conflict met de huidige toestand",
  412: "If-Match komt niet overeen met de huidige versie",
  413: "Verzoek te groot",
  415: "Content-Type moet application/json zijn",
  429: "Te veel verzoeken; probeer het na Retry-After seconden opnieuw",
} as const;
export type ProblemStatus = keyof typeof problemDescriptions;

/** The error responses a route can actually return, each as problem+json. */
export function problems<S extends ProblemStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemDescriptions[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  ) as unknown as Record<S, { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }>;
}

/** Error responses of every write with a JSON body. */
export const WRITE_PROBLEMS = [400, 413, 415] as const;

export function ok<T extends z.ZodType>(schema: T, description: string, options: { etag?: boolean } = {}) {
  return {
    description,
    headers: options.etag ? { ...apiVersionHeader, ...etagHeader } : apiVersionHeader,
    content: { "application/json": { schema } },
  };
}

export function created<T extends z.ZodType>(schema: T, description: string) {
  return {
    description,
    headers: { ...apiVersionHeader, ...etagHeader, ...locationHeader },
    content: { "application/json": { schema } },
  };
}

export function noContent(description: string) {
  return { description, headers: apiVersionHeader };
}

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

export const ifMatchHeader = z.object({
  "if-match": z
    .string()
    .max(1000, { message: "Hoogstens 1000 tekens." })
    .optional()
    .openapi({ description: "ETag van de versie waarop de wijziging voortbouwt (If-Match)" }),
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      resultaten: z.array(item),
      totaal: z.number().int(),
      pagina: z.number().int(),
      perPagina: z.number().int(),
    })
    .openapi(name);
}
