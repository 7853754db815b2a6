import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { raw } from "hono/html";
import type { AppEnv } from "../../http/env.ts";
import { bevestigCode, bevestigLink, bevestigTweedeFactor, linkGeldig } from "../../services/inloggen.ts";
import { CODE_MINUTEN, leesPoging, type Poging } from "../../services/inlogpoging.ts";
import { bevestigInschrijving, inschrijfScherm } from "../../services/inschrijven.ts";
import { Csrf, Foutsamenvatting, Knop, Link, Melding, Tekstveld } from "../components.tsx";
import { type Formulier, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import { pagina } from "../layout.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfKlopt, INLOG_COOKIE, nieuweCsrf, pogingMetCsrf, sessieVoor, Verlopen, verderNa, weiger } from "./inloggen-delen.tsx";

const STATUS = (f: Formulier) => (Object.keys(f.fouten).length > 0 ? 400 : 200);

function Codeformulier(c: Context<AppEnv>, deps: UiDeps, poging: Poging, formulier: Formulier) {
  return pagina(
    c,
    {
      titel: "Inlogcode invullen",
      children: (
        <>
          <Foutsamenvatting formulier={formulier} labels={{ code: "Inlogcode" }} />
          <p class="utrecht-paragraph">
            Hoort er een account bij het e-mailadres dat u invulde, dan staat daar nu een e-mail met een inlogcode van 8 cijfers
            en een link. Typ de code hieronder, of open de link. Beide werken {CODE_MINUTEN} minuten, één keer.
          </p>
          {deps.demo ? (
            <p class="utrecht-paragraph">
              In de demo-omgeving zonder mailserver staat de e-mail in het venster van de server, niet op deze pagina.
            </p>
          ) : null}
          <form method="post" action="/inloggen/code" class="pw-formulier" novalidate>
            <Csrf token={poging.csrf} />
            <Tekstveld
              naam="code"
              label="Inlogcode"
              verplicht
              formulier={formulier}
              autocomplete="one-time-code"
              breedte="smal"
            />
            <div>
              <Knop>Verder</Knop>
            </div>
          </form>
          <p class="utrecht-paragraph">
            <Link href="/inloggen">Geen e-mail gekregen? Vul uw adres opnieuw in</Link>
          </p>
        </>
      ),
    },
    STATUS(formulier),
  );
}

function Factorformulier(c: Context<AppEnv>, poging: Poging, formulier: Formulier) {
  return pagina(
    c,
    {
      titel: "Tweede stap",
      children: (
        <>
          <Foutsamenvatting formulier={formulier} labels={{ code: "Code" }} />
          <p class="utrecht-paragraph">
            Open de authenticator-app op uw telefoon en typ de code van 6 cijfers die bij Plekwijzer staat. Telefoon niet bij de
            hand? Typ dan een van uw herstelcodes; die werkt één keer.
          </p>
          <form method="post" action="/inloggen/tweede-factor" class="pw-formulier" novalidate>
            <Csrf token={poging.csrf} />
            <Tekstveld
              naam="code"
              label="Code uit de app of herstelcode"
              verplicht
              formulier={formulier}
              autocomplete="one-time-code"
            />
            <div>
              <Knop>Inloggen</Knop>
            </div>
          </form>
        </>
      ),
    },
    STATUS(formulier),
  );
}

async function Inschrijfformulier(c: Context<AppEnv>, deps: UiDeps, poging: Poging, formulier: Formulier) {
  const scherm = await inschrijfScherm(deps.services, poging);
  if (!scherm) return Verlopen(c);
  return pagina(
    c,
    {
      titel: "Tweede stap instellen",
      children: (
        <>
          <Foutsamenvatting formulier={formulier} labels={{ code: "Code uit de app" }} />
          <p class="utrecht-paragraph">
            Wie met gegevens van jeugdigen werkt, logt in met een tweede stap: een code uit een authenticator-app op uw telefoon
            (bijvoorbeeld FreeOTP, Google of Microsoft Authenticator). Zo komt niemand binnen met alleen uw e-mail.
          </p>
          <ol class="utrecht-ordered-list">
            <li class="utrecht-ordered-list__item">Open de app en kies "account toevoegen".</li>
            <li class="utrecht-ordered-list__item">Scan de QR-code, of typ de sleutel eronder over.</li>
            <li class="utrecht-ordered-list__item">Typ de code van 6 cijfers die de app nu toont.</li>
          </ol>
          <div class="pw-qr-wrap">{raw(scherm.qrSvg)}</div>
          <p class="utrecht-paragraph">
            Sleutel voor {scherm.email}: <code class="pw-sleutel">{scherm.geheim}</code>
          </p>
          <form method="post" action="/inloggen/inschrijven" class="pw-formulier" novalidate>
            <Csrf token={poging.csrf} />
            <Tekstveld
              naam="code"
              label="Code uit de app"
              verplicht
              formulier={formulier}
              autocomplete="one-time-code"
              breedte="smal"
            />
            <div>
              <Knop>Instellen</Knop>
            </div>
          </form>
        </>
      ),
    },
    STATUS(formulier),
  );
}

/** The recovery codes, once: in this answer only (never in a URL, a cache or the database). */
async function Herstelcodes(c: Context<AppEnv>, codes: string[], verder: string) {
  const res = await pagina(c, {
    titel: "Uw herstelcodes",
    children: (
      <>
        <Melding soort="ok">
          <p class="utrecht-paragraph">De tweede stap is ingesteld.</p>
        </Melding>
        <Melding soort="warning">
          <p class="utrecht-paragraph">
            Bewaar deze herstelcodes nu op een veilige plek, niet op uw telefoon. Ze worden maar één keer getoond. Elke code werkt
            één keer, als u uw telefoon niet bij de hand heeft.
          </p>
        </Melding>
        <ul class="utrecht-unordered-list pw-herstelcodes" aria-label="Herstelcodes">
          {codes.map((code) => (
            <li class="utrecht-unordered-list__item">
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p class="utrecht-paragraph">
          <Link href={verder}>Ik heb de codes bewaard: doorgaan</Link>
        </p>
      </>
    ),
  });
  res.headers.set("Cache-Control", "no-store");
  return res;
}

/** The steps after the e-mail address: the code or link from the mail, the second factor, enrolment. */
export function inlogstappen(s: Sectie, deps: UiDeps): void {
  const poging = (c: Context<AppEnv>) => leesPoging(deps.services, getCookie(c, INLOG_COOKIE));
  const opStap = (p: Poging | undefined, stap: Poging["stap"]) => (p?.stap === stap ? p : undefined);

  s.get("/code", async (c) => {
    const p = opStap(await poging(c), "code");
    return p ? Codeformulier(c, deps, p, LEEG_FORMULIER) : c.redirect("/inloggen", 303);
  });
  s.post("/code", async (c) => {
    const p = opStap(await pogingMetCsrf(c, deps), "code");
    if (!p) return Verlopen(c);
    const waarden = await leesFormulier(c);
    const code = (waarden.code ?? "").replace(/\s/g, "");
    if (!/^\d{8}$/.test(code)) {
      return Codeformulier(c, deps, p, { waarden: {}, fouten: { code: "Typ de 8 cijfers uit de e-mail." } });
    }
    const volgende = await bevestigCode(deps.services, p, code);
    if (volgende.stap === "geweigerd") {
      await weiger(c, deps, volgende);
      return Codeformulier(c, deps, p, { waarden: {}, fouten: { code: "Deze code klopt niet of is verlopen." } });
    }
    return verderNa(c, deps, volgende, "mail");
  });

  s.get("/link/:token", async (c) => {
    const geldig = await linkGeldig(deps.services, c.req.param("token"));
    if (!geldig) return Verlopen(c, "Deze inloglink is verlopen of al gebruikt. Vraag een nieuwe aan.");
    // A click first: mail scanners open links, and must not use them up.
    return pagina(c, {
      titel: "Inloggen met de link",
      children: (
        <form method="post" action={`/inloggen/link/${c.req.param("token")}`} class="pw-formulier">
          <Csrf token={nieuweCsrf(c)} />
          <p class="utrecht-paragraph">U opende de inloglink uit uw e-mail.</p>
          <div>
            <Knop>Inloggen</Knop>
          </div>
        </form>
      ),
    });
  });
  s.post("/link/:token", async (c) => {
    if (!(await csrfKlopt(c))) return Verlopen(c, "Het formulier was verlopen. Open de link opnieuw.");
    const volgende = await bevestigLink(deps.services, c.req.param("token"));
    if (volgende.stap === "geweigerd") {
      await weiger(c, deps, volgende);
      return Verlopen(c, "Deze inloglink is verlopen of al gebruikt. Vraag een nieuwe aan.");
    }
    return verderNa(c, deps, volgende, "mail");
  });

  s.get("/tweede-factor", async (c) => {
    const p = opStap(await poging(c), "tweede-factor");
    return p ? Factorformulier(c, p, LEEG_FORMULIER) : c.redirect("/inloggen", 303);
  });
  s.post("/tweede-factor", async (c) => {
    const p = opStap(await pogingMetCsrf(c, deps), "tweede-factor");
    if (!p) return Verlopen(c);
    const code = ((await leesFormulier(c)).code ?? "").trim();
    if (code === "") return Factorformulier(c, p, { waarden: {}, fouten: { code: "Typ de code uit de app." } });
    const volgende = await bevestigTweedeFactor(deps.services, p, code);
    if (volgende.stap === "geweigerd") {
      await weiger(c, deps, volgende);
      return Factorformulier(c, p, { waarden: {}, fouten: { code: "Deze code klopt niet. Typ de code die de app nu toont." } });
    }
    return verderNa(c, deps, volgende, "mail");
  });

  s.get("/inschrijven", async (c) => {
    const p = opStap(await poging(c), "inschrijven");
    return p ? Inschrijfformulier(c, deps, p, LEEG_FORMULIER) : c.redirect("/inloggen", 303);
  });
  s.post("/inschrijven", async (c) => {
    const p = opStap(await pogingMetCsrf(c, deps), "inschrijven");
    if (!p) return Verlopen(c);
    const code = ((await leesFormulier(c)).code ?? "").replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) {
      return Inschrijfformulier(c, deps, p, { waarden: {}, fouten: { code: "Typ de 6 cijfers die de app toont." } });
    }
    const volgende = await bevestigInschrijving(deps.services, p, code);
    if (volgende.stap === "geweigerd") {
      await weiger(c, deps, volgende);
      return Inschrijfformulier(c, deps, p, {
        waarden: {},
        fouten: { code: "Deze code klopt niet. Controleer of de app de sleutel goed heeft, en typ de code die nu staat." },
      });
    }
    if (volgende.stap !== "klaar") return Verlopen(c);
    const actor = c.get("actor");
    // From the account page the person is signed in already; otherwise signing in ends here.
    if (actor?.gebruikerId === volgende.gebruikerId) return Herstelcodes(c, volgende.herstelcodes ?? [], "/account");
    const verder = await sessieVoor(c, deps, volgende, "mail");
    return verder ? Herstelcodes(c, volgende.herstelcodes ?? [], verder) : Verlopen(c);
  });
}
