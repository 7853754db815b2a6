import { MAATREGEL_LABELS, type MaatregelType } from "../../kern/vocabulary.ts";
import { type Groep, LIJST_VELDEN, type Operator, type Regelset, type Voorwaarde } from "../../priority/rules.ts";

/** How a rule set reads to a person: the fields and operators of a condition in words. */
const VELD_TEKST: Record<string, string> = {
  "maatregel.type": "de maatregel",
  "zorgvorm.categorie": "de iJw-categorie van de gewenste zorgvorm",
  "zorgvorm.code": "de gewenste zorgvorm (of een vorm eronder)",
  woongemeente: "de woongemeente",
  leeftijdJaren: "de leeftijd in jaren",
  wachtdagen: "het aantal dagen wachten",
};
const OPERATOR_TEKST: Record<Operator, string> = {
  "<": "is kleiner dan",
  "<=": "is hoogstens",
  ">": "is groter dan",
  ">=": "is minstens",
  "=": "is gelijk aan",
};

function waardeTekst(veld: string, waarde: string): string {
  return veld === "maatregel.type" ? (MAATREGEL_LABELS[waarde as MaatregelType] ?? waarde) : waarde;
}

/** One condition as a sentence; `alle`/`een` as a nested list. */
export function VoorwaardeTekst({ v }: { v: Voorwaarde | null }) {
  if (v === null) return <span>Geen voorwaarde: deze groep is (nog) leeg en geldt voor geen enkele casus.</span>;
  if ("alle" in v || "een" in v) {
    const delen = "alle" in v ? v.alle : v.een;
    return (
      <>
        <span>{"alle" in v ? "Alle volgende voorwaarden gelden:" : "Minstens één van de volgende voorwaarden geldt:"}</span>
        <ul class="utrecht-unordered-list">
          {delen.map((deel) => (
            <li class="utrecht-unordered-list__item">
              <VoorwaardeTekst v={deel} />
            </li>
          ))}
        </ul>
      </>
    );
  }
  if ((LIJST_VELDEN as readonly string[]).includes(v.veld) && "in" in v) {
    return (
      <span>
        {VELD_TEKST[v.veld] ?? v.veld} is een van: {v.in.map((w) => waardeTekst(v.veld, w)).join(", ")}
      </span>
    );
  }
  const { veld, op, waarde } = v as { veld: string; op: Operator; waarde: number };
  return (
    <span>
      {VELD_TEKST[veld] ?? veld} {OPERATOR_TEKST[op] ?? op} {waarde}
    </span>
  );
}

/** The groups in order, each with its name and its condition in words. */
export function Groepen({ groepen }: { groepen: Groep[] }) {
  return (
    <ol class="utrecht-ordered-list">
      {groepen.map((g) => (
        <li class="utrecht-ordered-list__item">
          <strong>
            Groep {g.nummer}: {g.naam}
          </strong>
          <div>
            <VoorwaardeTekst v={g.voorwaarde} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A rule set as the JSON the form takes: without `regio`, which the form's select gives. */
export function alsInvoer(set: Pick<Regelset, "versie" | "geldigVanaf" | "groepen">): string {
  return JSON.stringify({ versie: set.versie, geldigVanaf: set.geldigVanaf, groepen: set.groepen }, null, 2);
}

/** Line and column of a character offset, counted from 1. */
function plek(tekst: string, positie: number): string {
  const voor = tekst.slice(0, positie);
  return `regel ${voor.split("\n").length}, kolom ${voor.length - voor.lastIndexOf("\n")}`;
}

/**
 * A JSON.parse error in Dutch. V8's messages are English and name either a position
 * ("… at position 7") or the unexpected token with up to 10 characters of context either side.
 */
export function jsonFout(tekst: string, fout: unknown): string {
  const bericht = fout instanceof Error ? fout.message : "";
  const positie = /at position (\d+)/.exec(bericht)?.[1];
  if (positie !== undefined) {
    const teken = tekst[Number(positie)];
    return `Geen geldige JSON: onverwacht ${teken ? `teken ‘${teken}’` : "einde"} op ${plek(tekst, Number(positie))}.`;
  }
  const token = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(bericht);
  if (token) {
    const [, teken, afgekapt, context = ""] = token;
    const begin = tekst.indexOf(context);
    const waar = afgekapt && begin >= 0 ? ` op ${plek(tekst, begin + 10)}` : "";
    return `Geen geldige JSON: onverwacht teken ‘${teken}’${waar || `, in: ${context.replace(/\s+/g, " ").trim()}`}.`;
  }
  if (/end of JSON/i.test(bericht)) return "Geen geldige JSON: de tekst houdt te vroeg op (ontbreekt er een } of ]?).";
  return "Geen geldige JSON: controleer aanhalingstekens, komma's en haakjes.";
}
