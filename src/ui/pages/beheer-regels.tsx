import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { isoDate } from "../../kern/time.ts";
import { HAAGLANDEN_REGELS, kiesRegelset, RegelsetSchema } from "../../priority/rules.ts";
import { readRegios } from "../../services/catalogus.ts";
import { createRegelset, getRegelset, listRegelsets, toRegelsetOut } from "../../services/prioriteringsregels.ts";
import { Badge, Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, Tekstvak } from "../components.tsx";
import { datum, datumTijd } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import { Bevestiging, beheerPagina, controleer, Filterkeuze, foutStatus, idUit, Tabel } from "./beheer-delen.tsx";
import { alsInvoer, Groepen, jsonFout } from "./beheer-regels-tekst.tsx";

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
function beginpunt(sets: RegelsetOut[], regio: string, vandaag: string): string {
  const vanRegio = sets.filter((s) => s.regio === regio);
  const basis = kiesRegelset(vanRegio, regio, vandaag) ?? vanRegio.at(-1) ?? HAAGLANDEN_REGELS(regio);
  const hoogste = Math.max(0, ...vanRegio.map((s) => s.versie));
  return alsInvoer({ versie: hoogste + 1, geldigVanaf: vandaag, groepen: basis.groepen });
}

async function Lijst(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 | 409 = 200) {
  const g = await gegevens(c, deps);
  const gevraagd = c.req.method === "GET" ? c.req.query("regio") : undefined;
  const regio = formulier.waarden.regio ?? (g.regioNaam.has(gevraagd ?? "") ? gevraagd : g.regios[0]?.code) ?? "";
  const opties = g.regios.map((r) => ({ waarde: r.code, tekst: r.naam }));
  // Nested problems (groepen[1].voorwaarde) have no field of their own: listed above the text area.
  const genest = Object.entries(formulier.fouten).filter(([naam]) => !(VELDEN as readonly string[]).includes(naam));
  const labels = { ...LABELS, ...Object.fromEntries(genest.map(([naam]) => [naam, `Regelset, ${naam}`])) };
  const tekstvak: Formulier = {
    waarden: { regelset: formulier.waarden.regelset ?? beginpunt(g.sets, regio, g.vandaag) },
    fouten: formulier.fouten.regelset
      ? { regelset: formulier.fouten.regelset }
      : genest.length > 0
        ? { regelset: `De regelset heeft ${genest.length === 1 ? "één fout" : `${genest.length} fouten`}; zie hierboven.` }
        : {},
  };
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
            Het tekstvak begint met de geldende regels van de gekozen regio, één versie hoger en met vandaag als ingangsdatum.
          </p>
          <form method="get" action={`${PAD}#nieuw`} class="pw-rij-formulier">
            <Filterkeuze naam="regio" label="Begin met de regels van" opties={opties} gekozen={regio} leeg="Kies een regio" />
            <Knop soort="secondary">Overnemen</Knop>
          </form>
          <Foutsamenvatting formulier={formulier} labels={labels} prefix={PREFIX} />
          <form method="post" action={PAD} class="pw-formulier pw-json" novalidate>
            <Csrf token={csrfVan(c)} />
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
            <div>
              <Knop>Versie toevoegen</Knop>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
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

/** /beheer/prioriteringsregels: versions per region, one version, a new version. */
export function regelsPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/prioriteringsregels", (c) => Lijst(c, deps, LEEG_FORMULIER));

  s.post("/prioriteringsregels", async (c) => {
    const waarden = await leesFormulier(c);
    const gelezen = leesRegelset(waarden);
    if (!gelezen.ok) return Lijst(c, deps, gelezen.formulier, 400);
    let id: string;
    try {
      id = (await createRegelset(ctxOf(c, deps.services), gelezen.data)).id;
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
