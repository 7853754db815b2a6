import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { ErrorCode, isDomainError } from "../../kern/errors.ts";
import { AanbiederInput, getAanbieder, updateAanbieder } from "../../services/aanbieders.ts";
import {
  type AanbodBeschrijving,
  AanbodBeschrijvingInput,
  AanbodInput,
  type AanbodRow,
  createAanbod,
  deleteAanbod,
  getEigenAanbod,
  updateAanbod,
} from "../../services/aanbod.ts";
import { readZorgvormen } from "../../services/catalogus.ts";
import { listLocaties } from "../../services/locaties.ts";
import { Bevestigstap, isBevestigd } from "../bevestigen.tsx";
import {
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
import { INTAKE_LABELS } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan, ingelogd } from "../toegang.tsx";
import { VELD_LABELS } from "./mijn-aanbod-delen.tsx";

const PAD = "/mijn-aanbod";

/** The fixed messages after a redirect from these pages, picked by `?melding=`. */
export const BEHEER_MELDINGEN: Record<string, string> = {
  toegevoegd: "Het aanbod is toegevoegd. Verwijzers vinden het nu; de cijfers gelden als vandaag bevestigd.",
  gegevens: "De gegevens van het aanbod zijn opgeslagen.",
  beeindigd: "Het aanbod is beëindigd. Verwijzers vinden het niet meer; de historie blijft bewaard.",
  contact: "Uw contactgegevens zijn opgeslagen.",
};

const BESCHRIJVING = [
  "locatieId",
  "zorgvorm",
  "naam",
  "omschrijving",
  "leeftijdVan",
  "leeftijdTot",
  "capaciteit",
  "overbrugging",
  "intakeProcedure",
  "intakeContact",
] as const;
const CIJFERS = ["vrijePlekken", "aanmeldwachttijdWeken", "behandelwachttijdWeken", "intakeStatus"] as const;
const GETALLEN = ["leeftijdVan", "leeftijdTot", "capaciteit", "vrijePlekken", "aanmeldwachttijdWeken", "behandelwachttijdWeken"];
const TEKSTEN = ["omschrijving", "intakeProcedure", "intakeContact"];
const CONTACT = ["website", "telefoon", "email"] as const;
const CONTACT_LABELS: Record<string, string> = { website: "Website", telefoon: "Telefoonnummer", email: "E-mailadres" };
const LABELS = { ...VELD_LABELS, leeftijdVan: "Leeftijd vanaf (jaar)", leeftijdTot: "Leeftijd tot en met (jaar)" };

/** Only the schema's own fields go through its (strict) schema; an unticked box is absent. */
const alleen = (waarden: Waarden, velden: readonly string[]) =>
  Object.fromEntries(velden.filter((v) => v !== "overbrugging" || waarden[v] !== undefined).map((v) => [v, waarden[v] ?? ""]));

/** Reads the offer form; a choice left open gets a plain request rather than the schema's type error. */
function leesAanbod<S extends typeof AanbodInput | typeof AanbodBeschrijvingInput>(
  schema: S,
  waarden: Waarden,
  velden: readonly string[],
) {
  const result = valideer(schema, alleen(waarden, velden), {
    getallen: GETALLEN.filter((g) => velden.includes(g)),
    vinkjes: ["overbrugging"],
    leegIsNull: TEKSTEN,
  });
  if (!result.ok) {
    const fouten = result.formulier.fouten;
    if (!waarden.locatieId) fouten.locatieId = "Kies een locatie.";
    if (!waarden.zorgvorm) fouten.zorgvorm = "Kies een zorgvorm.";
    if (velden.includes("intakeStatus") && !waarden.intakeStatus) fouten.intakeStatus = "Kies de intakestatus.";
    if (velden.includes("vrijePlekken") && !(waarden.vrijePlekken ?? "").trim())
      fouten.vrijePlekken = "Vul het aantal vrije plekken in (0 als er geen plek is).";
    return { ok: false as const, formulier: { ...result.formulier, waarden } };
  }
  return result;
}

async function keuzes(c: Context<AppEnv>, deps: UiDeps, aanbiederId: string) {
  const { resultaten } = await listLocaties(ctxOf(c, deps.services), { aanbiederId, pagina: 1, perPagina: 100 });
  const zorgvormen = await readZorgvormen(deps.services);
  return {
    locaties: resultaten.map((l) => ({ waarde: l.id, tekst: `${l.naam}, ${l.plaats}` })),
    zorgvormen: zorgvormen.map((z) => ({ waarde: z.code, tekst: z.naam })),
  };
}

