import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { SESSIE_COOKIE } from "../../http/guard.ts";
import { DAY_MS, isoTimestamp } from "../../kern/time.ts";
import { ROLLEN } from "../../kern/vocabulary.ts";
import {
  createToken,
  getToken,
  listOrganisaties,
  listTokens,
  MAX_TOKEN_DAGEN,
  revokeToken,
  STANDAARD_TOKEN_DAGEN,
  TokenInput,
  TokensQuery,
} from "../../services/toegang.ts";
import { bewaarTokenWeergave, toonTokenWeergave } from "../../services/token-weergave.ts";
import { Bevestigstap, isBevestigd } from "../bevestigen.tsx";
import { Badge, Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, Melding, Paginering, Tekstveld } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import {
  ALLES,
  aantalPaginas,
  Bevestiging,
  beheerPagina,
  controleer,
  Filterkeuze,
  idUit,
  leesQuery,
  PER_PAGINA,
  Tabel,
  zonderMelding,
} from "./beheer-delen.tsx";
import { TYPE_LABELS } from "./beheer-organisaties.tsx";
import { ROL_LABELS } from "./gebruikers-delen.tsx";

const PAD = "/beheer/tokens";
const LABELS: Record<string, string> = {
  organisatieId: "Organisatie",
  rol: "Rol",
  omschrijving: "Koppeling",
  geldigheidDagen: "Geldig (dagen)",
};

async function organisaties(c: Context<AppEnv>, deps: UiDeps) {
  const alle = (await listOrganisaties(ctxOf(c, deps.services), ALLES)).resultaten;
  return { alle, naam: new Map(alle.map((o) => [o.id, o.naam])) };
}

