import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { isoDate } from "../../kern/time.ts";
import { type Groep, HAAGLANDEN_REGELS, kiesRegelset, optiesVan, type Regelset, RegelsetSchema } from "../../priority/rules.ts";
import { readRegios } from "../../services/catalogus.ts";
import { createRegelset, getRegelset, listRegelsets, toRegelsetOut } from "../../services/prioriteringsregels.ts";
import { Badge, Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, Melding, Tekstvak, Tekstveld } from "../components.tsx";
import { datum, datumTijd } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, type Waarden } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import { Bevestiging, beheerPagina, controleer, Filterkeuze, foutStatus, idUit, Tabel } from "./beheer-delen.tsx";
import { extraVan, formulierUitRegelset, RegelsVelden, regelsetUitFormulier, regelsLabels } from "./beheer-regels-formulier.tsx";
import { alsInvoer, Groepen, jsonFout, VoorwaardeTekst } from "./beheer-regels-tekst.tsx";

const PAD = "/beheer/prioriteringsregels";
const KRUIMEL = { pad: PAD, tekst: "Prioriteringsregels" };
const PREFIX = "nieuw-";
const VELDEN = ["regio", "regelset"] as const;
const LABELS: Record<string, string> = { regio: "Regio", regelset: "Regelset (JSON)" };

type RegelsetOut = ReturnType<typeof toRegelsetOut>;

async function gegevens(c: Context<AppEnv>, deps: UiDeps) {
  const [sets, regios] = await Promise.all([listRegelsets(ctxOf(c, deps.services), {}), readRegios(deps.services)]);
  const vandaag = isoDate(deps.services.clock.now());
  const uit = sets.map(toRegelsetOut);
  const regioNaam = new Map(regios.map((r) => [r.code, r.naam]));
  const inGebruik = new Set(regios.map((r) => kiesRegelset(uit, r.code, vandaag)?.id).filter(Boolean));
  const status = (s: RegelsetOut) =>
    inGebruik.has(s.id) ? (
      <Badge soort="success">In gebruik</Badge>
    ) : s.geldigVanaf > vandaag ? (
      <Badge soort="neutral">Gaat in op {datum(s.geldigVanaf)}</Badge>
    ) : (
      <Badge soort="inactive">Vervangen</Badge>
    );
  return { sets: uit, regios, vandaag, regioNaam, status };
}

/** The starting point of a new version: the version in force (or the latest), one version up, from today. */
function basisVan(sets: RegelsetOut[], regio: string, vandaag: string) {
  const vanRegio = sets.filter((s) => s.regio === regio);
  const basis = kiesRegelset(vanRegio, regio, vandaag) ?? vanRegio.at(-1) ?? HAAGLANDEN_REGELS(regio);
  const hoogste = Math.max(0, ...vanRegio.map((s) => s.versie));
  return { ...basis, versie: hoogste + 1, geldigVanaf: vandaag };
}

type Weergave = "formulier" | "json";

/** The new-version form's values to start with, in the chosen view; the form falls back to JSON for nested rules. */
function beginwaarden(
  sets: RegelsetOut[],
  regio: string,
  vandaag: string,
  gevraagd: Weergave,
): { weergave: Weergave; waarden: Waarden } {
  const basis = basisVan(sets, regio, vandaag);
  const formulier = gevraagd === "formulier" ? formulierUitRegelset(basis) : undefined;
  if (formulier) return { weergave: "formulier", waarden: { ...formulier, regio, extra: extraVan(basis) } };
  return { weergave: "json", waarden: { invoer: "json", regio, regelset: alsInvoer(basis) } };
}

interface Voorbeeld {
  set: Regelset;
  /** Saving was asked after the form changed since the preview shown. */
  gewijzigd: boolean;
}

