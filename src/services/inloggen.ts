import { and, eq, gt, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { AtomicStep } from "../../db/database.ts";
import { rawWrite } from "../../db/database.ts";
import { eenmaligeCodes, gebruikers, herstelcodes, inlogpogingen, organisaties } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { isoTimestamp } from "../kern/time.ts";
import { accountlogStep } from "./accountlog.ts";
import { generateToken, hashToken } from "./authenticatie.ts";
import type { Deps } from "./context.ts";
import { beleidVan } from "./inlogbeleid.ts";
import { aanmeldBericht } from "./mail.ts";
import { actorVanGebruiker } from "./sessies.ts";
import {
  controleerTotp,
  herstelcodeHash,
  inschrijving,
  nieuweAanmeldcode,
  nieuweHerstelcodes,
  nieuwTotpGeheim,
  tweedeFactorVereist,
} from "./tweede-factor.ts";

/** A sign-in code or link by mail works this long, once. */
export const CODE_MINUTEN = 15;
/** An invitation link works this long, once. */
export const UITNODIGING_UREN = 72;
/** Wrong codes (mail, TOTP or recovery) per person within the window before the person is locked out. */
export const MAX_MISLUKT = 5;
export const VERGRENDEL_MINUTEN = 15;
/** Sign-in mails per person per window: nobody's mailbox is flooded from the sign-in page. */
const MAX_MAILS = 5;
const MINUUT = 60_000;

export type Poging = typeof inlogpogingen.$inferSelect;
type GebruikerRow = typeof gebruikers.$inferSelect;

/** What comes after a step of signing in. */
export type Volgende =
  | { stap: "tweede-factor" | "inschrijven"; cookie?: string }
  | { stap: "klaar"; gebruikerId: string; terug: string | null }
  | { stap: "geweigerd"; reden: "ongeldig" | "vergrendeld"; tot?: string };

const ongeldig: Volgende = { stap: "geweigerd", reden: "ongeldig" };

class NietMeerGeldig extends Error {}

function over(deps: Deps, ms: number): string {
  return isoTimestamp(new Date(deps.clock.now().getTime() + ms));
}
const nu = (deps: Deps) => isoTimestamp(deps.clock.now());

async function gebruiker(deps: Deps, id: string | null): Promise<GebruikerRow | undefined> {
  if (!id) return undefined;
  const [g] = await deps.db.orm.select().from(gebruikers).where(eq(gebruikers.id, id));
  return g;
}

/** The person acting on their own account (an account-log line written while signing in). */
async function zelf(deps: Deps, g: GebruikerRow): Promise<Actor | undefined> {
  const [org] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, g.organisatieId));
  return org ? actorVanGebruiker(g, org) : undefined;
}

function vergrendeld(deps: Deps, g: GebruikerRow): Volgende | undefined {
  return g.vergrendeldTot && g.vergrendeldTot > nu(deps)
    ? { stap: "geweigerd", reden: "vergrendeld", tot: g.vergrendeldTot }
    : undefined;
}

/**
 * Counts a wrong code for the person (one conditional statement, so parallel attempts all
 * count); the fifth within the window locks the person out of signing in for a while.
 */
async function mislukt(deps: Deps, g: GebruikerRow): Promise<Volgende> {
  const grens = isoTimestamp(new Date(deps.clock.now().getTime() - VERGRENDEL_MINUTEN * MINUUT));
  const tot = over(deps, VERGRENDEL_MINUTEN * MINUUT);
  const nieuw = sql`CASE WHEN mislukt_vanaf IS NULL OR mislukt_vanaf <= ${grens} THEN 1 ELSE mislukt_aantal + 1 END`;
  await deps.db.atomic([
    {
      query: rawWrite(sql`UPDATE gebruikers SET
        mislukt_aantal = ${nieuw},
        mislukt_vanaf = CASE WHEN mislukt_vanaf IS NULL OR mislukt_vanaf <= ${grens} THEN ${nu(deps)} ELSE mislukt_vanaf END,
        vergrendeld_tot = CASE WHEN ${nieuw} >= ${MAX_MISLUKT} THEN ${tot} ELSE vergrendeld_tot END
        WHERE id = ${g.id}`),
    },
  ]);
  const na = await gebruiker(deps, g.id);
  return (na && vergrendeld(deps, na)) ?? ongeldig;
}

