import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import type { Actor } from "../../kern/actor.ts";
import { leeftijdJaren } from "../../kern/dates.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { isoDate } from "../../kern/time.ts";
import { issuesToInvalidParams } from "../../kern/violations.ts";
import { URGENTIES } from "../../kern/vocabulary.ts";
import { getAanbieder } from "../../services/aanbieders.ts";
import { getAanbod, toAanbod } from "../../services/aanbod.ts";
import { AanmeldingInput, createAanmelding, geschatteStart } from "../../services/aanmeldingen.ts";
import { type Casus, getCasus, listCasussen } from "../../services/casussen.ts";
import { readZorgvormen, type Zorgvorm } from "../../services/catalogus.ts";
import { getLocatie } from "../../services/locaties.ts";
import { readHulpvraagcategorieen } from "../../services/regio-instellingen.ts";
import {
  Badge,
  Csrf,
  Foutsamenvatting,
  Keuzelijst,
  Knop,
  Link,
  Melding,
  type Optie,
  Tekstvak,
  Tekstveld,
  Vinkje,
} from "../components.tsx";
import { datum, INTAKE_LABELS, vrijePlekken, weken, zorgvormNaam, zorgvormOpties } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, ingelogd, voor } from "../toegang.tsx";
import { jaren, maatregelTekst, URGENTIE_LABELS } from "./casus-pagina.tsx";
import { Cijfers, leeftijden } from "./zoeken-delen.tsx";

/**
 * Aanmelden: the standard referral form (standaardaanmeldformulier) for one case and one offer,
 * opened from a search result or an offer page, filled in from the case and the offer. The
 * provider sees the child's age, never the birth date or the reference.
 */

const PAD = "/aanmelden";
const MAX_TOELICHTING = 2000;
/** A referrer or broker with more referable cases than this chooses from the first; the case page links here too. */
const MAX_KEUZE = 500;
const REFEREERBAAR = new Set(["wachtend", "voorgesteld", "aangemeld", "gereserveerd"]);

const LABELS: Record<string, string> = {
  zorgvorm: "Gevraagde hulp",
  gewensteStartdatum: "Gewenste startdatum",
  urgentie: "Urgentie",
  "contactpersoon.naam": "Naam",
  "contactpersoon.telefoon": "Telefoonnummer",
  "contactpersoon.email": "E-mailadres",
  toelichting: "Toelichting voor de aanbieder",
  metReservering: "Plek meteen vasthouden",
  casus: "Casus",
};

type Aanbod = ReturnType<typeof toAanbod>;

interface Beeld {
  aanbod: Aanbod;
  aanbieder: string;
  locatie: string;
  vrij: boolean;
}

/** The offer as the form shows it; 404 when it does not exist. */
async function laadAanbod(c: Context<AppEnv>, deps: UiDeps, id: string): Promise<Beeld> {
  const ctx = ctxOf(c, deps.services);
  const aanbod = toAanbod(await getAanbod(ctx, { id }), deps.services.clock.now());
  const [aanbieder, locatie] = await Promise.all([
    getAanbieder(ctx, { id: aanbod.aanbiederId }),
    getLocatie(ctx, { id: aanbod.locatieId }),
  ]);
  return {
    aanbod,
    aanbieder: aanbieder.naam,
    locatie: `${locatie.naam}, ${locatie.plaats}`,
    vrij: aanbod.intakeStatus === "open" && aanbod.vrijePlekken - aanbod.vastgehouden > 0,
  };
}

/** The cases the actor may refer: its organisation's (a referrer) or its regions' (a broker), still waiting. */
async function referabel(c: Context<AppEnv>, deps: UiDeps): Promise<Casus[]> {
  const ctx = ctxOf(c, deps.services);
  const out: Casus[] = [];
  for (let nr = 1; out.length < MAX_KEUZE; nr++) {
    const page = await listCasussen(ctx, { pagina: nr, perPagina: 100 });
    out.push(...page.resultaten.filter((x) => REFEREERBAAR.has(x.status)));
    if (nr * 100 >= page.totaal) break;
  }
  return out.sort((a, b) => a.referentie.localeCompare(b.referentie, "nl"));
}

/** Where the case lives for this actor: the referrer's own cases, the broker's waiting list. */
const casusPad = (actor: Actor, id: string) => (actor.rol === "verwijzer" ? `/mijn-casussen/${id}` : `/wachtlijst/casus/${id}`);