function Beschrijving({
  formulier,
  standaard,
  locaties,
  zorgvormen,
}: {
  formulier: Formulier;
  standaard?: Partial<AanbodRow>;
  locaties: Optie[];
  zorgvormen: Optie[];
}) {
  return (
    <>
      <Tekstveld naam="naam" label="Naam van het aanbod" verplicht formulier={formulier} standaard={standaard?.naam} />
      <Keuzelijst
        naam="locatieId"
        label="Locatie"
        verplicht
        opties={locaties}
        leeg="Kies een locatie"
        formulier={formulier}
        standaard={standaard?.locatieId}
      />
      <Keuzelijst
        naam="zorgvorm"
        label="Zorgvorm"
        verplicht
        opties={zorgvormen}
        leeg="Kies een zorgvorm"
        formulier={formulier}
        standaard={standaard?.zorgvorm}
      />
      <Tekstveld
        naam="leeftijdVan"
        label={LABELS.leeftijdVan}
        type="number"
        verplicht
        formulier={formulier}
        standaard={standaard?.leeftijdVan}
      />
      <Tekstveld
        naam="leeftijdTot"
        label={LABELS.leeftijdTot}
        type="number"
        verplicht
        formulier={formulier}
        standaard={standaard?.leeftijdTot}
        beschrijving="Tot en met 23 jaar."
      />
      <Tekstveld
        naam="capaciteit"
        label="Capaciteit (totaal aantal plekken)"
        type="number"
        verplicht
        formulier={formulier}
        standaard={standaard?.capaciteit}
      />
      <Tekstvak naam="omschrijving" label="Omschrijving" formulier={formulier} standaard={standaard?.omschrijving} />
      <Tekstvak
        naam="intakeProcedure"
        label="Zo meldt u aan"
        beschrijving="Wat een verwijzer doet om een jeugdige aan te melden: de stappen van de intake."
        formulier={formulier}
        standaard={standaard?.intakeProcedure}
      />
      <Tekstveld
        naam="intakeContact"
        label="Contact voor de intake"
        beschrijving="Naam, telefoonnummer of e-mailadres voor verwijzers."
        formulier={formulier}
        standaard={standaard?.intakeContact}
      />
      <Vinkje
        naam="overbrugging"
        label="Biedt overbruggingszorg tijdens het wachten"
        formulier={formulier}
        aan={standaard?.overbrugging}
      />
    </>
  );
}

function Cijfers({ formulier }: { formulier: Formulier }) {
  return (
    <>
      <Tekstveld naam="vrijePlekken" label="Vrije plekken" type="number" verplicht formulier={formulier} standaard={0} />
      <Tekstveld naam="aanmeldwachttijdWeken" label="Aanmeldwachttijd (weken)" type="number" formulier={formulier} />
      <Tekstveld naam="behandelwachttijdWeken" label="Behandelwachttijd (weken)" type="number" formulier={formulier} />
      <Keuzelijst
        naam="intakeStatus"
        label="Intake"
        verplicht
        opties={Object.entries(INTAKE_LABELS).map(([waarde, tekst]) => ({ waarde, tekst }))}
        formulier={formulier}
        standaard="open"
      />
    </>
  );
}

function Terug() {
  return (
    <p class="utrecht-paragraph">
      <Link href={PAD}>Terug naar Mijn aanbod</Link>
    </p>
  );
}

async function nieuwPagina(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier = LEEG_FORMULIER, status: 200 | 400 = 200) {
  const actor = ingelogd(c);
  const { locaties, zorgvormen } = await keuzes(c, deps, actor.aanbiederId ?? "");
  return pagina(
    c,
    {
      titel: "Aanbod toevoegen",
      actief: PAD,
      children: (
        <>
          <Terug />
          <Foutsamenvatting formulier={formulier} labels={LABELS} />
          {locaties.length === 0 ? (
            <Melding soort="info">
              <p class="utrecht-paragraph">
                Uw organisatie heeft nog geen locatie in het register. Vraag de beheerder van uw regio om uw locatie toe te
                voegen.
              </p>
            </Melding>
          ) : (
            <form method="post" action={`${PAD}/nieuw`} novalidate class="pw-formulier">
              <Csrf token={csrfVan(c)} />
              <Beschrijving formulier={formulier} locaties={locaties} zorgvormen={zorgvormen} />
              <h2 class="utrecht-heading-2">Cijfers van vandaag</h2>
              <Cijfers formulier={formulier} />
              <Knop>Aanbod toevoegen</Knop>
            </form>
          )}
        </>
      ),
    },
    status,
  );
}

