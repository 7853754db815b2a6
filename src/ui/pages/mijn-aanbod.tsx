import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { PagingQuery } from "../../kern/fields.ts";
import { actualiteitOf, HIDDEN_AFTER_DAYS, STALE_AFTER_DAYS } from "../../kern/time.ts";
import { BeschikbaarheidInput, getEigenAanbod, listAanbodHistorie, listEigenAanbod } from "../../services/aanbod.ts";
import { type BulkRegel, setBeschikbaarheidBulk } from "../../services/beschikbaarheid.ts";
import { listLocaties } from "../../services/locaties.ts";
import { Csrf, Foutsamenvatting, Knop, Link, Melding, Paginering } from "../components.tsx";
import { ACTUALITEIT_LABELS, datumTijd } from "../format.ts";
import { type Fouten, formulierUitFout, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, ingelogd, voor } from "../toegang.tsx";
import {
  AANMELDING_MELDINGEN,
  AanmeldingenSamenvatting,
  aanmeldingenInSpel,
  aanmeldingRoutes,
} from "./mijn-aanbod-aanmeldingen.tsx";
import { aanbodBeheerRoutes, BEHEER_MELDINGEN } from "./mijn-aanbod-beheren.tsx";
import {
  AanbodTabel,
  HistorieTabel,
  rijId,
  VELD_LABELS,
  VELD_PREFIX,
  VERSIE_CONFLICT,
  veldNaam,
  type WeekstaatFout,
} from "./mijn-aanbod-delen.tsx";
import { RESERVERING_MELDINGEN, Reserveringen, reserveringRoutes, vastgehoudenPlekken } from "./mijn-aanbod-reserveringen.tsx";

const PAD = "/mijn-aanbod";
const VELDEN = ["vrijePlekken", "aanmeldwachttijdWeken", "behandelwachttijdWeken", "intakeStatus"] as const;
const GETALLEN = ["vrijePlekken", "aanmeldwachttijdWeken", "behandelwachttijdWeken"];
const HISTORIE_PER_PAGINA = 25;
const FORMULIER_ID = "weekstaat";
const UUID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.versie$/;

const onderdelen = (n: number) => (n === 1 ? "1 onderdeel" : `${n} onderdelen`);

/** A count from the query after a redirect: digits only, never echoed as text. */
function aantal(c: Context<AppEnv>, naam: string): number {
  return Number(/^\d{1,5}$/.exec(c.req.query(naam) ?? "")?.[0] ?? 0);
}

/** The fixed messages after a redirect; the query only picks one and its counts, its text is never echoed. */
function Bevestiging({ c }: { c: Context<AppEnv> }) {
  const melding = c.req.query("melding");
  if (melding === "opgeslagen") {
    const gewijzigd = aantal(c, "gewijzigd");
    const bevestigd = aantal(c, "bevestigd");
    const al = aantal(c, "al");
    const zinnen = [
      gewijzigd > 0 ? `De nieuwe cijfers van ${onderdelen(gewijzigd)} van uw aanbod zijn opgeslagen.` : "",
      bevestigd > 0 ? `De cijfers van ${onderdelen(bevestigd)} zijn bevestigd als ongewijzigd.` : "",
      al > 0
        ? `${onderdelen(al)} ${al === 1 ? "was" : "waren"} vandaag al bevestigd en ${al === 1 ? "bleef" : "bleven"} zoals ${al === 1 ? "het was" : "ze waren"}.`
        : "",
    ].filter(Boolean);
    return (
      <Melding soort="ok">
        <p class="utrecht-paragraph">
          {zinnen.length > 0 ? zinnen.join(" ") : "Uw cijfers zijn opgeslagen."} Verwijzers zien nu dat ze actueel zijn.
        </p>
      </Melding>
    );
  }
  const reservering = melding
    ? (RESERVERING_MELDINGEN[melding] ?? AANMELDING_MELDINGEN[melding] ?? BEHEER_MELDINGEN[melding])
    : undefined;
  if (reservering) {
    return (
      <Melding soort="ok">
        <p class="utrecht-paragraph">{reservering}</p>
      </Melding>
    );
  }
  return null;
}

