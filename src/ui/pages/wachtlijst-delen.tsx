import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../http/env.ts";
import { leeftijdJaren } from "../../kern/dates.ts";
import { MAATREGEL_LABELS } from "../../kern/vocabulary.ts";
import { klokStartVan, type Maatregel, type NormKlok } from "../../priority/norm.ts";
import type { Regelset } from "../../priority/rules.ts";
import type { CasusRow } from "../../services/casussen.ts";
import type { Prioriteit } from "../../services/prioriteringsregels.ts";
import { Badge, Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, Melding, Tekstvak } from "../components.tsx";
import { datum, datumTijd } from "../format.ts";
import type { Formulier } from "../forms.ts";
import { pagina } from "../layout.tsx";

/** Fixed messages after a redirect; the query only carries the code, never user text. */
export const MELDINGEN: Record<string, string> = {
  prioriteit: "De prioriteit is opgeslagen. De reden staat in de historie van de casus.",
};

export const URGENTIE_LABELS: Record<string, string> = { regulier: "Regulier", spoed: "Spoed", crisis: "Crisis" };

export const STATUS_LABELS: Record<string, string> = {
  wachtend: "Wachtend",
  voorgesteld: "Voorgesteld aan een aanbieder",
  gereserveerd: "Plek gereserveerd",
  geplaatst: "Geplaatst",
  gestopt: "Gestopt",
};

const SOORT_LABELS: Record<string, string> = { aangemaakt: "Aangemaakt", status: "Status", prioriteit: "Prioriteitsgroep" };

/** Names to show for codes: care types and municipalities. */
export interface Namen {
  zorgvorm: Map<string, string>;
  gemeente: Map<string, string>;
}

export const jaren = (geboortedatum: string, peildatum: string) => `${leeftijdJaren(geboortedatum, peildatum)} jaar`;

export function groepNaam(regelset: Regelset | undefined, groep: number | null): string {
  if (groep === null) return "Geen groep";
  const naam = regelset?.groepen.find((g) => g.nummer === groep)?.naam;
  return naam ? `Groep ${groep} — ${naam}` : `Groep ${groep}`;
}

/** The three-month norm of a case with a measure, in words; a breach as text in a badge, not colour alone. */
export function Norm({ row, prioriteit }: { row: CasusRow; prioriteit: Prioriteit }) {
  const { normDatum } = prioriteit.klok;
  if (!normDatum) return <span>{row.maatregelen.length === 0 ? "Geen maatregel" : "Niet onder de doorbraaknorm"}</span>;
  const tot = datum(normDatum);
  return prioriteit.normOverschreden ? (
    <>
      <Badge soort="danger">Norm overschreden</Badge> <span>normdatum {tot}</span>
    </>
  ) : (
    <span>Binnen de norm, normdatum {tot}</span>
  );
}

/** The measures in words: "OTS sinds uitspraak 2 maart 2026; normdatum 2 juni 2026". */
export function maatregelenTekst(maatregelen: readonly Maatregel[], klok: NormKlok): string {
  if (maatregelen.length === 0) return "Geen maatregel";
  const delen = maatregelen.map((m) => {
    const start = klokStartVan(m);
    const sinds = start
      ? ` sinds ${start.basis === "uitspraakdatum" ? "de uitspraak op" : "de ingang op"} ${datum(start.datum)}`
      : "";
    return `${MAATREGEL_LABELS[m.type] ?? m.type}${sinds}`;
  });
  return `${delen.join("; ")}${klok.normDatum ? ` (normdatum ${datum(klok.normDatum)})` : " (niet onder de doorbraaknorm)"}`;
}

export function Redenen({ prioriteit }: { prioriteit: Prioriteit }) {
  return (
    <ul class="utrecht-unordered-list">
      {prioriteit.redenen.map((r) => (
        <li class="utrecht-unordered-list__item">{r}</li>
      ))}
    </ul>
  );
}

function Gegeven({ term, children }: { term: string; children: Child }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{term}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{children}</dd>
    </div>
  );
}

export interface CasusData {
  row: CasusRow;
  prioriteit: Prioriteit;
  /** The framework's own group, before any override. */
  berekend: number | null;
  regio: string | undefined;
  regelset: Regelset | undefined;
  peildatum: string;
  historie: {
    volgnummer: number;
    soort: string;
    van: string | null;
    naar: string | null;
    reden: string | null;
    door: string;
    op: string;
  }[];
  namen: Namen;
}

const PRIORITEIT_LABELS = { groep: "Nieuwe prioriteitsgroep", reden: "Reden" };

function stand(soort: string, waarde: string | null): string {
  if (soort === "prioriteit") return waarde === null ? "berekende groep" : `groep ${waarde}`;
  if (waarde === null) return "—";
  return STATUS_LABELS[waarde] ?? waarde;
}

