import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { ErrorCode, isDomainError } from "../../kern/errors.ts";
import { PagingQuery } from "../../kern/fields.ts";
import { actualiteitOf } from "../../kern/time.ts";
import { BeschikbaarheidInput, getEigenAanbod, listAanbodHistorie, listEigenAanbod } from "../../services/aanbod.ts";
import { confirmAllAanbod, setBeschikbaarheid } from "../../services/beschikbaarheid.ts";
import { listLocaties } from "../../services/locaties.ts";
import { Csrf, Foutsamenvatting, Knop, Link, Melding, Paginering } from "../components.tsx";
import { formulierUitFout, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, ingelogd, voor } from "../toegang.tsx";
import {
  AANMELDING_MELDINGEN,
  AanmeldingenSamenvatting,
  aanmeldingenInSpel,
  aanmeldingRoutes,
} from "./mijn-aanbod-aanmeldingen.tsx";
import { AanbodTabel, HistorieTabel, type RijFout, rijId, rijPrefix, VELD_LABELS } from "./mijn-aanbod-delen.tsx";
import { RESERVERING_MELDINGEN, Reserveringen, reserveringRoutes, vastgehoudenPlekken } from "./mijn-aanbod-reserveringen.tsx";

const PAD = "/mijn-aanbod";
const VELDEN = ["vrijePlekken", "aanmeldwachttijdWeken", "behandelwachttijdWeken", "intakeStatus"] as const;
const GETALLEN = ["vrijePlekken", "aanmeldwachttijdWeken", "behandelwachttijdWeken"];
const HISTORIE_PER_PAGINA = 25;
const VERSIE_CONFLICT =
  "Iemand anders heeft dit aanbod intussen gewijzigd. Uw waarden staan hieronder nog; vergelijk ze met wat nu is opgeslagen en sla opnieuw op als ze kloppen.";

/** The fixed messages after a redirect; the query only picks one, its text is never echoed. */
function Bevestiging({ c, namen }: { c: Context<AppEnv>; namen: Map<string, string> }) {
  const melding = c.req.query("melding");
  if (melding === "bevestigd") {
    const aantal = /^\d{1,5}$/.exec(c.req.query("aantal") ?? "")?.[0];
    return (
      <Melding soort="ok">
        <p class="utrecht-paragraph">
          {aantal === undefined
            ? "Uw cijfers zijn bevestigd als ongewijzigd."
            : `De cijfers van ${aantal === "1" ? "1 aanbod-regel" : `${aantal} aanbod-regels`} zijn bevestigd als ongewijzigd.`}{" "}
          Verwijzers zien nu dat ze actueel zijn.
        </p>
      </Melding>
    );
  }
  const reservering = melding ? (RESERVERING_MELDINGEN[melding] ?? AANMELDING_MELDINGEN[melding]) : undefined;
  if (reservering) {
    return (
      <Melding soort="ok">
        <p class="utrecht-paragraph">{reservering}</p>
      </Melding>
    );
  }
  if (melding === "opgeslagen") {
    // Only the name of one of the provider's own offers is shown, never text from the query.
    const naam = namen.get(c.req.query("aanbod") ?? "");
    return (
      <Melding soort="ok">
        <p class="utrecht-paragraph">{naam ? `De cijfers van ${naam} zijn opgeslagen.` : "De cijfers zijn opgeslagen."}</p>
      </Melding>
    );
  }
  return null;
}