function AanbodSamenvatting({ beeld, zorgvorm }: { beeld: Beeld; zorgvorm: string }) {
  const a = beeld.aanbod;
  return (
    <section aria-labelledby="aanbod-kop" class="pw-kaart">
      <h2 class="utrecht-heading-2" id="aanbod-kop">
        {a.naam}
      </h2>
      <p class="utrecht-paragraph">
        {beeld.aanbieder} — {beeld.locatie}
      </p>
      <Cijfers
        rijen={[
          ["Zorgvorm", zorgvorm],
          ["Leeftijd", leeftijden(a.leeftijdVan, a.leeftijdTot)],
          ["Vrije plekken", vrijePlekken({ ...a, capaciteit: undefined })],
          ["Wachttijd", weken((a.aanmeldwachttijdWeken ?? 0) + (a.behandelwachttijdWeken ?? 0))],
          ["Intake", INTAKE_LABELS[a.intakeStatus] ?? a.intakeStatus],
        ]}
      />
      <p class="utrecht-paragraph">
        <Link href={`/zoeken/aanbod/${a.id}`}>Bekijk het aanbod en de contactgegevens</Link>
      </p>
    </section>
  );
}

/** Step 1: which case; a plain GET form, so it works without JavaScript and the address can be reopened. */
function CasusKiezen({
  beeld,
  casussen,
  fout,
  zorgvormen,
}: {
  beeld: Beeld;
  casussen: Casus[];
  fout?: string;
  zorgvormen: readonly Zorgvorm[];
}) {
  if (casussen.length === 0) {
    return (
      <Melding soort="info">
        <p class="utrecht-paragraph">
          Er is geen wachtende casus om aan te melden. <Link href="/mijn-casussen/nieuw">Registreer eerst een casus</Link>.
        </p>
      </Melding>
    );
  }
  const formulier: Formulier = { waarden: {}, fouten: fout ? { casus: fout } : {} };
  const opties: Optie[] = casussen.map((x) => ({
    waarde: x.id,
    tekst: `${x.referentie} (${zorgvormNaam(zorgvormen, x.zorgvorm)})`,
  }));
  return (
    <>
      <h2 class="utrecht-heading-2">Welke casus meldt u aan?</h2>
      <Foutsamenvatting formulier={formulier} labels={LABELS} />
      <form method="get" action={PAD} class="pw-formulier" novalidate>
        <input type="hidden" name="aanbod" value={beeld.aanbod.id} />
        <Keuzelijst
          naam="casus"
          label={LABELS.casus as string}
          verplicht
          leeg="Kies een casus"
          opties={opties}
          formulier={formulier}
        />
        <div>
          <Knop>Aanmeldformulier openen</Knop>
        </div>
      </form>
    </>
  );
}

/** Whether the start this offer can give is in time for the case. */
function Tijdigheid({ beeld, casus, vandaag }: { beeld: Beeld; casus: Casus; vandaag: string }) {
  const start = geschatteStart(beeld.aanbod, vandaag);
  const uiterlijk = casus.normDatum ?? casus.escalatie?.uiterlijkeStart ?? null;
  if (!start) return <p class="utrecht-paragraph">De aanbieder geeft geen wachttijd op; de verwachte start is onbekend.</p>;
  return (
    <p class="utrecht-paragraph">
      Verwachte start bij dit aanbod: {datum(start)} (vandaag plus de wachttijden van de aanbieder).
      {uiterlijk ? (
        <>
          {" "}
          Uiterste startdatum: {datum(uiterlijk)}
          {casus.normDatum ? " (normdatum)" : " (maximale wachttijd)"}.{" "}
          {start <= uiterlijk ? <Badge soort="safe">Op tijd</Badge> : <Badge soort="warning">Na de uiterste startdatum</Badge>}
        </>
      ) : null}
    </p>
  );
}

