import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../http/env.ts";
import { leeftijdJaren } from "../../kern/dates.ts";
import { AFWIJSLABELS, MAATREGEL_LABELS, type MaatregelType } from "../../kern/vocabulary.ts";
import type { Maatregel } from "../../priority/norm.ts";
import type { Regelset } from "../../priority/rules.ts";
import type { Prioriteit } from "../../services/prioriteringsregels.ts";
import { Badge, Link, Melding } from "../components.tsx";
import { datum, datumTijd, termijn, zorgvormNaam } from "../format.ts";
import { pagina } from "../layout.tsx";
import type { CasusBeeld, CasusFormulieren } from "./casus-acties.tsx";
import {
  AANMELDING_STATUS,
  AanmeldingenTabel,
  aanbodVan,
  CASUS_STATUS_LABELS,
  escalatieLabel,
  Gegeven,
  Normklok,
  STOPREDEN_LABELS,
} from "./casus-delen.tsx";
import { EscalatieSectie } from "./casus-escalatie.tsx";

/** The case page of the referrer ("Mijn casussen") and of the broker (the waiting list), with their own parts between. */

export const URGENTIE_LABELS: Record<string, string> = { regulier: "Regulier", spoed: "Spoed", crisis: "Crisis" };

export const jaren = (geboortedatum: string, peildatum: string) => `${leeftijdJaren(geboortedatum, peildatum)} jaar`;

