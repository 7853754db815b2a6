import type { Regelset } from "../../priority/rules.ts";
import type { AanmeldingView } from "../../services/aanmeldingen.ts";
import type { Casus, CasusRow } from "../../services/casussen.ts";
import type { Escalatie } from "../../services/escalaties.ts";
import type { Prioriteit } from "../../services/prioriteringsregels.ts";
import type { Lopend } from "../../services/wachtlijst.ts";
import { Badge, Csrf, EenvoudigeTabel, Foutsamenvatting, Keuzelijst, Knop, Link, Tekstvak } from "../components.tsx";
import { datum, datumTijd, termijn } from "../format.ts";
import type { Formulier } from "../forms.ts";
import type { CasusBeeld, Namen } from "./casus-acties.tsx";
import { aanbodVan, dagen, escalatieLabel, NormKort, STOPREDEN_LABELS, vanafWoord } from "./casus-delen.tsx";
import { groepNaam, jaren, Redenen, URGENTIE_LABELS } from "./casus-pagina.tsx";

/** Parts of the broker's waiting list: the ranked table, what needs the broker's attention, the priority override. */

/** The three-month norm of a case with a measure, in words; a breach as text in a badge, not colour alone. */
export function Norm({ row, prioriteit, escalatie }: { row: CasusRow; prioriteit: Prioriteit; escalatie?: Escalatie }) {
  const { normDatum } = prioriteit.klok;
  const nodig = escalatie?.nodig ? (
    <>
      {" "}
      <Badge soort="warning">Escalatie nodig</Badge>
    </>
  ) : null;
  if (!normDatum)
    return (
      <>
        <span>{row.maatregelen.length === 0 ? "Geen maatregel" : "Niet onder de doorbraaknorm"}</span>
        {nodig}
      </>
    );
  const tot = datum(normDatum);
  return prioriteit.normOverschreden ? (
    <>
      <Badge soort="danger">Norm overschreden</Badge> <span>normdatum {tot}</span>
      {nodig}
    </>
  ) : (
    <>
      <span>Binnen de norm, normdatum {tot}</span>
      {nodig}
    </>
  );
}

const PRIORITEIT_LABELS = { groep: "Nieuwe prioriteitsgroep", reden: "Reden" };

/** The broker's override of the priority group, with a mandatory reason. */
export function Overschrijven({ beeld, formulier, csrf }: { beeld: CasusBeeld; formulier: Formulier; csrf: string }) {
  const { row, prioriteit, regelset, berekend } = beeld.dossier;
  if (prioriteit.buitenKader) {
    return (
      <>
        <Foutsamenvatting formulier={formulier} labels={PRIORITEIT_LABELS} />
        <p class="utrecht-paragraph">
          Deze casus heeft urgentie {URGENTIE_LABELS[row.urgentie]?.toLowerCase()} en valt buiten het afwegingskader. Een
          prioriteitsgroep zetten kan daarom niet.
        </p>
      </>
    );
  }
  // Groups with a condition; a placeholder without one only when it is the case's manual group or the value just typed.
  const opties = (regelset?.groepen ?? [])
    .filter(
      (g) => g.voorwaarde !== null || g.nummer === prioriteit.handmatig?.groep || String(g.nummer) === formulier.waarden.groep,
    )
    .map((g) => ({ waarde: String(g.nummer), tekst: `Groep ${g.nummer} — ${g.naam}` }));
  opties.push({ waarde: "", tekst: `Terug naar de berekende groep (${groepNaam(regelset, berekend).toLowerCase()})` });
  return (
    <>
      <h3 class="utrecht-heading-3">Prioriteit aanpassen</h3>
      <p class="utrecht-paragraph">
        De rangschikking helpt; de professional beslist. Een handmatige groep gaat voor de berekende groep. De reden is verplicht
        en komt in de historie. Schrijf geen namen of andere gegevens waarmee de jeugdige te herkennen is.
      </p>
      <Foutsamenvatting formulier={formulier} labels={PRIORITEIT_LABELS} />
      <form method="post" action={`/wachtlijst/casus/${row.id}/prioriteit`} class="pw-formulier" novalidate>
        <Csrf token={csrf} />
        <Keuzelijst
          naam="groep"
          label={PRIORITEIT_LABELS.groep}
          verplicht
          opties={opties}
          formulier={formulier}
          standaard={prioriteit.handmatig?.groep ?? berekend ?? ""}
        />
        <Tekstvak
          naam="reden"
          label={PRIORITEIT_LABELS.reden}
          verplicht
          beschrijving="Minstens 5 tekens, hoogstens 500."
          formulier={formulier}
        />
        <Knop>Prioriteit opslaan</Knop>
      </form>
    </>
  );
}

export interface Regel {
  positie?: number;
  row: CasusRow;
  prioriteit: Prioriteit;
  escalatie?: Escalatie;
}

