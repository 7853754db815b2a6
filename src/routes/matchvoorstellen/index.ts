import { ctxOf } from "../../http/context.ts";
import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import { acceptVoorstel, declineVoorstel, getVoorstel, listVoorstellen } from "../../services/matchvoorstellen.ts";
import { runMatching } from "../../services/matchvoorstellen-run.ts";
import * as routes from "./matchvoorstellen.routes.ts";

export function registerMatchvoorstellen(app: V1App, deps: Deps): void {
  app.openapi(routes.run, async (c) => {
    const result = await runMatching(ctxOf(c, deps), c.req.valid("json"));
    return c.json({ run: result.run, resultaten: result.voorstellen, casussen: result.casussen, plekken: result.plekken }, 201, {
      Location: `/v1/matchvoorstellen?run=${result.run}`,
    });
  });
  app.openapi(routes.list, async (c) => {
    const { resultaten, totaal, pagina, perPagina } = await listVoorstellen(ctxOf(c, deps), c.req.valid("query"));
    return c.json({ resultaten, totaal, pagina, perPagina }, 200);
  });
  app.openapi(routes.get, async (c) => c.json(await getVoorstel(ctxOf(c, deps), c.req.valid("param")), 200));
  app.openapi(routes.acceptatie, async (c) => {
    const aanmelding = await acceptVoorstel(ctxOf(c, deps), c.req.valid("param"));
    return c.json(aanmelding, 201, { Location: `/v1/aanmeldingen/${aanmelding.id}` });
  });
  app.openapi(routes.afwijzing, async (c) =>
    c.json(await declineVoorstel(ctxOf(c, deps), { id: c.req.valid("param").id, afwijzing: c.req.valid("json") }), 200),
  );
}
