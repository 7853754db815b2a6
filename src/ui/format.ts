import { DAY_MS } from "../kern/time.ts";

const DATUM = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" });
const DATUM_TIJD = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Amsterdam",
});

/** "27 november 2026" from a date or timestamp. */
export function datum(iso: string): string {
  return DATUM.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

/** "27 nov. 2026 14:05" in Dutch time. */
export function datumTijd(iso: string): string {
  return DATUM_TIJD.format(new Date(iso));
}

/** "vandaag", "gisteren", "3 dagen geleden": how long ago, in whole days. */
export function geleden(iso: string | null, now: Date): string {
  if (!iso) return "nooit";
  const dagen = Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
  if (dagen <= 0) return "vandaag";
  if (dagen === 1) return "gisteren";
  return `${dagen} dagen geleden`;
}

/** "3 weken", "1 week", "onbekend" for a waiting time. */
export function weken(n: number | null): string {
  if (n === null) return "onbekend";
  return n === 1 ? "1 week" : `${new Intl.NumberFormat("nl-NL").format(n)} weken`;
}

/** "1 plek", "3 plekken". */
export function plekken(n: number): string {
  return n === 1 ? "1 plek" : `${n} plekken`;
}

/** Free places with the ones held through the register: "2 plekken van 4, waarvan 1 vastgehouden via Plekwijzer". */
export function vrijePlekken(a: { vrijePlekken: number; vastgehouden: number; capaciteit?: number }): string {
  const vrij = a.capaciteit === undefined ? plekken(a.vrijePlekken) : `${plekken(a.vrijePlekken)} van ${a.capaciteit}`;
  return a.vastgehouden > 0 ? `${vrij}, waarvan ${a.vastgehouden} vastgehouden via Plekwijzer` : vrij;
}

export const INTAKE_LABELS: Record<string, string> = {
  open: "Open",
  wachtlijst: "Wachtlijst",
  gesloten: "Gesloten",
  "na-intake": "Na intake",
};

export const ACTUALITEIT_LABELS: Record<string, string> = {
  actueel: "Actueel",
  verouderd: "Verouderd",
  "sterk-verouderd": "Sterk verouderd",
};
