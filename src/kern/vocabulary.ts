/**
 * The register's vocabulary (DOMAIN.md, "Canonical names"): every status, kind and reason a
 * layer may speak, defined once. The database schema, the API schemas and the pages take
 * their lists from here.
 */

/** Intake status of an offer (after FHIR SDOH capacity status). */
export const INTAKE_STATUSSEN = ["open", "wachtlijst", "gesloten", "na-intake"] as const;
export type IntakeStatus = (typeof INTAKE_STATUSSEN)[number];

/** Freshness of an offer's figures, judged on when a person last confirmed them. */
export const ACTUALITEIT = ["actueel", "verouderd", "sterk-verouderd"] as const;
export type Actualiteit = (typeof ACTUALITEIT)[number];

/** One changed field in a history line. */
export interface Wijziging {
  veld: string;
  oud: unknown;
  nieuw: unknown;
}

/** What a line of an offer's history records. */
export const HISTORIE_SOORTEN = ["aangemaakt", "gewijzigd", "bevestigd", "verwijderd"] as const;
export type HistorieSoort = (typeof HISTORIE_SOORTEN)[number];

export const URGENTIES = ["regulier", "spoed", "crisis"] as const;

/**
 * Where a case stands: waiting, proposed by matching (the provider not asked yet), referred to
 * a provider (an aanmelding awaits or has its answer), a place held, help started (`geplaatst`:
 * for residential care the placement), or stopped.
 */
export const CASUS_STATUSSEN = ["wachtend", "voorgesteld", "aangemeld", "gereserveerd", "geplaatst", "gestopt"] as const;
export type CasusStatus = (typeof CASUS_STATUSSEN)[number];

export const STOPREDENEN = ["ouders-kiezen-wachten", "elders-geholpen", "verhuisd", "hulp-niet-meer-nodig", "anders"] as const;
export type Stopreden = (typeof STOPREDENEN)[number];
/** A case stopped for these reasons still waits, for the norm and the reports (shown apart). */
export const STOPREDENEN_WACHTEND: readonly Stopreden[] = ["ouders-kiezen-wachten"];

/** What a line of a case's history records. */
export const CASUS_HISTORIE_SOORTEN = ["aangemaakt", "status", "prioriteit", "correctie", "aanmelding", "escalatie"] as const;
export type CasusHistorieSoort = (typeof CASUS_HISTORIE_SOORTEN)[number];

export const VOORSTEL_STATUSSEN = ["open", "geaccepteerd", "afgewezen", "verlopen"] as const;
export type VoorstelStatus = (typeof VOORSTEL_STATUSSEN)[number];
export const AFWIJSREDENEN = ["aanbieder-geen-plek", "past-niet", "ouders-kiezen-wachten", "anders"] as const;
/** Why a broker declined a proposal, in words; "Anders" is followed by the broker's own explanation. */
export const AFWIJSLABELS: Record<(typeof AFWIJSREDENEN)[number], string> = {
  "aanbieder-geen-plek": "De aanbieder heeft toch geen plek",
  "past-niet": "De plek past niet bij de jeugdige",
  "ouders-kiezen-wachten": "De ouders kiezen ervoor te wachten",
  anders: "Anders",
};

export const RESERVERING_STATUSSEN = ["actief", "geplaatst", "verlopen", "ingetrokken"] as const;
export type ReserveringStatus = (typeof RESERVERING_STATUSSEN)[number];

/** A referral of a case to one offer (the standard form), as the provider answers it. */
export const AANMELDING_STATUSSEN = ["verzonden", "geaccepteerd", "afgewezen", "verlopen", "ingetrokken", "gestart"] as const;
export type AanmeldingStatus = (typeof AANMELDING_STATUSSEN)[number];
/** Still in play: the provider has to answer, or has said yes and help has not started. */
export const AANMELDING_ACTIEF: readonly AanmeldingStatus[] = ["verzonden", "geaccepteerd"];
export const AANMELDING_AFWIJSREDENEN = ["geen-plek", "past-niet-bij-aanbod", "contra-indicatie", "leeftijd", "anders"] as const;
export const AANMELDING_AFWIJSLABELS: Record<(typeof AANMELDING_AFWIJSREDENEN)[number], string> = {
  "geen-plek": "Geen plek",
  "past-niet-bij-aanbod": "Past niet bij ons aanbod",
  "contra-indicatie": "Contra-indicatie",
  leeftijd: "Leeftijd",
  anders: "Anders",
};