export interface Lijst {
  regio: string;
  peildatum: string;
  regelset: Regelset | undefined;
  resultaten: Regel[];
  buitenKader: Regel[];
  oudersKiezenWachten: Regel[];
  namen: Namen;
  /** What is in play per case (read for the whole list at once). */
  lopend: Map<string, Lopend[]>;
}

const bij = (l: Lopend) =>
  l.aanbod ? `${l.aanbod}${l.aanbieder ? ` (${l.aanbieder})` : ""}` : "aanbod dat niet meer in het register staat";

function lopendTekst(l: Lopend): [string, string] {
  if (l.soort === "voorstel") return ["Open voorstel", `${bij(l)}; vervalt op ${datumTijd(l.tot)}`];
  if (l.soort === "reservering") return ["Plek vastgehouden", `${bij(l)}, tot ${datumTijd(l.tot)}`];
  if (l.status === "geaccepteerd") return ["Aanmelding geaccepteerd", `${bij(l)}${l.metPlek ? ", plek vastgehouden" : ""}`];
  return ["Aanmelding verstuurd", `${bij(l)}${l.metPlek ? ", plek vastgehouden" : ""}; antwoord uiterlijk op ${termijn(l.tot)}`];
}

/** The "in play" cell: an open proposal, a held place or a referral, each in words; or that nothing is in play. */
export function LopendCel({ lopend }: { lopend: Lopend[] | undefined }) {
  if (!lopend || lopend.length === 0) return <span class="pw-niets">Niets lopend</span>;
  return (
    <>
      {lopend.map((l) => {
        const [wat, waar] = lopendTekst(l);
        return (
          <p class="utrecht-paragraph pw-lopend">
            <strong>{wat}</strong>: {waar}
          </p>
        );
      })}
    </>
  );
}

const casusLink = (row: CasusRow) => <Link href={`/wachtlijst/casus/${row.id}`}>{row.referentie}</Link>;

