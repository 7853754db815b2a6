import { actualiteitOf } from "../../kern/time.ts";
import type { Wijziging } from "../../kern/vocabulary.ts";
import type { AanbodVanAanbieder, Beschikbaarheid } from "../../services/aanbod.ts";
import type { toHistorie } from "../../services/historie.ts";
import { Badge, type BadgeSoort, Keuzelijst, Link, Melding, Tekstveld } from "../components.tsx";
import { ACTUALITEIT_LABELS, datumTijd, geleden, INTAKE_LABELS, weken } from "../format.ts";
import { type Formulier, LEEG_FORMULIER } from "../forms.ts";

/** The Dutch label of every offer field a history entry can name. */
export const VELD_LABELS: Record<string, string> = {
  vrijePlekken: "Vrije plekken",
  aanmeldwachttijdWeken: "Aanmeldwachttijd (weken)",
  behandelwachttijdWeken: "Behandelwachttijd (weken)",
  intakeStatus: "Intakestatus",
  locatieId: "Locatie",
  zorgvorm: "Zorgvorm",
  naam: "Naam",
  omschrijving: "Omschrijving",
  intakeProcedure: "Zo meldt u aan",
  intakeContact: "Contact voor de intake",
  leeftijdVan: "Leeftijd vanaf",
  leeftijdTot: "Leeftijd tot en met",
  capaciteit: "Capaciteit",
  overbrugging: "Overbruggingszorg",
};

const SOORT_LABELS: Record<string, string> = {
  aangemaakt: "Aangemaakt",
  gewijzigd: "Gewijzigd",
  bevestigd: "Bevestigd (ongewijzigd)",
  verwijderd: "Verwijderd",
};

const BADGE: Record<string, BadgeSoort> = { actueel: "success", verouderd: "warning", "sterk-verouderd": "danger" };

const INTAKE_OPTIES = Object.entries(INTAKE_LABELS).map(([waarde, tekst]) => ({ waarde, tekst }));

/** Ids on the page are unique per offer: the row is `a-<id>`, its fields `a-<id>-<veld>`. */
export const rijId = (id: string) => `a-${id}`;
/** The name of an offer's field in the one weekly form: `<id>.<veld>`. */
export const veldNaam = (id: string, veld: string) => `${id}.${veld}`;
export const VELD_PREFIX = "a-";

/** The weekly form as refused: every typed value, the messages, and the rows someone else changed meanwhile. */
export interface WeekstaatFout {
  formulier: Formulier;
  /** Offers stored in a newer version than the one the form was built on. */
  conflicten: ReadonlySet<string>;
}

/** The figures as shown in the form, to tell a row the provider edited from one left as it was. */
export const getoond = (a: Beschikbaarheid) =>
  [a.vrijePlekken, a.aanmeldwachttijdWeken ?? "", a.behandelwachttijdWeken ?? "", a.intakeStatus].join("|");

function Actualiteit({ bevestigdOp, now }: { bevestigdOp: string | null; now: Date }) {
  const actualiteit = actualiteitOf(bevestigdOp, now);
  return (
    <>
      <Badge soort={BADGE[actualiteit] ?? "neutral"}>{ACTUALITEIT_LABELS[actualiteit] ?? actualiteit}</Badge>
      <br />
      <span>{bevestigdOp ? `bevestigd ${geleden(bevestigdOp, now)}` : "nooit bevestigd"}</span>
    </>
  );
}

function Opgeslagen({ a }: { a: AanbodVanAanbieder["aanbod"] }) {
  return (
    <p class="utrecht-paragraph">
      Nu opgeslagen: {a.vrijePlekken} vrije {a.vrijePlekken === 1 ? "plek" : "plekken"}, aanmeldwachttijd{" "}
      {weken(a.aanmeldwachttijdWeken)}, behandelwachttijd {weken(a.behandelwachttijdWeken)}, intake{" "}
      {(INTAKE_LABELS[a.intakeStatus] ?? a.intakeStatus).toLowerCase()}.
    </p>
  );
}

