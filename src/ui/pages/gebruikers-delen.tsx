import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import type { Actor } from "../../kern/actor.ts";
import type { AccountWijziging, GebruikerStatus, Rol } from "../../kern/vocabulary.ts";
import { listAccountlog } from "../../services/accountlog.ts";
import { listOrganisaties, ROLLEN_PER_TYPE } from "../../services/toegang.ts";
import { Badge } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { pagina } from "../layout.tsx";
import type { UiDeps } from "../sectie.tsx";
import { ALLES, Tabel } from "./beheer-delen.tsx";

export const ROL_LABELS: Record<Rol, string> = {
  aanbieder: "Aanbieder",
  verwijzer: "Verwijzer",
  zorgmakelaar: "Zorgmakelaar",
  beheerder: "Beheerder",
  organisatiebeheerder: "Organisatiebeheerder",
};

export const STATUS_LABELS: Record<GebruikerStatus, string> = {
  uitgenodigd: "Uitgenodigd",
  actief: "Actief",
  geblokkeerd: "Geblokkeerd",
};

export function StatusBadge({ status }: { status: GebruikerStatus }) {
  const soort = status === "actief" ? "success" : status === "uitgenodigd" ? "neutral" : "danger";
  return <Badge soort={soort}>{STATUS_LABELS[status]}</Badge>;
}

const WIJZIGING_LABELS: Record<AccountWijziging, string> = {
  uitgenodigd: "Uitgenodigd",
  "opnieuw-uitgenodigd": "Opnieuw uitgenodigd",
  geactiveerd: "Account bevestigd",
  "rol-gewijzigd": "Rol gewijzigd",
  geblokkeerd: "Geblokkeerd",
  gedeblokkeerd: "Blokkering opgeheven",
  "tweede-factor-ingesteld": "Tweede stap ingesteld",
  "tweede-factor-gereset": "Tweede stap gereset",
  "herstelcode-gebruikt": "Herstelcode gebruikt",
  "inlogbeleid-gewijzigd": "Inlogbeleid gewijzigd",
};

/** A page of Mensen: its menu item and a way back to the list. */
export function mensenPagina(
  c: Context<AppEnv>,
  { titel, children }: { titel: string; children: Child },
  status: 200 | 201 | 400 | 403 | 404 | 409 = 200,
) {
  return pagina(c, { titel, actief: "/gebruikers", children }, status);
}

/** The organisations the actor manages people of: every one for the register's beheerder, its own for an organisatiebeheerder. */
export async function beheerdeOrganisaties(c: Context<AppEnv>, deps: UiDeps, actor: Actor) {
  if (actor.rol !== "beheerder") return [{ id: actor.organisatieId, naam: actor.organisatieNaam, type: actor.organisatieType }];
  return (await listOrganisaties(ctxOf(c, deps.services), ALLES)).resultaten;
}

/** The roles the actor may give in organisations of this type (the use case checks again). */
export function rolOpties(actor: Actor, type?: keyof typeof ROLLEN_PER_TYPE) {
  const rollen = type ? ROLLEN_PER_TYPE[type] : (Object.keys(ROL_LABELS) as Rol[]);
  return rollen.filter((r) => actor.rol === "beheerder" || r !== "beheerder").map((r) => ({ waarde: r, tekst: ROL_LABELS[r] }));
}

/** The account log: every change to an account, by whom, when. */
export async function Accountlog({
  c,
  deps,
  filter,
  titel,
}: {
  c: Context<AppEnv>;
  deps: UiDeps;
  filter: { organisatieId?: string; gebruikerId?: string };
  titel: string;
}) {
  const log = await listAccountlog(ctxOf(c, deps.services), { ...filter, pagina: 1, perPagina: 100 });
  return (
    <Tabel
      titel={titel}
      koppen={["Wanneer", "Wat", "Wie", "Van", "Naar", "Door"]}
      leeg="Nog geen wijzigingen."
      rijen={log.resultaten.map((r) => [
        datumTijd(r.op),
        WIJZIGING_LABELS[r.soort],
        r.gebruiker ?? "de organisatie",
        r.van ?? "—",
        r.naar ?? "—",
        r.door,
      ])}
    />
  );
}
