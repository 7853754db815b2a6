import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { voor } from "../toegang.tsx";

/** TODO(issue 6): pages being built. */
export function mijnAanbodPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(["aanbieder"]));
  return s;
}