/** The weekly rule as the code applies it (kern/time.ts, services/zoeken.ts and the matching). */
function Weekregel() {
  return (
    <p class="utrecht-paragraph">
      Bevestig uw cijfers elke week, ook als er niets veranderd is. Na {STALE_AFTER_DAYS} dagen zonder bevestiging staat uw aanbod
      als &ldquo;{ACTUALITEIT_LABELS.verouderd}&rdquo; bij verwijzers. Na {HIDDEN_AFTER_DAYS} dagen zien verwijzers het niet meer
      in hun zoekresultaten (alleen als zij zelf kiezen om ook verouderd aanbod te tonen) en doet de zorgmakelaar er geen
      matchvoorstellen meer mee.
    </p>
  );
}

/** The provider's weekly screen; with `fout` the one form shows what was refused and why, every typed value kept. */
async function overzicht(c: Context<AppEnv>, deps: UiDeps, fout?: WeekstaatFout, status: 200 | 400 | 409 = 200) {
  const rijen = await listEigenAanbod(ctxOf(c, deps.services), undefined);
  const now = deps.services.clock.now();
  const csrf = csrfVan(c);
  const nietActueel = rijen.filter((r) => actualiteitOf(r.aanbod.bevestigdOp, now) !== "actueel").length;
  const namen = new Map(rijen.map((r) => [r.aanbod.id, r.aanbod.naam]));
  const labels = Object.fromEntries(
    rijen.flatMap((r) =>
      [...VELDEN, "aanbodId", "versie"].map((v) => [veldNaam(r.aanbod.id, v), `${r.aanbod.naam}, ${VELD_LABELS[v] ?? "aanbod"}`]),
    ),
  );
  const vastgehouden = await vastgehoudenPlekken(c, deps);
  const aanmeldingen = await aanmeldingenInSpel(c, deps);
  // A hold taken with a referral is answered through the referral, not on its own.
  const metAanmelding = new Map(
    [...aanmeldingen.open.resultaten, ...aanmeldingen.geaccepteerd.resultaten]
      .filter((a) => a.reserveringId !== null)
      .map((a) => [a.reserveringId as string, a.id]),
  );
  return pagina(
    c,
    {
      titel: "Mijn aanbod",
      actief: PAD,
      children: (
        <>
          {fout ? (
            <Foutsamenvatting
              formulier={{
                ...fout.formulier,
                melding: fout.formulier.melding ?? "Er is niets opgeslagen; uw ingevulde cijfers staan er nog.",
              }}
              labels={labels}
              prefix={VELD_PREFIX}
            />
          ) : (
            <Bevestiging c={c} />
          )}
          <AanmeldingenSamenvatting open={aanmeldingen.open} geaccepteerd={aanmeldingen.geaccepteerd} />
          <Reserveringen lijst={vastgehouden} namen={namen} csrf={csrf} metAanmelding={metAanmelding} />
          {rijen.length === 0 ? (
            <Melding soort="info">
              <p class="utrecht-paragraph">
                U heeft nog geen aanbod in het register. Voeg uw eerste aanbod toe met de knop hieronder; daarna staat het hier.
              </p>
            </Melding>
          ) : (
            <section aria-labelledby="cijfers-kop">
              <h2 class="utrecht-heading-2" id="cijfers-kop">
                Uw cijfers van deze week
              </h2>
              <Weekregel />
              <p class="utrecht-paragraph">
                {rijen.length === 1 ? "Uw aanbod staat" : `Uw aanbod staat hieronder in ${onderdelen(rijen.length)}.`}{" "}
                {nietActueel === 0
                  ? `Alles is in de laatste ${STALE_AFTER_DAYS} dagen bevestigd.`
                  : `${nietActueel === 1 ? "1 onderdeel is" : `${nietActueel} onderdelen zijn`} niet in de laatste ${STALE_AFTER_DAYS} dagen bevestigd.`}{" "}
                Pas aan wat veranderd is en kies daarna één keer &ldquo;Opslaan en bevestigen&rdquo;: wat u aanpaste wordt
                opgeslagen, de rest wordt bevestigd als ongewijzigd. Is er niets veranderd? Kies dan meteen die knop.
              </p>
              <p class="utrecht-paragraph">
                {/* The same form's button, before a long list: saves what was typed too, never throws it away. */}
                <button type="submit" form={FORMULIER_ID} class="utrecht-button utrecht-button--primary-action">
                  Opslaan en bevestigen
                </button>
              </p>
              <form method="post" action={PAD} id={FORMULIER_ID} novalidate data-niet-kwijt>
                <Csrf token={csrf} />
                <AanbodTabel rijen={rijen} now={now} fout={fout} />
                <Knop>Opslaan en bevestigen</Knop>
              </form>
            </section>
          )}
          <p class="utrecht-paragraph">
            <Link href={`${PAD}/nieuw`}>Aanbod toevoegen</Link> · <Link href={`${PAD}/contactgegevens`}>Uw contactgegevens</Link>
          </p>
        </>
      ),
    },
    status,
  );
}

