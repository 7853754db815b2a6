import type { V1App } from "../../app.ts";
import { door } from "../../lib/access.ts";
import { isoTimestamp } from "../../lib/time.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import {
  createOrganisatie,
  createToken,
  getOrganisatie,
  getToken,
  listOrganisaties,
  listToegangslog,
  listTokens,
  revokeToken,
  toOrganisatie,
  toToken,
} from "../../services/toegang.ts";
import * as routes from "./toegang.routes.ts";

export function registerToegang(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.createOrganisatie, async (c) => {
    const row = await createOrganisatie(deps, c.req.valid("json"));
    return c.json(toOrganisatie(row), 201, { Location: `/v1/organisaties/${row.id}` });
  });
  app.openapi(routes.listOrganisaties, async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listOrganisaties(deps, filter, { pagina, perPagina }), 200);
  });
  app.openapi(routes.getOrganisatie, async (c) =>
    c.json(toOrganisatie(await getOrganisatie(deps, c.req.valid("param").id)), 200),
  );
  app.openapi(routes.createToken, async (c) => {
    const { row, token } = await createToken(deps, c.req.valid("json"), door(c.get("actor")));
    return c.json({ ...toToken(row), token }, 201, { Location: `/v1/tokens/${row.id}` });
  });
  app.openapi(routes.listTokens, async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listTokens(deps, filter, { pagina, perPagina }), 200);
  });
  app.openapi(routes.getToken, async (c) => c.json(toToken(await getToken(deps, c.req.valid("param").id)), 200));
  app.openapi(routes.revokeToken, async (c) => {
    await revokeToken(deps, c.req.valid("param").id);
    return c.body(null, 204);
  });
  app.openapi(routes.listToegangslog, async (c) => {
    const { pagina, perPagina, van, tot, ...filter } = c.req.valid("query");
    const normal = (t?: string) => (t ? isoTimestamp(new Date(t)) : undefined);
    return c.json(await listToegangslog(deps, { ...filter, van: normal(van), tot: normal(tot) }, { pagina, perPagina }), 200);
  });
}
