import { MAATREGEL_LABELS, MAATREGEL_TYPES } from "../../kern/vocabulary.ts";
import { GETAL_VELDEN, type Groep, LIJST_VELDEN, OPERATOREN, type Regelset, type Voorwaarde } from "../../priority/rules.ts";
import { Keuzelijst, Knop, Tekstveld } from "../components.tsx";
import type { Formulier, Waarden } from "../forms.ts";

/**
 * The rule set as a form instead of JSON: groups in order, each a name, "all" or "any", and a
 * list of conditions (a field the rule language knows, an operator, one or more values). The
 * form builds exactly the object the JSON path posts, so both are checked by the same
 * RegelsetSchema and stored the same way. Nesting deeper than one all/any per group has no
 * form: such a version is shown in the JSON view.
 */
export const MAX_GROEPEN = 10;
const IN = "in";

const VELD_LABELS: Record<string, string> = {
  "maatregel.type": "Maatregel",
  "zorgvorm.categorie": "Categorie van de gewenste zorg (iJw, twee cijfers)",
  "zorgvorm.code": "Gewenste zorgvorm (of een vorm eronder)",
  woongemeente: "Woongemeente",
  leeftijdJaren: "Leeftijd in jaren",
  wachtdagen: "Aantal dagen wachten",
};
const OP_LABELS: Record<string, string> = {
  [IN]: "is een van",
  "<": "is kleiner dan",
  "<=": "is hoogstens",
  ">": "is groter dan",
  ">=": "is minstens",
  "=": "is gelijk aan",
};

/** Field names of the form: `g0-naam`, `g0-v1-waarde`. */
const veld = (g: number, naam: string) => `g${g}-${naam}`;
const rijVeld = (g: number, v: number, naam: "veld" | "op" | "waarde") => `g${g}-v${v}-${naam}`;

type Enkel = Extract<Voorwaarde, { veld: string }>;
const isEnkel = (v: Voorwaarde): v is Enkel => "veld" in v;

/** A rule set as form values; undefined when a group nests deeper than the form can show. */
export function formulierUitRegelset(set: Pick<Regelset, "versie" | "geldigVanaf" | "groepen">): Waarden | undefined {
  const w: Waarden = { invoer: "formulier", versie: String(set.versie), geldigVanaf: set.geldigVanaf };
  for (const [g, groep] of set.groepen.entries()) {
    w[veld(g, "naam")] = groep.naam;
    const v = groep.voorwaarde;
    const delen = v === null ? [] : isEnkel(v) ? [v] : "alle" in v ? v.alle : v.een;
    if (!delen.every(isEnkel)) return undefined;
    w[veld(g, "koppeling")] = v !== null && "een" in v ? "een" : "alle";
    for (const [i, deel] of delen.entries()) {
      w[rijVeld(g, i, "veld")] = deel.veld;
      if ("in" in deel) {
        w[rijVeld(g, i, "op")] = IN;
        const waarden = deel.veld === "maatregel.type" ? deel.in.map((x) => MAATREGEL_LABELS[x as never] ?? x) : deel.in;
        w[rijVeld(g, i, "waarde")] = waarden.join(", ");
      } else {
        w[rijVeld(g, i, "op")] = deel.op;
        w[rijVeld(g, i, "waarde")] = String(deel.waarde);
      }
    }
  }
  return w;
}