/** The provider's weekly screen; with `fout` one row shows what was refused and why. */
async function overzicht(c: Context<AppEnv>, deps: UiDeps, fout?: RijFout, status: 200 | 400 | 409 = 200) {
  const rijen = await listEigenAanbod(ctxOf(c, deps.services), undefined);
  const now = deps.services.clock.now();
  const csrf = csrfVan(c);
  const nietActueel = rijen.filter((r) => actualiteitOf(r.aanbod.bevestigdOp, now) !== "actueel").length;
  const foutNaam = fout ? rijen.find((r) => r.aanbod.id === fout.id)?.aanbod.naam : undefined;
  const namen = new Map(rijen.map((r) => [r.aanbod.id, r.aanbod.naam]));
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
                melding: fout.formulier.melding ?? `${foutNaam ?? "Dit aanbod"} is niet opgeslagen.`,
              }}
              labels={VELD_LABELS}
              prefix={rijPrefix(fout.id)}
            />
          ) : (
            <Bevestiging c={c} namen={namen} />
          )}
          <AanmeldingenSamenvatting open={aanmeldingen.open} geaccepteerd={aanmeldingen.geaccepteerd} />
          <Reserveringen lijst={vastgehouden} namen={namen} csrf={csrf} metAanmelding={metAanmelding} />
          {rijen.length === 0 ? (
            <Melding soort="info">
              <p class="utrecht-paragraph">
                U heeft nog geen aanbod in het register. De beheerder van uw regio of uw eigen koppeling via de API voegt aanbod
                toe; daarna staat het hier.
              </p>
            </Melding>
          ) : (
            <>
              <section aria-labelledby="bevestigen-kop" class="pw-kaart">
                <h2 class="utrecht-heading-2" id="bevestigen-kop">
                  Alles ongewijzigd bevestigen
                </h2>
                <p class="utrecht-paragraph">
                  {rijen.length === 1 ? "Uw aanbod staat" : `Uw ${rijen.length} aanbod-regels staan`} hieronder.{" "}
                  {nietActueel === 0
                    ? "Alles is in de laatste 7 dagen bevestigd."
                    : nietActueel === 1
                      ? "1 regel is niet in de laatste 7 dagen bevestigd."
                      : `${nietActueel} regels zijn niet in de laatste 7 dagen bevestigd.`}{" "}
                  Kloppen alle cijfers hieronder nog? Bevestig ze dan in één keer. De cijfers blijven gelijk; alleen de datum van
                  bevestiging wordt vandaag.
                </p>
                <form method="post" action={`${PAD}/bevestigen`}>
                  <Csrf token={csrf} />
                  <Knop>Alles ongewijzigd bevestigen</Knop>
                </form>
              </section>
              <h2 class="utrecht-heading-2">Cijfers per aanbod</h2>
              <p class="utrecht-paragraph">
                Is er iets veranderd? Pas de cijfers in die regel aan en kies Opslaan. Opslaan bevestigt die regel ook.
              </p>
              <AanbodTabel rijen={rijen} now={now} csrf={csrf} fout={fout} />
            </>
          )}
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
  reserveringRoutes(s, deps, PAD);
  aanmeldingRoutes(s, deps);

  s.post("/bevestigen", async (c) => {
    const actor = ingelogd(c);
    if (!actor.aanbiederId) return c.redirect(PAD, 303);
    const rows = await confirmAllAanbod(ctxOf(c, deps.services), { aanbiederId: actor.aanbiederId });
    return c.redirect(`${PAD}?melding=bevestigd&aantal=${rows.length}`, 303);
  });

  s.post("/:id", async (c) => {
    const id = c.req.param("id");
    const waarden = await leesFormulier(c);
    // Only the API's own fields go through its (strict) schema; `versie` is the If-Match of the form.
    const invoer = Object.fromEntries(VELDEN.map((v) => [v, waarden[v] ?? ""]));
    const result = valideer(BeschikbaarheidInput, invoer, { getallen: GETALLEN });
    if (!result.ok) {
      vulVerplichtAan(waarden, result.formulier.fouten);
      return overzicht(c, deps, { id, formulier: { ...result.formulier, waarden } }, 400);
    }
    const versie = /^\d{1,9}$/.exec(waarden.versie ?? "")?.[0];
    try {
      await setBeschikbaarheid(ctxOf(c, deps.services), {
        id,
        cijfers: result.data,
        versies: versie ? [Number(versie)] : undefined,
      });
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const formulier = formulierUitFout(error, waarden);
      if (isDomainError(error, ErrorCode.preconditionFailed)) {
        return overzicht(c, deps, { id, formulier: { waarden, fouten: {}, melding: VERSIE_CONFLICT }, conflict: true }, 409);
      }
      return overzicht(c, deps, { id, formulier }, isDomainError(error, ErrorCode.conflict) ? 409 : 400);
    }
    return c.redirect(`${PAD}?melding=opgeslagen&aanbod=${id}#${rijId(id)}`, 303);
  });

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
            Elke wijziging en elke bevestiging van dit aanbod, met wie het deed. Een bevestiging verandert geen cijfers, maar laat
            zien dat ze nog kloppen.
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