function Rij({ r, now, fout }: { r: AanbodVanAanbieder; now: Date; fout?: WeekstaatFout }) {
  const a = r.aanbod;
  const formulier = fout?.formulier ?? LEEG_FORMULIER;
  const conflict = fout?.conflicten.has(a.id) ?? false;
  const naam = (veld: string) => veldNaam(a.id, veld);
  // After a conflict the row builds on the version stored now, so saving again is a deliberate overwrite.
  const getypt = formulier.waarden[naam("versie")];
  const versie = !conflict && getypt !== undefined ? getypt : String(a.versie);
  return (
    <tr id={rijId(a.id)}>
      <th scope="row">
        {a.naam}
        <br />
        <Link href={`/mijn-aanbod/${a.id}/historie`} label={`Historie van ${a.naam}`}>
          Historie
        </Link>
        <br />
        <Link href={`/mijn-aanbod/${a.id}/gegevens`} label={`Gegevens wijzigen van ${a.naam}`}>
          Gegevens wijzigen
        </Link>
      </th>
      <td data-label="Zorgvorm">{r.zorgvormNaam ?? a.zorgvorm}</td>
      <td data-label="Locatie">{r.locatieNaam}</td>
      <td data-label="Capaciteit">{a.capaciteit}</td>
      <td data-label="Actualiteit">
        <Actualiteit bevestigdOp={a.bevestigdOp} now={now} />
      </td>
      <td class="pw-weekstaat-velden">
        {conflict ? (
          <Melding soort="error">
            <p class="utrecht-paragraph">{VERSIE_CONFLICT}</p>
            <Opgeslagen a={a} />
          </Melding>
        ) : null}
        <input type="hidden" name={naam("versie")} value={versie} />
        <input
          type="hidden"
          name={naam("getoond")}
          value={conflict ? getoond(a) : (formulier.waarden[naam("getoond")] ?? getoond(a))}
        />
        <Tekstveld
          naam={naam("vrijePlekken")}
          label="Vrije plekken"
          type="number"
          verplicht
          prefix={VELD_PREFIX}
          formulier={formulier}
          standaard={a.vrijePlekken}
          beschrijving={
            a.vastgehouden > 0 ? `Waarvan ${a.vastgehouden} vastgehouden via Plekwijzer; minstens ${a.vastgehouden}.` : undefined
          }
        />
        <Tekstveld
          naam={naam("aanmeldwachttijdWeken")}
          label="Aanmeldwachttijd (weken)"
          type="number"
          prefix={VELD_PREFIX}
          formulier={formulier}
          standaard={a.aanmeldwachttijdWeken}
          zonderNietVerplicht
        />
        <Tekstveld
          naam={naam("behandelwachttijdWeken")}
          label="Behandelwachttijd (weken)"
          type="number"
          prefix={VELD_PREFIX}
          formulier={formulier}
          standaard={a.behandelwachttijdWeken}
          zonderNietVerplicht
        />
        <Keuzelijst
          naam={naam("intakeStatus")}
          label="Intake"
          verplicht
          opties={INTAKE_OPTIES}
          prefix={VELD_PREFIX}
          formulier={formulier}
          standaard={a.intakeStatus}
        />
      </td>
    </tr>
  );
}

export const VERSIE_CONFLICT =
  "Iemand anders heeft dit aanbod intussen gewijzigd. Er is niets opgeslagen. Staan hieronder uw eigen cijfers, vergelijk ze met wat nu is opgeslagen en sla opnieuw op als ze kloppen.";

/**
 * All offers of the provider in one form: on a wide screen a table, on a phone one card per
 * offer with its fields stacked (the CSS of `pw-weekstaat`). The form's one button saves the
 * rows that changed and confirms the rest, so nothing typed is thrown away by another button.
 */
export function AanbodTabel({ rijen, now, fout }: { rijen: AanbodVanAanbieder[]; now: Date; fout?: WeekstaatFout }) {
  return (
    <div class="pw-tabel-wrap pw-weekstaat">
      <table class="pw-tabel">
        <caption class="utrecht-table__caption">Uw aanbod per locatie. Lege wachttijd: crisiszorg of onbekend.</caption>
        <thead>
          <tr>
            <th scope="col">Aanbod</th>
            <th scope="col">Zorgvorm</th>
            <th scope="col">Locatie</th>
            <th scope="col">Capaciteit</th>
            <th scope="col">Actualiteit</th>
            <th scope="col">Beschikbaarheid</th>
          </tr>
        </thead>
        <tbody>
          {rijen.map((r) => (
            <Rij r={r} now={now} fout={fout} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Waarde({ veld, waarde, locaties }: { veld: string; waarde: unknown; locaties: Record<string, string> }) {
  if (waarde === null || waarde === undefined || waarde === "") return <em>leeg</em>;
  if (veld === "intakeStatus") return <>{INTAKE_LABELS[String(waarde)] ?? String(waarde)}</>;
  if (veld === "locatieId") return <>{locaties[String(waarde)] ?? String(waarde)}</>;
  if (typeof waarde === "boolean") return <>{waarde ? "ja" : "nee"}</>;
  return <>{String(waarde)}</>;
}

function Wijzigingen({ wijzigingen, locaties }: { wijzigingen: Wijziging[]; locaties: Record<string, string> }) {
  if (wijzigingen.length === 0) return <>Geen wijzigingen</>;
  return (
    <ul class="utrecht-unordered-list">
      {wijzigingen.map((w) => (
        <li class="utrecht-unordered-list__item">
          {VELD_LABELS[w.veld] ?? w.veld}: <Waarde veld={w.veld} waarde={w.oud} locaties={locaties} />{" "}
          <span aria-hidden="true">→</span>
          <span class="pw-sr-only">naar</span> <Waarde veld={w.veld} waarde={w.nieuw} locaties={locaties} />
        </li>
      ))}
    </ul>
  );
}

/** An offer's history as a table, oldest first. */
export function HistorieTabel({
  regels,
  naam,
  locaties,
}: {
  regels: (Omit<ReturnType<typeof toHistorie>, "door" | "gebruikerId"> & { door: string | null; doorPersoon: string | null })[];
  naam: string;
  locaties: Record<string, string>;
}) {
  return (
    <div class="pw-tabel-wrap">
      <table class="pw-tabel">
        <caption class="utrecht-table__caption">Wijzigingen en bevestigingen van {naam}, oudste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Wanneer</th>
            <th scope="col">Soort</th>
            <th scope="col">Wijzigingen</th>
            <th scope="col">Door</th>
          </tr>
        </thead>
        <tbody>
          {regels.map((h) => (
            <tr>
              <th scope="row">{datumTijd(h.op)}</th>
              <td>{SOORT_LABELS[h.soort] ?? h.soort}</td>
              <td>
                <Wijzigingen wijzigingen={h.wijzigingen} locaties={locaties} />
              </td>
              <td>{h.door ? (h.doorPersoon ? `${h.doorPersoon}, ${h.door}` : h.door) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