const leeg = (s: string | undefined) => (s ?? "").trim() === "";
/** Row indexes present in the form for a group (the highest index posted, plus one). */
function rijenVan(w: Waarden, g: number): number[] {
  let n = 0;
  for (const naam of Object.keys(w)) {
    const m = new RegExp(`^g${g}-v(\\d+)-`).exec(naam);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return [...Array(n).keys()];
}
function groepenVan(w: Waarden): number[] {
  let n = 0;
  for (const naam of Object.keys(w)) {
    const m = /^g(\d+)-/.exec(naam);
    if (m && Number(m[1]) < MAX_GROEPEN) n = Math.max(n, Number(m[1]) + 1);
  }
  return [...Array(n).keys()];
}
const rijIsLeeg = (w: Waarden, g: number, v: number) => leeg(w[rijVeld(g, v, "veld")]) && leeg(w[rijVeld(g, v, "waarde")]);

/** A maatregel typed as its label or its code. */
function maatregelCode(tekst: string): string {
  const t = tekst.trim().toLowerCase();
  const type = MAATREGEL_TYPES.find((m) => m === t || MAATREGEL_LABELS[m].toLowerCase() === t);
  return type ?? tekst.trim();
}

/**
 * The form as the JSON path's input (without `regio`), and for every path the schema may name
 * (`groepen[0].voorwaarde.alle[1].in[0]`) the form field it belongs to.
 */
export function regelsetUitFormulier(w: Waarden): {
  invoer: Record<string, unknown>;
  fouten: Record<string, string>;
  veldVoor: (pad: string) => string;
} {
  const fouten: Record<string, string> = {};
  const groepen: Groep[] = [];
  /** Schema path prefix → form field, longest first when looked up. */
  const paden: [string, string][] = [];
  for (const g of groepenVan(w)) {
    const naam = (w[veld(g, "naam")] ?? "").trim();
    const rijen = rijenVan(w, g).filter((v) => !rijIsLeeg(w, g, v));
    if (naam === "" && rijen.length === 0) continue;
    const nr = groepen.length;
    if (naam === "") fouten[veld(g, "naam")] = "Geef de groep een naam.";
    const delen: Voorwaarde[] = [];
    for (const v of rijen) {
      const soort = (w[rijVeld(g, v, "veld")] ?? "").trim();
      const op = (w[rijVeld(g, v, "op")] ?? "").trim();
      const tekst = w[rijVeld(g, v, "waarde")] ?? "";
      const pad =
        rijen.length === 1
          ? `groepen[${nr}].voorwaarde`
          : `groepen[${nr}].voorwaarde.${w[veld(g, "koppeling")] === "een" ? "een" : "alle"}[${delen.length}]`;
      paden.push(
        [`${pad}.in`, rijVeld(g, v, "waarde")],
        [`${pad}.waarde`, rijVeld(g, v, "waarde")],
        [`${pad}.op`, rijVeld(g, v, "op")],
        [pad, rijVeld(g, v, "veld")],
      );
      if (soort === "") {
        fouten[rijVeld(g, v, "veld")] = "Kies waar de voorwaarde over gaat.";
        continue;
      }
      if ((LIJST_VELDEN as readonly string[]).includes(soort)) {
        if (op !== IN) fouten[rijVeld(g, v, "op")] = "Kies ‘is een van’: dit gegeven is een keuze uit een lijst.";
        const waarden = tekst
          .split(/[,;\n]/)
          .map((x) => x.trim())
          .filter((x) => x !== "")
          .map((x) => (soort === "maatregel.type" ? maatregelCode(x) : x));
        if (waarden.length === 0) fouten[rijVeld(g, v, "waarde")] = "Vul minstens één waarde in.";
        delen.push({ veld: soort as Enkel["veld"], in: waarden } as Voorwaarde);
      } else if ((GETAL_VELDEN as readonly string[]).includes(soort)) {
        if (!(OPERATOREN as readonly string[]).includes(op))
          fouten[rijVeld(g, v, "op")] = "Kies een vergelijking, zoals ‘is kleiner dan’: dit gegeven is een getal.";
        if (!/^\s*\d{1,6}\s*$/.test(tekst)) fouten[rijVeld(g, v, "waarde")] = "Vul een geheel getal in, 0 of meer.";
        delen.push({ veld: soort, op, waarde: Number(tekst) } as Voorwaarde);
      } else fouten[rijVeld(g, v, "veld")] = "Kies een gegeven uit de lijst.";
    }
    const voorwaarde: Voorwaarde | null =
      delen.length === 0
        ? null
        : delen.length === 1
          ? (delen[0] as Voorwaarde)
          : w[veld(g, "koppeling")] === "een"
            ? { een: delen }
            : { alle: delen };
    paden.push([`groepen[${nr}].naam`, veld(g, "naam")], [`groepen[${nr}]`, veld(g, "naam")]);
    groepen.push({ nummer: nr + 1, naam, voorwaarde });
  }
  const versie = (w.versie ?? "").trim();
  if (!/^\d{1,7}$/.test(versie)) fouten.versie = "Vul een geheel getal in, 1 of meer.";
  let extra: Record<string, unknown> = {};
  try {
    extra = w.extra ? (JSON.parse(w.extra) as Record<string, unknown>) : {};
  } catch {
    extra = {};
  }
  const invoer = { versie: Number(versie), geldigVanaf: (w.geldigVanaf ?? "").trim() || undefined, groepen, ...extra };
  paden.sort((a, b) => b[0].length - a[0].length);
  const veldVoor = (pad: string) =>
    paden.find(([p]) => pad === p || pad.startsWith(`${p}.`) || pad.startsWith(`${p}[`))?.[1] ?? pad;
  return { invoer, fouten, veldVoor };
}

/** The choices of a set that have no place in the form, carried over unchanged. */
export function extraVan(set: Partial<Pick<Regelset, "normMaatregelen" | "volgorde" | "leeftijdOp">>): string {
  const extra = Object.fromEntries(
    (["normMaatregelen", "volgorde", "leeftijdOp"] as const).flatMap((k) => (set[k] === undefined ? [] : [[k, set[k]]])),
  );
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : "";
}

const VELD_OPTIES = [...LIJST_VELDEN, ...GETAL_VELDEN].map((v) => ({ waarde: v, tekst: VELD_LABELS[v] ?? v }));
const OP_OPTIES = [IN, ...OPERATOREN].map((o) => ({ waarde: o, tekst: OP_LABELS[o] ?? o }));

/** The groups of the form: each posted or prefilled group, then one empty one; each with its rows and one empty row. */
export function RegelsVelden({ formulier, meer }: { formulier: Formulier; meer?: number }) {
  const w = formulier.waarden;
  const gevuld = groepenVan(w).filter((g) => !leeg(w[veld(g, "naam")]) || rijenVan(w, g).some((v) => !rijIsLeeg(w, g, v)));
  const laatste = gevuld.length > 0 ? Math.max(...gevuld) + 1 : 0;
  const groepen = [...Array(Math.min(MAX_GROEPEN, laatste + 1)).keys()];
  return (
    <>
      {groepen.map((g) => {
        const rijen = rijenVan(w, g).filter((v) => !rijIsLeeg(w, g, v));
        const aantal = (rijen.length > 0 ? Math.max(...rijen) + 1 : 0) + (meer === g ? 2 : 1);
        const kop =
          leeg(w[veld(g, "naam")]) && rijen.length === 0 ? `Groep ${g + 1} (leeg: wordt niet opgeslagen)` : `Groep ${g + 1}`;
        return (
          <fieldset class="utrecht-form-fieldset pw-kaart pw-regelgroep">
            <legend class="utrecht-form-fieldset__legend">{kop}</legend>
            <Tekstveld naam={veld(g, "naam")} label="Naam van de groep" formulier={formulier} verplicht />
            <Keuzelijst
              naam={veld(g, "koppeling")}
              label="Bij meer voorwaarden"
              formulier={formulier}
              standaard="alle"
              opties={[
                { waarde: "alle", tekst: "alle voorwaarden moeten gelden" },
                { waarde: "een", tekst: "minstens één voorwaarde moet gelden" },
              ]}
              verplicht
            />
            {[...Array(aantal).keys()].map((v) => (
              <fieldset class="utrecht-form-fieldset pw-regelrij">
                <legend class="utrecht-form-fieldset__legend">Voorwaarde {v + 1}</legend>
                <Keuzelijst
                  naam={rijVeld(g, v, "veld")}
                  label="Gegeven"
                  formulier={formulier}
                  opties={VELD_OPTIES}
                  leeg="Kies een gegeven"
                  zonderNietVerplicht
                />
                <Keuzelijst
                  naam={rijVeld(g, v, "op")}
                  label="Vergelijking"
                  formulier={formulier}
                  opties={OP_OPTIES}
                  leeg="Kies een vergelijking"
                  zonderNietVerplicht
                />
                <Tekstveld naam={rijVeld(g, v, "waarde")} label="Waarde(n)" formulier={formulier} zonderNietVerplicht />
              </fieldset>
            ))}
            <p class="utrecht-form-field-description">
              Bij ‘is een van’ meerdere waarden met komma's ertussen, bijvoorbeeld: OTS, Voogdij (maatregelen) of GM0518, GM0503
              (gemeentecodes). Een groep zonder voorwaarden geldt voor geen enkele casus. Een lege rij telt niet mee.
            </p>
            <Knop soort="secondary" naam="stap" waarde={`meer-${g}`} label={`Voorwaarde toevoegen aan groep ${g + 1}`}>
              Voorwaarde toevoegen
            </Knop>
          </fieldset>
        );
      })}
    </>
  );
}

/** The labels of the form's fields, for the error summary. */
export function regelsLabels(fouten: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = { versie: "Versie", geldigVanaf: "Ingangsdatum" };
  for (const naam of Object.keys(fouten)) {
    const m = /^g(\d+)-(?:v(\d+)-)?(\w+)$/.exec(naam);
    if (!m) continue;
    const groep = `Groep ${Number(m[1]) + 1}`;
    const wat = { naam: "naam", koppeling: "bij meer voorwaarden", veld: "gegeven", op: "vergelijking", waarde: "waarde(n)" }[
      m[3] ?? ""
    ];
    labels[naam] = m[2] !== undefined ? `${groep}, voorwaarde ${Number(m[2]) + 1}, ${wat}` : `${groep}, ${wat}`;
  }
  return labels;
}
