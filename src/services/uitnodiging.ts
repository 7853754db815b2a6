import { and, eq, gt, isNull } from "drizzle-orm";
import type { AtomicStep } from "../../db/database.ts";
import { eenmaligeCodes, gebruikers, organisaties } from "../../db/schema/index.ts";
import { accountlogStep } from "./accountlog.ts";
import { generateToken, hashToken } from "./authenticatie.ts";
import type { Deps } from "./context.ts";
import { beleidVan } from "./inlogbeleid.ts";
import {
  gebruikCode,
  gebruiker,
  MINUUT,
  NietMeerGeldig,
  naMail,
  nu,
  ongeldig,
  over,
  probeer,
  UITNODIGING_UREN,
  type Volgende,
  verder,
  zelf,
} from "./inlogpoging.ts";
import { tweedeFactorVereist } from "./tweede-factor.ts";

/** A new invitation link (72 hours, once) in place of every earlier one; only its hash is kept. */
export async function uitnodigingSteps(deps: Deps, gebruikerId: string): Promise<{ token: string; steps: AtomicStep[] }> {
  const token = generateToken();
  return {
    token,
    steps: [
      {
        query: deps.db.orm
          .update(eenmaligeCodes)
          .set({ gebruiktOp: nu(deps) })
          .where(
            and(
              eq(eenmaligeCodes.gebruikerId, gebruikerId),
              eq(eenmaligeCodes.soort, "uitnodiging"),
              isNull(eenmaligeCodes.gebruiktOp),
            ),
          ),
      },
      {
        query: deps.db.orm.insert(eenmaligeCodes).values({
          hash: await hashToken(token),
          soort: "uitnodiging",
          gebruikerId,
          verlooptOp: over(deps, UITNODIGING_UREN * 60 * MINUUT),
          aangemaaktOp: nu(deps),
        }),
      },
    ],
  };
}

/** Who an invitation link is for, while it still works (the page shows it before the person confirms). */
export async function leesUitnodiging(deps: Deps, token: string) {
  if (token.length > 128) return undefined;
  const [row] = await deps.db.orm
    .select({ g: gebruikers, organisatie: organisaties.naam })
    .from(eenmaligeCodes)
    .innerJoin(gebruikers, eq(gebruikers.id, eenmaligeCodes.gebruikerId))
    .innerJoin(organisaties, eq(organisaties.id, gebruikers.organisatieId))
    .where(
      and(
        eq(eenmaligeCodes.hash, await hashToken(token)),
        eq(eenmaligeCodes.soort, "uitnodiging"),
        isNull(eenmaligeCodes.gebruiktOp),
        gt(eenmaligeCodes.verlooptOp, nu(deps)),
        eq(gebruikers.status, "uitgenodigd"),
      ),
    );
  if (!row) return undefined;
  const beleid = await beleidVan(deps, row.g.organisatieId);
  return {
    naam: row.g.naam,
    email: row.g.email,
    organisatie: row.organisatie,
    tweedeFactor: tweedeFactorVereist(row.g.rol, beleid.tweedeFactorVerplicht),
  };
}

/**
 * Confirms an invitation: the link works once within 72 hours; the account becomes active (and
 * the account log says so), then the second factor is set up where it is required.
 */
export async function bevestigUitnodiging(deps: Deps, token: string): Promise<Volgende> {
  if (token.length > 128) return ongeldig;
  const hash = await hashToken(token);
  const [row] = await deps.db.orm.select().from(eenmaligeCodes).where(eq(eenmaligeCodes.hash, hash));
  const g = await gebruiker(deps, row?.soort === "uitnodiging" ? row.gebruikerId : null);
  if (g?.status !== "uitgenodigd") return ongeldig;
  const op = nu(deps);
  const actief = { ...g, status: "actief" as const, geactiveerdOp: op };
  const gelukt = await probeer(async () =>
    deps.db.atomic([
      gebruikCode(deps, hash, "uitnodiging"),
      {
        query: deps.db.orm
          .update(gebruikers)
          .set({ status: "actief", geactiveerdOp: op, gewijzigdOp: op })
          .where(and(eq(gebruikers.id, g.id), eq(gebruikers.status, "uitgenodigd"))),
        expectChanges: 1,
        onMismatch: () => new NietMeerGeldig(),
      },
      accountlogStep(deps, await zelf(deps, actief), {
        gebruikerId: g.id,
        organisatieId: g.organisatieId,
        soort: "geactiveerd",
        van: "uitgenodigd",
        naar: "actief",
      }),
    ]),
  );
  if (!gelukt) return ongeldig;
  return verder(deps, actief, await naMail(deps, actief));
}
