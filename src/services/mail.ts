/** One plain-text message to one person. */
export interface Bericht {
  aan: string;
  onderwerp: string;
  tekst: string;
}

/** Sends mail: SMTP on Node (src/mail/smtp.ts), the console in demo mode without SMTP. */
export interface Mailer {
  verstuur(bericht: Bericht): Promise<void>;
}

/** What mail needs besides a transport: the address links in a message point to. */
export interface MailConfig {
  mailer: Mailer;
  /** The register's public address, e.g. https://plekwijzer.example.nl (no trailing slash). */
  publiekeUrl: string;
}

/**
 * Demo mode without SMTP: the message (with its link) goes to the server's console, never to a
 * page, so a link still reaches only whoever runs the server.
 */
export function consoleMailer(log: (regel: string) => void = console.log): Mailer {
  return {
    async verstuur({ aan, onderwerp, tekst }) {
      log(`Mail to ${aan} (demo mode, no SMTP_URL): ${onderwerp}\n${tekst}`);
    },
  };
}

/** Without SMTP outside demo mode nothing can be sent: the caller hears so and the message is dropped. */
export const geenMailer: Mailer = {
  async verstuur() {
    throw new Error("No SMTP_URL configured: mail cannot be sent");
  },
};

export function uitnodigingsBericht(a: {
  aan: string;
  naam: string;
  organisatie: string;
  link: string;
  uren: number;
  tweedeFactor: boolean;
}): Bericht {
  return {
    aan: a.aan,
    onderwerp: "Uitnodiging voor Plekwijzer",
    tekst: [
      `Beste ${a.naam},`,
      "",
      `U bent uitgenodigd voor Plekwijzer namens ${a.organisatie}. Bevestig uw account met deze link (${a.uren} uur geldig, één keer te gebruiken):`,
      "",
      a.link,
      "",
      a.tweedeFactor
        ? "Daarna stelt u een tweede stap in met een authenticator-app op uw telefoon (bijvoorbeeld FreeOTP of Microsoft Authenticator)."
        : "Daarna bent u meteen ingelogd.",
      "",
      "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.",
    ].join("\n"),
  };
}

export function aanmeldBericht(a: { aan: string; naam: string; code: string; link: string; minuten: number }): Bericht {
  return {
    aan: a.aan,
    onderwerp: `Uw inlogcode voor Plekwijzer: ${a.code}`,
    tekst: [
      `Beste ${a.naam},`,
      "",
      `Uw inlogcode is ${a.code}. Typ hem in het scherm waar u uw e-mailadres invulde, of open deze link:`,
      "",
      a.link,
      "",
      `De code en de link werken ${a.minuten} minuten, één keer. Vroeg u niet om in te loggen? Negeer dit bericht dan; zonder de code komt niemand binnen.`,
    ].join("\n"),
  };
}
