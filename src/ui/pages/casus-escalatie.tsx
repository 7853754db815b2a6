import { ESCALATIE_LABELS, ESCALATIE_STAPPEN } from "../../kern/vocabulary.ts";
import type { Casus } from "../../services/casussen.ts";
import type { EscalatieStapBeeld } from "../../services/escalaties.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Melding, type Optie, Tekstvak, Tekstveld } from "../components.tsx";
import { datum, datumTijd } from "../format.ts";
import type { Formulier } from "../forms.ts";
import { escalatieLabel } from "./casus-delen.tsx";

/**
 * Escalation on a case page (DOMAIN.md, the referral process, step 6): whether nothing
 * contracted is timely, the steps recorded (A1, A2, B) and the form to record the next one.
 */

export const ESCALATIE_VELDEN = {
  stap: "Stap",
  datum: "Datum van de stap",
  uitkomst: "Uitkomst",
  aanbiederId: "Aanbieder (alleen bij A2)",
  besluitdatum: "Datum van het besluit van de gemeente (alleen bij A2)",
};
export const ESCALATIE_PREFIX = "esc-";

/** The judgement in words: a warning with the reason, or that timely help is in sight. */
export function EscalatieOordeel({ casus }: { casus: Casus }) {
  const e = casus.escalatie;
  if (!e || casus.status === "geplaatst" || (casus.status === "gestopt" && casus.stopreden !== "ouders-kiezen-wachten"))
    return null;
  const start = e.verwachteStart ? `Vroegst mogelijke start: ${datum(e.verwachteStart)}. ` : "";
  const uiterlijk = `Uiterste startdatum om op tijd te zijn: ${datum(e.uiterlijkeStart)}.`;
  if (e.nodig) {
    return (
      <Melding soort="warning">
        <p class="utrecht-paragraph">
          <strong>Escalatie nodig.</strong> {e.reden}
        </p>
        <p class="utrecht-paragraph">
          {start}
          {uiterlijk}
          {e.stap ? ` Laatste stap: ${escalatieLabel(e.stap)}.` : " Er is nog geen escalatiestap vastgelegd."}
        </p>
      </Melding>
    );
  }
  return (
    <p class="utrecht-paragraph">
      Geen escalatie nodig: er is passend aanbod dat op tijd kan starten. {start}
      {uiterlijk}
    </p>
  );
}

/** The steps recorded, oldest first. */
function Stappen({ stappen, aanbieders }: { stappen: readonly EscalatieStapBeeld[]; aanbieders: Map<string, string> }) {
  if (stappen.length === 0) return <p class="utrecht-paragraph">Er zijn nog geen escalatiestappen vastgelegd.</p>;
  return (
    // Focusable, so a keyboard can scroll it sideways on a phone: it holds no link or button of its own.
    <section class="pw-tabel-wrap" tabindex={0} aria-label="Escalatiestappen">
      <table class="pw-tabel">
        <caption>Escalatiestappen, oudste eerst</caption>
        <thead>
          <tr>
            {["Datum", "Stap", "Uitkomst", "Aanbieder en besluit", "Vastgelegd door"].map((k) => (
              <th scope="col">{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stappen.map((s) => (
            <tr>
              <th scope="row">{datum(s.datum)}</th>
              <td>{escalatieLabel(s.stap)}</td>
              <td>{s.uitkomst ?? "—"}</td>
              <td>
                {s.aanbiederId
                  ? `${aanbieders.get(s.aanbiederId) ?? "Aanbieder (niet meer in het register)"}${s.besluitdatum ? `, besluit ${datum(s.besluitdatum)}` : ""}`
                  : "—"}
              </td>
              <td>
                {s.doorPersoon ? `${s.doorPersoon}, ${s.door}` : s.door}, {datumTijd(s.op)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The section: judgement, steps and the form to record one. */
export function EscalatieSectie(p: {
  casus: Casus;
  stappen: readonly EscalatieStapBeeld[];
  aanbieders: readonly Optie[];
  formulier: Formulier;
  actie: string;
  csrf: string;
  vandaag: string;
}) {
  const namen = new Map(p.aanbieders.map((o) => [o.waarde, o.tekst]));
  const f = p.formulier;
  return (
    <>
      <p class="utrecht-paragraph">
        Is er geen gecontracteerde hulp die op tijd kan starten? Dan zoekt u met de gemeente buiten de gecontracteerde zorg (A1),
        regelt de gemeente een maatwerkcontract met een niet-gecontracteerde aanbieder (A2), of gaat de casus naar het regionaal
        expertteam (B). Zo blijft zichtbaar wat er gebeurt.
      </p>
      <EscalatieOordeel casus={p.casus} />
      <Stappen stappen={p.stappen} aanbieders={namen} />
      <h3 class="utrecht-heading-3">Escalatiestap vastleggen</h3>
      <Foutsamenvatting formulier={f} labels={ESCALATIE_VELDEN} prefix={ESCALATIE_PREFIX} />
      <form method="post" action={p.actie} class="pw-formulier" novalidate>
        <Csrf token={p.csrf} />
        <Keuzelijst
          naam="stap"
          label={ESCALATIE_VELDEN.stap}
          prefix={ESCALATIE_PREFIX}
          verplicht
          leeg="Kies een stap"
          formulier={f}
          opties={ESCALATIE_STAPPEN.map((s) => ({ waarde: s, tekst: ESCALATIE_LABELS[s] }))}
        />
        <Tekstveld
          naam="datum"
          type="date"
          label={ESCALATIE_VELDEN.datum}
          prefix={ESCALATIE_PREFIX}
          verplicht
          formulier={f}
          standaard={p.vandaag}
        />
        <Tekstvak
          naam="uitkomst"
          label={ESCALATIE_VELDEN.uitkomst}
          prefix={ESCALATIE_PREFIX}
          regels={3}
          beschrijving="Hoogstens 500 tekens. Schrijf geen namen of andere gegevens waarmee de jeugdige te herkennen is."
          formulier={f}
        />
        <Keuzelijst
          naam="aanbiederId"
          label={ESCALATIE_VELDEN.aanbiederId}
          prefix={ESCALATIE_PREFIX}
          leeg="Geen aanbieder"
          beschrijving="De niet-gecontracteerde aanbieder met wie de gemeente maatwerk afspreekt."
          formulier={f}
          opties={p.aanbieders}
        />
        <Tekstveld
          naam="besluitdatum"
          type="date"
          label={ESCALATIE_VELDEN.besluitdatum}
          prefix={ESCALATIE_PREFIX}
          formulier={f}
        />
        <div>
          <Knop soort="secondary">Escalatiestap vastleggen</Knop>
        </div>
      </form>
    </>
  );
}
