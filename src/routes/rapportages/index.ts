import { ctxOf } from "../../http/context.ts";
import { wilCsv } from "../../http/csv.ts";
import type { V1App } from "../../http/env.ts";
import { rapportCsv } from "../../http/rapport-csv.ts";
import type { Deps } from "../../services/context.ts";
import { getMaatregeltellingen, saveMaatregeltellingen, saveMaatregeltellingenCsv } from "../../services/maatregeltellingen.ts";
import { getOpenOverzicht } from "../../services/open-overzicht.ts";
import { getActualiteitRapport, getCapaciteitsTrend } from "../../services/rapportage-capaciteit.ts";
import { getKpiRapport } from "../../services/rapportage-kpi.ts";
import { getNormRapport } from "../../services/rapportage-norm.ts";
import * as routes from "./rapportages.routes.ts";

/** The reports: JSON by default, CSV with the same figures on request. */
export function registerRapportages(app: V1App, deps: Deps): void {
  app.openapi(routes.norm, async (c) => {
    const r = await getNormRapport(ctxOf(c, deps), c.req.valid("query"));
    if (wilCsv(c)) return rapportCsv.norm(c, r) as never;
    return c.json(r, 200);
  });
  app.openapi(routes.kpi, async (c) => {
    const r = await getKpiRapport(ctxOf(c, deps), c.req.valid("query"));
    if (wilCsv(c)) return rapportCsv.kpi(c, r) as never;
    return c.json(r, 200);
  });
  app.openapi(routes.capaciteit, async (c) => {
    const r = await getCapaciteitsTrend(ctxOf(c, deps), c.req.valid("query"));
    if (wilCsv(c)) return rapportCsv.capaciteit(c, r) as never;
    return c.json(r, 200);
  });
  app.openapi(routes.actualiteit, async (c) => {
    const r = await getActualiteitRapport(ctxOf(c, deps), c.req.valid("query"));
    if (wilCsv(c)) return rapportCsv.actualiteit(c, r) as never;
    return c.json(r, 200);
  });
  app.openapi(routes.tellingen, async (c) => c.json(await getMaatregeltellingen(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.tellingenInvoeren, async (c) =>
    c.json(await saveMaatregeltellingen(ctxOf(c, deps), c.req.valid("json")), 200),
  );
  app.openapi(routes.tellingenBestand, async (c) =>
    c.json(await saveMaatregeltellingenCsv(ctxOf(c, deps), await c.req.text()), 200),
  );
  app.openapi(routes.openOverzicht, async (c) => c.json(await getOpenOverzicht(ctxOf(c, deps), c.req.valid("query")), 200));
}
