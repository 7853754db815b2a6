import { ctxOf } from "../../http/context.ts";
import type { V1App } from "../../http/env.ts";
import {
  acceptAanmelding,
  confirmAanmelding,
  declineAanmelding,
  startAanmelding,
  withdrawAanmelding,
} from "../../services/aanmelding-antwoorden.ts";
import { createAanmelding, getAanmelding, listAanmeldingen, listAanmeldingHistorie } from "../../services/aanmeldingen.ts";
import type { Deps } from "../../services/context.ts";
import { getRegioInstellingen, listHulpvraagcategorieen, setRegioInstellingen } from "../../services/regio-instellingen.ts";
import * as routes from "./aanmeldingen.routes.ts";

export function registerAanmeldingen(app: V1App, deps: Deps): void {
  app.openapi(routes.list, async (c) => c.json(await listAanmeldingen(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.get, async (c) => c.json(await getAanmelding(ctxOf(c, deps), c.req.valid("param")), 200));
  app.openapi(routes.historie, async (c) =>
    c.json({ resultaten: await listAanmeldingHistorie(ctxOf(c, deps), c.req.valid("param")) }, 200),
  );
  app.openapi(routes.create, async (c) => {
    const a = await createAanmelding(ctxOf(c, deps), c.req.valid("json"));
    return c.json(a, 201, { Location: `/v1/aanmeldingen/${a.id}` });
  });
  app.openapi(routes.acceptatie, async (c) =>
    c.json(await acceptAanmelding(ctxOf(c, deps), { id: c.req.valid("param").id, acceptatie: c.req.valid("json") }), 200),
  );
  app.openapi(routes.afwijzing, async (c) =>
    c.json(await declineAanmelding(ctxOf(c, deps), { id: c.req.valid("param").id, afwijzing: c.req.valid("json") }), 200),
  );
  app.openapi(routes.start, async (c) =>
    c.json(await startAanmelding(ctxOf(c, deps), { id: c.req.valid("param").id, start: c.req.valid("json") }), 200),
  );
  app.openapi(routes.intrekking, async (c) =>
    c.json(await withdrawAanmelding(ctxOf(c, deps), { id: c.req.valid("param").id, intrekking: c.req.valid("json") }), 200),
  );
  app.openapi(routes.bevestiging, async (c) => c.json(await confirmAanmelding(ctxOf(c, deps), c.req.valid("param")), 200));
  app.openapi(routes.hulpvraagcategorieen, async (c) =>
    c.json(await listHulpvraagcategorieen(ctxOf(c, deps), c.req.valid("query")), 200),
  );
  app.openapi(routes.instellingen, async (c) => c.json(await getRegioInstellingen(ctxOf(c, deps), c.req.valid("param")), 200));
  app.openapi(routes.instellingenZetten, async (c) =>
    c.json(
      await setRegioInstellingen(ctxOf(c, deps), { code: c.req.valid("param").code, instellingen: c.req.valid("json") }),
      200,
    ),
  );
}
