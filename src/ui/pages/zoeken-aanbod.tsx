import type { Child } from "hono/jsx";
import type { Aanbod } from "../../services/aanbod.ts";
import type { Gemeente } from "../../services/catalogus.ts";
import { Keuzelijst, Knop, type Optie } from "../components.tsx";
import { AanmeldKnop, Gecontracteerd } from "./zoeken-delen.tsx";

/** Parts of the offer page: is it contracted for the child's municipality, and how to refer. */

/** Contracted for the chosen municipality or not, and a plain GET form to choose one (no script). */
export function ContractStatus(p: {
  contract: { gemeente: Gemeente; gecontracteerd: boolean } | undefined;
  gekozen: string | undefined;
  gemeenten: readonly Optie[];
  terug: string | undefined;
  pad: string;
}) {
  const { contract } = p;
  let uitleg: Child;
  if (contract?.gecontracteerd) {
    uitleg = (
      <>
        <Gecontracteerd ja /> {contract.gemeente.naam} heeft dit aanbod vandaag gecontracteerd (zelf of via de regio).
      </>
    );
  } else if (contract) {
    uitleg = (
      <>
        <Gecontracteerd ja={false} /> {contract.gemeente.naam} heeft dit aanbod niet gecontracteerd. Verwijzen kan dan alleen als
        de gemeente er een maatwerkafspraak over maakt: overleg eerst met de gemeente of de zorgmakelaar van de regio.
      </>
    );
  } else {
    uitleg = "Kies de woongemeente van de jeugdige: dan ziet u of die gemeente dit aanbod heeft gecontracteerd.";
  }
  return (
    <>
      <p class="utrecht-paragraph" data-contract={contract ? String(contract.gecontracteerd) : undefined}>
        {uitleg}
      </p>
      <form method="get" action={p.pad} class="pw-rij-formulier" aria-label="Contract bekijken voor een gemeente">
        <Keuzelijst
          naam="gemeente"
          label="Woongemeente van de jeugdige"
          opties={p.gemeenten}
          leeg="Kies een gemeente"
          formulier={{ waarden: { gemeente: contract?.gemeente.code ?? p.gekozen ?? "" }, fouten: {} }}
          zonderNietVerplicht
        />
        {p.terug === undefined ? null : <input type="hidden" name="terug" value={p.terug} />}
        <Knop soort="secondary">Contract bekijken</Knop>
      </form>
    </>
  );
}

/** How to refer to this offer: the standard form in the register, the provider's answer time, whom to ask about the intake. */
export function Verwijzen(p: {
  aanbod: Aanbod;
  aanbieder: string;
  contact: Record<"telefoon" | "email" | "website", Child | null>;
  /** The referral form, for a role that may refer. */
  aanmeldPad?: string;
  termijn?: { werkdagen: number; gemeente: string };
}) {
  const { aanbod: a } = p;
  const antwoord = p.termijn
    ? `${p.aanbieder} antwoordt binnen ${p.termijn.werkdagen} werkdagen (de termijn van de regio van ${p.termijn.gemeente}): met een intake, een plek of een reden waarom niet.`
    : `${p.aanbieder} antwoordt binnen de termijn van de regio: met een intake, een plek of een reden waarom niet.`;
  const contact = [p.contact.telefoon, p.contact.email, p.contact.website].filter((d) => d !== null);
  return (
    <>
      {a.intakeStatus === "gesloten" ? (
        <p class="utrecht-paragraph">{p.aanbieder} neemt voor dit aanbod nu geen nieuwe aanmeldingen aan.</p>
      ) : p.aanmeldPad ? (
        <>
          <p class="utrecht-paragraph">
            Meld de jeugdige aan met het standaardaanmeldformulier in Plekwijzer: u kiest de casus en beschrijft de hulpvraag; een
            eigen formulier van de aanbieder is niet nodig. {antwoord}
          </p>
          <AanmeldKnop href={p.aanmeldPad} naam={a.naam} />
        </>
      ) : (
        <p class="utrecht-paragraph">
          Verwijzers en zorgmakelaars melden een jeugdige aan met het standaardaanmeldformulier in Plekwijzer, na het inloggen met
          hun eigen account.
        </p>
      )}
      <p class="utrecht-paragraph">
        {contact.length === 0 ? (
          <>Van {p.aanbieder} zijn geen contactgegevens bekend.</>
        ) : (
          <>Vragen over de intake of de aanmelding: {contact.flatMap((d, i) => (i === 0 ? [d] : [" · ", d]))}</>
        )}
      </p>
    </>
  );
}
