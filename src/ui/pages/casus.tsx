import type { Context } from "hono";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { getCasusDossier, listCasussen } from "../../services/casussen.ts";
import { readZorgvormen } from "../../services/catalogus.ts";
import { Link, Paginering } from "../components.tsx";
import { datum } from "../format.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas as logt, voor } from "../toegang.tsx";
import { aantalPaginas, PER_PAGINA, Tabel } from "./beheer-delen.tsx";
import { Historie, jaren, STATUS_LABELS } from "./wachtlijst-delen.tsx";

const PAD = "/casus";

async function zorgvormNamen(deps: UiDeps) {
  return new Map((await readZorgvormen(deps.services)).map((z) => [z.code, z.naam]));
}

/**
 * Casussen (verwijzer): the cases its organisation registered and each one's history. Every
 * request is access-logged under the person who made it, like the API.
 */
export function casusPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(logt((c) => (c.req.path === PAD || c.req.path === `${PAD}/` ? "lijst" : "lezen")));
  s.use(voor(["verwijzer"]));

  s.get("/", async (c: Context<AppEnv>) => {
    const nummer = Math.max(1, Number(c.req.query("pagina")) || 1);
    const [page, namen] = await Promise.all([
      listCasussen(ctxOf(c, deps.services), { pagina: nummer, perPagina: PER_PAGINA }),
      zorgvormNamen(deps),
    ]);
    return pagina(c, {
      titel: "Casussen",
      actief: PAD,
      children: (
        <>
          <p class="utrecht-paragraph">
            De wachtende jeugdigen die uw organisatie registreerde, met een pseudonieme referentie. Elke keer dat u een casus
            opent, komt in het toegangslog.
          </p>
          <Tabel
            titel="Casussen van uw organisatie, langst wachtend eerst"
            koppen={["Referentie", "Zorgvorm", "Aanmelddatum", "Status"]}
            leeg="Uw organisatie heeft geen casussen."
            rijen={page.resultaten.map((k) => [
              <Link href={`${PAD}/${k.id}`}>{k.referentie}</Link>,
              namen.get(k.zorgvorm) ?? k.zorgvorm,
              datum(k.aanmelddatum),
              STATUS_LABELS[k.status] ?? k.status,
            ])}
          />
          <Paginering pad={PAD} query={new URLSearchParams()} pagina={page.pagina} aantalPaginas={aantalPaginas(page)} />
        </>
      ),
    });
  });

  s.get("/:id", async (c) => {
    markeerToegang(c, "lezen");
    const d = await getCasusDossier(ctxOf(c, deps.services), { id: c.req.param("id") });
    const namen = await zorgvormNamen(deps);
    const { row } = d;
    return pagina(c, {
      titel: `Casus ${row.referentie}`,
      actief: PAD,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href={PAD}>Terug naar de casussen</Link>
          </p>
          <dl class="utrecht-data-list utrecht-data-list--rows">
            {[
              ["Referentie", row.referentie],
              ["Leeftijd", jaren(row.geboortedatum, d.peildatum)],
              ["Woongemeente", d.gemeente ? `${d.gemeente.naam} (${row.woongemeente})` : row.woongemeente],
              ["Zorgvorm", namen.get(row.zorgvorm) ?? row.zorgvorm],
              ["Aanmelddatum", `${datum(row.aanmelddatum)} (${d.prioriteit.wachtdagen} dagen wachtend)`],
              ["Status", STATUS_LABELS[row.status] ?? row.status],
            ].map(([term, waarde]) => (
              <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">{term}</dt>
                <dd class="utrecht-data-list__item-value">{waarde}</dd>
              </div>
            ))}
          </dl>
          <h2 class="utrecht-heading-2">Historie</h2>
          <Historie d={{ ...d, namen: { zorgvorm: namen, gemeente: new Map() } }} />
        </>
      ),
    });
  });
  return s;
}
