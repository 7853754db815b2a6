import { readGemeenten, readRegios, readZorgvormen, type Zorgvorm } from "../../services/catalogus.ts";
import { Badge } from "../components.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { beheerPagina, Tabel } from "./beheer-delen.tsx";

/** A care type and the forms beneath it, as nested lists (the catalogue is data: any depth). */
function Boom({ vormen, kinderen }: { vormen: Zorgvorm[]; kinderen: Map<string | null, Zorgvorm[]> }) {
  return (
    <ul class="utrecht-unordered-list">
      {vormen.map((z) => (
        <li class="utrecht-unordered-list__item">
          <code>{z.code}</code> {z.naam}
          {z.actief ? null : (
            <>
              {" "}
              <Badge soort="inactive">niet meer in gebruik</Badge>
            </>
          )}
          {kinderen.get(z.code)?.length ? <Boom vormen={kinderen.get(z.code) ?? []} kinderen={kinderen} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** GET /beheer/catalogus: care types, regions and municipalities, read-only. */
export function catalogusPagina(s: Sectie, deps: UiDeps): void {
  s.get("/catalogus", async (c) => {
    const [vormen, regios, gemeenten] = await Promise.all([
      readZorgvormen(deps.services),
      readRegios(deps.services),
      readGemeenten(deps.services),
    ]);
    const codes = new Set(vormen.map((z) => z.code));
    const kinderen = new Map<string | null, Zorgvorm[]>();
    for (const z of vormen) {
      // A parent that is not in the catalogue (any more) makes its children top level, never invisible.
      const ouder = z.bovenliggend && codes.has(z.bovenliggend) ? z.bovenliggend : null;
      kinderen.set(ouder, [...(kinderen.get(ouder) ?? []), z]);
    }
    const regioCodes = new Set(regios.map((r) => r.code));
    const perRegio = regios.map((r) => ({ code: r.code, naam: r.naam, gemeenten: gemeenten.filter((g) => g.regio === r.code) }));
    const zonderRegio = gemeenten.filter((g) => !g.regio || !regioCodes.has(g.regio));
    return beheerPagina(c, {
      titel: "Catalogus",
      kruimels: [{ pad: "/beheer/catalogus", tekst: "Catalogus" }],
      children: (
        <>
          <p class="utrecht-paragraph">
            De zorgvormen, regio's en gemeenten komen uit de landelijke lijsten: de iJw-productcodes en de gemeente-indeling van
            het CBS. Het beheer van het register werkt ze bij als die lijsten veranderen; op deze pagina kunt u ze alleen inzien.
          </p>
          <h2 class="utrecht-heading-2">Zorgvormen</h2>
          <p class="utrecht-paragraph">
            Per iJw-productcategorie (JZ020) de fijnere zorgvormen eronder; {vormen.length} zorgvormen in totaal.
          </p>
          <Boom vormen={kinderen.get(null) ?? []} kinderen={kinderen} />
          <h2 class="utrecht-heading-2">Regio's</h2>
          <Tabel
            titel="Jeugdzorgregio's"
            koppen={["Code", "Naam", "Gemeenten"]}
            rijen={perRegio.map((r) => [r.code, r.naam, String(r.gemeenten.length)])}
            leeg="Er zijn nog geen regio's."
          />
          <h2 class="utrecht-heading-2">Gemeenten per regio</h2>
          {[...perRegio, ...(zonderRegio.length > 0 ? [{ code: "", naam: "Zonder regio", gemeenten: zonderRegio }] : [])].map(
            (r) => (
              <>
                <h3 class="utrecht-heading-3">{r.naam}</h3>
                <Tabel
                  titel={r.code ? `Gemeenten in ${r.naam}` : "Gemeenten zonder regio"}
                  koppen={["Code", "Naam"]}
                  rijen={r.gemeenten.map((g) => [g.code, g.naam])}
                  leeg={`${r.naam} heeft nog geen gemeenten.`}
                />
              </>
            ),
          )}
        </>
      ),
    });
  });
}
