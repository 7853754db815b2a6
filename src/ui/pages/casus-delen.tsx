import type { Child } from "hono/jsx";
import { AANMELDING_AFWIJSLABELS, type AanmeldingStatus, ESCALATIE_LABELS, type EscalatieStap } from "../../kern/vocabulary.ts";
import type { AanmeldingView } from "../../services/aanmeldingen.ts";
import type { Casus } from "../../services/casussen.ts";
import { Badge, type BadgeSoort, Link } from "../components.tsx";
import { datum, datumTijd, termijn } from "../format.ts";

/**
 * Parts of a case page shared by the referrer's "Mijn casussen" and the broker's waiting list:
 * the statuses in words, the norm clock and the case's referrals.
 */

export const CASUS_STATUS_LABELS: Record<string, string> = {
  wachtend: "Wachtend",
  voorgesteld: "Voorgesteld door de matching (aanbieder nog niet gevraagd)",
  aangemeld: "Aangemeld bij een aanbieder",
  gereserveerd: "Plek vastgehouden",
  geplaatst: "Hulp gestart",
  gestopt: "Gestopt",
};

export const STOPREDEN_LABELS: Record<string, string> = {
  "ouders-kiezen-wachten": "Ouders kiezen ervoor te wachten op een bepaalde aanbieder",
  "elders-geholpen": "Elders geholpen",
  verhuisd: "Verhuisd",
  "hulp-niet-meer-nodig": "Hulp niet meer nodig",
  anders: "Anders",
};

export const AANMELDING_STATUS: Record<AanmeldingStatus, [string, BadgeSoort]> = {
  verzonden: ["Wacht op antwoord", "neutral"],
  geaccepteerd: ["Geaccepteerd", "success"],
  afgewezen: ["Afgewezen", "warning"],
  verlopen: ["Verlopen: geen antwoord", "warning"],
  ingetrokken: ["Ingetrokken", "inactive"],
  gestart: ["Hulp gestart", "success"],
};

export function AanmeldingStatusBadge({ a }: { a: Pick<AanmeldingView, "status" | "bevestigdOp"> }) {
  const [tekst, soort] = AANMELDING_STATUS[a.status];
  return (
    <>
      <Badge soort={soort}>{tekst}</Badge>
      {a.status === "geaccepteerd" && a.bevestigdOp ? " (bevestigd door de verwijzer)" : null}
    </>
  );
}

export const escalatieLabel = (stap: string) => ESCALATIE_LABELS[stap as EscalatieStap] ?? stap;

const meervoud = (n: number, een: string, meer: string) => `${n} ${n === 1 ? een : meer}`;
export const dagen = (n: number) => meervoud(n, "dag", "dagen");

/** A term and its value in a data list (NL Design System data list). */
export function Gegeven({ term, children }: { term: string; children: Child }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{term}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{children}</dd>
    </div>
  );
}

/** What the wait counts from: the earliest ruling (or start) of a measure, else the registration. */
export function vanafWoord(casus: Pick<Casus, "maatregelen" | "wachtVanaf">): string {
  if (casus.maatregelen.length === 0) return "de aanmelding";
  return casus.maatregelen.some((m) => m.uitspraakdatum === casus.wachtVanaf) ? "de uitspraak" : "de ingang van de maatregel";
}

function wachtVanafTekst(casus: Casus): string {
  return `sinds ${vanafWoord(casus)} op ${datum(casus.wachtVanaf)}`;
}

/** The norm date and why, or that the case is not under the norm. */
export function NormdatumTekst({ casus }: { casus: Casus }) {
  if (!casus.normDatum)
    return (
      <span>
        {casus.maatregelen.length === 0 ? "Geen: geen maatregel" : "Geen: deze maatregel valt niet onder de doorbraaknorm"}
      </span>
    );
  const basis =
    casus.normBasis === "uitspraakdatum"
      ? "3 maanden na de uitspraak van de kinderrechter"
      : "3 maanden na de ingangsdatum van de maatregel; de datum van de uitspraak is onbekend";
  return (
    <span>
      {datum(casus.normDatum)} ({basis}){" "}
      {casus.normOverschreden ? <Badge soort="danger">Norm overschreden</Badge> : <Badge soort="safe">Binnen de norm</Badge>}
    </span>
  );
}

