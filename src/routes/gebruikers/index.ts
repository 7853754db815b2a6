import { ctxOf } from "../../http/context.ts";
import type { V1App } from "../../http/env.ts";
import { listAccountlog } from "../../services/accountlog.ts";
import type { Deps } from "../../services/context.ts";
import {
  blokkeerGebruiker,
  deblokkeerGebruiker,
  getGebruiker,
  inviteGebruiker,
  listGebruikers,
  reinviteGebruiker,
  resetTweedeFactor,
  setRol,
  toGebruiker,
} from "../../services/gebruikers.ts";
import { getInlogbeleid, setInlogbeleid, toInlogbeleid } from "../../services/inlogbeleid.ts";
import * as routes from "./gebruikers.routes.ts";

/** People who sign in as themselves, their sign-in policy per organisation, and the account log. */
export function registerGebruikers(app: V1App, deps: Deps): void {
  app.openapi(routes.inviteGebruiker, async (c) => {
    const { row, verstuurd } = await inviteGebruiker(ctxOf(c, deps), c.req.valid("json"));
    return c.json({ ...toGebruiker(row), uitnodigingVerstuurd: verstuurd }, 201, { Location: `/v1/gebruikers/${row.id}` });
  });
  app.openapi(routes.listGebruikers, async (c) => c.json(await listGebruikers(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.getGebruiker, async (c) =>
    c.json(toGebruiker(await getGebruiker(ctxOf(c, deps), c.req.valid("param"))), 200),
  );
  app.openapi(routes.setRol, async (c) =>
    c.json(toGebruiker(await setRol(ctxOf(c, deps), { ...c.req.valid("param"), ...c.req.valid("json") })), 200),
  );
  app.openapi(routes.blokkeer, async (c) =>
    c.json(toGebruiker(await blokkeerGebruiker(ctxOf(c, deps), c.req.valid("param"))), 200),
  );
  app.openapi(routes.deblokkeer, async (c) =>
    c.json(toGebruiker(await deblokkeerGebruiker(ctxOf(c, deps), c.req.valid("param"))), 200),
  );
  app.openapi(routes.resetTweedeFactor, async (c) =>
    c.json(toGebruiker(await resetTweedeFactor(ctxOf(c, deps), c.req.valid("param"))), 200),
  );
  app.openapi(routes.reinvite, async (c) => {
    const { row, verstuurd } = await reinviteGebruiker(ctxOf(c, deps), c.req.valid("param"));
    return c.json({ ...toGebruiker(row), uitnodigingVerstuurd: verstuurd }, 200);
  });
  app.openapi(routes.listAccountlog, async (c) => c.json(await listAccountlog(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.getInlogbeleid, async (c) =>
    c.json(toInlogbeleid(await getInlogbeleid(ctxOf(c, deps), c.req.valid("param"))), 200),
  );
  app.openapi(routes.setInlogbeleid, async (c) =>
    c.json(toInlogbeleid(await setInlogbeleid(ctxOf(c, deps), { ...c.req.valid("param"), ...c.req.valid("json") })), 200),
  );
}
