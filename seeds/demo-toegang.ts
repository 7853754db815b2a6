import { and, eq, isNull } from "drizzle-orm";
import { aanbieders, gebruikers, organisaties, registerGegevens, tokens } from "../db/schema/index.ts";
import { door, systeemActor } from "../src/kern/actor.ts";
import { newId } from "../src/kern/ids.ts";
import { isoTimestamp } from "../src/kern/time.ts";
import type { Rol } from "../src/kern/vocabulary.ts";
import type { Deps } from "../src/services/context.ts";
import { demoEmail, isDemo } from "../src/services/demo.ts";
import { createOrganisatie, createToken, type OrganisatieInput } from "../src/services/toegang.ts";

const DEMO = "demo";
/** The demo is set up by the system, acting as the register's beheerder. */
const SYSTEEM = systeemActor("beheerder");
const DEMO_BEHEER = "Demo Inkooporganisatie Haaglanden";

/** Marks a database as a demo register, at the moment the demo data is loaded into it. */
export async function markeerDemo(deps: Deps): Promise<void> {
  await deps.db.atomic([
    { query: deps.db.orm.insert(registerGegevens).values({ sleutel: "demo", waarde: "ja" }).onConflictDoNothing() },
  ]);
}

const DEMO_NAMEN: Record<Rol, string> = {
  verwijzer: "Demo Verwijzer",
  zorgmakelaar: "Demo Zorgmakelaar",
  beheerder: "Demo Beheerder",
  aanbieder: "Demo Aanbieder",
  organisatiebeheerder: "Demo Organisatiebeheerder",
};

/** The demo person of a role, active at once (no invitation, no second factor: the demo button signs them in). */
async function demoPersoon(deps: Deps, rol: Rol, organisatieId: string): Promise<void> {
  const op = isoTimestamp(deps.clock.now());
  await deps.db.orm
    .insert(gebruikers)
    .values({
      id: newId(),
      naam: DEMO_NAMEN[rol],
      email: demoEmail(rol),
      organisatieId,
      rol,
      status: "actief",
      aangemaaktOp: op,
      gewijzigdOp: op,
      geactiveerdOp: op,
    })
    .onConflictDoNothing();
}

/**
 * Demo organisations with one fresh API token per role, for trying the API out, and one demo
 * person per role for the demo button of the sign-in page (the demo GI also gets an
 * organisatiebeheerder). Earlier demo tokens are revoked: only hashes are stored, so a token can
 * only be shown when it is made. Only for a database marked as a demo when its demo data was
 * loaded: a real register started with DEMO_DATA left on gets neither, whatever its
 * organisations are called.
 */
export async function createDemoToegang(
  deps: Deps,
): Promise<{ rol: Rol; organisatie: string; organisatieId: string; token: string }[]> {
  const { db } = deps;
  if (!(await isDemo(deps))) return [];
  const [eerste] = await db.orm.select().from(aanbieders).orderBy(aanbieders.naam).limit(1);
  const wensen: { rol: Rol; org: OrganisatieInput }[] = [
    { rol: "verwijzer", org: { naam: "Demo Jeugdbescherming Haaglanden", type: "gecertificeerde-instelling" } },
    { rol: "zorgmakelaar", org: { naam: "Demo Serviceteam Jeugd Haaglanden", type: "regio", regios: ["haaglanden"] } },
    { rol: "beheerder", org: { naam: DEMO_BEHEER, type: "regio", regios: ["haaglanden"] } },
  ];
  if (eerste) wensen.push({ rol: "aanbieder", org: { naam: `Demo ${eerste.naam}`, type: "aanbieder", aanbiederId: eerste.id } });

  await db.orm
    .update(tokens)
    .set({ ingetrokkenOp: isoTimestamp(deps.clock.now()) })
    .where(and(eq(tokens.aangemaaktDoor, door(SYSTEEM)), eq(tokens.omschrijving, DEMO), isNull(tokens.ingetrokkenOp)));
  const out = [];
  for (const { rol, org } of wensen) {
    const [bestaand] = await db.orm.select().from(organisaties).where(eq(organisaties.naam, org.naam));
    const ctx = { deps, actor: SYSTEEM };
    const organisatie = bestaand ?? (await createOrganisatie(ctx, org));
    const { token } = await createToken(ctx, { organisatieId: organisatie.id, rol, omschrijving: DEMO });
    await demoPersoon(deps, rol, organisatie.id);
    if (rol === "verwijzer") await demoPersoon(deps, "organisatiebeheerder", organisatie.id);
    out.push({ rol, organisatie: organisatie.naam, organisatieId: organisatie.id, token });
  }
  return out;
}
