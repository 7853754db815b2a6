import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { ErrorCode, isDomainError } from "../../kern/errors.ts";
import { isoDate } from "../../kern/time.ts";
import { AANMELDING_AFWIJSLABELS } from "../../kern/vocabulary.ts";
import {
  AcceptatieInput,
  AfwijzingInput,
  acceptAanmelding,
  declineAanmelding,
  IntrekkingInput,
  StartInput,
  startAanmelding,
  withdrawAanmelding,
} from "../../services/aanmelding-antwoorden.ts";
import { type AanmeldingView, getAanmelding, listAanmeldingen } from "../../services/aanmeldingen.ts";
import { readZorgvormen } from "../../services/catalogus.ts";
import { readHulpvraagcategorieen } from "../../services/regio-instellingen.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, Melding, Tekstvak, Tekstveld } from "../components.tsx";
import { datum, datumTijd, termijn } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import { AanmeldingStatusBadge } from "./casus-delen.tsx";
import { maatregelTekst, URGENTIE_LABELS } from "./casus-pagina.tsx";
import { vastgehoudenPlekken } from "./mijn-aanbod-reserveringen.tsx";
import { Cijfers } from "./zoeken-delen.tsx";

/**
 * The provider's inbox of aanmeldingen on its own offers: the standard form as it arrives (the
 * child's age, never the birth date or the reference), the deadline, and the answers: accept
 * with the expected start, decline with a reason, record the start of help, withdraw.
 */

export const INBOX = "/mijn-aanbod/aanmeldingen";
/** More referrals in play at once than this is not an inbox any more; the earliest deadlines come first. */
const MAX_OPEN = 100;

type Antwoord = "acceptatie" | "afwijzing" | "start" | "intrekking";

/** A refused answer, shown at its referral with what was typed. */
export interface KaartFout {
  id: string;
  antwoord: Antwoord;
  formulier: Formulier;
}

const LABELS: Record<Antwoord, Record<string, string>> = {
  acceptatie: { verwachteStartdatum: "Verwachte startdatum" },
  afwijzing: { reden: "Reden van afwijzen", toelichting: "Toelichting" },
  start: { startdatum: "Startdatum van de hulp" },
  intrekking: { reden: "Reden van intrekken" },
};

export const AANMELDING_MELDINGEN: Record<string, string> = {
  geaccepteerd: "De aanmelding is geaccepteerd. De verwijzer ziet uw verwachte startdatum.",
  afgewezen: "De aanmelding is afgewezen. Een vastgehouden plek is weer vrij; de verwijzer ziet de reden.",
  gestart: "De start van de hulp is vastgelegd. De plek is bezet en de klok van de norm is gestopt.",
  "aanmelding-ingetrokken": "De aanmelding is ingetrokken. Een vastgehouden plek is weer vrij.",
};

/** The provider's referrals in play: to answer, and accepted ones waiting for the start. */
export async function aanmeldingenInSpel(c: Context<AppEnv>, deps: UiDeps) {
  const ctx = ctxOf(c, deps.services, "lijst");
  const [open, geaccepteerd] = await Promise.all([
    listAanmeldingen(ctx, { status: "verzonden", pagina: 1, perPagina: MAX_OPEN }),
    listAanmeldingen(ctx, { status: "geaccepteerd", pagina: 1, perPagina: MAX_OPEN }),
  ]);
  return { open, geaccepteerd };
}

/** On Mijn aanbod: how many referrals wait for an answer, and the first deadline. */
export function AanmeldingenSamenvatting({
  open,
  geaccepteerd,
}: {
  open: { totaal: number; resultaten: AanmeldingView[] };
  geaccepteerd: { totaal: number };
}) {
  const eerste = open.resultaten[0];
  return (
    <section aria-labelledby="aanmeldingen-kop" class="pw-kaart">
      <h2 class="utrecht-heading-2" id="aanmeldingen-kop">
        Aanmeldingen
      </h2>
      <p class="utrecht-paragraph">
        {open.totaal === 0
          ? "Er wachten geen aanmeldingen op uw antwoord."
          : `${open.totaal === 1 ? "1 aanmelding wacht" : `${open.totaal} aanmeldingen wachten`} op uw antwoord${eerste ? `; de eerste uiterlijk op ${termijn(eerste.antwoordVoor)}` : ""}.`}{" "}
        {geaccepteerd.totaal === 0
          ? ""
          : `Bij ${geaccepteerd.totaal === 1 ? "1 geaccepteerde aanmelding" : `${geaccepteerd.totaal} geaccepteerde aanmeldingen`} legt u de start vast als de hulp begint.`}
      </p>
      <p class="utrecht-paragraph">
        <Link href={INBOX}>Naar de aanmeldingen</Link>
      </p>
    </section>
  );
}