function Historie({ d }: { d: CasusData }) {
  return (
    <div class="pw-tabel-wrap">
      <table class="utrecht-table utrecht-table--html-table pw-tabel">
        <caption class="utrecht-table__caption">Historie van casus {d.row.referentie}, oudste eerst</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {["Wanneer", "Wat", "Van", "Naar", "Reden", "Door"].map((k) => (
              <th class="utrecht-table__header-cell" scope="col">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {d.historie.map((h) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{datumTijd(h.op)}</td>
              <td class="utrecht-table__cell">{SOORT_LABELS[h.soort] ?? h.soort}</td>
              <td class="utrecht-table__cell">{h.soort === "aangemaakt" ? "—" : stand(h.soort, h.van)}</td>
              <td class="utrecht-table__cell">{stand(h.soort, h.naar)}</td>
              <td class="utrecht-table__cell">{h.reden ?? "—"}</td>
              <td class="utrecht-table__cell">{h.door}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Overschrijven({ d, formulier, csrf }: { d: CasusData; formulier: Formulier; csrf: string }) {
  const { row, prioriteit } = d;
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
  const opties = (d.regelset?.groepen ?? []).map((g) => ({ waarde: String(g.nummer), tekst: `Groep ${g.nummer} — ${g.naam}` }));
  opties.push({ waarde: "", tekst: `Terug naar de berekende groep (${groepNaam(d.regelset, d.berekend).toLowerCase()})` });
  return (
    <>
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
          standaard={prioriteit.handmatig?.groep ?? d.berekend ?? ""}
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
}

export interface Lijst {
  regio: string;
  peildatum: string;
  regelset: Regelset | undefined;
  resultaten: Regel[];
  buitenKader: Regel[];
  namen: Namen;
}

function Rijen({ regels, lijst, buitenKader }: { regels: Regel[]; lijst: Lijst; buitenKader?: boolean }) {
  return (
    <tbody class="utrecht-table__body">
      {regels.map(({ positie, row, prioriteit }) => (
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
            <Link href={`/wachtlijst/casus/${row.id}`}>{row.referentie}</Link>
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
            <Norm row={row} prioriteit={prioriteit} />
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
            {[...koppen, buitenKader ? "Toelichting" : "Groep en redenen", "Norm van 3 maanden"].map((k) => (
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

/** One case: its facts, priority and norm, the override form and the history. */
export function CasusPagina({
  c,
  d,
  formulier,
  csrf,
  status = 200,
}: {
  c: Context<AppEnv>;
  d: CasusData;
  formulier: Formulier;
  csrf: string;
  status?: 200 | 400 | 409;
}) {
  const { row, prioriteit, namen } = d;
  const melding = MELDINGEN[c.req.query("melding") ?? ""];
  const maatregel = maatregelenTekst(row.maatregelen, prioriteit.klok);
  return pagina(
    c,
    {
      titel: `Casus ${row.referentie}`,
      actief: "/wachtlijst",
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href={d.regio ? `/wachtlijst?regio=${encodeURIComponent(d.regio)}` : "/wachtlijst"}>
              Terug naar de wachtlijst
            </Link>
          </p>
          {melding && status === 200 ? (
            <Melding soort="ok">
              <p class="utrecht-paragraph">{melding}</p>
            </Melding>
          ) : null}
          <h2 class="utrecht-heading-2">Gegevens</h2>
          <dl class="utrecht-data-list utrecht-data-list--rows">
            <Gegeven term="Referentie">{row.referentie}</Gegeven>
            <Gegeven term="Leeftijd">{jaren(row.geboortedatum, d.peildatum)}</Gegeven>
            <Gegeven term="Woongemeente">{`${namen.gemeente.get(row.woongemeente) ?? row.woongemeente} (${row.woongemeente})`}</Gegeven>
            <Gegeven term="Zorgvorm">{namen.zorgvorm.get(row.zorgvorm) ?? row.zorgvorm}</Gegeven>
            <Gegeven term="Aanmelddatum">{`${datum(row.aanmelddatum)} (${prioriteit.wachtdagen} dagen wachtend)`}</Gegeven>
            <Gegeven term="Urgentie">{URGENTIE_LABELS[row.urgentie] ?? row.urgentie}</Gegeven>
            <Gegeven term="Maatregel">{maatregel}</Gegeven>
            <Gegeven term="Norm van 3 maanden">
              <Norm row={row} prioriteit={prioriteit} />
            </Gegeven>
            <Gegeven term="Status">{STATUS_LABELS[row.status] ?? row.status}</Gegeven>
            {row.overbruggingZorgvorm ? (
              <Gegeven term="Overbruggingszorg">
                {namen.zorgvorm.get(row.overbruggingZorgvorm) ?? row.overbruggingZorgvorm}
              </Gegeven>
            ) : null}
          </dl>
          <h2 class="utrecht-heading-2">Prioriteit</h2>
          <p class="utrecht-paragraph">
            <strong>{prioriteit.buitenKader ? "Buiten het afwegingskader" : groepNaam(d.regelset, prioriteit.groep)}</strong>{" "}
            {prioriteit.handmatig ? <Badge soort="warning">Handmatig</Badge> : null}
          </p>
          <Redenen prioriteit={prioriteit} />
          <h2 class="utrecht-heading-2">Prioriteit aanpassen</h2>
          <Overschrijven d={d} formulier={formulier} csrf={csrf} />
          <h2 class="utrecht-heading-2">Historie</h2>
          <Historie d={d} />
        </>
      ),
    },
    status,
  );
}