export async function nieuwePoging(
  deps: Deps,
  waarden: Partial<Poging> & Pick<Poging, "stap" | "gebruikerId">,
): Promise<{ cookie: string; poging: Poging }> {
  const cookie = generateToken();
  const poging: Poging = {
    hash: await hashToken(cookie),
    csrf: generateToken(),
    totpKandidaat: null,
    ssoOrganisatieId: null,
    ssoState: null,
    ssoNonce: null,
    ssoVerifier: null,
    terug: null,
    aangemaaktOp: nu(deps),
    verlooptOp: over(deps, CODE_MINUTEN * MINUUT),
    ...waarden,
  };
  await deps.db.atomic([
    // A good moment to drop attempts that ran out; nothing else needs them.
    { query: deps.db.orm.delete(inlogpogingen).where(lte(inlogpogingen.verlooptOp, nu(deps))) },
    { query: deps.db.orm.insert(inlogpogingen).values(poging) },
  ]);
  return { cookie, poging };
}

/** The sign-in in progress behind a cookie, while it lasts. */
export async function leesPoging(deps: Deps, cookie: string | undefined): Promise<Poging | undefined> {
  if (!cookie || cookie.length > 128) return undefined;
  const [p] = await deps.db.orm
    .select()
    .from(inlogpogingen)
    .where(and(eq(inlogpogingen.hash, await hashToken(cookie)), gt(inlogpogingen.verlooptOp, nu(deps))));
  return p;
}

/** After the person proved their mailbox (a code, a link, an invitation): the second factor, enrolment, or done. */
export async function naMail(deps: Deps, g: GebruikerRow): Promise<"tweede-factor" | "inschrijven" | "klaar"> {
  if (g.totpGeheim) return "tweede-factor";
  const beleid = await beleidVan(deps, g.organisatieId);
  return tweedeFactorVereist(g.rol, beleid.tweedeFactorVerplicht) ? "inschrijven" : "klaar";
}

/** Moves an attempt on to its next step, or answers that the person is done. */
export async function verder(
  deps: Deps,
  g: GebruikerRow,
  stap: "tweede-factor" | "inschrijven" | "klaar",
  poging?: Poging,
  terug: string | null = poging?.terug ?? null,
): Promise<Volgende> {
  if (stap === "klaar") return { stap, gebruikerId: g.id, terug };
  if (poging) {
    await deps.db.orm
      .update(inlogpogingen)
      .set({ stap, gebruikerId: g.id, verlooptOp: over(deps, CODE_MINUTEN * MINUUT) })
      .where(eq(inlogpogingen.hash, poging.hash));
    return { stap };
  }
  const { cookie } = await nieuwePoging(deps, { stap, gebruikerId: g.id, terug });
  return { stap, cookie };
}

/** Every unused sign-in code and link of the person is spent: one of them was just used. */
function verbruikAanmeldcodes(deps: Deps, gebruikerId: string): AtomicStep {
  return {
    query: deps.db.orm
      .update(eenmaligeCodes)
      .set({ gebruiktOp: nu(deps) })
      .where(
        and(
          eq(eenmaligeCodes.gebruikerId, gebruikerId),
          inArray(eenmaligeCodes.soort, ["aanmeldlink", "aanmeldcode"]),
          isNull(eenmaligeCodes.gebruiktOp),
        ),
      ),
  };
}

/** Uses one code: only if it exists, is of this kind, unused and not expired (one statement, so only once). */
function gebruikCode(
  deps: Deps,
  hash: string,
  soort: (typeof eenmaligeCodes.$inferSelect)["soort"],
  gebruikerId?: string,
): AtomicStep {
  return {
    query: deps.db.orm
      .update(eenmaligeCodes)
      .set({ gebruiktOp: nu(deps) })
      .where(
        and(
          eq(eenmaligeCodes.hash, hash),
          eq(eenmaligeCodes.soort, soort),
          gebruikerId ? eq(eenmaligeCodes.gebruikerId, gebruikerId) : undefined,
          isNull(eenmaligeCodes.gebruiktOp),
          gt(eenmaligeCodes.verlooptOp, nu(deps)),
        ),
      ),
    expectChanges: 1,
    onMismatch: () => new NietMeerGeldig(),
  };
}