/** Step 2: the standard referral form, filled in from the case and the offer. */
function Aanmeldformulier(p: {
  beeld: Beeld;
  casus: Casus;
  formulier: Formulier;
  csrf: string;
  zorgvormen: Optie[];
  hulpvragen: { code: string; naam: string }[];
  vandaag: string;
  terug: string;
}) {
  const { beeld, casus, formulier: f } = p;
  const veld = (naam: string) => ({ naam, label: LABELS[naam] ?? naam, formulier: f });
  return (
    <>
      <h2 class="utrecht-heading-2">Aanmelding van casus {casus.referentie}</h2>
      <p class="utrecht-paragraph">
        De aanbieder ziet de leeftijd van de jeugdige ({jaren(casus.geboortedatum, p.vandaag)}), de gevraagde hulp, de maatregel,
        de urgentie, uw contactgegevens en uw toelichting. Niet de geboortedatum, niet de referentie en geen naam: de intake
        regelt u daarna samen.
      </p>
      <Tijdigheid beeld={beeld} casus={casus} vandaag={p.vandaag} />
      {leeftijdJaren(casus.geboortedatum, p.vandaag) < beeld.aanbod.leeftijdVan ||
      leeftijdJaren(casus.geboortedatum, p.vandaag) > beeld.aanbod.leeftijdTot ? (
        <Melding soort="warning">
          <p class="utrecht-paragraph">
            Let op: dit aanbod is er voor {leeftijden(beeld.aanbod.leeftijdVan, beeld.aanbod.leeftijdTot)}; de jeugdige is{" "}
            {jaren(casus.geboortedatum, p.vandaag)}. Overleg met de aanbieder voordat u aanmeldt.
          </p>
        </Melding>
      ) : null}
      <p class="utrecht-paragraph">
        {casus.maatregelen.length === 0
          ? "Maatregel: geen."
          : `Maatregel (gaat mee met de aanmelding): ${casus.maatregelen.map(maatregelTekst).join("; ")}.`}
      </p>
      <Foutsamenvatting formulier={f} labels={LABELS} />
      <form method="post" action={PAD} class="pw-formulier" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="aanbod" value={beeld.aanbod.id} />
        <input type="hidden" name="casus" value={casus.id} />
        <Keuzelijst {...veld("zorgvorm")} verplicht opties={p.zorgvormen} standaard={beeld.aanbod.zorgvorm} />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            Hulpvraag (niet verplicht; kies wat past)
          </legend>
          {p.hulpvragen.map((h) => (
            <Vinkje naam={`hulpvraag-${h.code}`} label={h.naam} formulier={f} />
          ))}
        </fieldset>
        <Tekstveld {...veld("gewensteStartdatum")} type="date" />
        <Keuzelijst
          {...veld("urgentie")}
          verplicht
          opties={URGENTIES.map((u) => ({ waarde: u, tekst: URGENTIE_LABELS[u] ?? u }))}
          standaard={casus.urgentie}
        />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            Contactpersoon bij uw organisatie (niet de jeugdige of de ouders)
          </legend>
          <Tekstveld {...veld("contactpersoon.naam")} verplicht autocomplete="name" />
          <Tekstveld {...veld("contactpersoon.telefoon")} autocomplete="tel" />
          <Tekstveld {...veld("contactpersoon.email")} autocomplete="email" />
        </fieldset>
        <Tekstvak
          {...veld("toelichting")}
          regels={6}
          beschrijving={`Hoogstens ${MAX_TOELICHTING} tekens. Zet hier geen naam, BSN of andere gegevens waarmee de jeugdige te herkennen is.`}
        />
        {beeld.vrij ? (
          <Vinkje {...veld("metReservering")} aan />
        ) : (
          <p class="utrecht-paragraph">
            Dit aanbod heeft nu geen vrije plek: de aanmelding komt op de wachtlijst van de aanbieder, zonder plek vast te houden.
          </p>
        )}
        <div class="pw-acties">
          <Knop>Aanmelding versturen</Knop>
          <Link href={p.terug}>Annuleren</Link>
        </div>
      </form>
    </>
  );
}

/** The form's fields as the API takes them: an empty optional field is not given, a ticked category is a code. */
function invoerUit(waarden: Waarden, hulpvragen: { code: string }[]) {
  const tekst = (naam: string) => {
    const w = (waarden[naam] ?? "").trim();
    return w === "" ? undefined : w;
  };
  return {
    casusId: waarden.casus ?? "",
    aanbodId: waarden.aanbod ?? "",
    zorgvorm: tekst("zorgvorm"),
    hulpvraagCategorieen: hulpvragen.filter((h) => waarden[`hulpvraag-${h.code}`] !== undefined).map((h) => h.code),
    gewensteStartdatum: tekst("gewensteStartdatum"),
    urgentie: tekst("urgentie"),
    contactpersoon: {
      naam: waarden["contactpersoon.naam"] ?? "",
      telefoon: tekst("contactpersoon.telefoon"),
      email: tekst("contactpersoon.email"),
    },
    toelichting: tekst("toelichting"),
    metReservering: waarden.metReservering !== undefined,
  };
}

