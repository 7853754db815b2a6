import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { isDomainError } from "../../kern/errors.ts";
import {
  bekijkOpenBestand,
  DREMPEL,
  getOpenOverzicht,
  listOpenRegios,
  ONDER_DREMPEL,
  type Samengevoegd,
  type Som,
  type Telling,
  voegSamen,
} from "../../services/open-overzicht.ts";
import { Keuzelijst, Knop, Link, Melding, TabelVak } from "../components.tsx";
import { datum, weken } from "../format.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";

/**
 * The open overview (`/open`): public, no sign-in. A region that publishes shows per care group
 * and municipality its offers, free places, waiting times, freshness and the children waiting
 * past the norm (below 5 as "<5"). The same page shows a downloaded file or a merge of several
 * regions' files, so a national view needs no central database.
 */

const getal = new Intl.NumberFormat("nl-NL");
const telTekst = (t: Telling) => (t === ONDER_DREMPEL ? "minder dan 5" : getal.format(t));
/** A sum over regions: exact, "minder dan 5" when it is one withheld count, else the range it lies in. */
const somTekst = (s: Som) =>
  s.minimaal === s.maximaal
    ? getal.format(s.minimaal)
    : s.minimaal === 0 && s.maximaal === DREMPEL - 1
      ? "minder dan 5"
      : `${getal.format(s.minimaal)} tot en met ${getal.format(s.maximaal)}`;