interface Namen {
  zorgvorm: Map<string, string>;
  hulpvraag: Map<string, string>;
  /** Hold id → held until. */
  holds: Map<string, string>;
}

function contact(a: AanmeldingView): Child {
  const { naam, telefoon, email } = a.contactpersoon;
  return (
    <>
      {naam}
      {telefoon ? (
        <>
          {", "}
          <a class="utrecht-link utrecht-link--html-a" href={`tel:${telefoon.replace(/[^\d+]/g, "")}`}>
            {telefoon}
          </a>
        </>
      ) : null}
      {email ? (
        <>
          {", "}
          <a class="utrecht-link utrecht-link--html-a" href={`mailto:${email}`}>
            {email}
          </a>
        </>
      ) : null}
    </>
  );
}

function plek(a: AanmeldingView, namen: Namen): string {
  if (a.reserveringId) {
    const tot = namen.holds.get(a.reserveringId);
    return `Vastgehouden via Plekwijzer${tot ? ` tot ${datumTijd(tot)}` : ""}`;
  }
  return a.opWachtlijst ? "Geen plek vastgehouden: aanmelding voor uw wachtlijst" : "Geen plek vastgehouden";
}

/** One small answer form with its own field ids and error summary. */
function AntwoordFormulier(p: {
  a: AanmeldingView;
  antwoord: Antwoord;
  fout?: KaartFout;
  csrf: string;
  knop: string;
  label: string;
  soort?: "primary" | "secondary" | "subtle";
  children: (f: Formulier, prefix: string) => Child;
}) {
  const prefix = `${p.antwoord}-${p.a.id}-`;
  const f = p.fout?.id === p.a.id && p.fout.antwoord === p.antwoord ? p.fout.formulier : LEEG_FORMULIER;
  return (
    <>
      <Foutsamenvatting formulier={f} labels={LABELS[p.antwoord]} prefix={prefix} />
      <form method="post" action={`${INBOX}/${p.a.id}/${p.antwoord}`} class="pw-rij-formulier" novalidate>
        <Csrf token={p.csrf} />
        {p.children(f, prefix)}
        <Knop soort={p.soort ?? "secondary"} label={p.label}>
          {p.knop}
        </Knop>
      </form>
    </>
  );
}

