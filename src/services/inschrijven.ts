import { and, eq } from "drizzle-orm";
import { gebruikers, herstelcodes, inlogpogingen } from "../../db/schema/index.ts";
import { accountlogStep } from "./accountlog.ts";
import type { Deps } from "./context.ts";
import { gebruiker, mislukt, nieuwePoging, nu, ongeldig, type Poging, type Volgende, vergrendeld, zelf } from "./inlogpoging.ts";
import { controleerTotp, herstelcodeHash, inschrijving, nieuweHerstelcodes, nieuwTotpGeheim } from "./tweede-factor.ts";

/** The enrolment screen: a new secret for this attempt (kept until confirmed), as a QR code and as text. */
export async function inschrijfScherm(deps: Deps, poging: Poging) {
  if (poging.stap !== "inschrijven") return undefined;
  const g = await gebruiker(deps, poging.gebruikerId);
  if (g?.status !== "actief") return undefined;
  let geheim = poging.totpKandidaat;
  if (!geheim) {
    geheim = nieuwTotpGeheim();
    await deps.db.orm.update(inlogpogingen).set({ totpKandidaat: geheim }).where(eq(inlogpogingen.hash, poging.hash));
  }
  return { ...(await inschrijving(geheim, g.email)), email: g.email, naam: g.naam };
}

/**
 * Confirms enrolment with a code from the authenticator: the secret becomes the person's,
 * ten recovery codes are made (returned here once, kept as hashes) and the change is logged.
 */
export async function bevestigInschrijving(
  deps: Deps,
  poging: Poging,
  code: string,
): Promise<Volgende & { herstelcodes?: string[] }> {
  if (poging.stap !== "inschrijven" || !poging.totpKandidaat) return ongeldig;
  const g = await gebruiker(deps, poging.gebruikerId);
  if (g?.status !== "actief") return ongeldig;
  const dicht = vergrendeld(deps, g);
  if (dicht) return dicht;
  const totp = controleerTotp(poging.totpKandidaat, code, deps.clock.now(), null);
  if (!totp) return mislukt(deps, g);
  const codes = nieuweHerstelcodes();
  const op = nu(deps);
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(gebruikers)
        .set({ totpGeheim: poging.totpKandidaat, totpStap: totp.stap, totpSinds: op, gewijzigdOp: op })
        .where(and(eq(gebruikers.id, g.id), eq(gebruikers.status, "actief"))),
      expectChanges: 1,
    },
    { query: deps.db.orm.delete(herstelcodes).where(eq(herstelcodes.gebruikerId, g.id)) },
    {
      query: deps.db.orm
        .insert(herstelcodes)
        .values(
          await Promise.all(codes.map(async (c) => ({ hash: await herstelcodeHash(c), gebruikerId: g.id, aangemaaktOp: op }))),
        ),
    },
    accountlogStep(deps, await zelf(deps, g), {
      gebruikerId: g.id,
      organisatieId: g.organisatieId,
      soort: "tweede-factor-ingesteld",
    }),
    { query: deps.db.orm.delete(inlogpogingen).where(eq(inlogpogingen.hash, poging.hash)) },
  ]);
  return { stap: "klaar", gebruikerId: g.id, terug: poging.terug, herstelcodes: codes };
}

/** A signed-in person without a second factor sets one up from their account page. */
export async function startInschrijving(deps: Deps, gebruikerId: string): Promise<string | undefined> {
  const g = await gebruiker(deps, gebruikerId);
  if (g?.status !== "actief" || g.totpGeheim) return undefined;
  return (await nieuwePoging(deps, { stap: "inschrijven", gebruikerId, terug: "/account" })).cookie;
}
