import type { Context } from "hono";
import type { AppEnv } from "../../http/env.ts";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { voor } from "../toegang.tsx";
import { catalogusPagina } from "./beheer-catalogus.tsx";
import { contractenPaginas } from "./beheer-contracten.tsx";
import { beheerPagina } from "./beheer-delen.tsx";
import { organisatiesPaginas } from "./beheer-organisaties.tsx";
import { regelsPaginas } from "./beheer-regels.tsx";
import { tokensPaginas } from "./beheer-tokens.tsx";

const ONDERDELEN = [
  {
    pad: "/beheer/catalogus",
    tekst: "Catalogus",
    uitleg: "De zorgvormen, jeugdzorgregio's en gemeenten waar het register mee werkt (alleen inzien).",
  },
  {
    pad: "/beheer/contracten",
    tekst: "Contracten",
    uitleg: "Welke gemeente of regio welke zorgvorm bij welke aanbieder inkoopt, en van wanneer tot wanneer.",
  },
  {
    pad: "/beheer/prioriteringsregels",
    tekst: "Prioriteringsregels",
    uitleg: "Het afwegingskader schadelijk wachten per regio: versies met een ingangsdatum, en een nieuwe versie toevoegen.",
  },
  {
    pad: "/beheer/organisaties",
    tekst: "Organisaties",
    uitleg: "Aanbieders, gecertificeerde instellingen, gemeenten en regio's die het register gebruiken.",
  },
  {
    pad: "/beheer/tokens",
    tekst: "Tokens",
    uitleg: "Toegangscodes (API-tokens) uitgeven en intrekken; een nieuwe code ziet u maar één keer.",
  },
] as const;

function Index(c: Context<AppEnv>) {
  return beheerPagina(c, {
    titel: "Beheer",
    kruimels: [],
    children: (
      <>
        <p class="utrecht-paragraph">
          Hier legt de regio of inkooporganisatie vast wat het register nodig heeft: contracten, prioriteringsregels en wie er
          toegang heeft. Alles wat u hier wijzigt, geldt meteen ook voor de API.
        </p>
        <ul class="utrecht-unordered-list">
          {ONDERDELEN.map((o) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link utrecht-link--html-a" href={o.pad}>
                {o.tekst}
              </a>
              : {o.uitleg}
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

/** Beheer (role beheerder): catalogue, contracts, priority rules, organisations and tokens. */
export function beheerPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(["beheerder"]));
  s.get("/", Index);
  catalogusPagina(s, deps);
  contractenPaginas(s, deps);
  regelsPaginas(s, deps);
  organisatiesPaginas(s, deps);
  tokensPaginas(s, deps);
  return s;
}