/** Field errors next to their field; anything else (the case, the offer, a category) above the form. */
function verdeel(formulier: Formulier): Formulier {
  const fouten: Record<string, string> = {};
  const overig: string[] = [];
  for (const [naam, tekst] of Object.entries(formulier.fouten)) {
    if (naam in LABELS && naam !== "casus") fouten[naam] = tekst;
    else overig.push(tekst);
  }
  const melding = [formulier.melding, ...overig].filter(Boolean).join(" ") || undefined;
  return { waarden: formulier.waarden, fouten, melding };
}

export function aanmeldenPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(casusPaginas((c) => (c.req.method === "POST" ? "aanmaken" : c.req.query("casus") ? "lezen" : "lijst")));
  s.use(voor(createAanmelding.rollen));

  const toon = async (
    c: Context<AppEnv>,
    aanbodId: string,
    casusId: string | undefined,
    formulier: Formulier,
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const actor = ingelogd(c);
    const beeld = await laadAanbod(c, deps, aanbodId);
    const vandaag = isoDate(deps.services.clock.now());
    const zorgvormen = await readZorgvormen(deps.services);

    let inhoud: unknown;
    let titel = `Aanmelden bij ${beeld.aanbieder}`;
    if (casusId) {
      const casus = await getCasus(ctxOf(c, deps.services), { id: casusId });
      titel = `Casus ${casus.referentie} aanmelden`;
      inhoud = (
        <Aanmeldformulier
          beeld={beeld}
          casus={casus}
          formulier={formulier}
          csrf={csrfVan(c)}
          zorgvormen={zorgvormOpties(zorgvormen, { zoekbaar: true, actief: true })}
          hulpvragen={await readHulpvraagcategorieen(deps.services)}
          vandaag={vandaag}
          terug={casusPad(actor, casus.id)}
        />
      );
    } else
      inhoud = (
        <CasusKiezen beeld={beeld} casussen={await referabel(c, deps)} fout={formulier.fouten.casus} zorgvormen={zorgvormen} />
      );
    return pagina(
      c,
      {
        titel,
        actief: "/zoeken",
        children: (
          <>
            <p class="utrecht-paragraph">
              <Link href={`/zoeken/aanbod/${beeld.aanbod.id}`}>Terug naar het aanbod</Link>
            </p>
            <AanbodSamenvatting beeld={beeld} zorgvorm={zorgvormNaam(zorgvormen, beeld.aanbod.zorgvorm)} />
            {inhoud as never}
          </>
        ),
      },
      status,
    );
  };

  s.get("/", async (c) => {
    const aanbod = c.req.query("aanbod");
    if (!aanbod) throw DomainError.notFound("Het aanbod om bij aan te melden");
    const casus = c.req.query("casus");
    // "Aanmeldformulier openen" without a choice: the chooser again, with the question.
    if (casus === "") return toon(c, aanbod, undefined, { waarden: {}, fouten: { casus: "Kies de casus die u aanmeldt." } }, 400);
    return toon(c, aanbod, casus, LEEG_FORMULIER);
  });

  s.post("/", async (c) => {
    const actor = ingelogd(c);
    const waarden = await leesFormulier(c);
    const aanbod = waarden.aanbod ?? "";
    const casus = waarden.casus ?? "";
    const hulpvragen = await readHulpvraagcategorieen(deps.services);
    const invoer = invoerUit(waarden, hulpvragen);
    const result = AanmeldingInput.safeParse(invoer);
    if (!result.success) {
      const fouten: Record<string, string> = {};
      for (const p of issuesToInvalidParams(result.error.issues, invoer)) fouten[p.name] ??= p.reason;
      if ((waarden["contactpersoon.naam"] ?? "").trim() === "")
        fouten["contactpersoon.naam"] = "Vul de naam van de contactpersoon in.";
      return toon(c, aanbod, casus, verdeel({ waarden, fouten }), 400);
    }
    let id: string;
    try {
      id = (await createAanmelding(ctxOf(c, deps.services), result.data)).id;
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const status = isDomainError(error, ErrorCode.conflict) ? 409 : 400;
      return toon(c, aanbod, casus, verdeel(formulierUitFout(error, waarden)), status);
    }
    return c.redirect(`${casusPad(actor, casus)}?melding=aangemeld&aanmelding=${id}#aanmeldingen-kop`, 303);
  });

  return s;
}