function Kaart({
  a,
  namen,
  fout,
  csrf,
  vandaag,
}: {
  a: AanmeldingView;
  namen: Namen;
  fout?: KaartFout;
  csrf: string;
  vandaag: string;
}) {
  const wie = a.leeftijd === null ? "jeugdige" : `jeugdige van ${a.leeftijd} jaar`;
  const titel = `${a.aanbodNaam ?? "Aanbod"}: ${wie}`;
  return (
    <article class="pw-kaart" aria-labelledby={`kop-${a.id}`} id={`aanmelding-${a.id}`}>
      <h3 class="utrecht-heading-3" id={`kop-${a.id}`}>
        {titel}
      </h3>
      <p class="utrecht-paragraph">
        <AanmeldingStatusBadge a={a} />{" "}
        {a.status === "verzonden"
          ? `Antwoord uiterlijk op ${termijn(a.antwoordVoor)}; daarna verloopt de aanmelding.`
          : a.verwachteStartdatum
            ? `Verwachte start ${datum(a.verwachteStartdatum)}. Leg de start vast als de hulp begint.`
            : "Leg de start vast als de hulp begint."}
      </p>
      {fout?.id === a.id && Object.keys(fout.formulier.fouten).length === 0 && fout.formulier.melding ? (
        <Melding soort="error">
          <p class="utrecht-paragraph">{fout.formulier.melding}</p>
        </Melding>
      ) : null}
      <Cijfers
        rijen={[
          ["Leeftijd", a.leeftijd === null ? "Onbekend" : `${a.leeftijd} jaar`],
          ["Gevraagde hulp", namen.zorgvorm.get(a.zorgvorm) ?? a.zorgvorm],
          [
            "Hulpvraag",
            a.hulpvraagCategorieen.length === 0
              ? null
              : a.hulpvraagCategorieen.map((h) => namen.hulpvraag.get(h) ?? h).join(", "),
          ],
          ["Maatregel", a.maatregelen.length === 0 ? "Geen" : a.maatregelen.map(maatregelTekst).join("; ")],
          ["Urgentie", URGENTIE_LABELS[a.urgentie] ?? a.urgentie],
          ["Gewenste start", a.gewensteStartdatum ? datum(a.gewensteStartdatum) : null],
          ["Contactpersoon", contact(a)],
          ["Toelichting", a.toelichting],
          ["Plek", plek(a, namen)],
          ["Verzonden", datumTijd(a.verzondenOp)],
        ]}
      />
      {a.status === "verzonden" ? (
        <>
          <h4 class="utrecht-heading-4">Accepteren</h4>
          <AntwoordFormulier
            a={a}
            antwoord="acceptatie"
            fout={fout}
            csrf={csrf}
            knop="Accepteren"
            soort="primary"
            label={`Accepteren: ${titel}`}
          >
            {(f, prefix) => (
              <Tekstveld
                naam="verwachteStartdatum"
                type="date"
                label={LABELS.acceptatie.verwachteStartdatum as string}
                beschrijving={
                  a.verwachteStartdatum
                    ? `Bij het versturen geschat op ${datum(a.verwachteStartdatum)} (vandaag plus uw wachttijden). Vul de datum in die u de verwijzer toezegt.`
                    : "Vul de datum in die u de verwijzer toezegt."
                }
                verplicht
                prefix={prefix}
                formulier={f}
              />
            )}
          </AntwoordFormulier>
          <h4 class="utrecht-heading-4">Afwijzen</h4>
          <p class="utrecht-paragraph">
            <Link href={`${INBOX}/${a.id}/afwijzen`} label={`Afwijzen: ${titel}`}>
              Afwijzen
            </Link>
          </p>
        </>
      ) : (
        <>
          <h4 class="utrecht-heading-4">Start van de hulp vastleggen</h4>
          <AntwoordFormulier
            a={a}
            antwoord="start"
            fout={fout}
            csrf={csrf}
            knop="Start vastleggen"
            soort="primary"
            label={`Start vastleggen: ${titel}`}
          >
            {(f, prefix) => (
              <Tekstveld
                naam="startdatum"
                type="date"
                label={LABELS.start.startdatum as string}
                beschrijving="De dag dat de hulp begon; bij verblijf de dag van plaatsing."
                verplicht
                prefix={prefix}
                formulier={f}
                standaard={vandaag}
              />
            )}
          </AntwoordFormulier>
          <h4 class="utrecht-heading-4">Toch niet: intrekken</h4>
          <p class="utrecht-paragraph">
            <Link href={`${INBOX}/${a.id}/intrekken`} label={`Intrekken: ${titel}`}>
              Intrekken
            </Link>
          </p>
        </>
      )}
    </article>
  );
}

/** The inbox; with `fout` one referral shows what was refused and why. */
async function inbox(c: Context<AppEnv>, deps: UiDeps, fout?: KaartFout, status: 200 | 400 | 409 = 200) {
  const { open, geaccepteerd } = await aanmeldingenInSpel(c, deps);
  const [zorgvormen, hulpvragen, holds] = await Promise.all([
    readZorgvormen(deps.services),
    readHulpvraagcategorieen(deps.services),
    vastgehoudenPlekken(c, deps),
  ]);
  const namen: Namen = {
    zorgvorm: new Map(zorgvormen.map((z) => [z.code, z.naam])),
    hulpvraag: new Map(hulpvragen.map((h) => [h.code, h.naam])),
    holds: new Map(holds.map((h) => [h.id, h.verlooptOp])),
  };
  const vandaag = isoDate(deps.services.clock.now());
  const csrf = csrfVan(c);
  const melding = status === 200 ? AANMELDING_MELDINGEN[c.req.query("melding") ?? ""] : undefined;
  const weg = fout && ![...open.resultaten, ...geaccepteerd.resultaten].some((a) => a.id === fout.id);
  const kaart = (a: AanmeldingView) => <Kaart a={a} namen={namen} fout={fout} csrf={csrf} vandaag={vandaag} />;
  return pagina(
    c,
    {
      titel: "Aanmeldingen",
      actief: INBOX,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href="/mijn-aanbod">Terug naar Mijn aanbod</Link>
          </p>
          {melding ? (
            <Melding soort="ok">
              <p class="utrecht-paragraph">{melding}</p>
            </Melding>
          ) : null}
          {weg ? (
            <Melding soort="error">
              <p class="utrecht-paragraph">{fout.formulier.melding ?? "Deze aanmelding is intussen afgehandeld."}</p>
            </Melding>
          ) : null}
          <p class="utrecht-paragraph">
            Verwijzers en zorgmakelaars melden jeugdigen bij u aan met het standaardaanmeldformulier. U ziet de leeftijd, de
            gevraagde hulp, de maatregel en de contactpersoon; de intake regelt u met die contactpersoon. Antwoord binnen de
            termijn: accepteer met de verwachte startdatum, of wijs af met een reden. Een vastgehouden plek hoort bij de
            aanmelding: die beantwoordt u hier, niet bij Vastgehouden plekken.
          </p>
          <h2 class="utrecht-heading-2">Te beantwoorden ({open.totaal})</h2>
          {open.resultaten.length === 0 ? (
            <p class="utrecht-paragraph">Er wachten geen aanmeldingen op uw antwoord.</p>
          ) : (
            open.resultaten.map(kaart)
          )}
          <h2 class="utrecht-heading-2">Geaccepteerd, start nog vast te leggen ({geaccepteerd.totaal})</h2>
          {geaccepteerd.resultaten.length === 0 ? (
            <p class="utrecht-paragraph">Er zijn geen geaccepteerde aanmeldingen die nog moeten starten.</p>
          ) : (
            geaccepteerd.resultaten.map(kaart)
          )}
        </>
      ),
    },
    status,
  );
}