async function Lijst(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 = 200) {
  const { pagina: p, perPagina: _, ...filter } = leesQuery(c, TokensQuery);
  const [page, orgs] = await Promise.all([
    listTokens(ctxOf(c, deps.services), { ...filter, pagina: p, perPagina: PER_PAGINA }),
    organisaties(c, deps),
  ]);
  const nu = isoTimestamp(deps.services.clock.now());
  const csrf = csrfVan(c);
  const orgOpties = orgs.alle.map((o) => ({ waarde: o.id, tekst: `${o.naam} (${TYPE_LABELS[o.type]})` }));
  return beheerPagina(
    c,
    {
      titel: "Tokens",
      kruimels: [{ pad: PAD, tekst: "Tokens" }],
      children: (
        <>
          <Bevestiging c={c} teksten={{ ingetrokken: "Het token is ingetrokken; het werkt meteen niet meer." }} />
          <p class="utrecht-paragraph">
            Een token is de toegangscode van een koppeling: een systeem van een organisatie dat de API gebruikt. Mensen loggen
            niet in met een token maar als zichzelf (zie Mensen). Het register bewaart alleen een hash: een token is alleen direct
            na het aanmaken te zien. Een token dat uitlekt, trekt u hier in.
          </p>
          <form method="get" action={PAD} class="pw-rij-formulier">
            <Filterkeuze
              naam="organisatieId"
              label="Filter op organisatie"
              opties={orgOpties}
              gekozen={filter.organisatieId}
              leeg="Alle organisaties"
            />
            <Knop soort="secondary">Filteren</Knop>
          </form>
          <Tabel
            titel="Tokens"
            koppen={["Organisatie", "Rol", "Koppeling", "Status", "Verloopt op", "Laatst gebruikt", "Actie"]}
            leeg="Er zijn geen tokens voor deze organisatie."
            rijen={page.resultaten.map((t) => {
              const org = orgs.naam.get(t.organisatieId) ?? t.organisatieId;
              const status = t.ingetrokkenOp ? "ingetrokken" : t.verlooptOp <= nu ? "verlopen" : "actief";
              return [
                org,
                ROL_LABELS[t.rol],
                t.omschrijving ?? "—",
                status === "actief" ? (
                  <Badge soort="success">Actief</Badge>
                ) : status === "verlopen" ? (
                  <Badge soort="warning">Verlopen</Badge>
                ) : (
                  <Badge soort="inactive">Ingetrokken</Badge>
                ),
                datumTijd(t.verlooptOp),
                t.laatstGebruiktOp ? datumTijd(t.laatstGebruiktOp) : "nooit",
                status === "actief" ? (
                  <form method="post" action={`${PAD}/${t.id}/intrekken`} class="pw-inline">
                    <Csrf token={csrf} />
                    <Knop soort="secondary" label={`Intrekken: token van ${org}, ${t.omschrijving ?? "zonder omschrijving"}`}>
                      Intrekken
                    </Knop>
                  </form>
                ) : (
                  "—"
                ),
              ];
            })}
          />
          <Paginering pad={PAD} query={zonderMelding(c)} pagina={page.pagina} aantalPaginas={aantalPaginas(page)} />
          <h2 class="utrecht-heading-2" id="nieuw">
            Nieuw token
          </h2>
          <Foutsamenvatting formulier={formulier} labels={LABELS} />
          <form method="post" action={PAD} class="pw-formulier" novalidate>
            <Csrf token={csrf} />
            <Keuzelijst
              naam="organisatieId"
              label="Organisatie"
              formulier={formulier}
              opties={orgOpties}
              leeg="Kies een organisatie"
              verplicht
            />
            <Keuzelijst
              naam="rol"
              label="Rol"
              formulier={formulier}
              opties={ROLLEN.map((r) => ({ waarde: r, tekst: ROL_LABELS[r] }))}
              leeg="Kies een rol"
              verplicht
              beschrijving="Een aanbieder-organisatie krijgt de rol aanbieder, een gecertificeerde instelling verwijzer; een gemeente of regio verwijzer, zorgmakelaar of beheerder."
            />
            <Tekstveld
              naam="omschrijving"
              label="Koppeling"
              formulier={formulier}
              beschrijving="Het systeem dat dit token gebruikt, bijvoorbeeld het cliëntsysteem van de aanbieder."
            />
            <Tekstveld
              naam="geldigheidDagen"
              label="Geldig (dagen)"
              type="number"
              formulier={formulier}
              standaard={STANDAARD_TOKEN_DAGEN}
              verplicht
              beschrijving={`Hoogstens ${MAX_TOKEN_DAGEN} dagen.`}
            />
            <div>
              <Knop>Token aanmaken</Knop>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

/** The form as the API's TokenInput: the validity in days becomes `verlooptOp`. */
function leesToken(waarden: Record<string, string>, nu: Date) {
  const dagen = (waarden.geldigheidDagen ?? "").trim();
  const dagenGoed = /^\d{1,4}$/.test(dagen) && Number(dagen) >= 1;
  const invoer = {
    organisatieId: waarden.organisatieId?.trim() || undefined,
    rol: waarden.rol?.trim() || undefined,
    omschrijving: waarden.omschrijving?.trim() ? waarden.omschrijving : null,
    verlooptOp: dagenGoed ? isoTimestamp(new Date(nu.getTime() + Number(dagen) * DAY_MS)) : undefined,
  };
  const gelezen = controleer(TokenInput, invoer, waarden, (naam) => (naam === "verlooptOp" ? "geldigheidDagen" : naam));
  if (dagenGoed) return gelezen;
  const fouten = gelezen.ok ? {} : gelezen.formulier.fouten;
  fouten.geldigheidDagen = "Vul een geheel aantal dagen in, 1 of meer.";
  return { ok: false as const, formulier: { waarden, fouten } };
}

/** /beheer/tokens: list, create (POST-redirect-GET: the token shown once, never in a URL), revoke. */
export function tokensPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/tokens", (c) => Lijst(c, deps, LEEG_FORMULIER));

  s.post("/tokens", async (c) => {
    const waarden = await leesFormulier(c);
    const gelezen = leesToken(waarden, deps.services.clock.now());
    if (!gelezen.ok) return Lijst(c, deps, gelezen.formulier, 400);
    let nieuw: Awaited<ReturnType<typeof createToken>>;
    try {
      nieuw = await createToken(ctxOf(c, deps.services), gelezen.data);
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      if (formulier.fouten.verlooptOp) {
        formulier.fouten.geldigheidDagen ??= formulier.fouten.verlooptOp;
        delete formulier.fouten.verlooptOp;
      }
      return Lijst(c, deps, formulier, 400);
    }
    // POST-redirect-GET: the token waits for one view, so a reload of that view creates nothing.
    const id = await bewaarTokenWeergave(ctxOf(c, deps.services), {
      tokenId: nieuw.row.id,
      token: nieuw.token,
      geheim: getCookie(c, SESSIE_COOKIE) ?? "",
    });
    return c.redirect(`${PAD}/nieuw/${id}`, 303);
  });

  s.get("/tokens/nieuw/:id", async (c) => {
    const gezien = await toonTokenWeergave(ctxOf(c, deps.services), {
      id: c.req.param("id"),
      geheim: getCookie(c, SESSIE_COOKIE) ?? "",
    });
    const row = gezien ? await getToken(ctxOf(c, deps.services), { id: gezien.tokenId }) : undefined;
    const org = row ? ((await organisaties(c, deps)).naam.get(row.organisatieId) ?? row.organisatieId) : "";
    const res = await beheerPagina(c, {
      titel: "Nieuw token",
      kruimels: [
        { pad: PAD, tekst: "Tokens" },
        { pad: "", tekst: "Nieuw token" },
      ],
      children:
        gezien && row ? (
          <>
            <Melding soort="warning">
              <p class="utrecht-paragraph">
                Kopieer het token nu en geef het veilig door. Het wordt alleen nu getoond: het register bewaart alleen een hash en
                kan het token later niet meer laten zien, ook niet als u deze pagina opnieuw laadt.
              </p>
            </Melding>
            <p class="utrecht-paragraph">
              Token voor {org}, rol {ROL_LABELS[row.rol]}
              {row.omschrijving ? ` (${row.omschrijving})` : ""}, geldig tot {datumTijd(row.verlooptOp)}:
            </p>
            <p class="pw-eenmalig" id="nieuw-token">
              {gezien.token}
            </p>
            <p class="utrecht-paragraph">
              <button
                type="button"
                class="utrecht-button utrecht-button--secondary-action"
                data-kopieer-tekst="nieuw-token"
                data-kopieer-status="nieuw-token-status"
                hidden
              >
                Token kopiëren
              </button>{" "}
              <span id="nieuw-token-status" role="status" />
            </p>
            <p class="utrecht-paragraph">
              <Link href={PAD}>Terug naar de tokens</Link>
            </p>
          </>
        ) : (
          <>
            <Melding soort="info">
              <p class="utrecht-paragraph">
                Dit token wordt niet meer getoond. Een nieuw token is maar één keer te zien, direct na het aanmaken; er is geen
                tweede token gemaakt.
              </p>
            </Melding>
            <p class="utrecht-paragraph">
              Heeft u het token niet kunnen kopiëren? Trek het dan in bij de tokens en maak een nieuw token aan.
            </p>
            <p class="utrecht-paragraph">
              <Link href={PAD}>Naar de tokens</Link>
            </p>
          </>
        ),
    });
    const headers = new Headers(res.headers);
    headers.set("Cache-Control", "no-store");
    // 410: this view was there once and is gone for good (a reload, another tab, another person).
    return new Response(res.body, { status: gezien ? 200 : 410, headers });
  });

  s.post("/tokens/:id/intrekken", async (c) => {
    const id = idUit(c, "Token");
    const waarden = await leesFormulier(c);
    if (!isBevestigd(waarden)) {
      const t = await getToken(ctxOf(c, deps.services), { id });
      if (t.ingetrokkenOp) return c.redirect(PAD, 303);
      const org = (await organisaties(c, deps)).naam.get(t.organisatieId) ?? t.organisatieId;
      return beheerPagina(c, {
        titel: "Token intrekken",
        kruimels: [
          { pad: PAD, tekst: "Tokens" },
          { pad: "", tekst: "Token intrekken" },
        ],
        children: (
          <Bevestigstap actie={`${PAD}/${id}/intrekken`} csrf={csrfVan(c)} knop="Ja, token intrekken" terug={PAD}>
            <p class="utrecht-paragraph">
              U trekt het token van {org} in (rol {ROL_LABELS[t.rol]}
              {t.omschrijving ? `, ${t.omschrijving}` : ""}). Het systeem dat dit token gebruikt, krijgt daarna geen toegang meer.
              Dit kunt u niet ongedaan maken: voor een nieuwe koppeling maakt u een nieuw token.
            </p>
          </Bevestigstap>
        ),
      });
    }
    await revokeToken(ctxOf(c, deps.services), { id });
    return c.redirect(`${PAD}?melding=ingetrokken`, 303);
  });
}
