import { eq } from "drizzle-orm";
import { z } from "zod";
import { inlogbeleid, organisaties } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { isoTimestamp } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { accountlogStep, andereOrganisatie, beheertOrganisatie, MENSENBEHEER } from "./accountlog.ts";
import { type Deps, useCase } from "./context.ts";

export type InlogbeleidRow = typeof inlogbeleid.$inferSelect;

/** An issuer is https, except on this machine (a test or a local identity provider). */
function veiligAdres(tekst: string): boolean {
  if (!URL.canParse(tekst)) return false;
  const url = new URL(tekst);
  return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
}

export const SsoInput = z
  .strictObject({
    issuer: z
      .url({ message: "Moet een URL zijn." })
      .max(500)
      .refine(veiligAdres, { message: "Moet een https-adres zijn." })
      .meta({ description: "De issuer van de OpenID Connect-provider van de organisatie", example: "https://login.example.nl" }),
    clientId: z.string().trim().min(1, { message: "Mag niet leeg zijn." }).max(200),
    clientSecret: z
      .string()
      .min(1, { message: "Mag niet leeg zijn." })
      .max(500)
      .optional()
      .meta({ description: "Alleen bij instellen of wijzigen; wordt nooit teruggegeven. Weglaten houdt het bestaande geheim." }),
  })
  .meta({ id: "SsoInput" });

export const InlogbeleidInput = z
  .strictObject({
    tweedeFactorVerplicht: z.boolean().meta({
      description: "Een tweede stap (TOTP) voor alle rollen; voor verwijzer en zorgmakelaar is die altijd verplicht",
    }),
    sso: SsoInput.nullable().meta({ description: "Inloggen via de eigen OpenID Connect-provider; null zet het uit" }),
  })
  .meta({ id: "InlogbeleidInput" });
export type InlogbeleidInput = z.output<typeof InlogbeleidInput>;

/** The sign-in policy of an organisation; the default: no SSO, a second factor only where required. */
export async function beleidVan(deps: Deps, organisatieId: string): Promise<InlogbeleidRow> {
  const [row] = await deps.db.orm.select().from(inlogbeleid).where(eq(inlogbeleid.organisatieId, organisatieId));
  return (
    row ?? {
      organisatieId,
      tweedeFactorVerplicht: false,
      ssoIssuer: null,
      ssoClientId: null,
      ssoClientSecret: null,
      gewijzigdOp: "",
    }
  );
}

/** The policy as the API shows it: never the client secret. */
export function toInlogbeleid(row: InlogbeleidRow) {
  return {
    organisatieId: row.organisatieId,
    tweedeFactorVerplicht: row.tweedeFactorVerplicht,
    sso:
      row.ssoIssuer && row.ssoClientId
        ? { issuer: row.ssoIssuer, clientId: row.ssoClientId, clientSecretIngesteld: row.ssoClientSecret !== null }
        : null,
    gewijzigdOp: row.gewijzigdOp || null,
  };
}

async function organisatie(deps: Deps, id: string) {
  const [org] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, id));
  if (!org) throw DomainError.notFound(`Organisatie ${id}`);
  return org;
}

export const getInlogbeleid = useCase(MENSENBEHEER, async ({ deps, actor }, { id }: { id: string }) => {
  if (!beheertOrganisatie(actor, id)) throw DomainError.notFound(`Organisatie ${id}`);
  await organisatie(deps, id);
  return beleidVan(deps, id);
});

/**
 * Sets how an organisation's people sign in: its organisatiebeheerder for its own organisation,
 * the register's beheerder for any. With SSO its people sign in through its own provider and
 * get no sign-in mail; the change is logged in the account log.
 */
export const setInlogbeleid = useCase(
  MENSENBEHEER,
  async ({ deps, actor }, input: InlogbeleidInput & { id: string }): Promise<InlogbeleidRow> => {
    if (!beheertOrganisatie(actor, input.id)) throw andereOrganisatie();
    await organisatie(deps, input.id);
    const oud = await beleidVan(deps, input.id);
    const v = new Violations();
    const geheim = input.sso ? (input.sso.clientSecret ?? (oud.ssoIssuer ? oud.ssoClientSecret : null)) : null;
    if (input.sso && !geheim) v.add("sso.clientSecret", "verplicht", "Geef het client secret van de provider.");
    v.throwIfAny();
    const row: InlogbeleidRow = {
      organisatieId: input.id,
      tweedeFactorVerplicht: input.tweedeFactorVerplicht,
      ssoIssuer: input.sso?.issuer ?? null,
      ssoClientId: input.sso?.clientId ?? null,
      ssoClientSecret: geheim,
      gewijzigdOp: isoTimestamp(deps.clock.now()),
    };
    const samenvatting = (b: Pick<InlogbeleidRow, "tweedeFactorVerplicht" | "ssoIssuer">) =>
      `tweede stap ${b.tweedeFactorVerplicht ? "verplicht" : "waar nodig"}; sso ${b.ssoIssuer ?? "uit"}`;
    await deps.db.atomic([
      {
        query: deps.db.orm
          .insert(inlogbeleid)
          .values(row)
          .onConflictDoUpdate({ target: inlogbeleid.organisatieId, set: { ...row, organisatieId: undefined } }),
      },
      accountlogStep(deps, actor, {
        gebruikerId: null,
        organisatieId: input.id,
        soort: "inlogbeleid-gewijzigd",
        van: oud.gewijzigdOp ? samenvatting(oud) : null,
        naar: samenvatting(row),
      }),
    ]);
    return row;
  },
);
