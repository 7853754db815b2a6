import type { ZoekResultaat } from "../../services/zoeken.ts";
import { geleden, INTAKE_LABELS, weken } from "../format.ts";
import { ActualiteitBadge, afstand, Gecontracteerd } from "./zoeken-delen.tsx";

/**
 * The results as one table to scan and compare (one row per offer), for wide screens; the cards
 * remain the layout on a narrow one. Both are in the page, the stylesheet shows one: no script.
 */
export function ResultatenTabel({
  resultaten,
  href,
  metAfstand,
  metContract,
  now,
  aanmelden,
}: {
  resultaten: readonly ZoekResultaat[];
  href: (r: ZoekResultaat) => string;
  metAfstand: boolean;
  metContract: boolean;
  now: Date;
  /** For a referrer or broker: the referral form of an offer. */
  aanmelden?: (r: ZoekResultaat) => string;
}) {
  const kop = (tekst: string, getal = false) => (
    <th scope="col" class={getal ? "pw-getal" : undefined}>
      {tekst}
    </th>
  );
  return (
    <div class="pw-tabel-wrap pw-resultaten-tabel">
      <table class="pw-tabel">
        <caption class="pw-sr-only">Resultaten, één aanbod per rij</caption>
        <thead>
          <tr>
            {kop("Aanbod")}
            {kop("Plaats")}
            {metAfstand ? kop("Afstand", true) : null}
            {kop("Vrije plekken", true)}
            {kop("Aanmeld\u00adwachttijd", true)}
            {kop("Behandel\u00adwachttijd", true)}
            {kop("Intake")}
            {kop("Bevestigd")}
            {metContract ? kop("Contract") : null}
            {aanmelden ? (
              <th scope="col">
                <span class="pw-sr-only">Aanmelden</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {resultaten.map((r) => (
            <tr data-aanbod={r.id}>
              <th scope="row">
                <a class="utrecht-link utrecht-link--html-a" href={href(r)}>
                  {r.naam}
                </a>
                <br />
                <span class="pw-zacht">{r.aanbieder.naam}</span>
              </th>
              <td>{r.locatie.plaats}</td>
              {metAfstand ? <td class="pw-getal">{r.afstandKm === undefined ? "onbekend" : afstand(r.afstandKm)}</td> : null}
              <td class="pw-getal">
                {r.vrijePlekken}
                {r.vastgehouden > 0 ? ` (${r.vastgehouden} vastgehouden)` : ""}
              </td>
              <td class="pw-getal">{weken(r.aanmeldwachttijdWeken)}</td>
              <td class="pw-getal">{weken(r.behandelwachttijdWeken)}</td>
              <td>{INTAKE_LABELS[r.intakeStatus] ?? r.intakeStatus}</td>
              <td>
                {r.bevestigdOp ? geleden(r.bevestigdOp, now) : "nooit"} <ActualiteitBadge actualiteit={r.actualiteit} />
              </td>
              {metContract ? <td>{r.gecontracteerd === undefined ? null : <Gecontracteerd ja={r.gecontracteerd} />}</td> : null}
              {aanmelden ? (
                <td>
                  {r.intakeStatus === "gesloten" ? null : (
                    <a class="utrecht-link utrecht-link--html-a" href={aanmelden(r)} aria-label={`Aanmelden bij ${r.naam}`}>
                      Aanmelden
                    </a>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
