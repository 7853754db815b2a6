import type { Child } from "hono/jsx";
import { Csrf, Knop, Link } from "./components.tsx";
import { CSRF_VELD, type Waarden } from "./forms.ts";

/**
 * The one confirmation step of an irreversible action, without JavaScript.
 *
 * The action's button posts its form as usual. The handler asks `isBevestigd(waarden)`; while
 * it is false it renders a page with `<Bevestigstap>` (status 200) instead of acting. That page
 * posts the same fields back with `bevestigd=ja`, so the second post acts. "Annuleren" is a
 * plain link back: nothing happens.
 */
export const BEVESTIGD_VELD = "bevestigd";

export function isBevestigd(waarden: Waarden): boolean {
  return waarden[BEVESTIGD_VELD] === "ja";
}

export function Bevestigstap({
  actie,
  csrf,
  waarden = {},
  knop,
  terug,
  children,
}: {
  /** Where the confirmed form posts (the same action as the first post). */
  actie: string;
  csrf: string;
  /** The fields of the first post, carried over (the CSRF field and `bevestigd` are left out). */
  waarden?: Waarden;
  /** The button's text, saying what happens: "Ja, contract verwijderen". */
  knop: string;
  /** Where "Annuleren" leads. */
  terug: string;
  /** What will happen, in the user's words; say when it cannot be undone. */
  children: Child;
}) {
  const velden = Object.entries(waarden).filter(([naam]) => naam !== BEVESTIGD_VELD && naam !== CSRF_VELD);
  return (
    <section class="pw-kaart pw-bevestigstap" aria-labelledby="bevestigstap-kop">
      <h2 class="utrecht-heading-2" id="bevestigstap-kop">
        Weet u het zeker?
      </h2>
      {children}
      <form method="post" action={actie}>
        <Csrf token={csrf} />
        {velden.map(([naam, waarde]) => (
          <input type="hidden" name={naam} value={waarde} />
        ))}
        <input type="hidden" name={BEVESTIGD_VELD} value="ja" />
        <div class="pw-acties">
          <Knop>{knop}</Knop>
          <Link href={terug}>Annuleren</Link>
        </div>
      </form>
    </section>
  );
}
