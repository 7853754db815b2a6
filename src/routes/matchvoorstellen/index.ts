import type { V1App } from "../../app.ts";
import { door, logCasussen, scopeOf } from "../../lib/access.ts";
import { ApiError } from "../../lib/errors.ts";
import { getRegio } from "../../services/catalogus.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { accepteer, getVoorstel, listVoorstellen, runMatching, wijsAf } from "../../services/matching.ts";
import { regioInScope } from "../../services/scope.ts";
import { reserveringenVoor, voorstellenVoor } from "../../services/weergave.ts";
import * as routes from "./matchvoorstellen.routes.ts";

export function registerMatchvoorstellen(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.run, async (c) => {
    const input = c.req.valid("json");
    const scope = scopeOf(c.get("actor"));
    // Another region answers as if it did not exist.
    if (!regioInScope(scope, input.regio) && (await getRegio(deps, input.regio))) {
      throw ApiError.notFound(`Regio ${input.regio}`);
    }
    const result = await runMatching(deps, input, door(c.get("actor")));
    logCasussen(c, result.casusIds);
    return c.json(
      {
        run: result.run,
        resultaten: await voorstellenVoor(deps, scope, result.voorstellen),
        casussen: result.casussen,
        plekken: result.plekken,
      },
      201,
      { Location: `/v1/matchvoorstellen?run=${result.run}` },
    );
  });
  app.openapi(routes.list, async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    const scope = scopeOf(c.get("actor"));
    const page = await listVoorstellen(deps, filter, { pagina, perPagina }, scope);
    logCasussen(
      c,
      page.resultaten.map((r) => r.casusId),
    );
    return c.json({ ...page, resultaten: await voorstellenVoor(deps, scope, page.resultaten) }, 200);
  });
  app.openapi(routes.get, async (c) => {
    const scope = scopeOf(c.get("actor"));
    const row = await getVoorstel(deps, c.req.valid("param").id, scope);
    logCasussen(c, [row.casusId]);
    const [out] = await voorstellenVoor(deps, scope, [row]);
    return c.json(out, 200);
  });
  app.openapi(routes.acceptatie, async (c) => {
    const scope = scopeOf(c.get("actor"));
    const voorstel = await getVoorstel(deps, c.req.valid("param").id, scope);
    logCasussen(c, [voorstel.casusId]);
    const row = await accepteer(deps, voorstel.id, door(c.get("actor")));
    const [out] = await reserveringenVoor(deps, scope, [row]);
    return c.json(out, 201, { Location: `/v1/reserveringen/${row.id}` });
  });
  app.openapi(routes.afwijzing, async (c) => {
    const scope = scopeOf(c.get("actor"));
    const voorstel = await getVoorstel(deps, c.req.valid("param").id, scope);
    logCasussen(c, [voorstel.casusId]);
    const row = await wijsAf(deps, voorstel.id, c.req.valid("json"), door(c.get("actor")));
    const [out] = await voorstellenVoor(deps, scope, [row]);
    return c.json(out, 200);
  });
}
