import type { Context } from "hono";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { isoDate } from "../../kern/time.ts";
import { listAanbieders } from "../../services/aanbieders.ts";
import { confirmAanmelding, IntrekkingInput, withdrawAanmelding } from "../../services/aanmelding-antwoorden.ts";
import { type AanmeldingView, getAanmelding, listAanmeldingen } from "../../services/aanmeldingen.ts";
import { type Casus, type CasusDossier, getCasus, getCasusDossier } from "../../services/casussen.ts";
import { readGemeenten, readZorgvormen } from "../../services/catalogus.ts";
import { createEscalatie, EscalatieInput, type EscalatieStapBeeld, listEscalaties } from "../../services/escalaties.ts";
import { Csrf, Foutsamenvatting, Knop, Link, Melding, type Optie, Tekstvak } from "../components.tsx";
import { datum } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import { aanbodVan } from "./casus-delen.tsx";

/**
 * What a case page shows and the actions it offers to the referrer and the broker alike:
 * confirming an acceptance and withdrawing a referral (each asks once, on a page of its own,
 * so it works without JavaScript) and recording an escalation step.
 */

/** Names to show for codes: care types and municipalities. */
export interface Namen {
  zorgvorm: Map<string, string>;
  gemeente: Map<string, string>;
}

export interface CasusBeeld {
  casus: Casus;
  dossier: CasusDossier;
  aanmeldingen: AanmeldingView[];
  escalaties: EscalatieStapBeeld[];
  /** Providers to name in an A2 step. */
  aanbieders: Optie[];
  namen: Namen;
  vandaag: string;
}

const ALLE_AANBIEDERS = { pagina: 1, perPagina: 100_000 } as const;
/** More referrals of one case than this is not a referral any more; the page shows the first. */
const MAX_AANMELDINGEN = 100;

export async function namenVoor(deps: UiDeps, gemeenteCodes: readonly string[]): Promise<Namen> {
  const [zorgvormen, gemeenten] = await Promise.all([readZorgvormen(deps.services), readGemeenten(deps.services)]);
  const codes = new Set(gemeenteCodes);
  return {
    zorgvorm: new Map(zorgvormen.map((z) => [z.code, z.naam])),
    gemeente: new Map(gemeenten.filter((g) => codes.has(g.code)).map((g) => [g.code, g.naam])),
  };
}

/** Everything a case page shows; 404 outside the caller's scope. Logged before the read, so a refusal leaves its row too. */
export async function laadCasus(c: Context<AppEnv>, deps: UiDeps, actie: "lezen" | "wijzigen"): Promise<CasusBeeld> {
  markeerToegang(c, actie);
  const ctx = ctxOf(c, deps.services);
  const id = c.req.param("id") ?? "";
  const dossier = await getCasusDossier(ctx, { id });
  const [casus, aanmeldingen, escalaties, aanbieders] = await Promise.all([
    getCasus(ctx, { id }),
    listAanmeldingen(ctx, { casusId: id, pagina: 1, perPagina: MAX_AANMELDINGEN }),
    listEscalaties(ctx, { id }),
    listAanbieders(ctx, ALLE_AANBIEDERS),
  ]);
  return {
    casus,
    dossier,
    aanmeldingen: aanmeldingen.resultaten,
    escalaties,
    aanbieders: aanbieders.resultaten.map((a) => ({ waarde: a.id, tekst: a.naam })),
    namen: await namenVoor(deps, [casus.woongemeente]),
    vandaag: isoDate(deps.services.clock.now()),
  };
}

/** The forms of a case page that a post refused, shown again with what was typed. */
export interface CasusFormulieren {
  escalatie?: Formulier;
  prioriteit?: Formulier;
}

export interface CasusActiesOpties {
  /** The route pattern of the case page inside its section: `/:id` or `/casus/:id`. */
  patroon: string;
  /** The address of the case page. */
  pad: (id: string) => string;
  /** Renders the case page, with a refused form. */
  toon: (
    c: Context<AppEnv>,
    beeld: CasusBeeld,
    formulieren: CasusFormulieren,
    status: 200 | 400 | 409,
  ) => Response | Promise<Response>;
}

