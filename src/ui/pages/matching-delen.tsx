import type { Child } from "hono/jsx";
import { AFWIJSLABELS } from "../../kern/vocabulary.ts";
import type { VoorstelView } from "../../services/matchvoorstellen.ts";
import type { HoldAanmelding, Namen, OpenVoorstel } from "../../services/matchvoorstellen-overzicht.ts";
import type { ReserveringView } from "../../services/reserveringen.ts";
import {
  Badge,
  type BadgeSoort,
  Csrf,
  EenvoudigeTabel,
  Foutsamenvatting,
  Keuzelijst,
  Knop,
  Melding,
  Tekstvak,
} from "../components.tsx";
import { datum, datumTijd, termijn } from "../format.ts";
import { type Formulier, LEEG_FORMULIER } from "../forms.ts";

type VoorstelWeergave = VoorstelView;
type ReserveringWeergave = ReserveringView;

/** The reasons to decline, as chosen and as shown afterwards ("Anders", with the explanation beside it). */
const AFWIJS_LABELS: Record<string, string> = AFWIJSLABELS;

/** The three matching pages, each with its own address. */
export const TABS = {
  voorstellen: { pad: "/matching", titel: "Open voorstellen" },
  reserveringen: { pad: "/matching/reserveringen", titel: "Reserveringen" },
  afgehandeld: { pad: "/matching/afgehandeld", titel: "Afgehandelde voorstellen" },
} as const;
export type Tab = keyof typeof TABS;

