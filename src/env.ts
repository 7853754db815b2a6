import { z } from "zod";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** The whole configuration of the Node entry; parsed once, at start-up. */
export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1).default("./data/plekwijzer.db"),
    DEMO_DATA: flag.default(true),
    /** Seed of the demo data generator: the same seed gives the same register. */
    DEMO_SEED: z.coerce.number().int().default(20261127),
    PLEKWIJZER_ADMIN_TOKEN: z.string().min(32, "PLEKWIJZER_ADMIN_TOKEN must be at least 32 characters").optional(),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    /** Read-only offer search without a token (never cases). */
    PUBLIEK_ZOEKEN: flag.default(false),
    /** Every region publishes its aggregate, anonymous overview (/open, GET /v1/open/overzicht); else per region. */
    PUBLIEK_OVERZICHT: flag.default(false),
    /** Browser origins allowed to call the API, comma-separated (CORS). */
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((o) => new URL(o).origin))),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
    TRUST_PROXY: flag.default(false),
    RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_PER_ADRES: z.coerce.number().int().min(1).default(1200),
    MAX_MISLUKTE_AANMELDINGEN: z.coerce.number().int().min(1).default(20),
    /** Mail for invitations and sign-in codes: smtp://user:pass@host:587 or smtps://…:465. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The sender of that mail, e.g. `Plekwijzer <noreply@plekwijzer.example.nl>`. */
    MAIL_VAN: z.string().min(3).default("Plekwijzer <noreply@plekwijzer.invalid>"),
    /** The address people reach the register on: links in mail and the SSO redirect URI point here. */
    PUBLIEKE_URL: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
    /**
     * The national Locatieserver (PDOK) for postcodes in "in de buurt van", e.g.
     * https://api.pdok.nl/bzk/locatieserver/search/v3_1; without it a postcode counts as its municipality.
     */
    GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Meilisearch, when a region outgrows the embedded search: both or neither. */
    MEILI_URL: z.url().optional(),
    MEILI_MASTER_KEY: z.string().min(16).optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/)
      .default("aanbod"),
  })
  .refine((env) => (env.MEILI_URL === undefined) === (env.MEILI_MASTER_KEY === undefined), {
    path: ["MEILI_MASTER_KEY"],
    message: "Set MEILI_URL and MEILI_MASTER_KEY together",
  });
export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function readEnv(): Env {
  return parseEnv(process.env);
}