/** Declining and withdrawing cannot be undone: each asks once, on a page of its own with the reason (no script needed). */
const VRAAG = {
  afwijzing: {
    adres: "afwijzen",
    titel: "Aanmelding afwijzen",
    knop: "Aanmelding afwijzen",
    status: "verzonden",
    gevolg:
      "De verwijzer ziet dat u afwijst, met de reden. Een vastgehouden plek komt weer vrij, de jeugdige wacht weer en deze aanmelding wordt niet opnieuw voorgesteld. Dit kunt u niet ongedaan maken.",
  },
  intrekking: {
    adres: "intrekken",
    titel: "Aanmelding intrekken",
    knop: "Aanmelding intrekken",
    status: "geaccepteerd",
    gevolg:
      "U trekt uw acceptatie in: de jeugdige start niet bij u. De verwijzer ziet dat de aanmelding is ingetrokken, met de reden, en de jeugdige wacht weer. Dit kunt u niet ongedaan maken.",
  },
} as const;

/** The page that asks once before a referral is declined or withdrawn; with a refused post it shows what was typed. */
async function vraagPagina(
  c: Context<AppEnv>,
  deps: UiDeps,
  antwoord: "afwijzing" | "intrekking",
  a: AanmeldingView,
  formulier: Formulier,
  status: 200 | 400 | 409 = 200,
) {
  const v = VRAAG[antwoord];
  const wie = a.leeftijd === null ? "een jeugdige" : `een jeugdige van ${a.leeftijd} jaar`;
  return pagina(
    c,
    {
      titel: v.titel,
      actief: INBOX,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href={`${INBOX}#aanmelding-${a.id}`}>Terug naar de aanmeldingen</Link>
          </p>
          {formulier.melding && Object.keys(formulier.fouten).length === 0 ? (
            <Melding soort="error">
              <p class="utrecht-paragraph">{formulier.melding}</p>
            </Melding>
          ) : null}
          <p class="utrecht-paragraph">
            {antwoord === "afwijzing" ? "U wijst de aanmelding" : "U trekt de aanmelding"} van {wie} voor{" "}
            {a.aanbodNaam ?? "uw aanbod"} {antwoord === "afwijzing" ? "af" : "in"}. {v.gevolg}
          </p>
          <Foutsamenvatting formulier={formulier} labels={LABELS[antwoord]} />
          <form method="post" action={`${INBOX}/${a.id}/${antwoord}`} class="pw-formulier" novalidate>
            <Csrf token={csrfVan(c)} />
            {antwoord === "afwijzing" ? (
              <>
                <Keuzelijst
                  naam="reden"
                  label={LABELS.afwijzing.reden as string}
                  verplicht
                  formulier={formulier}
                  leeg="Kies een reden"
                  opties={Object.entries(AANMELDING_AFWIJSLABELS).map(([waarde, tekst]) => ({
                    waarde,
                    tekst: waarde === "anders" ? `${tekst} (toelichting verplicht)` : tekst,
                  }))}
                />
                <Tekstvak
                  naam="toelichting"
                  label={LABELS.afwijzing.toelichting as string}
                  regels={3}
                  beschrijving="Voor de verwijzer. Schrijf geen namen of andere gegevens waarmee de jeugdige te herkennen is."
                  formulier={formulier}
                />
              </>
            ) : (
              <Tekstvak
                naam="reden"
                label={LABELS.intrekking.reden as string}
                verplicht
                regels={3}
                beschrijving="Voor de verwijzer. Schrijf geen namen of andere gegevens waarmee de jeugdige te herkennen is."
                formulier={formulier}
              />
            )}
            <div class="pw-acties">
              <Knop>{v.knop}</Knop>
              <Link href={`${INBOX}#aanmelding-${a.id}`}>Annuleren</Link>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

const SCHEMA = { acceptatie: AcceptatieInput, afwijzing: AfwijzingInput, start: StartInput, intrekking: IntrekkingInput };

/** The form of one answer as its schema takes it: an empty explanation is not given. */
function invoerVoor(antwoord: Antwoord, waarden: Waarden): Waarden {
  const invoer: Waarden = {};
  for (const veld of Object.keys(LABELS[antwoord])) {
    const waarde = waarden[veld] ?? "";
    if (veld !== "toelichting" || waarde.trim() !== "") invoer[veld] = waarde;
  }
  return invoer;
}

const MELDING_NA: Record<Antwoord, string> = {
  acceptatie: "geaccepteerd",
  afwijzing: "afgewezen",
  start: "gestart",
  intrekking: "aanmelding-ingetrokken",
};

/** The inbox and its four answers, in the provider's section. */
export function aanmeldingRoutes(s: Sectie, deps: UiDeps): void {
  const pad = INBOX.replace("/mijn-aanbod", "");
  s.get(pad, (c) => inbox(c, deps));

  for (const antwoord of ["afwijzing", "intrekking"] as const) {
    s.get(`${pad}/:id/${VRAAG[antwoord].adres}`, async (c) => {
      markeerToegang(c, "lezen");
      const a = await getAanmelding(ctxOf(c, deps.services), { id: c.req.param("id") });
      if (a.status !== VRAAG[antwoord].status) return c.redirect(INBOX, 303);
      return vraagPagina(c, deps, antwoord, a, LEEG_FORMULIER);
    });
  }

  for (const antwoord of ["acceptatie", "afwijzing", "start", "intrekking"] as const) {
    s.post(`${pad}/:id/${antwoord}`, async (c) => {
      // Logged before the change, so a refused attempt leaves its row too.
      markeerToegang(c, "wijzigen");
      const id = c.req.param("id");
      const waarden = await leesFormulier(c);
      const v = valideer(SCHEMA[antwoord], invoerVoor(antwoord, waarden));
      const opEigenPagina = antwoord === "afwijzing" || antwoord === "intrekking";
      /** A refusal goes back to the form it came from: the ask-once page, or the referral in the inbox. */
      const weer = async (formulier: Formulier, status: 400 | 409) =>
        opEigenPagina
          ? vraagPagina(c, deps, antwoord, await getAanmelding(ctxOf(c, deps.services), { id }), formulier, status)
          : inbox(c, deps, { id, antwoord, formulier }, status);
      if (!v.ok) {
        const fouten = { ...v.formulier.fouten };
        if (antwoord === "afwijzing" && (waarden.reden ?? "") === "") fouten.reden = "Kies de reden waarom u afwijst.";
        return weer({ waarden, fouten }, 400);
      }
      const ctx = ctxOf(c, deps.services);
      try {
        if (antwoord === "acceptatie") await acceptAanmelding(ctx, { id, acceptatie: v.data as AcceptatieData });
        else if (antwoord === "afwijzing") await declineAanmelding(ctx, { id, afwijzing: v.data as AfwijzingData });
        else if (antwoord === "start") await startAanmelding(ctx, { id, start: v.data as StartData });
        else await withdrawAanmelding(ctx, { id, intrekking: v.data as IntrekkingData });
      } catch (error) {
        if (isDomainError(error, ErrorCode.notFound)) throw error;
        const status = isDomainError(error, ErrorCode.conflict) ? 409 : 400;
        return weer(formulierUitFout(error, waarden), status);
      }
      return c.redirect(`${INBOX}?melding=${MELDING_NA[antwoord]}`, 303);
    });
  }
}

type AcceptatieData = Parameters<typeof acceptAanmelding>[1]["acceptatie"];
type AfwijzingData = Parameters<typeof declineAanmelding>[1]["afwijzing"];
type StartData = Parameters<typeof startAanmelding>[1]["start"];
type IntrekkingData = Parameters<typeof withdrawAanmelding>[1]["intrekking"];