export function groepNaam(regelset: Regelset | undefined, groep: number | null): string {
  if (groep === null) return "Geen groep";
  const naam = regelset?.groepen.find((g) => g.nummer === groep)?.naam;
  return naam ? `Groep ${groep} — ${naam}` : `Groep ${groep}`;
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

/** One measure in words: "OTS: uitspraak 2 maart 2026, ingang 9 maart 2026". */
export function maatregelTekst(m: Maatregel): string {
  const delen = [
    m.uitspraakdatum ? `uitspraak ${datum(m.uitspraakdatum)}` : "datum van de uitspraak onbekend",
    m.ingangsdatum ? `ingang ${datum(m.ingangsdatum)}` : "",
  ].filter(Boolean);
  return `${MAATREGEL_LABELS[m.type as MaatregelType] ?? m.type}: ${delen.join(", ")}`;
}

const SOORT_LABELS: Record<string, string> = {
  aangemaakt: "Aangemaakt",
  status: "Status",
  prioriteit: "Prioriteitsgroep",
  correctie: "Correctie",
  aanmelding: "Aanmelding",
  escalatie: "Escalatie",
};

const CORRECTIE_VELDEN: Record<string, string> = {
  referentie: "referentie",
  geboortedatum: "geboortedatum",
  woongemeente: "woongemeente",
  zorgvorm: "zorgvorm",
  aanmelddatum: "aanmelddatum",
  urgentie: "urgentie",
  maatregelen: "maatregelen",
  overbrugging: "overbruggingszorg",
};

/** A correction's old or new values (JSON in the history) in words. */
function correctieTekst(json: string | null, zorgvormen: ReadonlyMap<string, string>): string {
  if (json === null) return "—";
  let waarden: Record<string, unknown>;
  try {
    waarden = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  return Object.entries(waarden)
    .map(([veld, w]) => {
      const naam = CORRECTIE_VELDEN[veld] ?? veld;
      if (w === null || w === undefined) return `${naam}: geen`;
      if (veld === "maatregelen" && Array.isArray(w))
        return `${naam}: ${w.length === 0 ? "geen" : (w as Maatregel[]).map(maatregelTekst).join("; ")}`;
      if (veld === "overbrugging") {
        const code = (w as { zorgvorm?: string }).zorgvorm;
        return `${naam}: ${code ? zorgvormNaam(zorgvormen, code) : "geen"}`;
      }
      if (veld === "zorgvorm" && typeof w === "string") return `${naam}: ${zorgvormNaam(zorgvormen, w)}`;
      if (typeof w === "string" && /^\d{4}-\d{2}-\d{2}$/.test(w)) return `${naam}: ${datum(w)}`;
      return `${naam}: ${String(w)}`;
    })
    .join("; ");
}

function stand(soort: string, waarde: string | null, zorgvormen: ReadonlyMap<string, string>): string {
  if (soort === "prioriteit") return waarde === null ? "berekende groep" : `groep ${waarde}`;
  if (soort === "correctie") return correctieTekst(waarde, zorgvormen);
  if (waarde === null) return "—";
  if (soort === "aanmelding") return AANMELDING_STATUS[waarde as keyof typeof AANMELDING_STATUS]?.[0] ?? waarde;
  if (soort === "escalatie") return escalatieLabel(waarde);
  return CASUS_STATUS_LABELS[waarde] ?? waarde;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** Reasons written before the history spoke in words: an id or a code becomes what a broker understands. */
const OUDE_REDENEN: [RegExp, (m: RegExpMatchArray) => string][] = [
  [new RegExp(`^voorstel ${UUID}( verlopen)?$`), (m) => `matchvoorstel${m[1] ?? ""}`],
  [new RegExp(`^reservering ${UUID} verlopen$`), () => "vastgehouden plek verlopen"],
  [new RegExp(`^reservering ${UUID}$`), () => "plek vastgehouden"],
  [new RegExp(`^aanmelding ${UUID}$`), () => "aangemeld"],
  [new RegExp(`^aanmelding ${UUID} (\\S+)$`), (m) => `aanmelding ${m[1]}`],
  [/^voorstel afgewezen: (\S+)$/, (m) => `matchvoorstel afgewezen: ${AFWIJSLABELS[m[1] as keyof typeof AFWIJSLABELS] ?? m[1]}`],
];

function redenTekst(reden: string | null): string {
  if (!reden) return "—";
  for (const [patroon, tekst] of OUDE_REDENEN) {
    const m = reden.match(patroon);
    if (m) return tekst(m);
  }
  return reden;
}

function Historie({ beeld }: { beeld: CasusBeeld }) {
  const { dossier } = beeld;
  return (
    // Focusable, so a keyboard can scroll it sideways on a phone: it holds no link or button of its own.
    <section class="pw-tabel-wrap" tabindex={0} aria-label={`Historie van casus ${dossier.row.referentie}`}>
      <table class="utrecht-table utrecht-table--html-table pw-tabel">
        <caption class="utrecht-table__caption">Historie van casus {dossier.row.referentie}, oudste eerst</caption>
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
          {dossier.historie.map((h) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{datumTijd(h.op)}</td>
              <td class="utrecht-table__cell">{SOORT_LABELS[h.soort] ?? h.soort}</td>
              <td class="utrecht-table__cell">{h.soort === "aangemaakt" ? "—" : stand(h.soort, h.van, beeld.namen.zorgvorm)}</td>
              <td class="utrecht-table__cell">{stand(h.soort, h.naar, beeld.namen.zorgvorm)}</td>
              <td class="utrecht-table__cell">{redenTekst(h.reden)}</td>
              <td class="utrecht-table__cell">{h.doorPersoon ? `${h.doorPersoon}, ${h.door}` : h.door}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The facts of the case as registered. */
function Gegevens({ beeld, voeg }: { beeld: CasusBeeld; voeg?: Child }) {
  const { casus, namen } = beeld;
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      <Gegeven term="Referentie">{casus.referentie}</Gegeven>
      <Gegeven term="Leeftijd">{jaren(casus.geboortedatum, beeld.vandaag)}</Gegeven>
      <Gegeven term="Woongemeente">{`${namen.gemeente.get(casus.woongemeente) ?? casus.woongemeente} (${casus.woongemeente})`}</Gegeven>
      <Gegeven term="Zorgvorm">{namen.zorgvorm.get(casus.zorgvorm) ?? casus.zorgvorm}</Gegeven>
      <Gegeven term="Aanmelddatum">{datum(casus.aanmelddatum)}</Gegeven>
      <Gegeven term="Urgentie">{URGENTIE_LABELS[casus.urgentie] ?? casus.urgentie}</Gegeven>
      <Gegeven term={casus.maatregelen.length > 1 ? "Maatregelen" : "Maatregel"}>
        {casus.maatregelen.length === 0 ? (
          "Geen maatregel"
        ) : casus.maatregelen.length === 1 ? (
          maatregelTekst(casus.maatregelen[0] as Maatregel)
        ) : (
          <ul class="utrecht-unordered-list">
            {casus.maatregelen.map((m) => (
              <li class="utrecht-unordered-list__item">{maatregelTekst(m)}</li>
            ))}
          </ul>
        )}
      </Gegeven>
      {casus.overbrugging ? (
        <Gegeven term="Overbruggingszorg">
          {namen.zorgvorm.get(casus.overbrugging.zorgvorm) ?? casus.overbrugging.zorgvorm}
        </Gegeven>
      ) : null}
      <Gegeven term="Status">
        {CASUS_STATUS_LABELS[casus.status] ?? casus.status}
        {casus.stopreden ? ` (${STOPREDEN_LABELS[casus.stopreden] ?? casus.stopreden})` : ""}
      </Gegeven>
      {voeg}
    </dl>
  );
}

/** The fixed messages after a redirect; the query carries a code (and at most an id), never user text. */
export function casusMelding(c: Context<AppEnv>, beeld: CasusBeeld): string | undefined {
  const code = c.req.query("melding");
  if (code === "aangemeld") {
    const a = beeld.aanmeldingen.find((x) => x.id === c.req.query("aanmelding"));
    if (!a) return "De aanmelding is verstuurd.";
    const plek = a.reserveringId
      ? `de plek wordt vastgehouden tot het antwoord (uiterlijk op ${termijn(a.antwoordVoor)})`
      : `de aanmelding staat op de wachtlijst van de aanbieder; antwoord uiterlijk op ${termijn(a.antwoordVoor)}`;
    return `Aanmelding verstuurd naar ${aanbodVan(a)}: ${plek}.`;
  }
  return (
    {
      aangemaakt: "De casus is geregistreerd. Zoek passend aanbod en meld de casus daar aan.",
      gecorrigeerd: "De correctie is opgeslagen. Wat er veranderde staat in de historie.",
      ongewijzigd: "Er was niets veranderd; er is niets opgeslagen.",
      bevestigd: "De acceptatie is bevestigd. Andere lopende aanmeldingen van deze casus zijn ingetrokken.",
      ingetrokken: "De aanmelding is ingetrokken. Een vastgehouden plek is weer vrij.",
      escalatie: "De escalatiestap is vastgelegd en staat in de historie.",
      prioriteit: "De prioriteit is opgeslagen. De reden staat in de historie van de casus.",
    } as Record<string, string>
  )[code ?? ""];
}

/** Search the register for this case: care type, municipality (contracted care) and age filled in. */
export function zoekLink(beeld: CasusBeeld): string {
  const { casus } = beeld;
  const q = new URLSearchParams({
    zorgvorm: casus.zorgvorm,
    gemeente: casus.woongemeente,
    leeftijd: String(leeftijdJaren(casus.geboortedatum, beeld.vandaag)),
  });
  return `/zoeken?${q.toString()}`;
}

export interface CasusPaginaProps {
  c: Context<AppEnv>;
  beeld: CasusBeeld;
  formulieren: CasusFormulieren;
  csrf: string;
  status: 200 | 400 | 409;
  /** The menu item and the link back. */
  actief: string;
  terug: { href: string; tekst: string };
  /** The address of this page; the actions post beneath it. */
  pad: string;
  /** Extra facts (the referrer's link to correct). */
  bijGegevens?: Child;
  /** The priority part: read-only for a referrer, with the override for a broker. */
  prioriteit: Child;
}

/** One case: facts, norm clock, priority, referrals, escalation, history. */
export function CasusPagina(p: CasusPaginaProps) {
  const { beeld, c } = p;
  const { casus } = beeld;
  const melding = p.status === 200 ? casusMelding(c, beeld) : undefined;
  const wacht = ["wachtend", "voorgesteld", "aangemeld", "gereserveerd"].includes(casus.status);
  return pagina(
    c,
    {
      titel: `Casus ${casus.referentie}`,
      actief: p.actief,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href={p.terug.href}>{p.terug.tekst}</Link>
          </p>
          {melding ? (
            <Melding soort="ok">
              <p class="utrecht-paragraph">{melding}</p>
            </Melding>
          ) : null}
          <h2 class="utrecht-heading-2">Gegevens</h2>
          <Gegevens beeld={beeld} voeg={p.bijGegevens} />
          <h2 class="utrecht-heading-2">Norm van 3 maanden</h2>
          <Normklok casus={casus} vandaag={beeld.vandaag} />
          <h2 class="utrecht-heading-2">Prioriteit</h2>
          {p.prioriteit}
          <h2 class="utrecht-heading-2" id="aanmeldingen-kop">
            Aanmeldingen
          </h2>
          <p class="utrecht-paragraph">
            De aanbieder antwoordt binnen de antwoordtermijn. Bevestig een acceptatie als de jeugdige daar de hulp krijgt; dan
            vervallen de andere aanmeldingen. De klok van de norm stopt pas als de aanbieder de start van de hulp vastlegt.
          </p>
          <AanmeldingenTabel aanmeldingen={beeld.aanmeldingen} referentie={casus.referentie} acties={p.pad} />
          {wacht ? (
            <p class="utrecht-paragraph">
              <Link href={zoekLink(beeld)}>Zoek passend aanbod om deze casus aan te melden</Link>
            </p>
          ) : null}
          <h2 class="utrecht-heading-2" id="escalatie-kop">
            Escalatie
          </h2>
          <EscalatieSectie
            casus={casus}
            stappen={beeld.escalaties}
            aanbieders={beeld.aanbieders}
            formulier={p.formulieren.escalatie ?? { waarden: {}, fouten: {} }}
            actie={`${p.pad}/escalaties`}
            csrf={p.csrf}
            vandaag={beeld.vandaag}
          />
          <h2 class="utrecht-heading-2">Historie</h2>
          <Historie beeld={beeld} />
        </>
      ),
    },
    p.status,
  );
}

/** The priority as computed (and overridden), read-only. */
export function PrioriteitTekst({ beeld }: { beeld: CasusBeeld }) {
  const { prioriteit, regelset } = beeld.dossier;
  return (
    <>
      <p class="utrecht-paragraph">
        <strong>{prioriteit.buitenKader ? "Buiten het afwegingskader" : groepNaam(regelset, prioriteit.groep)}</strong>{" "}
        {prioriteit.handmatig ? <Badge soort="warning">Handmatig</Badge> : null}
      </p>
      <Redenen prioriteit={prioriteit} />
    </>
  );
}
