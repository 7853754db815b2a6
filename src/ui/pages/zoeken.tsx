import { ALLE_ROLLEN } from "../../lib/access.ts";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { voor } from "../toegang.tsx";

/** TODO(issue 6): pages being built. */
export function zoekenPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(ALLE_ROLLEN));
  return s;
}
