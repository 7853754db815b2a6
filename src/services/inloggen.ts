import { and, eq, gt, gte, isNull, sql } from "drizzle-orm";
import { rawWrite } from "../../db/database.ts";
import { eenmaligeCodes, gebruikers, herstelcodes } from "../../db/schema/index.ts";
import { isoTimestamp } from "../kern/time.ts";
import { accountlogStep } from "./accountlog.ts";
import { generateToken, hashToken } from "./authenticatie.ts";
import type { Deps } from "./context.ts";
import { beleidVan } from "./inlogbeleid.ts";
import {
  CODE_MINUTEN,
  gebruikCode,
  gebruiker,
  MAX_MAILS,
  MINUUT,
  mislukt,
  NietMeerGeldig,
  naMail,
  nieuwePoging,
  nu,
  ongeldig,
  over,
  type Poging,
  probeer,
  type Volgende,
  verbruikAanmeldcodes,
  verder,
  vergrendeld,
  zelf,
} from "./inlogpoging.ts";
import { aanmeldBericht } from "./mail.ts";
import { controleerTotp, herstelcodeHash, nieuweAanmeldcode } from "./tweede-factor.ts";

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
