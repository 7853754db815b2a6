import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { voor } from "../toegang.tsx";

/** TODO(issue 6): pages being built. */
export function beheerPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(["beheerder"]));
  return s;
}
