import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../http/env.ts";
import { door } from "../kern/actor.ts";
import { ROLLEN, type Rol } from "../kern/vocabulary.ts";
import { Csrf } from "./components.tsx";

/** The menu: every page with the roles that see it. */
export const MENU: readonly { pad: string; tekst: string; rollen: readonly Rol[] }[] = [
  { pad: "/mijn-aanbod", tekst: "Mijn aanbod", rollen: ["aanbieder"] },
  { pad: "/mijn-aanbod/aanmeldingen", tekst: "Aanmeldingen", rollen: ["aanbieder"] },
  { pad: "/mijn-casussen", tekst: "Mijn casussen", rollen: ["verwijzer"] },
  { pad: "/wachtlijst", tekst: "Wachtlijst", rollen: ["zorgmakelaar"] },
  { pad: "/matching", tekst: "Matching", rollen: ["zorgmakelaar"] },
  { pad: "/zoeken", tekst: "Zoeken", rollen: ROLLEN },
  { pad: "/overzicht", tekst: "Overzicht", rollen: ["zorgmakelaar", "beheerder"] },
  { pad: "/beheer", tekst: "Beheer", rollen: ["beheerder"] },
  { pad: "/gebruikers", tekst: "Mensen", rollen: ["organisatiebeheerder", "beheerder"] },
];

const START: Record<Rol, string> = {
  aanbieder: "/mijn-aanbod",
  verwijzer: "/zoeken",
  zorgmakelaar: "/wachtlijst",
  beheerder: "/beheer",
  organisatiebeheerder: "/gebruikers",
};

/** Where a role lands after signing in: its own daily work. */
export function startpagina(rol: Rol): string {
  return START[rol];
}

interface PaginaProps {
  titel: string;
  /** The menu item this page belongs to (aria-current). */
  actief?: string;
  children: Child;
}

function Kop({ c, actief }: { c: Context<AppEnv>; actief?: string }) {
  const actor = c.get("actor");
  const sessie = c.get("sessie");
  return (
    <header class="pw-kop">
      <div class="pw-kop__balk">
        <a class="pw-logo" href="/">
          Plekwijzer
        </a>
        {actor && sessie ? (
          <div class="pw-gebruiker">
            <a class="pw-licht" href="/account">
              {actor.naam ? `${actor.naam}, ${door(actor)}` : door(actor)}
            </a>
            <form method="post" action="/uitloggen" class="pw-inline">
              <Csrf token={sessie.csrf} />
              <button type="submit" class="utrecht-button utrecht-button--subtle pw-licht">
                Uitloggen
              </button>
            </form>
          </div>
        ) : null}
      </div>
      {actor ? (
        <nav class="pw-menu" aria-label="Hoofdmenu">
          <ul class="utrecht-nav-list">
            {MENU.filter((m) => m.rollen.includes(actor.rol)).map((m) => (
              <li class="utrecht-nav-list__item">
                <a
                  class={`utrecht-nav-list__link${m.pad === actief ? " utrecht-nav-list__link--current" : ""}`}
                  href={m.pad}
                  aria-current={m.pad === actief ? "page" : undefined}
                >
                  {m.tekst}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

/** A whole page: skip link, header with the role's menu, one `main` with one h1, footer. */
export function pagina(
  c: Context<AppEnv>,
  { titel, actief, children }: PaginaProps,
  status: 200 | 201 | 400 | 403 | 404 | 409 | 412 | 413 | 429 | 500 = 200,
) {
  const body = (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${titel} — Plekwijzer`}</title>
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/plekwijzer.css" />
        <script src="/assets/plekwijzer.js" defer />
      </head>
      <body class="utrecht-theme utrecht-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          Direct naar de inhoud
        </a>
        <Kop c={c} actief={actief} />
        <main id="inhoud" class="pw-inhoud" tabindex={-1}>
          <h1 class="utrecht-heading-1">{titel}</h1>
          {children}
        </main>
        <footer class="pw-voet">
          <p class="utrecht-paragraph">
            Plekwijzer — beschikbaarheid en wachttijden in de jeugdhulp.{" "}
            <a class="utrecht-link utrecht-link--html-a" href="/docs">
              API-documentatie
            </a>
          </p>
        </footer>
      </body>
    </html>
  );
  return c.html(html`<!doctype html>${body}`, status);
}