/** Steps when nothing contracted is timely (DOMAIN.md, the referral process, step 6). */
export const ESCALATIE_STAPPEN = ["A1", "A2", "B"] as const;
export type EscalatieStap = (typeof ESCALATIE_STAPPEN)[number];
/** Dutch labels of the escalation steps, for the case pages. @public (no page shows them yet). */
export const ESCALATIE_LABELS: Record<EscalatieStap, string> = {
  A1: "A1: zoeken buiten de gecontracteerde zorg, met de gemeente",
  A2: "A2: maatwerkcontract met een niet-gecontracteerde aanbieder",
  B: "B: voorgelegd aan het regionaal expertteam (RET)",
};

/** Child-protection and youth-probation measures and the other grounds of the gedwongen kader. */
export const MAATREGEL_TYPES = [
  "ots",
  "muhp",
  "voogdij",
  "jeugdreclassering",
  "machtiging-gesloten-jeugdzorg",
  "wvggz",
  "wzd",
] as const;
export type MaatregelType = (typeof MAATREGEL_TYPES)[number];

/** The measures under the doorbraak norm unless a region's rule set names others: child protection and youth probation. */
export const NORM_MAATREGELEN_STANDAARD: readonly MaatregelType[] = [
  "ots",
  "muhp",
  "voogdij",
  "jeugdreclassering",
  "machtiging-gesloten-jeugdzorg",
];

export const MAATREGEL_LABELS: Record<MaatregelType, string> = {
  ots: "OTS",
  muhp: "machtiging uithuisplaatsing",
  voogdij: "voogdij",
  jeugdreclassering: "jeugdreclassering",
  "machtiging-gesloten-jeugdzorg": "machtiging gesloten jeugdzorg",
  wvggz: "Wvggz",
  wzd: "Wzd",
};

export const ORGANISATIE_TYPES = ["aanbieder", "gecertificeerde-instelling", "gemeente", "regio"] as const;
export type OrganisatieType = (typeof ORGANISATIE_TYPES)[number];

export const ROLLEN = ["aanbieder", "verwijzer", "zorgmakelaar", "beheerder", "organisatiebeheerder"] as const;
export type Rol = (typeof ROLLEN)[number];

/** What a request does with case data, as written to the access log; `toekenning` issues a credential that sees it. */
export const ACTIES = ["lezen", "lijst", "aanmaken", "wijzigen", "matching", "toekenning"] as const;

/** Roles that see case data: a credential for one of them is a grant, logged and shown to its organisation. */
export const CASUSROLLEN = ["verwijzer", "zorgmakelaar"] as const satisfies readonly (typeof ROLLEN)[number][];
export type Actie = (typeof ACTIES)[number];

/** A person's account: invited (not yet confirmed), active, or blocked (every session ended). */
export const GEBRUIKER_STATUSSEN = ["uitgenodigd", "actief", "geblokkeerd"] as const;
export type GebruikerStatus = (typeof GEBRUIKER_STATUSSEN)[number];

/** What a line of the account log records (append-only, for the organisation's and the register's beheerder). */
export const ACCOUNT_WIJZIGINGEN = [
  "uitgenodigd",
  "opnieuw-uitgenodigd",
  "geactiveerd",
  "rol-gewijzigd",
  "geblokkeerd",
  "gedeblokkeerd",
  "tweede-factor-ingesteld",
  "tweede-factor-gereset",
  "herstelcode-gebruikt",
  "inlogbeleid-gewijzigd",
] as const;
export type AccountWijziging = (typeof ACCOUNT_WIJZIGINGEN)[number];
