import { and, eq, isNotNull, isNull } from "drizzle-orm";
import * as oidc from "openid-client";
import { eenmaligeCodes, gebruikers, inlogbeleid, inlogpogingen, organisaties } from "../../db/schema/index.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import { isoTimestamp } from "../kern/time.ts";
import { accountlogStep } from "./accountlog.ts";
import type { Deps } from "./context.ts";
import { beleidVan, type InlogbeleidRow } from "./inlogbeleid.ts";
import { nieuwePoging, type Poging, type Volgende, verder } from "./inlogpoging.ts";
import { actorVanGebruiker } from "./sessies.ts";
import { tweedeFactorVereist } from "./tweede-factor.ts";

/** Where the organisation's provider sends the browser back to (registered there as the redirect URI). */
export const SSO_TERUG = "/inloggen/sso/terug";
/** Provider metadata is fetched again after this long (keys rotate). */
const CACHE_MS = 10 * 60_000;
/** An identity provider that asserts one of these in `amr` did a second factor itself (RFC 8176). */
const MFA_AMR = ["mfa", "otp", "hwk", "swk", "sc", "fpt", "face"];

const cache = new Map<string, { config: Promise<oidc.Configuration>; tot: number }>();

function configuratie(beleid: InlogbeleidRow): Promise<oidc.Configuration> {
  const { ssoIssuer: issuer, ssoClientId: clientId, ssoClientSecret: secret } = beleid;
  if (!issuer || !clientId || !secret) throw new Error("no SSO configured");
  const sleutel = JSON.stringify([issuer, clientId, secret]);
  const hit = cache.get(sleutel);
  if (hit && hit.tot > Date.now()) return hit.config;
  const url = new URL(issuer);
  // Only a provider on this machine (a test, a local development provider) may speak plain HTTP.
  const lokaal = url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  const config = oidc.discovery(url, clientId, secret, undefined, lokaal ? { execute: [oidc.allowInsecureRequests] } : undefined);
  cache.set(sleutel, { config, tot: Date.now() + CACHE_MS });
  config.catch(() => cache.delete(sleutel));
  return config;
}

function nietBereikbaar(error: unknown): DomainError {
  console.error(`SSO provider unavailable: ${(error as Error).message}`);
  return new DomainError(
    ErrorCode.badRequest,
    "De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw.",
  );
}

/** The organisations whose people sign in through their own provider (the sign-in page lists them). */
export async function ssoOrganisaties(deps: Deps): Promise<{ id: string; naam: string }[]> {
  return deps.db.orm
    .select({ id: organisaties.id, naam: organisaties.naam })
    .from(inlogbeleid)
    .innerJoin(organisaties, eq(organisaties.id, inlogbeleid.organisatieId))
    .where(and(isNotNull(inlogbeleid.ssoIssuer), isNotNull(inlogbeleid.ssoClientId)))
    .orderBy(organisaties.naam);
}

/**
 * Starts signing in through an organisation's OpenID Connect provider: the authorization code
 * flow with PKCE (S256), a state and a nonce, all kept server-side with this browser's attempt.
 */
