import { actualiteitOf } from "../../kern/time.ts";
import type { Wijziging } from "../../kern/vocabulary.ts";
import type { AanbodVanAanbieder } from "../../services/aanbod.ts";
import type { toHistorie } from "../../services/historie.ts";
import { Badge, type BadgeSoort, Csrf, Keuzelijst, Knop, Link, Melding, Tekstveld } from "../components.tsx";
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
export const rijPrefix = (id: string) => `${rijId(id)}-`;

/** A refused row: what the user typed, the messages, and for a conflict the figures stored now. */
export interface RijFout {
  id: string;
  formulier: Formulier;
  conflict?: boolean;
}

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

function Rij({ r, now, csrf, fout }: { r: AanbodVanAanbieder; now: Date; csrf: string; fout?: RijFout }) {
  const a = r.aanbod;
  const formulier = fout?.formulier ?? LEEG_FORMULIER;
  const prefix = rijPrefix(a.id);
  // After a conflict the row builds on the version stored now, so saving again is a deliberate overwrite.
  const versie = fout && !fout.conflict ? (formulier.waarden.versie ?? String(a.versie)) : String(a.versie);
  return (
    <tr id={rijId(a.id)}>
      <th scope="row">
        {a.naam}
        <br />
        <Link href={`/mijn-aanbod/${a.id}/historie`} label={`Historie van ${a.naam}`}>
          Historie
        </Link>
      </th>
      <td>{r.zorgvormNaam ?? a.zorgvorm}</td>
      <td>{r.locatieNaam}</td>
      <td>{a.capaciteit}</td>
      <td>
        <Actualiteit bevestigdOp={a.bevestigdOp} now={now} />
      </td>
      <td>
        {formulier.melding ? (
          <Melding soort="error">
            <p class="utrecht-paragraph">{formulier.melding}</p>
            {fout?.conflict ? <Opgeslagen a={a} /> : null}
          </Melding>
        ) : null}
        <form method="post" action={`/mijn-aanbod/${a.id}`} class="pw-rij-formulier" novalidate>
          <Csrf token={csrf} />
          <input type="hidden" name="versie" value={versie} />
          <Tekstveld
            naam="vrijePlekken"
            label="Vrije plekken"
            type="number"
            verplicht
            prefix={prefix}
            formulier={formulier}
            standaard={a.vrijePlekken}
            beschrijving={
              a.vastgehouden > 0
                ? `Waarvan ${a.vastgehouden} vastgehouden via Plekwijzer; minstens ${a.vastgehouden}.`
                : undefined
            }
          />
          <Tekstveld
            naam="aanmeldwachttijdWeken"
            label="Aanmeldwachttijd (weken)"
            type="number"
            prefix={prefix}
            formulier={formulier}
            standaard={a.aanmeldwachttijdWeken}
            zonderNietVerplicht
          />
          <Tekstveld
            naam="behandelwachttijdWeken"
            label="Behandelwachttijd (weken)"
            type="number"
            prefix={prefix}
            formulier={formulier}
            standaard={a.behandelwachttijdWeken}
            zonderNietVerplicht
          />
          <Keuzelijst
            naam="intakeStatus"
            label="Intake"
            verplicht
            opties={INTAKE_OPTIES}
            prefix={prefix}
            formulier={formulier}
            standaard={a.intakeStatus}
          />
          <Knop soort="secondary" label={`Opslaan: ${a.naam}`}>
            Opslaan
          </Knop>
        </form>
      </td>
    </tr>
  );
}

/** All offers of the provider, each row with its own inline form for the weekly figures. */
export function AanbodTabel({
  rijen,
  now,
  csrf,
  fout,
}: {
  rijen: AanbodVanAanbieder[];
  now: Date;
  csrf: string;
  fout?: RijFout;
}) {
  return (
    <div class="pw-tabel-wrap">
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
            <Rij r={r} now={now} csrf={csrf} fout={fout?.id === r.aanbod.id ? fout : undefined} />
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
