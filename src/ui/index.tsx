import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/env.ts";
import { type ExternAsset, PLEKWIJZER_CSS, PLEKWIJZER_JS } from "./assets.ts";
import { FAVICON_SVG, faviconIco } from "./favicon.ts";
import { startpagina } from "./layout.tsx";
import { aanmeldenPaginas } from "./pages/aanmelden.tsx";
import { accountPaginas } from "./pages/account.tsx";
import { beheerPaginas } from "./pages/beheer.tsx";
import { gebruikersPaginas } from "./pages/gebruikers.tsx";
import { inlogPaginas } from "./pages/inloggen.tsx";
import { matchingPaginas } from "./pages/matching.tsx";
import { mijnAanbodPaginas } from "./pages/mijn-aanbod.tsx";
import { mijnCasussenPaginas } from "./pages/mijn-casussen.tsx";
import { openPaginas } from "./pages/open.tsx";
import { overzichtPaginas } from "./pages/overzicht.tsx";
import { wachtlijstPaginas } from "./pages/wachtlijst.tsx";
import { zoekenPaginas } from "./pages/zoeken.tsx";
import type { Sectie, UiDeps } from "./sectie.tsx";

/** The web app: server-rendered pages in Dutch, on the same port as the API. */
export function registerUi(app: OpenAPIHono<AppEnv>, deps: UiDeps): void {
  const assets = new Map<ExternAsset, Promise<string>>();
  const statisch = (type: string, body: string) => ({
    body,
    headers: { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": "public, max-age=3600" },
  });
  app.get("/assets/plekwijzer.css", (c) => {
    const { body, headers } = statisch("text/css", PLEKWIJZER_CSS);
    return c.body(body, 200, headers);
  });
  app.get("/assets/plekwijzer.js", (c) => {
    const { body, headers } = statisch("text/javascript", PLEKWIJZER_JS);
    return c.body(body, 200, headers);
  });
  // The site's icon: linked from every page's head as SVG; /favicon.ico for whoever asks unprompted.
  app.get("/assets/favicon.svg", (c) => c.body(FAVICON_SVG, 200, statisch("image/svg+xml", "").headers));
  app.get("/favicon.ico", (c) =>
    c.body(faviconIco(), 200, { "Content-Type": "image/x-icon", "Cache-Control": "public, max-age=86400" }),
  );
  for (const naam of ["utrecht.css", "tokens.css"] as const) {
    app.get(`/assets/${naam}`, async (c) => {
      if (!deps.loadAsset) return c.body("", 200, statisch("text/css", "").headers);
      let css = assets.get(naam);
      if (!css) {
        css = deps.loadAsset(naam);
        assets.set(naam, css);
      }
      const { body, headers } = statisch("text/css", await css);
      return c.body(body, 200, headers);
    });
  }

  const { inloggen, uitnodiging, uitloggen } = inlogPaginas(deps);
  app.route("/inloggen", inloggen);
  app.route("/uitnodiging", uitnodiging);
  app.route("/uitloggen", uitloggen);

  app.use("/", ...deps.guard.pages);
  app.get("/", (c) => {
    const actor = c.get("actor");
    return c.redirect(actor ? startpagina(actor.rol) : "/inloggen", 303);
  });

  // Each page module: [path, section]. Add a page here and to MENU in layout.tsx.
  const paginas: [string, (deps: UiDeps) => Sectie][] = [
    ["/mijn-aanbod", mijnAanbodPaginas],
    ["/mijn-casussen", mijnCasussenPaginas],
    ["/zoeken", zoekenPaginas],
    ["/aanmelden", aanmeldenPaginas],
    ["/wachtlijst", wachtlijstPaginas],
    ["/matching", matchingPaginas],
    ["/overzicht", overzichtPaginas],
    ["/open", openPaginas],
    ["/beheer", beheerPaginas],
    ["/gebruikers", gebruikersPaginas],
    ["/account", accountPaginas],
  ];
  for (const [pad, maak] of paginas) app.route(pad, maak(deps));
}