export async function startSso(
  deps: Deps,
  organisatieId: string,
  terug: string | null,
): Promise<{ cookie: string; url: string } | undefined> {
  const beleid = await beleidVan(deps, organisatieId);
  if (!beleid.ssoIssuer || !deps.mail) return undefined;
  let config: oidc.Configuration;
  try {
    config = await configuratie(beleid);
  } catch (error) {
    throw nietBereikbaar(error);
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${deps.mail.publiekeUrl}${SSO_TERUG}`,
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const { cookie } = await nieuwePoging(deps, {
    stap: "sso",
    gebruikerId: null,
    ssoOrganisatieId: organisatieId,
    ssoState: state,
    ssoNonce: nonce,
    ssoVerifier: verifier,
    terug,
  });
  return { cookie, url: url.href };
}

export type SsoUitkomst = Volgende | { stap: "geweigerd"; reden: "sso" | "onbekend"; melding: string };

/**
 * The provider's answer: checked by openid-client (issuer, state, PKCE, nonce, the ID token's
 * signature and audience), then the person is found by the verified e-mail address within the
 * organisation. Nobody is created here: the person must have been invited. A case-data role
 * still needs a second factor here unless the provider says it did one (amr).
 */
export async function voltooiSso(deps: Deps, poging: Poging, parameters: URLSearchParams): Promise<SsoUitkomst> {
  // The attempt is used once, whatever the answer.
  await deps.db.orm.delete(inlogpogingen).where(eq(inlogpogingen.hash, poging.hash));
  if (poging.stap !== "sso" || !poging.ssoOrganisatieId || !deps.mail) {
    return { stap: "geweigerd", reden: "sso", melding: "Deze inlogpoging is verlopen of al gebruikt." };
  }
  const beleid = await beleidVan(deps, poging.ssoOrganisatieId);
  if (!beleid.ssoIssuer)
    return { stap: "geweigerd", reden: "sso", melding: "Uw organisatie logt niet (meer) in via een eigen dienst." };
  const terugUrl = `${deps.mail.publiekeUrl}${SSO_TERUG}`;
  let email: unknown;
  let geverifieerd: unknown;
  let amr: unknown;
  try {
    const config = await configuratie(beleid);
    const tokens = await oidc.authorizationCodeGrant(
      config,
      new URL(`${terugUrl}?${parameters.toString()}`),
      {
        pkceCodeVerifier: poging.ssoVerifier ?? "",
        expectedState: poging.ssoState ?? "",
        expectedNonce: poging.ssoNonce ?? "",
        idTokenExpected: true,
      },
      { redirect_uri: terugUrl },
    );
    const claims = tokens.claims();
    if (!claims) throw new Error("no ID token");
    ({ email, email_verified: geverifieerd, amr } = claims);
    if (typeof email !== "string") {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      ({ email, email_verified: geverifieerd } = info);
    }
  } catch (error) {
    const oorzaak = (error as { cause?: { message?: string } }).cause?.message;
    console.warn(`SSO sign-in refused: ${(error as Error).message}${oorzaak ? ` (${oorzaak})` : ""}`);
    return {
      stap: "geweigerd",
      reden: "sso",
      melding: "Het antwoord van de inlogdienst van uw organisatie klopte niet. Er is niemand ingelogd; probeer het opnieuw.",
    };
  }
  if (typeof email !== "string" || geverifieerd !== true) {
    return { stap: "geweigerd", reden: "sso", melding: "De inlogdienst gaf geen bevestigd e-mailadres door." };
  }
  const [g] = await deps.db.orm
    .select()
    .from(gebruikers)
    .where(and(eq(gebruikers.email, email.toLowerCase()), eq(gebruikers.organisatieId, poging.ssoOrganisatieId)));
  if (g?.status === "uitgenodigd") {
    // The organisation vouches for the person: signing in through it confirms the invitation.
    const op = isoTimestamp(deps.clock.now());
    const [org] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, g.organisatieId));
    await deps.db.atomic([
      {
        query: deps.db.orm
          .update(gebruikers)
          .set({ status: "actief", geactiveerdOp: op, gewijzigdOp: op })
          .where(and(eq(gebruikers.id, g.id), eq(gebruikers.status, "uitgenodigd"))),
      },
      {
        query: deps.db.orm
          .update(eenmaligeCodes)
          .set({ gebruiktOp: op })
          .where(and(eq(eenmaligeCodes.gebruikerId, g.id), isNull(eenmaligeCodes.gebruiktOp))),
      },
      accountlogStep(deps, org ? actorVanGebruiker(g, org) : undefined, {
        gebruikerId: g.id,
        organisatieId: g.organisatieId,
        soort: "geactiveerd",
        van: "uitgenodigd",
        naar: "actief (via de eigen organisatie)",
      }),
    ]);
    g.status = "actief";
  }
  if (g?.status !== "actief") {
    return {
      stap: "geweigerd",
      reden: "onbekend",
      melding:
        "U heeft (nog) geen actief account in Plekwijzer bij deze organisatie. Vraag de beheerder van uw organisatie om een uitnodiging.",
    };
  }
  const mfa = Array.isArray(amr) && amr.some((m) => MFA_AMR.includes(String(m)));
  const stap =
    tweedeFactorVereist(g.rol, beleid.tweedeFactorVerplicht) && !mfa ? (g.totpGeheim ? "tweede-factor" : "inschrijven") : "klaar";
  return verder(deps, g, stap, undefined, poging.terug);
}