/** A field that must be filled gets a plain request rather than the schema's type error. */
function vulVerplichtAan(waarden: Waarden, fouten: Record<string, string>): void {
  if ((waarden.vrijePlekken ?? "").trim() === "")
    fouten.vrijePlekken = "Vul het aantal vrije plekken in (0 als er geen plek is).";
  if ((waarden.intakeStatus ?? "") === "") fouten.intakeStatus = "Kies de intakestatus.";
}

/** `aanbod[2].vrijePlekken` of the bulk use case → the form's own field name of that row. */
function naarVeld(naam: string, ids: readonly string[]): string {
  const match = /^aanbod\[(\d+)\]\.(.+)$/.exec(naam);
  const id = match ? ids[Number(match[1])] : undefined;
  return id && match ? veldNaam(id, match[2] as string) : naam;
}

/**
 * The one form: every row is read and checked first; only when all rows are valid is the whole
 * week stored in one use case (all or nothing): changed rows saved, the others confirmed.
 */
async function opslaan(c: Context<AppEnv>, deps: UiDeps) {
  const actor = ingelogd(c);
  const waarden = await leesFormulier(c);
  const ids = Object.keys(waarden).flatMap((k) => UUID.exec(k)?.[1] ?? []);
  if (!actor.aanbiederId || ids.length === 0) return c.redirect(PAD, 303);
  const fouten: Fouten = {};
  const regels: BulkRegel[] = [];
  for (const id of ids) {
    const invoer = Object.fromEntries(VELDEN.map((v) => [v, waarden[veldNaam(id, v)] ?? ""]));
    const result = valideer(BeschikbaarheidInput, invoer, { getallen: GETALLEN });
    if (!result.ok) {
      vulVerplichtAan(invoer, result.formulier.fouten);
      for (const [veld, tekst] of Object.entries(result.formulier.fouten)) fouten[veldNaam(id, veld)] = tekst;
      continue;
    }
    const versie = /^\d{1,9}$/.exec(waarden[veldNaam(id, "versie")] ?? "")?.[0];
    regels.push({ aanbodId: id, ...result.data, versie: versie ? Number(versie) : undefined });
  }
  const geen = new Set<string>();
  if (Object.keys(fouten).length > 0) return overzicht(c, deps, { formulier: { waarden, fouten }, conflicten: geen }, 400);
  try {
    const rows = await setBeschikbaarheidBulk(ctxOf(c, deps.services), { aanbiederId: actor.aanbiederId, regels });
    const tel = (u: string) => rows.filter((r) => r.uitkomst === u).length;
    return c.redirect(
      `${PAD}?melding=opgeslagen&gewijzigd=${tel("gewijzigd")}&bevestigd=${tel("bevestigd")}&al=${tel("al-bevestigd")}`,
      303,
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const params = error.invalidParams ?? [];
    // Another provider's offer in the form "does not exist", as everywhere.
    if (params.some((p) => p.name.endsWith(".aanbodId"))) throw DomainError.notFound("Aanbod");
    if (isDomainError(error, ErrorCode.preconditionFailed)) {
      const conflicten = new Set(params.map((p) => naarVeld(p.name, ids).split(".")[0] as string));
      // A row the provider left as it was shows what is stored now, so saving again cannot overwrite the other's change.
      const behouden = Object.fromEntries(
        Object.entries(waarden).filter(([k]) => {
          const id = k.split(".")[0] as string;
          if (!conflicten.has(id)) return true;
          const getypt = VELDEN.map((v) => waarden[veldNaam(id, v)] ?? "").join("|");
          return getypt !== waarden[veldNaam(id, "getoond")];
        }),
      );
      return overzicht(c, deps, { formulier: { waarden: behouden, fouten: {}, melding: VERSIE_CONFLICT }, conflicten }, 409);
    }
    const formulier = formulierUitFout(error, waarden);
    formulier.fouten = Object.fromEntries(Object.entries(formulier.fouten).map(([k, v]) => [naarVeld(k, ids), v]));
    return overzicht(c, deps, { formulier, conflicten: geen }, isDomainError(error, ErrorCode.conflict) ? 409 : 400);
  }
}

export function mijnAanbodPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(
    "/reserveringen/*",
    casusPaginas(() => "wijzigen"),
  );
  const aanmeldingLog = casusPaginas((c) => (c.req.method === "POST" ? "wijzigen" : "lijst"));
  s.use("/aanmeldingen", aanmeldingLog);
  s.use("/aanmeldingen/*", aanmeldingLog);
  s.use(voor(listEigenAanbod.rollen));

  s.get("/", (c) => overzicht(c, deps));
  s.post("/", (c) => opslaan(c, deps));
  reserveringRoutes(s, deps, PAD);
  aanmeldingRoutes(s, deps);
  aanbodBeheerRoutes(s, deps);

  s.get("/:id/historie", async (c) => {
    const id = c.req.param("id");
    const ctx = ctxOf(c, deps.services);
    const row = await getEigenAanbod(ctx, { id });
    const query = PagingQuery.safeParse(c.req.query());
    const nummer = query.success ? query.data.pagina : 1;
    const page = await listAanbodHistorie(ctx, { id, pagina: nummer, perPagina: HISTORIE_PER_PAGINA });
    const { resultaten: eigenLocaties } = await listLocaties(ctx, { aanbiederId: row.aanbiederId, pagina: 1, perPagina: 100 });
    const locaties = Object.fromEntries(eigenLocaties.map((l) => [l.id, l.naam]));
    return pagina(c, {
      titel: `Historie van ${row.naam}`,
      actief: PAD,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href={`${PAD}#${rijId(id)}`}>Terug naar Mijn aanbod</Link>
          </p>
          <p class="utrecht-paragraph">
            {row.bevestigdOp ? `Laatst bevestigd: ${datumTijd(row.bevestigdOp)}.` : "Dit aanbod is nog nooit bevestigd."}
          </p>
          <p class="utrecht-paragraph">
            Elke wijziging en bevestiging van dit aanbod in Plekwijzer, met wie het deed. Een bevestiging verandert geen cijfers,
            maar laat zien dat ze nog kloppen. Bevestigt u op een dag waarop het aanbod al bevestigd of gewijzigd is, dan komt er
            geen tweede regel bij. Wat er gebeurde voordat het aanbod in Plekwijzer kwam, staat hier niet.
          </p>
          {page.totaal === 0 ? (
            <Melding soort="info">
              <p class="utrecht-paragraph">Er is nog geen historie.</p>
            </Melding>
          ) : (
            <HistorieTabel regels={page.resultaten} naam={row.naam} locaties={locaties} />
          )}
          <Paginering
            pad={`${PAD}/${id}/historie`}
            query={new URLSearchParams()}
            pagina={nummer}
            aantalPaginas={Math.ceil(page.totaal / HISTORIE_PER_PAGINA)}
          />
        </>
      ),
    });
  });

  return s;
}
