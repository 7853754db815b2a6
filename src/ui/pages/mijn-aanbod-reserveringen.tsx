import type { Context } from "hono";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { getReservering, listReserveringen, placeReservering, withdrawReservering } from "../../services/reserveringen.ts";
import { Bevestigstap, isBevestigd } from "../bevestigen.tsx";
import { Csrf, Knop, Link } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { leesFormulier } from "../forms.ts";
import { pagina } from "../layout.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";

/** More holds than this on one provider's offers at once is not a weekly screen any more. */
const MAX_RESERVERINGEN = 100;

export interface Vastgehouden {
  id: string;
  aanbodId: string;
  leeftijd: number | null;
  verlooptOp: string;
}

/**
 * The places a broker holds on the provider's own offers, with the child's age only (as the API
 * shows a provider). Showing them touches case data, so the page's access-log row names the cases.
 */
export async function vastgehoudenPlekken(c: Context<AppEnv>, deps: UiDeps): Promise<Vastgehouden[]> {
  const { resultaten } = await listReserveringen(ctxOf(c, deps.services, "lijst"), {
    status: "actief",
    pagina: 1,
    perPagina: MAX_RESERVERINGEN,
  });
  return resultaten.map((r) => ({
    id: r.id,
    aanbodId: r.aanbodId,
    leeftijd: r.leeftijd,
    verlooptOp: r.verlooptOp,
  }));
}

/** The holds on the provider's offers, each to be confirmed as placed or given back. */
export function Reserveringen({
  lijst,
  namen,
  csrf,
  metAanmelding,
}: {
  lijst: Vastgehouden[];
  namen: Map<string, string>;
  csrf: string;
  /** Holds taken with a referral (hold id → referral id): answered through the referral. */
  metAanmelding: Map<string, string>;
}) {
  if (lijst.length === 0) return null;
  return (
    <section aria-labelledby="reserveringen-kop" class="pw-kaart">
      <h2 class="utrecht-heading-2" id="reserveringen-kop">
        Vastgehouden plekken
      </h2>
      <p class="utrecht-paragraph">
        Een zorgmakelaar houdt deze plekken vast voor een jeugdige. Ze horen bij uw vrije plekken, maar andere verwijzers kunnen
        ze niet meer krijgen. Is de jeugdige bij u gestart, bevestig dan de plaatsing: dan telt de plek niet meer als vrij. Komt
        de plek weer vrij voor anderen, trek de reservering dan in. Hoort de plek bij een aanmelding, dan beantwoordt u die
        aanmelding: accepteren, afwijzen of de start vastleggen beslist ook over de plek.
      </p>
      <div class="pw-tabel-wrap">
        <table class="pw-tabel">
          <caption class="utrecht-table__caption">Vastgehouden plekken op uw aanbod</caption>
          <thead>
            <tr>
              <th scope="col">Aanbod</th>
              <th scope="col">Jeugdige</th>
              <th scope="col">Vastgehouden tot</th>
              <th scope="col">Actie</th>
            </tr>
          </thead>
          <tbody>
            {lijst.map((r) => {
              const naam = namen.get(r.aanbodId) ?? "Aanbod";
              const wie = r.leeftijd === null ? "jeugdige" : `jeugdige van ${r.leeftijd} jaar`;
              return (
                <tr>
                  <th scope="row">{naam}</th>
                  <td>{r.leeftijd === null ? "Leeftijd onbekend" : `${r.leeftijd} jaar`}</td>
                  <td>{datumTijd(r.verlooptOp)}</td>
                  <td>
                    {metAanmelding.has(r.id) ? (
                      <Link
                        href={`/mijn-aanbod/aanmeldingen#aanmelding-${metAanmelding.get(r.id)}`}
                        label={`Aanmelding beantwoorden: ${wie} bij ${naam}`}
                      >
                        Hoort bij een aanmelding: beantwoorden
                      </Link>
                    ) : (
                      <div class="pw-acties">
                        <form method="post" action={`/mijn-aanbod/reserveringen/${r.id}/plaatsing`}>
                          <Csrf token={csrf} />
                          <Knop soort="secondary" label={`Geplaatst: ${wie} bij ${naam}`}>
                            Geplaatst
                          </Knop>
                        </form>
                        <form method="post" action={`/mijn-aanbod/reserveringen/${r.id}/intrekking`}>
                          <Csrf token={csrf} />
                          <Knop soort="subtle" label={`Intrekken: ${wie} bij ${naam}`}>
                            Intrekken
                          </Knop>
                        </form>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const VRAGEN = {
  plaatsing: {
    titel: "Plaatsing bevestigen",
    knop: "Ja, de jeugdige is geplaatst",
    tekst:
      "U legt vast dat de jeugdige bij u is begonnen. De vastgehouden plek wordt bezet: u heeft daarna één vrije plek minder. Dit kunt u niet ongedaan maken.",
  },
  intrekking: {
    titel: "Reservering intrekken",
    knop: "Ja, reservering intrekken",
    tekst:
      "U trekt de reservering in. De plek komt weer vrij voor andere verwijzers; wie de plek vasthield, moet opnieuw reserveren. Dit kunt u niet ongedaan maken.",
  },
} as const;

/**
 * Placement or withdrawal of a hold on one of the provider's own offers; another's is "not
 * found". Both end the hold for good, so each asks once first (without JavaScript).
 */
export function reserveringRoutes(s: Sectie, deps: UiDeps, terug: string): void {
  for (const [actie, service, melding] of [
    ["plaatsing", placeReservering, "geplaatst"],
    ["intrekking", withdrawReservering, "ingetrokken"],
  ] as const) {
    s.post(`/reserveringen/:id/${actie}`, async (c) => {
      // Logged before the change, so a refused attempt leaves its row too.
      markeerToegang(c, "wijzigen");
      const id = c.req.param("id");
      const waarden = await leesFormulier(c);
      if (!isBevestigd(waarden)) {
        // Another provider's hold "does not exist", also before the question.
        await getReservering(ctxOf(c, deps.services), { id });
        const vraag = VRAGEN[actie];
        return pagina(c, {
          titel: vraag.titel,
          actief: terug,
          children: (
            <Bevestigstap actie={`${terug}/reserveringen/${id}/${actie}`} csrf={csrfVan(c)} knop={vraag.knop} terug={terug}>
              <p class="utrecht-paragraph">{vraag.tekst}</p>
            </Bevestigstap>
          ),
        });
      }
      await service(ctxOf(c, deps.services), { id });
      // Back at the top of the page, where the message is.
      return c.redirect(`${terug}?melding=${melding}`, 303);
    });
  }
}

export const RESERVERING_MELDINGEN: Record<string, string> = {
  geplaatst: "De plaatsing is bevestigd. De plek is bezet: u heeft één vrije plek minder.",
  ingetrokken: "De reservering is ingetrokken. De plek is weer vrij voor andere verwijzers.",
};