async function gegevensPagina(
  c: Context<AppEnv>,
  deps: UiDeps,
  row: AanbodRow,
  formulier: Formulier = LEEG_FORMULIER,
  status: 200 | 400 | 409 | 412 = 200,
) {
  const { locaties, zorgvormen } = await keuzes(c, deps, row.aanbiederId);
  const csrf = csrfVan(c);
  return pagina(
    c,
    {
      titel: `Gegevens van ${row.naam}`,
      actief: PAD,
      children: (
        <>
          <Terug />
          <Foutsamenvatting formulier={formulier} labels={LABELS} />
          <p class="utrecht-paragraph">
            De cijfers van deze week (vrije plekken, wachttijden, intake) past u aan op Mijn aanbod. Hier staat wat het aanbod is
            en hoe verwijzers aanmelden.
          </p>
          <form method="post" action={`${PAD}/${row.id}/gegevens`} novalidate class="pw-formulier">
            <Csrf token={csrf} />
            <input type="hidden" name="versie" value={formulier.waarden.versie ?? String(row.versie)} />
            <Beschrijving formulier={formulier} standaard={row} locaties={locaties} zorgvormen={zorgvormen} />
            <Knop>Gegevens opslaan</Knop>
          </form>
          <section aria-labelledby="beeindigen-kop" class="pw-kaart">
            <h2 class="utrecht-heading-2" id="beeindigen-kop">
              Aanbod beëindigen
            </h2>
            <p class="utrecht-paragraph">
              Biedt u dit niet meer aan? Dan haalt u het uit het register. De historie blijft bewaard.
            </p>
            <form method="post" action={`${PAD}/${row.id}/beeindigen`}>
              <Csrf token={csrf} />
              <input type="hidden" name="versie" value={String(row.versie)} />
              <Knop soort="secondary">Aanbod beëindigen</Knop>
            </form>
          </section>
        </>
      ),
    },
    status,
  );
}

async function contactPagina(
  c: Context<AppEnv>,
  deps: UiDeps,
  formulier: Formulier = LEEG_FORMULIER,
  status: 200 | 400 | 412 = 200,
) {
  const actor = ingelogd(c);
  const aanbieder = await getAanbieder(ctxOf(c, deps.services), { id: actor.aanbiederId ?? "" });
  return pagina(
    c,
    {
      titel: "Uw contactgegevens",
      actief: PAD,
      children: (
        <>
          <Terug />
          <Foutsamenvatting formulier={formulier} labels={CONTACT_LABELS} />
          <p class="utrecht-paragraph">
            Verwijzers en zorgmakelaars zien deze gegevens van {aanbieder.naam} bij elk aanbod. Klopt uw naam, AGB-code of
            KvK-nummer niet? Vraag dan de beheerder van uw regio om die aan te passen.
          </p>
          <form method="post" action={`${PAD}/contactgegevens`} novalidate class="pw-formulier">
            <Csrf token={csrfVan(c)} />
            <input type="hidden" name="versie" value={formulier.waarden.versie ?? String(aanbieder.versie)} />
            <Tekstveld
              naam="telefoon"
              label={CONTACT_LABELS.telefoon as string}
              formulier={formulier}
              standaard={aanbieder.telefoon}
              autocomplete="tel"
            />
            <Tekstveld
              naam="email"
              label={CONTACT_LABELS.email as string}
              type="email"
              formulier={formulier}
              standaard={aanbieder.email}
              autocomplete="email"
            />
            <Tekstveld
              naam="website"
              label={CONTACT_LABELS.website as string}
              formulier={formulier}
              standaard={aanbieder.website}
              autocomplete="url"
            />
            <Knop>Contactgegevens opslaan</Knop>
          </form>
        </>
      ),
    },
    status,
  );
}

const versieUit = (waarden: Waarden) => {
  const v = /^\d{1,9}$/.exec(waarden.versie ?? "")?.[0];
  return v ? [Number(v)] : undefined;
};