function Rijen({ regels, lijst, buitenKader }: { regels: Regel[]; lijst: Lijst; buitenKader?: boolean }) {
  return (
    <tbody class="utrecht-table__body">
      {regels.map(({ positie, row, prioriteit, escalatie }) => (
        <tr class={`utrecht-table__row${prioriteit.normOverschreden ? " pw-norm" : ""}`}>
          <td class="utrecht-table__cell">
            {buitenKader ? (
              <Badge soort={row.urgentie === "crisis" ? "danger" : "warning"}>
                {URGENTIE_LABELS[row.urgentie] ?? row.urgentie}
              </Badge>
            ) : (
              positie
            )}
          </td>
          <th class="utrecht-table__header-cell" scope="row">
            {casusLink(row)}
          </th>
          <td class="utrecht-table__cell">{jaren(row.geboortedatum, lijst.peildatum)}</td>
          <td class="utrecht-table__cell">{lijst.namen.zorgvorm.get(row.zorgvorm) ?? row.zorgvorm}</td>
          <td class="utrecht-table__cell">{lijst.namen.gemeente.get(row.woongemeente) ?? row.woongemeente}</td>
          <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{prioriteit.wachtdagen}</td>
          <td class="utrecht-table__cell">
            {buitenKader ? null : (
              <p class="utrecht-paragraph">
                <strong>{groepNaam(lijst.regelset, prioriteit.groep)}</strong>{" "}
                {prioriteit.handmatig ? <Badge soort="warning">Handmatig</Badge> : null}
              </p>
            )}
            <Redenen prioriteit={prioriteit} />
          </td>
          <td class="utrecht-table__cell">
            <Norm row={row} prioriteit={prioriteit} escalatie={escalatie} />
          </td>
          <td class="utrecht-table__cell pw-lopend-cel">
            <LopendCel lopend={lijst.lopend.get(row.id)} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}

export function Tabel({
  regels,
  lijst,
  caption,
  buitenKader,
}: {
  regels: Regel[];
  lijst: Lijst;
  caption: string;
  buitenKader?: boolean;
}) {
  const koppen = [buitenKader ? "Urgentie" : "Positie", "Referentie", "Leeftijd", "Zorgvorm", "Woongemeente", "Wachtdagen"];
  return (
    <div class="pw-tabel-wrap">
      <table class="utrecht-table utrecht-table--html-table pw-tabel">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {[...koppen, buitenKader ? "Toelichting" : "Groep en redenen", "Norm van 3 maanden", "Loopt nu"].map((k) => (
              <th class="utrecht-table__header-cell" scope="col">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <Rijen regels={regels} lijst={lijst} buitenKader={buitenKader} />
      </table>
    </div>
  );
}

/** Cases for which nothing contracted is timely, with the reason and the latest step. */
export function EscalatieTabel({ regels, regioNaam }: { regels: Regel[]; regioNaam: string }) {
  const nodig = regels.filter((r) => r.escalatie?.nodig);
  if (nodig.length === 0)
    return (
      <p class="utrecht-paragraph">Geen casus in {regioNaam} heeft een escalatie nodig: voor elke wachtende is tijdig aanbod.</p>
    );
  return (
    <EenvoudigeTabel
      titel={`Escalatie nodig in ${regioNaam}: ${nodig.length}`}
      kolommen={["Referentie", "Waarom", "Uiterste startdatum", "Laatste stap"]}
    >
      {nodig.map(({ row, escalatie }) => (
        <tr>
          <th scope="row">{casusLink(row)}</th>
          <td>{escalatie?.reden}</td>
          <td>{escalatie ? datum(escalatie.uiterlijkeStart) : "—"}</td>
          <td>{escalatie?.stap ? escalatieLabel(escalatie.stap) : "Nog geen stap"}</td>
        </tr>
      ))}
    </EenvoudigeTabel>
  );
}

/** Referrals the provider did not answer in time: the broker follows them up. */
export function VerlopenTabel({
  aanmeldingen,
  referenties,
}: {
  aanmeldingen: AanmeldingView[];
  referenties: Map<string, CasusRow>;
}) {
  if (aanmeldingen.length === 0)
    return <p class="utrecht-paragraph">Er zijn geen verlopen aanmeldingen van wachtende casussen.</p>;
  return (
    <EenvoudigeTabel
      titel={`Verlopen aanmeldingen: ${aanmeldingen.length}, de aanbieder antwoordde niet op tijd`}
      kolommen={["Referentie", "Aanbod", "Verzonden", "Antwoord was nodig uiterlijk op"]}
    >
      {aanmeldingen.map((a) => {
        const row = referenties.get(a.casusId ?? "");
        return (
          <tr>
            <th scope="row">{row ? casusLink(row) : "onbekend"}</th>
            <td>{aanbodVan(a)}</td>
            <td>{datumTijd(a.verzondenOp)}</td>
            <td>{termijn(a.antwoordVoor)}</td>
          </tr>
        );
      })}
    </EenvoudigeTabel>
  );
}

/** Parents who chose to wait for a particular provider: still waiting for the norm, shown apart with the reason. */
export function OudersKiezenWachtenTabel({ regels, lijst }: { regels: Regel[]; lijst: Lijst }) {
  if (regels.length === 0)
    return <p class="utrecht-paragraph">Er zijn geen casussen waarvan de ouders ervoor kiezen te wachten.</p>;
  return (
    <EenvoudigeTabel
      titel={`Ouders kiezen ervoor te wachten: ${regels.length}, telt mee als wachtend`}
      kolommen={["Referentie", "Zorgvorm", "Reden", "Wachttijd", "Norm van 3 maanden", "Loopt nu"]}
    >
      {regels.map(({ row, prioriteit, escalatie }) => (
        <tr>
          <th scope="row">{casusLink(row)}</th>
          <td>{lijst.namen.zorgvorm.get(row.zorgvorm) ?? row.zorgvorm}</td>
          <td>{STOPREDEN_LABELS[row.stopreden ?? ""] ?? row.stopreden}</td>
          <td>{dagen(prioriteit.klok.wachttijd)}</td>
          <td>
            <Norm row={row} prioriteit={prioriteit} escalatie={escalatie} />
          </td>
          <td class="pw-lopend-cel">
            <LopendCel lopend={lijst.lopend.get(row.id)} />
          </td>
        </tr>
      ))}
    </EenvoudigeTabel>
  );
}

/** Cases whose help started lately: the lead time from the ruling (or registration) to the start, and the norm. */
export function GestartTabel({ casussen, namen, dagen: periode }: { casussen: Casus[]; namen: Namen; dagen: number }) {
  if (casussen.length === 0)
    return <p class="utrecht-paragraph">In de laatste {periode} dagen is bij geen casus hulp gestart.</p>;
  return (
    <EenvoudigeTabel
      titel={`Hulp gestart in de laatste ${periode} dagen: ${casussen.length}, nieuwste eerst`}
      kolommen={["Referentie", "Zorgvorm", "Gestart op", "Doorlooptijd", "Norm van 3 maanden"]}
    >
      {casussen.map((casus) => (
        <tr>
          <th scope="row">
            <Link href={`/wachtlijst/casus/${casus.id}`}>{casus.referentie}</Link>
          </th>
          <td>{namen.zorgvorm.get(casus.zorgvorm) ?? casus.zorgvorm}</td>
          <td>{casus.startdatum ? datum(casus.startdatum) : "—"}</td>
          <td>
            {casus.doorlooptijdDagen === null ? "—" : `${dagen(casus.doorlooptijdDagen)}, van ${vanafWoord(casus)} tot de start`}
          </td>
          <td>
            <NormKort casus={casus} />
          </td>
        </tr>
      ))}
    </EenvoudigeTabel>
  );
}
