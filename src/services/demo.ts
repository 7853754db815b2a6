import { and, eq } from "drizzle-orm";
import { gebruikers, registerGegevens } from "../../db/schema/index.ts";
import type { Rol } from "../kern/vocabulary.ts";
import type { Deps } from "./context.ts";

/** `.invalid` can never receive mail (RFC 2606): a demo person is never mailed. */
export function demoEmail(rol: Rol): string {
  return `${rol}@demo.plekwijzer.invalid`;
}

/** Whether the database was created as a demo register (a flag set then, never judged from names). */
export async function isDemo(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.orm.select().from(registerGegevens).where(eq(registerGegevens.sleutel, "demo"));
  return row?.waarde === "ja";
}

/**
 * The demo person of a role, who signs in with the demo button (no mail, no second factor):
 * only on a database created as a demo. Anywhere else there is none, whatever anyone is called.
 */
export async function demoGebruiker(deps: Deps, rol: Rol): Promise<string | undefined> {
  if (!(await isDemo(deps))) return undefined;
  const [g] = await deps.db.orm
    .select({ id: gebruikers.id })
    .from(gebruikers)
    .where(and(eq(gebruikers.email, demoEmail(rol)), eq(gebruikers.status, "actief")));
  return g?.id;
}