/** One of the case's referrals, else "not found" (another case's referral is not revealed here). */
async function aanmeldingVanCasus(c: Context<AppEnv>, deps: UiDeps): Promise<AanmeldingView> {
  const a = await getAanmelding(ctxOf(c, deps.services), { id: c.req.param("aid") ?? "" });
  if (a.casusId !== c.req.param("id")) throw DomainError.notFound(`Aanmelding ${c.req.param("aid")}`);
  return a;
}

function Terug({ href }: { href: string }) {
  return (
    <p class="utrecht-paragraph">
      <Link href={href}>Terug naar de casus</Link>
    </p>
  );
}

const INTREK_LABELS = { reden: "Reden van intrekken" };

/** The page that asks once before a referral is withdrawn: the reason is required. */
async function intrekPagina(
  c: Context<AppEnv>,
  deps: UiDeps,
  o: CasusActiesOpties,
  a: AanmeldingView,
  formulier: Formulier,
  status: 200 | 400 | 409 = 200,
) {
  const casus = await getCasus(ctxOf(c, deps.services), { id: a.casusId ?? "" });
  const terug = o.pad(casus.id);
  return pagina(
    c,
    {
      titel: "Aanmelding intrekken",
      actief: terug.startsWith("/wachtlijst") ? "/wachtlijst" : "/mijn-casussen",
      children: (
        <>
          <Terug href={terug} />
          <p class="utrecht-paragraph">
            U trekt de aanmelding van casus {casus.referentie} bij {aanbodVan(a)} in.
            {a.reserveringId ? " De vastgehouden plek komt weer vrij." : ""} De aanbieder ziet dat de aanmelding is ingetrokken,
            met de reden. Dit kunt u niet ongedaan maken; wilt u later toch weer aanmelden, dan verstuurt u een nieuwe aanmelding.
          </p>
          <Foutsamenvatting formulier={formulier} labels={INTREK_LABELS} />
          <form method="post" action={`${terug}/aanmeldingen/${a.id}/intrekking`} class="pw-formulier" novalidate>
            <Csrf token={csrfVan(c)} />
            <Tekstvak
              naam="reden"
              label={INTREK_LABELS.reden}
              verplicht
              regels={3}
              beschrijving="Hoogstens 500 tekens. Schrijf geen namen of andere gegevens waarmee de jeugdige te herkennen is."
              formulier={formulier}
            />
            <div class="pw-acties">
              <Knop>Aanmelding intrekken</Knop>
              <Link href={terug}>Annuleren</Link>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

/** The page that asks once before an acceptance is confirmed: the case's other referrals are withdrawn. */
async function bevestigPagina(c: Context<AppEnv>, deps: UiDeps, o: CasusActiesOpties, a: AanmeldingView, melding?: string) {
  const ctx = ctxOf(c, deps.services);
  const casus = await getCasus(ctx, { id: a.casusId ?? "" });
  const { resultaten } = await listAanmeldingen(ctx, { casusId: casus.id, pagina: 1, perPagina: MAX_AANMELDINGEN });
  const anderen = resultaten.filter((x) => x.id !== a.id && (x.status === "verzonden" || x.status === "geaccepteerd"));
  const terug = o.pad(casus.id);
  return pagina(
    c,
    {
      titel: "Acceptatie bevestigen",
      actief: terug.startsWith("/wachtlijst") ? "/wachtlijst" : "/mijn-casussen",
      children: (
        <>
          <Terug href={terug} />
          {melding ? (
            <Melding soort="error">
              <p class="utrecht-paragraph">{melding}</p>
            </Melding>
          ) : null}
          <p class="utrecht-paragraph">
            {aanbodVan(a)} heeft de aanmelding van casus {casus.referentie} geaccepteerd
            {a.verwachteStartdatum ? `, met verwachte start op ${datum(a.verwachteStartdatum)}` : ""}. U bevestigt dat de jeugdige
            daar de hulp krijgt.
          </p>
          {anderen.length > 0 ? (
            <>
              <p class="utrecht-paragraph">
                Daarmee worden {anderen.length === 1 ? "deze andere aanmelding" : `deze ${anderen.length} andere aanmeldingen`}{" "}
                ingetrokken, en komen vastgehouden plekken daar weer vrij:
              </p>
              <ul class="utrecht-unordered-list">
                {anderen.map((x) => (
                  <li class="utrecht-unordered-list__item">{aanbodVan(x)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p class="utrecht-paragraph">Er lopen geen andere aanmeldingen voor deze casus.</p>
          )}
          <p class="utrecht-paragraph">Dit kunt u niet ongedaan maken. De klok van de norm stopt pas als de hulp start.</p>
          <form method="post" action={`${terug}/aanmeldingen/${a.id}/bevestiging`}>
            <Csrf token={csrfVan(c)} />
            <div class="pw-acties">
              <Knop>Ja, acceptatie bevestigen</Knop>
              <Link href={terug}>Annuleren</Link>
            </div>
          </form>
        </>
      ),
    },
    melding ? 409 : 200,
  );
}

/** The escalation form's fields as the API's schema takes them: an empty field is not given. */
function escalatieInvoer(waarden: Waarden): Waarden {
  const invoer: Waarden = {};
  for (const veld of ["stap", "datum", "uitkomst", "aanbiederId", "besluitdatum"]) {
    const waarde = waarden[veld] ?? "";
    if (waarde.trim() !== "") invoer[veld] = waarde;
  }
  return invoer;
}

/** Registers the shared actions of a case page in its section. */
export function casusActies(s: Sectie, deps: UiDeps, o: CasusActiesOpties): void {
  const p = o.patroon;

  s.get(`${p}/aanmeldingen/:aid/bevestigen`, async (c) => {
    markeerToegang(c, "lezen");
    const a = await aanmeldingVanCasus(c, deps);
    if (a.status !== "geaccepteerd" || a.bevestigdOp) return c.redirect(o.pad(a.casusId ?? ""), 303);
    return bevestigPagina(c, deps, o, a);
  });

  s.post(`${p}/aanmeldingen/:aid/bevestiging`, async (c) => {
    markeerToegang(c, "wijzigen");
    const a = await aanmeldingVanCasus(c, deps);
    try {
      await confirmAanmelding(ctxOf(c, deps.services), { id: a.id });
    } catch (error) {
      if (!isDomainError(error, ErrorCode.conflict)) throw error;
      return bevestigPagina(c, deps, o, a, formulierUitFout(error, {}).melding);
    }
    return c.redirect(`${o.pad(a.casusId ?? "")}?melding=bevestigd`, 303);
  });

  s.get(`${p}/aanmeldingen/:aid/intrekken`, async (c) => {
    markeerToegang(c, "lezen");
    const a = await aanmeldingVanCasus(c, deps);
    if (a.status !== "verzonden" && a.status !== "geaccepteerd") return c.redirect(o.pad(a.casusId ?? ""), 303);
    return intrekPagina(c, deps, o, a, LEEG_FORMULIER);
  });

  s.post(`${p}/aanmeldingen/:aid/intrekking`, async (c) => {
    markeerToegang(c, "wijzigen");
    const a = await aanmeldingVanCasus(c, deps);
    const waarden = await leesFormulier(c);
    const v = valideer(IntrekkingInput, { reden: waarden.reden ?? "" });
    if (!v.ok) return intrekPagina(c, deps, o, a, { ...v.formulier, waarden }, 400);
    try {
      await withdrawAanmelding(ctxOf(c, deps.services), { id: a.id, intrekking: v.data });
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const status = isDomainError(error, ErrorCode.conflict) ? 409 : 400;
      return intrekPagina(c, deps, o, a, formulierUitFout(error, waarden), status);
    }
    return c.redirect(`${o.pad(a.casusId ?? "")}?melding=ingetrokken`, 303);
  });

  s.post(`${p}/escalaties`, async (c) => {
    const beeld = await laadCasus(c, deps, "wijzigen");
    const waarden = await leesFormulier(c);
    const v = valideer(EscalatieInput, escalatieInvoer(waarden));
    if (!v.ok) return o.toon(c, beeld, { escalatie: { ...v.formulier, waarden } }, 400);
    try {
      await createEscalatie(ctxOf(c, deps.services), { id: beeld.casus.id, escalatie: v.data });
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const status = isDomainError(error, ErrorCode.conflict) ? 409 : 400;
      return o.toon(c, beeld, { escalatie: formulierUitFout(error, waarden) }, status);
    }
    return c.redirect(`${o.pad(beeld.casus.id)}?melding=escalatie#escalatie-kop`, 303);
  });
}
