import { and, asc, count, eq } from "drizzle-orm";
import { matchvoorstellen } from "../../../db/schema/index.ts";
import type { V1App } from "../../app.ts";
import { conditions, paged } from "../../services/common.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { accepteer, getVoorstel, runMatching, toVoorstel, wijsAf } from "../../services/matching.ts";
import { toReservering } from "../../services/reserveringen.ts";
import * as routes from "./matchvoorstellen.routes.ts";

export function registerMatchvoorstellen(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.run, async (c) => {
    const result = await runMatching(deps, c.req.valid("json"), c.get("actor"));
    return c.json(
      { run: result.run, resultaten: result.voorstellen.map(toVoorstel), casussen: result.casussen, plekken: result.plekken },
      201,
      {
        Location: `/v1/matchvoorstellen?run=${result.run}`,
      },
    );
  });
  app.openapi(routes.list, async (c) => {
    const { pagina, perPagina, casusId, status } = c.req.valid("query");
    const where = and(
      ...conditions(
        casusId ? eq(matchvoorstellen.casusId, casusId) : undefined,
        status ? eq(matchvoorstellen.status, status) : undefined,
      ),
    );
    return c.json(
      await paged(
        { pagina, perPagina },
        (limit, offset) =>
          deps.db.orm
            .select()
            .from(matchvoorstellen)
            .where(where)
            .orderBy(asc(matchvoorstellen.aangemaaktOp), asc(matchvoorstellen.id))
            .limit(limit)
            .offset(offset),
        () => deps.db.orm.select({ n: count() }).from(matchvoorstellen).where(where),
        toVoorstel,
      ),
      200,
    );
  });
  app.openapi(routes.get, async (c) => c.json(toVoorstel(await getVoorstel(deps, c.req.valid("param").id)), 200));
  app.openapi(routes.acceptatie, async (c) => {
    const row = await accepteer(deps, c.req.valid("param").id, c.get("actor"));
    return c.json(toReservering(row), 201, { Location: `/v1/reserveringen/${row.id}` });
  });
  app.openapi(routes.afwijzing, async (c) =>
    c.json(toVoorstel(await wijsAf(deps, c.req.valid("param").id, c.req.valid("json"), c.get("actor"))), 200),
  );
}
