import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { alleenLezenVoor } from "../http/alleen-lezen.ts";
import type { AppEnv } from "../http/env.ts";
import type { Guard } from "../http/guard.ts";
import { problemHeaders, statusOf, toDomainError } from "../http/problem.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import type { Deps } from "../services/context.ts";
import type { LoadAsset } from "./assets.ts";
import { Melding } from "./components.tsx";
import { pagina } from "./layout.tsx";

export interface UiDeps {
  services: Deps;
  guard: Guard;
  /** The NL Design System stylesheets; without it the pages fall back to the app's own CSS. */
  loadAsset?: LoadAsset;
  /** Largest accepted form, as on the API. */
  maxBodyBytes: number;
  /** Called after every successful change, as on the API (drains the search outbox at once). */
  afterWrite?: () => void;
  /** A read-only register: a form post answers 503 before anything else. */
  alleenLezen?: boolean;
  /** Demo mode: the sign-in page offers a demo person per role. */
  demo?: boolean;
}

export type Sectie = Hono<AppEnv>;

/** An error on a page is a page too, in Dutch; only 5xx are logged (never with case data). */
async function foutpagina(err: Error, c: Context<AppEnv>) {
  const fout = toDomainError(err);
  const status = statusOf(fout.code);
  const bekend = status < 500 || status === 503 || status === 507;
  if (!bekend) console.error(`[${c.get("requestId")}]`, err);
  const titel = bekend ? fout.title : "Er ging iets mis";
  const tekst = bekend
    ? fout.detail
    : `Er ging iets mis aan onze kant. Er is niets verloren gegaan van wat al was opgeslagen. Meld dit met code ${c.get("requestId")}.`;
  const res = await pagina(
    c,
    {
      titel,
      children: (
        <Melding soort="error">
          <p class="utrecht-paragraph">{tekst}</p>
        </Melding>
      ),
    },
    ([400, 403, 404, 409, 413, 429, 503, 507].includes(status) ? status : 500) as 400,
  );
  for (const [k, v] of Object.entries(problemHeaders(fout))) if (k !== "WWW-Authenticate") res.headers.set(k, v);
  return res;
}

/** One part of the site (`/zoeken`, `/beheer`…): session, limits and access log, Dutch error pages. */
export function sectie(deps: UiDeps): Sectie {
  const s = new Hono<AppEnv>();
  s.use(...deps.guard.pages);
  if (deps.alleenLezen) s.use(alleenLezenVoor());
  s.use(
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new DomainError(ErrorCode.payloadTooLarge, "Het formulier is te groot; er is niets opgeslagen.");
      },
    }),
  );
  if (deps.afterWrite) {
    const afterWrite = deps.afterWrite;
    s.use(async (c, next) => {
      await next();
      // A page's change reaches the search engine as fast as an API write does.
      if (c.req.method === "POST" && c.res.status < 400) afterWrite();
    });
  }
  s.onError(foutpagina);
  return s;
}

/**
 * A page that does not exist, for a browser: after the pages' guard (limits, session), so a
 * signed-in person keeps their menu there like on every other page.
 */
export async function nietGevondenPagina(c: Context<AppEnv>, guard: Guard) {
  try {
    const stappen = guard.pages;
    const volgende = async (i: number): Promise<void> => {
      const stap = stappen[i];
      if (stap) await stap(c, () => volgende(i + 1));
    };
    await volgende(0);
  } catch (error) {
    return foutpagina(error as Error, c);
  }
  return foutpagina(DomainError.notFound(`De pagina ${c.req.path}`), c);
}