/** The norm clock: days waited, the norm date, and once help started the lead time from the ruling. */
export function Normklok({ casus, vandaag }: { casus: Casus; vandaag: string }) {
  const gestopt = casus.status === "gestopt";
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      <Gegeven term={casus.startdatum ? "Gewacht" : "Wachttijd"}>
        {`${dagen(casus.wachttijd)} ${wachtVanafTekst(casus)}`}
        {gestopt && casus.stopreden === "ouders-kiezen-wachten"
          ? "; telt nog als wachtend, want de ouders kiezen ervoor te wachten"
          : ""}
      </Gegeven>
      <Gegeven term="Normdatum">
        <NormdatumTekst casus={casus} />
      </Gegeven>
      {!casus.normDatum && casus.escalatie && !casus.startdatum ? (
        <Gegeven term="Uiterste startdatum">
          {datum(casus.escalatie.uiterlijkeStart)} (de maximale wachttijd van de regio, gerekend vanaf de aanmelding)
          {casus.escalatie.uiterlijkeStart < vandaag ? (
            <>
              {" "}
              <Badge soort="danger">Overschreden</Badge>
            </>
          ) : null}
        </Gegeven>
      ) : null}
      {casus.startdatum ? (
        <Gegeven term="Hulp gestart">
          {datum(casus.startdatum)}
          {casus.doorlooptijdDagen === null
            ? ""
            : `; doorlooptijd ${dagen(casus.doorlooptijdDagen)}, van ${vanafWoord(casus)} tot de start van de hulp`}
        </Gegeven>
      ) : (
        <Gegeven term="Klok">Loopt tot de hulp start; een vastgehouden plek of een acceptatie stopt de klok niet.</Gegeven>
      )}
    </dl>
  );
}

/** A compact norm cell for tables: the norm date with a badge, or none. */
export function NormKort({ casus }: { casus: Casus }) {
  if (!casus.normDatum) return <span>{casus.maatregelen.length === 0 ? "Geen maatregel" : "Niet onder de norm"}</span>;
  return casus.normOverschreden ? (
    <>
      <Badge soort="danger">Norm overschreden</Badge> <span>normdatum {datum(casus.normDatum)}</span>
    </>
  ) : (
    <span>Binnen de norm, normdatum {datum(casus.normDatum)}</span>
  );
}

/** "Gezinshuis Zeezicht bij Stichting Matchzorg", or what is left of a deleted offer. */
export function aanbodVan(a: Pick<AanmeldingView, "aanbodNaam" | "aanbiederNaam">): string {
  if (!a.aanbodNaam) return "Aanbod (niet meer in het register)";
  return a.aanbiederNaam ? `${a.aanbodNaam} bij ${a.aanbiederNaam}` : a.aanbodNaam;
}

/** What became of the held place, or that there is none. */
function plekTekst(a: AanmeldingView): string {
  if (a.reserveringId) return "Plek vastgehouden";
  return a.opWachtlijst ? "Op de wachtlijst van de aanbieder" : "Geen plek vastgehouden";
}

function redenTekst(a: AanmeldingView): string {
  if (a.afwijsreden) return `${AANMELDING_AFWIJSLABELS[a.afwijsreden]}${a.reden ? `: ${a.reden}` : ""}`;
  return a.reden ?? "—";
}

/**
 * A case's referrals with their answers. `acties` is the base path of the case page: with it, a
 * referral in play gets links to confirm an acceptance or to withdraw it (each asks once first).
 */
export function AanmeldingenTabel({
  aanmeldingen,
  referentie,
  acties,
}: {
  aanmeldingen: readonly AanmeldingView[];
  referentie: string;
  acties?: string;
}) {
  if (aanmeldingen.length === 0) return <p class="utrecht-paragraph">Deze casus is nog bij geen aanbieder aangemeld.</p>;
  return (
    <div class="pw-tabel-wrap">
      <table class="pw-tabel">
        <caption>Aanmeldingen van casus {referentie}, vroegste antwoordtermijn eerst</caption>
        <thead>
          <tr>
            {[
              "Aanbod",
              "Status",
              "Verzonden",
              "Antwoord uiterlijk",
              "Verwachte start",
              "Plek",
              "Reden",
              ...(acties ? ["Acties"] : []),
            ].map((k) => (
              <th scope="col">{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {aanmeldingen.map((a) => {
            const naam = aanbodVan(a);
            const lopend = a.status === "verzonden" || a.status === "geaccepteerd";
            return (
              <tr>
                <th scope="row">
                  <Link href={`/zoeken/aanbod/${a.aanbodId}`}>{naam}</Link>
                </th>
                <td>
                  <AanmeldingStatusBadge a={a} />
                </td>
                <td>{datumTijd(a.verzondenOp)}</td>
                <td>{a.status === "verzonden" || a.status === "verlopen" ? termijn(a.antwoordVoor) : "—"}</td>
                <td>
                  {a.startdatum
                    ? `Gestart op ${datum(a.startdatum)}`
                    : a.verwachteStartdatum
                      ? `${datum(a.verwachteStartdatum)}${a.status === "verzonden" ? " (geschat)" : ""}`
                      : "Onbekend"}
                </td>
                <td>{plekTekst(a)}</td>
                <td>{redenTekst(a)}</td>
                {acties ? (
                  <td>
                    {lopend ? (
                      <div class="pw-acties">
                        {a.status === "geaccepteerd" && !a.bevestigdOp ? (
                          <Link
                            href={`${acties}/aanmeldingen/${a.id}/bevestigen`}
                            label={`Acceptatie bevestigen: ${naam}, casus ${referentie}`}
                          >
                            Acceptatie bevestigen
                          </Link>
                        ) : null}
                        <Link href={`${acties}/aanmeldingen/${a.id}/intrekken`} label={`Intrekken: aanmelding bij ${naam}`}>
                          Intrekken
                        </Link>
                      </div>
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