function Overzicht({ o }: { o: Samengevoegd }) {
  const groepNaam = new Map(o.zorggroepen.map((g) => [g.code, g.naam]));
  const gemeenteNaam = new Map(o.gemeenten.map((g) => [g.code, g.naam]));
  const regioNaam = new Map(o.regios.map((r) => [r.code, r.naam]));
  const meerdere = o.regios.length > 1;
  const rijen = o.cellen.filter((c) => c.aanbod > 0 || c.wachtendVoorbijNorm !== 0);
  return (
    <>
      <p class="utrecht-paragraph">
        {o.regios.map((r) => `${r.naam}: stand op ${datum(r.peildatum)}`).join("; ")}. Alleen aantallen; een aantal kinderen onder
        de 5 staat als "minder dan 5", en waar nodig is nog een aantal weggelaten zodat het niet uit de totalen is af te leiden.
      </p>
      <dl class="pw-facetten pw-kerncijfers">
        <div class="pw-kaart">
          <dt>Kinderen met een maatregel die langer wachten dan de norm van 3 maanden</dt>
          <dd class="pw-kerncijfer-getal">{somTekst(o.wachtendVoorbijNorm.totaal)}</dd>
          {meerdere ? <dd>opgeteld over {o.regios.length} regio's</dd> : null}
        </div>
      </dl>
      {meerdere ? (
        <TabelVak label="Wachtend langer dan de norm, per regio">
          <table class="utrecht-table pw-tabel">
            <caption class="utrecht-table__caption">Wachtend langer dan de norm, per regio</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Regio
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Kinderen
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {o.regios.map((r) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    {r.naam}
                  </th>
                  <td class="utrecht-table__cell pw-getal">{telTekst(o.wachtendVoorbijNorm.perRegio[r.code] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TabelVak>
      ) : null}
      <TabelVak label="Wachtend langer dan de norm, per soort hulp">
        <table class="utrecht-table pw-tabel">
          <caption class="utrecht-table__caption">Wachtend langer dan de norm, per soort hulp</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Soort hulp
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Kinderen
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {o.zorggroepen.map((g) => (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {g.naam}
                </th>
                <td class="utrecht-table__cell pw-getal">
                  {somTekst(o.wachtendVoorbijNorm.perZorggroep[g.code] ?? { minimaal: 0, maximaal: 0 })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TabelVak>
      <TabelVak label="Aanbod, vrije plekken en wachttijden per soort hulp en gemeente">
        <table class="utrecht-table pw-tabel">
          <caption class="utrecht-table__caption">Aanbod, vrije plekken en wachttijden per soort hulp en gemeente</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {[
                ...(meerdere ? ["Regio"] : []),
                "Soort hulp",
                "Gemeente",
                "Aanbod",
                "Vrije plekken",
                "Aanmeldwachttijd (mediaan)",
                "Behandelwachttijd (mediaan)",
                "Actueel (bevestigd binnen 7 dagen)",
                "Kinderen langer dan de norm",
              ].map((k) => (
                <th class="utrecht-table__header-cell" scope="col">
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {rijen.map((c) => (
              <tr class="utrecht-table__row">
                {meerdere ? <td class="utrecht-table__cell">{regioNaam.get(c.regio) ?? c.regio}</td> : null}
                <th class="utrecht-table__header-cell" scope="row">
                  {groepNaam.get(c.zorggroep) ?? c.zorggroep}
                </th>
                <td class="utrecht-table__cell">{gemeenteNaam.get(c.gemeente) ?? c.gemeente}</td>
                <td class="utrecht-table__cell pw-getal">{getal.format(c.aanbod)}</td>
                <td class="utrecht-table__cell pw-getal">{getal.format(c.vrijePlekken)}</td>
                <td class="utrecht-table__cell">{weken(c.mediaanAanmeldwachttijdWeken)}</td>
                <td class="utrecht-table__cell">{weken(c.mediaanBehandelwachttijdWeken)}</td>
                <td class="utrecht-table__cell pw-getal">{c.actueel === null ? "–" : `${getal.format(c.actueel)}%`}</td>
                <td class="utrecht-table__cell pw-getal">{telTekst(c.wachtendVoorbijNorm)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TabelVak>
    </>
  );
}

function BestandFormulier({ fout }: { fout?: string }) {
  return (
    <section aria-labelledby="kop-bestand" class="pw-niet-printen">
      <h2 class="utrecht-heading-2" id="kop-bestand">
        Een bestand bekijken
      </h2>
      <p class="utrecht-paragraph">
        Bekijk hier een overzicht dat u als bestand hebt: het bestand van een regio, of een landelijk bestand dat regio's hebben
        samengevoegd. Het bestand wordt alleen getoond, niet bewaard.
      </p>
      <form method="post" action="/open/bestand" enctype="multipart/form-data" class="pw-rij-formulier">
        <div class={`utrecht-form-field${fout ? " utrecht-form-field--invalid" : ""}`}>
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="bestand">
              Bestand (JSON)
            </label>
          </div>
          {fout ? (
            <div class="utrecht-form-field-error-message" id="bestand-fout">
              {fout}
            </div>
          ) : null}
          <div class="utrecht-form-field__input">
            <input
              type="file"
              id="bestand"
              name="bestand"
              accept="application/json,.json"
              required
              aria-invalid={fout ? "true" : undefined}
              aria-describedby={fout ? "bestand-fout" : undefined}
            />
          </div>
        </div>
        <Knop soort="secondary">Bestand tonen</Knop>
      </form>
    </section>
  );
}

async function toonRegio(c: Context<AppEnv>, deps: UiDeps) {
  const ctx = ctxOf(c, deps.services);
  const regios = await listOpenRegios(ctx, undefined);
  const gevraagd = c.req.query("regio");
  const code = gevraagd === undefined || gevraagd === "" ? regios[0]?.code : gevraagd;
  if (code === undefined) {
    return pagina(c, {
      titel: "Openbaar overzicht",
      children: (
        <>
          <Melding soort="info">
            <p class="utrecht-paragraph">Nog geen regio publiceert hier een openbaar overzicht.</p>
          </Melding>
          <BestandFormulier />
        </>
      ),
    });
  }
  const o = await getOpenOverzicht(ctx, { regio: code });
  return pagina(c, {
    titel: `Openbaar overzicht jeugdhulp ${o.regio.naam}`,
    children: (
      <>
        {regios.length > 1 ? (
          <form method="get" action="/open" class="pw-rij-formulier pw-niet-printen">
            <Keuzelijst
              naam="regio"
              label="Regio"
              verplicht
              formulier={{ waarden: { regio: code }, fouten: {} }}
              opties={regios.map((r) => ({ waarde: r.code, tekst: r.naam }))}
            />
            <Knop soort="secondary">Toon regio</Knop>
          </form>
        ) : null}
        <Overzicht o={voegSamen([o])} />
        <p class="utrecht-paragraph pw-niet-printen">
          <Link href={`/v1/open/overzicht?regio=${encodeURIComponent(o.regio.code)}`}>
            Download dit overzicht als bestand (JSON)
          </Link>
        </p>
        <BestandFormulier />
      </>
    ),
  });
}

/** GET /open and POST /open/bestand: public, without a session. */
export function openPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.get("/", (c) => toonRegio(c, deps));
  s.post("/bestand", async (c) => {
    const body = await c.req.parseBody();
    const bestand = body.bestand;
    const tekst = bestand instanceof File ? await bestand.text() : "";
    try {
      const o = await bekijkOpenBestand(ctxOf(c, deps.services), tekst);
      return pagina(c, {
        titel:
          o.regios.length > 1
            ? `Openbaar overzicht van ${o.regios.length} regio's`
            : `Openbaar overzicht ${o.regios[0]?.naam ?? ""}`,
        children: (
          <>
            <Overzicht o={o} />
            <BestandFormulier />
          </>
        ),
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const fout = tekst === "" ? "Kies een bestand." : error.detail;
      return pagina(
        c,
        {
          titel: "Openbaar overzicht",
          children: (
            <>
              <Melding soort="error">
                <p class="utrecht-paragraph">{fout}</p>
              </Melding>
              <BestandFormulier fout={fout} />
            </>
          ),
        },
        400,
      );
    }
  });
  return s;
}