async function probeer(steps: () => Promise<unknown>): Promise<boolean> {
  try {
    await steps();
    return true;
  } catch (error) {
    if (error instanceof NietMeerGeldig) return false;
    throw error;
  }
}

/**
 * Step one: an e-mail address. Always answers the same, so the page reveals nobody's address.
 * An active person (not locked out, not signing in through their organisation's SSO) gets a
 * mail with a code for this browser and a link, both valid 15 minutes, once; only hashes are
 * kept, the code's bound to this attempt.
 */
export async function vraagAanmeldmail(
  deps: Deps,
  { email, terug }: { email: string; terug?: string | null },
): Promise<{ cookie: string; poging: Poging }> {
  const adres = email.trim().toLowerCase();
  const [g] = await deps.db.orm.select().from(gebruikers).where(eq(gebruikers.email, adres));
  const actief = g && g.status === "actief" && !vergrendeld(deps, g) ? g : undefined;
  const { cookie, poging } = await nieuwePoging(deps, { stap: "code", gebruikerId: actief?.id ?? null, terug: terug ?? null });
  if (!actief) return { cookie, poging };
  const beleid = await beleidVan(deps, actief.organisatieId);
  if (beleid.ssoIssuer) return { cookie, poging };
  const venster = isoTimestamp(new Date(deps.clock.now().getTime() - CODE_MINUTEN * MINUUT));
  const recent = await deps.db.orm
    .select({ hash: eenmaligeCodes.hash })
    .from(eenmaligeCodes)
    .where(
      and(
        eq(eenmaligeCodes.gebruikerId, actief.id),
        eq(eenmaligeCodes.soort, "aanmeldlink"),
        gte(eenmaligeCodes.aangemaaktOp, venster),
      ),
    );
  if (recent.length >= MAX_MAILS || !deps.mail) {
    console.warn(deps.mail ? "Sign-in mail not sent: too many for one person" : "Sign-in mail not sent: no mail configured");
    return { cookie, poging };
  }
  const link = generateToken();
  const code = nieuweAanmeldcode();
  const verloopt = over(deps, CODE_MINUTEN * MINUUT);
  await deps.db.atomic([
    verbruikAanmeldcodes(deps, actief.id),
    {
      query: deps.db.orm.insert(eenmaligeCodes).values([
        {
          hash: await hashToken(link),
          soort: "aanmeldlink",
          gebruikerId: actief.id,
          verlooptOp: verloopt,
          aangemaaktOp: nu(deps),
        },
        {
          hash: await hashToken(`code:${poging.hash}:${code}`),
          soort: "aanmeldcode",
          gebruikerId: actief.id,
          verlooptOp: verloopt,
          aangemaaktOp: nu(deps),
        },
      ]),
    },
  ]);
  try {
    await deps.mail.mailer.verstuur(
      aanmeldBericht({
        aan: actief.email,
        naam: actief.naam,
        code: `${code.slice(0, 4)} ${code.slice(4)}`,
        link: `${deps.mail.publiekeUrl}/inloggen/link/${link}`,
        minuten: CODE_MINUTEN,
      }),
    );
  } catch (error) {
    // Never the code or the link in a log line.
    console.error(`Sign-in mail not sent: ${(error as Error).message}`);
  }
  return { cookie, poging };
}