const statusVan = (error: unknown) =>
  isDomainError(error, ErrorCode.preconditionFailed) ? 412 : isDomainError(error, ErrorCode.conflict) ? 409 : 400;

/** The provider keeps its own offers and contact details here; the use cases decide what is its own. */
export function aanbodBeheerRoutes(s: Sectie, deps: UiDeps): void {
  s.get("/nieuw", (c) => nieuwPagina(c, deps));
  s.post("/nieuw", async (c) => {
    const waarden = await leesFormulier(c);
    const result = leesAanbod(AanbodInput, waarden, [...BESCHRIJVING, ...CIJFERS]);
    if (!result.ok) return nieuwPagina(c, deps, result.formulier, 400);
    try {
      await createAanbod(ctxOf(c, deps.services), result.data as AanbodInput);
    } catch (error) {
      return nieuwPagina(c, deps, formulierUitFout(error, waarden), 400);
    }
    return c.redirect(`${PAD}?melding=toegevoegd`, 303);
  });

  s.get("/contactgegevens", (c) => contactPagina(c, deps));
  s.post("/contactgegevens", async (c) => {
    const actor = ingelogd(c);
    const ctx = ctxOf(c, deps.services);
    const waarden = await leesFormulier(c);
    const huidig = await getAanbieder(ctx, { id: actor.aanbiederId ?? "" });
    // Name, AGB code and KvK number stay as the beheerder keeps them; the form holds the contact fields only.
    const result = valideer(AanbiederInput, { ...alleen(waarden, CONTACT), naam: huidig.naam }, { leegIsNull: [...CONTACT] });
    if (!result.ok) return contactPagina(c, deps, { ...result.formulier, waarden }, 400);
    try {
      await updateAanbieder(ctx, {
        id: huidig.id,
        wijziging: { ...result.data, agbCode: huidig.agbCode, kvkNummer: huidig.kvkNummer },
        versies: versieUit(waarden),
      });
    } catch (error) {
      return contactPagina(c, deps, formulierUitFout(error, waarden), statusVan(error) === 412 ? 412 : 400);
    }
    return c.redirect(`${PAD}?melding=contact`, 303);
  });

  s.get("/:id/gegevens", async (c) =>
    gegevensPagina(c, deps, await getEigenAanbod(ctxOf(c, deps.services), { id: c.req.param("id") })),
  );
  s.post("/:id/gegevens", async (c) => {
    const ctx = ctxOf(c, deps.services);
    const row = await getEigenAanbod(ctx, { id: c.req.param("id") });
    const waarden = await leesFormulier(c);
    const result = leesAanbod(AanbodBeschrijvingInput, waarden, BESCHRIJVING);
    if (!result.ok) return gegevensPagina(c, deps, row, result.formulier, 400);
    try {
      await updateAanbod(ctx, { id: row.id, wijziging: result.data as AanbodBeschrijving, versies: versieUit(waarden) });
    } catch (error) {
      return gegevensPagina(c, deps, row, formulierUitFout(error, waarden), statusVan(error));
    }
    return c.redirect(`${PAD}?melding=gegevens`, 303);
  });

  s.post("/:id/beeindigen", async (c) => {
    const ctx = ctxOf(c, deps.services);
    const row = await getEigenAanbod(ctx, { id: c.req.param("id") });
    const waarden = await leesFormulier(c);
    if (!isBevestigd(waarden)) {
      return pagina(c, {
        titel: `${row.naam} beëindigen`,
        actief: PAD,
        children: (
          <Bevestigstap
            actie={`${PAD}/${row.id}/beeindigen`}
            csrf={csrfVan(c)}
            waarden={waarden}
            knop="Ja, aanbod beëindigen"
            terug={`${PAD}/${row.id}/gegevens`}
          >
            <p class="utrecht-paragraph">
              U haalt {row.naam} uit het register. Verwijzers en zorgmakelaars vinden het daarna niet meer. De historie blijft
              bewaard. Dit kunt u niet ongedaan maken: wilt u het later weer aanbieden, dan voegt u het opnieuw toe.
            </p>
          </Bevestigstap>
        ),
      });
    }
    try {
      await deleteAanbod(ctx, { id: row.id, versies: versieUit(waarden) });
    } catch (error) {
      return gegevensPagina(c, deps, row, formulierUitFout(error, {}), statusVan(error));
    }
    return c.redirect(`${PAD}?melding=beeindigd`, 303);
  });
}