/** Tabs as plain links (the current one marked for screen readers too), keeping the chosen region. */
export function MatchingTabs({ actief, regio }: { actief: Tab; regio: string }) {
  const q = regio ? `?${new URLSearchParams({ regio }).toString()}` : "";
  return (
    <nav class="pw-tabs" aria-label="Onderdelen van matching">
      <ul>
        {(Object.entries(TABS) as [Tab, (typeof TABS)[Tab]][]).map(([tab, { pad, titel }]) => (
          <li>
            {tab === actief ? (
              <a href={`${pad}${q}`} aria-current="page">
                {titel}
              </a>
            ) : (
              <a href={`${pad}${q}`}>{titel}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

const STATUS: Record<string, [string, BadgeSoort]> = {
  geaccepteerd: ["Geaccepteerd: aanmelding verstuurd", "success"],
  afgewezen: ["Afgewezen", "warning"],
  actief: ["Actief", "safe"],
  geplaatst: ["Geplaatst", "success"],
  verlopen: ["Verlopen", "warning"],
  ingetrokken: ["Ingetrokken", "inactive"],
};

const KM = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const meervoud = (n: number, een: string, meer: string) => `${n} ${n === 1 ? een : meer}`;
const Li = ({ children }: { children: Child }) => <li class="utrecht-unordered-list__item">{children}</li>;

function casusNaam(namen: Namen, casusId: string | null): string {
  return (casusId && namen.casussen.get(casusId)) || "onbekend";
}

/** "Gezinshuis Zeezicht bij Stichting Matchzorg, Huize Duin (Den Haag)"; a location named as its provider is said once. */
export function aanbodTekst(namen: Namen, aanbodId: string): string {
  const a = namen.aanbod.get(aanbodId);
  if (!a) return "Aanbod (niet meer in het register)";
  // A location named after its provider ("Open Kade, Eikenweg" of "Open Kade") is said without the name again.
  const eigen = a.locatie.startsWith(a.aanbieder) ? a.locatie.slice(a.aanbieder.length).replace(/^[\s,–-]+/, "") : a.locatie;
  const locatie = eigen ? `, ${eigen}` : "";
  return `${a.naam} bij ${a.aanbieder}${locatie}${a.plaats ? ` (${a.plaats})` : ""}`;
}

/** The engine's explanation (`uitleg`) in sentences: why this case goes first, why this place fits. */
function Uitleg({ v, namen }: { v: VoorstelWeergave; namen: Namen }) {
  const { casus, plek, samenvatting } = v.uitleg;
  const a = namen.aanbod.get(v.aanbodId);
  return (
    <>
      {casus ? (
        <>
          <h4 class="utrecht-heading-4">Waarom deze jeugdige</h4>
          <ul class="utrecht-unordered-list">
            <Li>
              {casus.groep === null
                ? "Valt in geen prioriteitsgroep van het afwegingskader; de wachttijd bepaalt de volgorde."
                : `Valt in prioriteitsgroep ${casus.groep} van het afwegingskader schadelijk wachten.`}
            </Li>
            {casus.redenen.map((reden) => (
              <Li>Reden: {reden}.</Li>
            ))}
            <Li>Wacht {meervoud(casus.wachtdagen, "dag", "dagen")} sinds de aanmelding.</Li>
          </ul>
        </>
      ) : null}
      <h4 class="utrecht-heading-4">Waarom deze plek</h4>
      <ul class="utrecht-unordered-list">
        <Li>Zorgvorm: {namen.zorgvormen.get(plek.zorgvorm) ?? plek.zorgvorm}, passend bij de gevraagde zorg.</Li>
        <Li>
          Leeftijd: {v.leeftijd === null ? "de leeftijd van de jeugdige is onbekend" : `de jeugdige is ${v.leeftijd} jaar`}
          {a ? `; dit aanbod is er voor ${a.leeftijdVan} tot en met ${a.leeftijdTot} jaar.` : "."}
        </Li>
        <Li>
          Afstand:{" "}
          {plek.afstandKm === null
            ? "onbekend (de locatie of woongemeente heeft geen coördinaten)."
            : `${KM.format(plek.afstandKm)} km van de woongemeente.`}
        </Li>
        <Li>
          Wachttijd:{" "}
          {plek.wachttijdWeken === null
            ? "onbekend."
            : `${meervoud(plek.wachttijdWeken, "week", "weken")} van aanmelding tot start van de zorg.`}
        </Li>
        <Li>
          {plek.gecontracteerd
            ? "Gecontracteerd: de woongemeente koopt deze zorg bij deze aanbieder in."
            : "Niet gecontracteerd: hiervoor is een maatwerkafspraak met de gemeente nodig."}
        </Li>
        {plek.verwachteStart ? (
          <Li>
            Verwachte start: {datum(plek.verwachteStart)} (vandaag plus beide wachttijden)
            {!plek.uiterlijkeStart
              ? "."
              : plek.verwachteStart <= plek.uiterlijkeStart
                ? `; op tijd, want uiterlijk ${datum(plek.uiterlijkeStart)} (de normdatum, of zonder maatregel de maximale wachttijd).`
                : `; de uiterste datum (${datum(plek.uiterlijkeStart)}) is al voorbij: dit is de vroegst mogelijke start.`}
          </Li>
        ) : null}
        {plek.wachtlijst ? (
          <Li>
            Geen vrije plek: de aanbieder heeft een open wachtlijst. Accepteren stuurt een aanmelding voor die wachtlijst, zonder
            een plek vast te houden.
          </Li>
        ) : null}
      </ul>
      <p class="utrecht-paragraph">Samenvatting: {samenvatting}</p>
    </>
  );
}

/** A small form that posts one action with the page's region to return to. */
function Actie({ pad, csrf, regio, children }: { pad: string; csrf: string; regio: string; children: Child }) {
  return (
    <form method="post" action={pad}>
      <Csrf token={csrf} />
      <input type="hidden" name="regio" value={regio} />
      {children}
    </form>
  );
}

/** One open proposal: the explanation, its expiry, accept (an aanmelding to the provider) and decline with a reason. */
export function VoorstelKaart(p: { v: OpenVoorstel; namen: Namen; csrf: string; regio: string; formulier?: Formulier }) {
  const { v, namen, csrf, regio, formulier = LEEG_FORMULIER } = p;
  const ref = casusNaam(namen, v.casusId);
  const prefix = `afw-${v.id}-`;
  const knop = v.uitleg.plek.wachtlijst ? "Accepteren en aanmelden (wachtlijst)" : "Accepteren en aanmelden (plek vasthouden)";
  return (
    <article class="pw-kaart" aria-labelledby={`kop-${v.id}`}>
      <h3 class="utrecht-heading-3" id={`kop-${v.id}`}>
        Casus {ref} — {aanbodTekst(namen, v.aanbodId)}
      </h3>
      <p class="utrecht-paragraph pw-positie">
        {v.positie === null
          ? "Buiten de rangschikking van de wachtlijst (spoed of crisis)."
          : `Positie ${v.positie} op de wachtlijst.`}
      </p>
      {/* A refusal of the accept (the place was taken) at the top; field errors of the decline above its form. */}
      {Object.keys(formulier.fouten).length === 0 ? <Fout tekst={formulier.melding} /> : null}
      <Uitleg v={v} namen={namen} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href={`/zoeken/aanbod/${v.aanbodId}`}>
          Bekijk het aanbod en de contactgegevens
        </a>
      </p>
      <p class="utrecht-paragraph">
        Dit voorstel vervalt op {datumTijd(v.verlooptOp)} als het niet eerder is geaccepteerd of afgewezen. Accepteren stuurt een
        aanmelding naar de aanbieder; die beslist.
      </p>
      <div class="pw-acties">
        <Actie pad={`/matching/voorstellen/${v.id}/acceptatie`} csrf={csrf} regio={regio}>
          <Knop label={`${knop} voor casus ${ref}`}>{knop}</Knop>
        </Actie>
      </div>
      {Object.keys(formulier.fouten).length > 0 ? (
        <Foutsamenvatting formulier={formulier} labels={{ reden: "Reden", toelichting: "Toelichting" }} prefix={prefix} />
      ) : null}
      <form method="post" action={`/matching/voorstellen/${v.id}/afwijzing`} class="pw-rij-formulier" novalidate>
        <Csrf token={csrf} />
        <input type="hidden" name="regio" value={regio} />
        <Keuzelijst
          naam="reden"
          label="Reden van afwijzen"
          verplicht
          prefix={prefix}
          formulier={formulier}
          leeg="Kies een reden"
          opties={Object.entries(AFWIJS_LABELS).map(([waarde, tekst]) => ({
            waarde,
            tekst: waarde === "anders" ? `${tekst} (toelichting verplicht)` : tekst,
          }))}
        />
        <Tekstvak naam="toelichting" label="Toelichting" regels={2} prefix={prefix} formulier={formulier} />
        <Knop soort="secondary" label={`Afwijzen: voorstel voor casus ${ref}`}>
          Afwijzen
        </Knop>
      </form>
    </article>
  );
}

function Status({ status }: { status: string }) {
  const [tekst, soort] = STATUS[status] ?? [status, "neutral"];
  return <Badge soort={soort}>{tekst}</Badge>;
}

/**
 * Active holds: the place is kept until the child is placed, the hold is withdrawn or it expires.
 * A hold taken with a referral follows the referral: the provider records the start there.
 */
export function ActieveReserveringen(p: {
  rijen: ReserveringWeergave[];
  namen: Namen;
  csrf: string;
  regio: string;
  aanmeldingen: Map<string, HoldAanmelding>;
}) {
  const { rijen, namen, csrf, regio, aanmeldingen } = p;
  if (rijen.length === 0) return <p class="utrecht-paragraph">Er zijn geen actieve reserveringen.</p>;
  return (
    <EenvoudigeTabel titel="Actieve reserveringen" kolommen={["Casus", "Aanbod", "Vastgehouden tot", "Acties"]}>
      {rijen.map((r) => {
        const ref = casusNaam(namen, r.casusId);
        const a = aanmeldingen.get(r.id);
        return (
          <tr>
            <th scope="row">{ref}</th>
            <td>{aanbodTekst(namen, r.aanbodId)}</td>
            <td>{datumTijd(r.verlooptOp)}</td>
            <td>
              {a ? (
                <p class="utrecht-paragraph">
                  Hoort bij een aanmelding (
                  {a.status === "geaccepteerd" ? "geaccepteerd" : `antwoord uiterlijk op ${termijn(a.antwoordVoor)}`}): de
                  aanbieder legt de start vast.{" "}
                  <a
                    class="utrecht-link utrecht-link--html-a"
                    href={`/wachtlijst/casus/${r.casusId}#aanmeldingen-kop`}
                    aria-label={`Aanmelding bekijken: casus ${ref}`}
                  >
                    Aanmelding bekijken
                  </a>
                </p>
              ) : (
                <div class="pw-acties">
                  <Actie pad={`/matching/reserveringen/${r.id}/plaatsing`} csrf={csrf} regio={regio}>
                    <Knop label={`Geplaatst: casus ${ref}`}>Geplaatst</Knop>
                  </Actie>
                  <Actie pad={`/matching/reserveringen/${r.id}/intrekking`} csrf={csrf} regio={regio}>
                    <Knop soort="secondary" label={`Intrekken: reservering voor casus ${ref}`}>
                      Intrekken
                    </Knop>
                  </Actie>
                </div>
              )}
            </td>
          </tr>
        );
      })}
    </EenvoudigeTabel>
  );
}

/** Holds that ended, newest first: placed, expired or withdrawn. */
export function AfgerondeReserveringen({ rijen, namen }: { rijen: ReserveringWeergave[]; namen: Namen }) {
  if (rijen.length === 0) return <p class="utrecht-paragraph">Er zijn nog geen afgeronde reserveringen.</p>;
  return (
    <EenvoudigeTabel titel="Afgeronde reserveringen (nieuwste eerst)" kolommen={["Casus", "Aanbod", "Afloop", "Datum"]}>
      {rijen.map((r) => (
        <tr>
          <th scope="row">{casusNaam(namen, r.casusId)}</th>
          <td>{aanbodTekst(namen, r.aanbodId)}</td>
          <td>
            <Status status={r.status} />
          </td>
          <td>{datumTijd(r.gewijzigdOp)}</td>
        </tr>
      ))}
    </EenvoudigeTabel>
  );
}

/** Proposals decided on or expired, newest first, with the reason of a decline. */
export function AfgehandeldeVoorstellen({ rijen, namen }: { rijen: { v: VoorstelWeergave; op: string }[]; namen: Namen }) {
  if (rijen.length === 0) return <p class="utrecht-paragraph">Er zijn nog geen afgehandelde voorstellen.</p>;
  return (
    <EenvoudigeTabel
      titel="Afgehandelde voorstellen (nieuwste eerst)"
      kolommen={["Casus", "Aanbod", "Besluit", "Reden", "Datum"]}
    >
      {rijen.map(({ v, op }) => (
        <tr>
          <th scope="row">{casusNaam(namen, v.casusId)}</th>
          <td>{aanbodTekst(namen, v.aanbodId)}</td>
          <td>
            <Status status={v.status} />
          </td>
          <td>
            {v.afwijsreden ? (AFWIJS_LABELS[v.afwijsreden] ?? v.afwijsreden) : "—"}
            {v.toelichting ? `: ${v.toelichting}` : ""}
          </td>
          <td>{datumTijd(op)}</td>
        </tr>
      ))}
    </EenvoudigeTabel>
  );
}

/** A refusal that belongs to no card on this page (the proposal or hold was handled meanwhile). */
export function Fout({ tekst }: { tekst?: string }) {
  return tekst ? (
    <Melding soort="error">
      <p class="utrecht-paragraph">{tekst}</p>
    </Melding>
  ) : null;
}