/** Step two in the same browser: the code from the mail. A wrong code counts against the person. */
export async function bevestigCode(deps: Deps, poging: Poging, code: string): Promise<Volgende> {
  if (poging.stap !== "code") return ongeldig;
  const g = await gebruiker(deps, poging.gebruikerId);
  if (g?.status !== "actief") return ongeldig;
  const dicht = vergrendeld(deps, g);
  if (dicht) return dicht;
  const hash = await hashToken(`code:${poging.hash}:${code.replace(/\s/g, "")}`);
  const gelukt = await probeer(() =>
    deps.db.atomic([gebruikCode(deps, hash, "aanmeldcode", g.id), verbruikAanmeldcodes(deps, g.id)]),
  );
  if (!gelukt) return mislukt(deps, g);
  return verder(deps, g, await naMail(deps, g), poging);
}

/** Whether a sign-in link still works (the page asks for a click before it is used: mail scanners open links). */
export async function linkGeldig(deps: Deps, token: string): Promise<boolean> {
  if (token.length > 128) return false;
  const [row] = await deps.db.orm
    .select({ hash: eenmaligeCodes.hash })
    .from(eenmaligeCodes)
    .where(
      and(
        eq(eenmaligeCodes.hash, await hashToken(token)),
        eq(eenmaligeCodes.soort, "aanmeldlink"),
        isNull(eenmaligeCodes.gebruiktOp),
        gt(eenmaligeCodes.verlooptOp, nu(deps)),
      ),
    );
  return row !== undefined;
}

/** Step two from the mail: the link, in any browser; it works once, within 15 minutes. */
export async function bevestigLink(deps: Deps, token: string, terug?: string | null): Promise<Volgende> {
  if (token.length > 128) return ongeldig;
  const hash = await hashToken(token);
  const [row] = await deps.db.orm.select().from(eenmaligeCodes).where(eq(eenmaligeCodes.hash, hash));
  if (row?.soort !== "aanmeldlink") return ongeldig;
  const g = await gebruiker(deps, row.gebruikerId);
  if (g?.status !== "actief") return ongeldig;
  const dicht = vergrendeld(deps, g);
  if (dicht) return dicht;
  if (!(await probeer(() => deps.db.atomic([gebruikCode(deps, hash, "aanmeldlink"), verbruikAanmeldcodes(deps, g.id)])))) {
    return ongeldig;
  }
  return verder(deps, g, await naMail(deps, g), undefined, terug ?? null);
}

/**
 * The second factor: a TOTP code (each time step accepted once) or one of the recovery codes
 * (each usable once, and its use is logged). A wrong one counts against the person.
 */
export async function bevestigTweedeFactor(deps: Deps, poging: Poging, code: string): Promise<Volgende> {
  if (poging.stap !== "tweede-factor") return ongeldig;
  const g = await gebruiker(deps, poging.gebruikerId);
  if (g?.status !== "actief" || !g.totpGeheim) return ongeldig;
  const dicht = vergrendeld(deps, g);
  if (dicht) return dicht;
  const totp = controleerTotp(g.totpGeheim, code, deps.clock.now(), g.totpStap);
  let gelukt = false;
  if (totp) {
    gelukt = await probeer(() =>
      deps.db.atomic([
        {
          query: rawWrite(
            sql`UPDATE gebruikers SET totp_stap = ${totp.stap} WHERE id = ${g.id} AND (totp_stap IS NULL OR totp_stap < ${totp.stap})`,
          ),
          expectChanges: 1,
          onMismatch: () => new NietMeerGeldig(),
        },
      ]),
    );
  } else if (/[a-z]/i.test(code) && code.length <= 40) {
    const hash = await herstelcodeHash(code);
    gelukt = await probeer(async () =>
      deps.db.atomic([
        {
          query: deps.db.orm
            .update(herstelcodes)
            .set({ gebruiktOp: nu(deps) })
            .where(and(eq(herstelcodes.hash, hash), eq(herstelcodes.gebruikerId, g.id), isNull(herstelcodes.gebruiktOp))),
          expectChanges: 1,
          onMismatch: () => new NietMeerGeldig(),
        },
        accountlogStep(deps, await zelf(deps, g), {
          gebruikerId: g.id,
          organisatieId: g.organisatieId,
          soort: "herstelcode-gebruikt",
        }),
      ]),
    );
  }
  if (!gelukt) return mislukt(deps, g);
  return { stap: "klaar", gebruikerId: g.id, terug: poging.terug };
}

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