async function Lijst(
  c: Context<AppEnv>,
  deps: UiDeps,
  gegeven: Formulier,
  status: 200 | 400 | 409 = 200,
  extra: { voorbeeld?: Voorbeeld; meer?: number; geenFormulier?: boolean } = {},
) {
  const g = await gegevens(c, deps);
  const gevraagd = c.req.method === "GET" ? c.req.query("regio") : undefined;
  const regio = gegeven.waarden.regio ?? (g.regioNaam.has(gevraagd ?? "") ? gevraagd : g.regios[0]?.code) ?? "";
  const begin =
    c.req.method === "GET"
      ? beginwaarden(g.sets, regio, g.vandaag, c.req.query("weergave") === "json" ? "json" : "formulier")
      : undefined;
  const formulier: Formulier = begin ? { ...gegeven, waarden: begin.waarden } : gegeven;
  const weergave: Weergave = begin ? begin.weergave : formulier.waarden.invoer === "formulier" ? "formulier" : "json";
  const opties = g.regios.map((r) => ({ waarde: r.code, tekst: r.naam }));
  const inGebruik = kiesRegelset(g.sets, regio, g.vandaag);
  return beheerPagina(
    c,
    {
      titel: "Prioriteringsregels",
      kruimels: [KRUIMEL],
      children: (
        <>
          <p class="utrecht-paragraph">
            Het afwegingskader schadelijk wachten per regio. Een versie verandert nooit: een wijziging is een nieuwe versie met
            een ingangsdatum. Op elke dag geldt de versie met de laatste ingangsdatum die niet in de toekomst ligt.
          </p>
          <Tabel
            titel="Versies per regio"
            koppen={["Regio", "Versie", "Ingangsdatum", "Status", "Aangemaakt", "Inzien"]}
            leeg="Er zijn nog geen prioriteringsregels."
            rijen={g.sets.map((s) => {
              const naam = g.regioNaam.get(s.regio) ?? s.regio;
              return [
                naam,
                `Versie ${s.versie}`,
                datum(s.geldigVanaf),
                g.status(s),
                datumTijd(s.aangemaaktOp),
                <Link href={`${PAD}/${s.id}`} label={`Bekijken: ${naam}, versie ${s.versie}`}>
                  Bekijken
                </Link>,
              ];
            })}
          />
          <h2 class="utrecht-heading-2" id="nieuw">
            Nieuwe versie toevoegen
          </h2>
          <p class="utrecht-paragraph">
            Het formulier begint met de geldende regels van de gekozen regio, één versie hoger en met vandaag als ingangsdatum.
            Pas de groepen aan, bekijk het voorbeeld met wat er verandert, en sla dan op.
          </p>
          <form method="get" action={`${PAD}#nieuw`} class="pw-rij-formulier">
            <Filterkeuze naam="regio" label="Begin met de regels van" opties={opties} gekozen={regio} leeg="Kies een regio" />
            {weergave === "json" ? <input type="hidden" name="weergave" value="json" /> : null}
            <Knop soort="secondary">Overnemen</Knop>
          </form>
          {extra.voorbeeld ? (
            <Verschil
              voorbeeld={extra.voorbeeld}
              inGebruik={inGebruik}
              regioNaam={g.regioNaam.get(extra.voorbeeld.set.regio) ?? extra.voorbeeld.set.regio}
            />
          ) : null}
          {extra.geenFormulier ? (
            <Melding soort="warning">
              <p class="utrecht-paragraph">
                Deze regels passen niet in het formulier: ze hebben voorwaarden binnen voorwaarden, of de JSON is niet in orde. U
                kunt ze hier als JSON bewerken.
              </p>
            </Melding>
          ) : null}
          <form method="post" action={PAD} class={`pw-formulier${weergave === "json" ? " pw-json" : ""}`} novalidate>
            <Csrf token={csrfVan(c)} />
            {/* Enter in a field previews (the first submit button is the form's default), never "Voorwaarde toevoegen". */}
            <button type="submit" name="stap" value="voorbeeld" hidden tabindex={-1}>
              Voorbeeld bekijken
            </button>
            <input type="hidden" name="invoer" value={weergave} />
            {extra.voorbeeld ? <input type="hidden" name="voorbeeld" value={JSON.stringify(extra.voorbeeld.set)} /> : null}
            {weergave === "formulier" ? (
              <FormulierVelden formulier={formulier} regio={regio} opties={opties} meer={extra.meer} />
            ) : (
              <JsonVelden formulier={formulier} regio={regio} opties={opties} />
            )}
            <div class="pw-acties">
              <Knop soort={extra.voorbeeld ? "secondary" : "primary"} naam="stap" waarde="voorbeeld">
                Voorbeeld bekijken
              </Knop>
              {extra.voorbeeld ? (
                <Knop naam="stap" waarde="opslaan">
                  Opslaan
                </Knop>
              ) : null}
              {weergave === "formulier" ? (
                <Knop soort="subtle" naam="stap" waarde="naar-json">
                  Als JSON bewerken (gevorderd)
                </Knop>
              ) : (
                <Knop soort="subtle" naam="stap" waarde="naar-formulier">
                  Met het formulier bewerken
                </Knop>
              )}
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

function FormulierVelden({
  formulier,
  regio,
  opties,
  meer,
}: {
  formulier: Formulier;
  regio: string;
  opties: { waarde: string; tekst: string }[];
  meer?: number;
}) {
  return (
    <>
      <Foutsamenvatting formulier={formulier} labels={{ regio: "Regio", ...regelsLabels(formulier.fouten) }} />
      <input type="hidden" name="extra" value={formulier.waarden.extra ?? ""} />
      <Keuzelijst
        naam="regio"
        label="Regio"
        formulier={formulier}
        standaard={regio}
        opties={opties}
        leeg="Kies een regio"
        verplicht
      />
      <Tekstveld naam="versie" label="Versie" type="number" breedte="smal" formulier={formulier} verplicht />
      <Tekstveld
        naam="geldigVanaf"
        label="Ingangsdatum"
        type="date"
        formulier={formulier}
        verplicht
        beschrijving="Vanaf deze dag gelden de nieuwe regels."
      />
      <p class="utrecht-paragraph">
        Een casus valt in de eerste groep waarvan de voorwaarden kloppen; binnen een groep gaat wie langer wacht voor.
      </p>
      <RegelsVelden formulier={formulier} meer={meer} />
    </>
  );
}

function JsonVelden({
  formulier,
  regio,
  opties,
}: {
  formulier: Formulier;
  regio: string;
  opties: { waarde: string; tekst: string }[];
}) {
  // Nested problems (groepen[1].voorwaarde) have no field of their own: listed above the text area.
  const genest = Object.entries(formulier.fouten).filter(([naam]) => !(VELDEN as readonly string[]).includes(naam));
  const labels = { ...LABELS, ...Object.fromEntries(genest.map(([naam]) => [naam, `Regelset, ${naam}`])) };
  const tekstvak: Formulier = {
    waarden: { regelset: formulier.waarden.regelset ?? "" },
    fouten: formulier.fouten.regelset
      ? { regelset: formulier.fouten.regelset }
      : genest.length > 0
        ? { regelset: `De regelset heeft ${genest.length === 1 ? "één fout" : `${genest.length} fouten`}; zie hierboven.` }
        : {},
  };
  return (
    <>
      <Foutsamenvatting formulier={formulier} labels={labels} prefix={PREFIX} />
      <Keuzelijst
        naam="regio"
        label="Regio"
        prefix={PREFIX}
        formulier={formulier}
        standaard={regio}
        opties={opties}
        leeg="Kies een regio"
        verplicht
      />
      {genest.length > 0 ? (
        <div class="utrecht-form-field-error-message">
          <ul class="utrecht-unordered-list">
            {genest.map(([naam, tekst]) => (
              <li class="utrecht-unordered-list__item" id={`${PREFIX}${naam}`.replace(/[^A-Za-z0-9_-]/g, "-")}>
                <code>{naam}</code>: {tekst}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Tekstvak
        naam="regelset"
        label="Regelset (JSON)"
        prefix={PREFIX}
        formulier={tekstvak}
        regels={24}
        verplicht
        beschrijving="Een object met versie, geldigVanaf (jjjj-mm-dd) en groepen; elke groep heeft nummer, naam en voorwaarde (of null)."
      />
    </>
  );
}

/** What the new version changes, group by group, against the version in force today. */
function Verschil({
  voorbeeld,
  inGebruik,
  regioNaam,
}: {
  voorbeeld: Voorbeeld;
  inGebruik: RegelsetOut | undefined;
  regioNaam: string;
}) {
  const { set } = voorbeeld;
  const oud = inGebruik?.groepen ?? [];
  const zelfde = (a: Groep, b: Groep) => a.naam === b.naam && JSON.stringify(a.voorwaarde) === JSON.stringify(b.voorwaarde);
  const rijen = [...Array(Math.max(oud.length, set.groepen.length)).keys()].map((i) => {
    const was = oud[i];
    const wordt = set.groepen[i];
    const wat = !was ? "Nieuw" : !wordt ? "Vervalt" : zelfde(was, wordt) ? "Ongewijzigd" : "Gewijzigd";
    const cel = (gr: Groep | undefined) =>
      gr ? (
        <>
          <strong>{gr.naam}</strong>
          <div>
            <VoorwaardeTekst v={gr.voorwaarde} />
          </div>
        </>
      ) : (
        "—"
      );
    return [`Groep ${i + 1}`, cel(was), cel(wordt), wat];
  });
  const optiesAnders =
    inGebruik && JSON.stringify(optiesVan(inGebruik)) !== JSON.stringify(optiesVan(set))
      ? "De instellingen voor de doorbraaknorm, de volgorde of de leeftijd veranderen ook (zie de JSON-weergave)."
      : null;
  return (
    <section class="pw-kaart" aria-labelledby="voorbeeld-kop" id="voorbeeld">
      <h2 class="utrecht-heading-2" id="voorbeeld-kop">
        Voorbeeld: wat verandert
      </h2>
      {voorbeeld.gewijzigd ? (
        <Melding soort="warning">
          <p class="utrecht-paragraph">
            U heeft na het vorige voorbeeld nog iets gewijzigd. Dit is het nieuwe voorbeeld; er is nog niets opgeslagen.
          </p>
        </Melding>
      ) : null}
      <p class="utrecht-paragraph">
        {regioNaam}, versie {set.versie}, gaat in op {datum(set.geldigVanaf)}.{" "}
        {inGebruik
          ? `Vergeleken met versie ${inGebruik.versie}, nu in gebruik sinds ${datum(inGebruik.geldigVanaf)}.`
          : "Er is nog geen versie in gebruik: alles is nieuw."}{" "}
        Nog niets is opgeslagen: klopt het, kies dan Opslaan onder het formulier.
      </p>
      {optiesAnders ? <p class="utrecht-paragraph">{optiesAnders}</p> : null}
      <Tabel titel="Groepen: nu en nieuw" koppen={["Groep", "Nu in gebruik", "Nieuw", "Verandering"]} rijen={rijen} leeg="" />
    </section>
  );
}

/** The form's groups as the JSON path's input, checked by the same RegelsetSchema; each problem at its form field. */
function leesRegelsFormulier(waarden: Waarden) {
  const { invoer, fouten, veldVoor } = regelsetUitFormulier(waarden);
  const gelezen = controleer(RegelsetSchema, { ...invoer, regio: waarden.regio?.trim() || undefined }, waarden, (naam) =>
    naam === "regio" ? "regio" : veldVoor(naam),
  );
  const alle = { ...(gelezen.ok ? {} : gelezen.formulier.fouten), ...fouten };
  if (gelezen.ok && Object.keys(fouten).length === 0) return gelezen;
  return { ok: false as const, formulier: { waarden, fouten: alle } };
}

/** The form's JSON with the region from the select, checked by the API's own RegelsetSchema. */
function leesRegelset(waarden: Record<string, string>) {
  const tekst = waarden.regelset ?? "";
  const fout = (regelset: string) => ({ ok: false as const, formulier: { waarden, fouten: { regelset } } });
  if (tekst.trim() === "") return fout("Vul de regelset in.");
  let json: unknown;
  try {
    json = JSON.parse(tekst);
  } catch (e) {
    return fout(jsonFout(tekst, e));
  }
  const object =
    typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (object && object.regio !== undefined && object.regio !== waarden.regio)
    return fout(`De JSON noemt regio ${String(object.regio)}; laat regio weg uit de JSON en kies de regio hierboven.`);
  const invoer = object ? { ...object, regio: waarden.regio?.trim() || undefined } : json;
  return controleer(RegelsetSchema, invoer, waarden, (naam) => (naam === "body" ? "regelset" : naam));
}

/** Switches the view, carrying what was typed: the form as JSON text, or JSON that fits the form as form fields. */
function wissel(waarden: Waarden, naar: Weergave): { waarden: Waarden; lukt: boolean } {
  const regio = waarden.regio ?? "";
  if (naar === "json") {
    const { invoer } = regelsetUitFormulier(waarden);
    return { waarden: { invoer: "json", regio, regelset: JSON.stringify(invoer, null, 2) }, lukt: true };
  }
  try {
    const json = JSON.parse(waarden.regelset ?? "") as Regelset;
    const velden = Array.isArray(json.groepen) ? formulierUitRegelset(json) : undefined;
    if (velden) return { waarden: { ...velden, regio, extra: extraVan(json) }, lukt: true };
  } catch {
    // Not JSON: stays in the JSON view, with the text as typed.
  }
  return { waarden: { ...waarden, invoer: "json" }, lukt: false };
}

/** /beheer/prioriteringsregels: versions per region, one version, a new version. */
export function regelsPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/prioriteringsregels", (c) => Lijst(c, deps, LEEG_FORMULIER));

  s.post("/prioriteringsregels", async (c) => {
    const { stap = "voorbeeld", voorbeeld, ...waarden } = await leesFormulier(c);
    const meer = /^meer-(\d+)$/.exec(stap);
    if (meer) return Lijst(c, deps, { waarden, fouten: {} }, 200, { meer: Number(meer[1]) });
    if (stap === "naar-json" || stap === "naar-formulier") {
      const w = wissel(waarden, stap === "naar-json" ? "json" : "formulier");
      return Lijst(c, deps, { waarden: w.waarden, fouten: {} }, 200, { geenFormulier: !w.lukt });
    }
    const gelezen = waarden.invoer === "formulier" ? leesRegelsFormulier(waarden) : leesRegelset(waarden);
    if (!gelezen.ok) return Lijst(c, deps, gelezen.formulier, 400);
    const set = gelezen.data;
    // Saving only what was previewed: a change after the preview shows the new preview first.
    if (stap !== "opslaan" || voorbeeld !== JSON.stringify(set))
      return Lijst(c, deps, { waarden, fouten: {} }, 200, { voorbeeld: { set, gewijzigd: stap === "opslaan" } });
    let id: string;
    try {
      id = (await createRegelset(ctxOf(c, deps.services), set)).id;
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      return Lijst(c, deps, formulier, foutStatus(formulier, fout));
    }
    return c.redirect(`${PAD}/${id}?melding=toegevoegd`, 303);
  });

  s.get("/prioriteringsregels/:id", async (c) => {
    const id = idUit(c, "Regelset");
    const [set, g] = await Promise.all([getRegelset(ctxOf(c, deps.services), { id }).then(toRegelsetOut), gegevens(c, deps)]);
    const naam = g.regioNaam.get(set.regio) ?? set.regio;
    const titel = `${naam}, versie ${set.versie}`;
    return beheerPagina(c, {
      titel: `Prioriteringsregels ${titel}`,
      kruimels: [KRUIMEL, { pad: `${PAD}/${set.id}`, tekst: titel }],
      children: (
        <>
          <Bevestiging c={c} teksten={{ toegevoegd: "De nieuwe versie is toegevoegd." }} />
          <p class="utrecht-paragraph">
            {g.status(set)} Ingangsdatum {datum(set.geldigVanaf)}; aangemaakt {datumTijd(set.aangemaaktOp)}.
          </p>
          <h2 class="utrecht-heading-2">Groepen</h2>
          <p class="utrecht-paragraph">
            Een casus valt in de eerste groep waarvan de voorwaarde klopt; binnen een groep gaat wie langer wacht voor. Crisis en
            spoed vallen buiten het kader.
          </p>
          <Groepen groepen={set.groepen} />
          <h2 class="utrecht-heading-2">Als JSON</h2>
          <pre class="utrecht-code-block">
            <code class="utrecht-code-block__content">{JSON.stringify(set, null, 2)}</code>
          </pre>
          <p class="utrecht-paragraph">
            <Link href={`${PAD}?regio=${encodeURIComponent(set.regio)}#nieuw`}>Nieuwe versie voor {naam} toevoegen</Link>
          </p>
        </>
      ),
    });
  });
}
