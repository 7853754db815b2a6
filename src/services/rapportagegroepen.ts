import { asc } from "drizzle-orm";
import { rapportagegroepen, zorgvormen } from "../../db/schema/index.ts";
import type { Deps } from "./context.ts";

/**
 * The reporting axis of the monitoring, kept as data on the catalogue: a care type's group is
 * its own, else the one of the form above it, else `onbekend`; groups have one level of
 * headings (verblijf, ambulant) above them.
 */
export async function zorggroepVan(deps: Deps) {
  const vormen = await deps.db.orm
    .select({ code: zorgvormen.code, bovenliggend: zorgvormen.bovenliggend, groep: zorgvormen.rapportagegroep })
    .from(zorgvormen);
  const groepen = await deps.db.orm.select().from(rapportagegroepen).orderBy(asc(rapportagegroepen.volgorde));
  const vorm = new Map(vormen.map((v) => [v.code, v]));
  const groep = new Map(groepen.map((g) => [g.code, g]));
  const groepVan = (code: string): string => {
    let v = vorm.get(code);
    for (let diepte = 0; v && diepte < 20; diepte++) {
      if (v.groep) return v.groep;
      v = v.bovenliggend ? vorm.get(v.bovenliggend) : undefined;
    }
    return "onbekend";
  };
  /** The heading a care type falls under (verblijf, ambulant, …), or its group when that has none. */
  const hoofdgroep = (code: string): string => {
    const g = groepVan(code);
    return groep.get(g)?.bovenliggend ?? g;
  };
  /** The groups without subgroups: the cells of a breakdown. */
  const bladen = groepen.filter((g) => !groepen.some((k) => k.bovenliggend === g.code));
  return { groepen, bladen, groepVan, hoofdgroep };
}
