import { ctxOf } from "../../http/context.ts";
import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import {
  createOrganisatie,
  createToken,
  getOrganisatie,
  getToken,
  listOrganisaties,
  listTokens,
  revokeToken,
  toOrganisatie,
  toToken,
} from "../../services/toegang.ts";
import { listToegangslog, listToekenningen } from "../../services/toegangslog.ts";
import * as routes from "./toegang.routes.ts";

export function registerToegang(app: V1App, deps: Deps): void {
  app.openapi(routes.createOrganisatie, async (c) => {
    const row = await createOrganisatie(ctxOf(c, deps), c.req.valid("json"));
    return c.json(toOrganisatie(row), 201, { Location: `/v1/organisaties/${row.id}` });
  });
  app.openapi(routes.listOrganisaties, async (c) => c.json(await listOrganisaties(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.getOrganisatie, async (c) =>
    c.json(toOrganisatie(await getOrganisatie(ctxOf(c, deps), c.req.valid("param"))), 200),
  );
  app.openapi(routes.createToken, async (c) => {
    const { row, token } = await createToken(ctxOf(c, deps), c.req.valid("json"));
    return c.json({ ...toToken(row), token }, 201, { Location: `/v1/tokens/${row.id}` });
  });
  app.openapi(routes.listTokens, async (c) => c.json(await listTokens(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.getToken, async (c) => c.json(toToken(await getToken(ctxOf(c, deps), c.req.valid("param"))), 200));
  app.openapi(routes.revokeToken, async (c) => {
    await revokeToken(ctxOf(c, deps), c.req.valid("param"));
    return c.body(null, 204);
  });
  app.openapi(routes.listToegangslog, async (c) => c.json(await listToegangslog(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.listToekenningen, async (c) => c.json(await listToekenningen(ctxOf(c, deps), c.req.valid("query")), 200));
}
