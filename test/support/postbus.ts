import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP server received it: envelope recipient, subject, decoded text body. */
export interface Ontvangen {
  aan: string;
  van: string;
  onderwerp: string;
  tekst: string;
}

export interface Postbus {
  /** `smtp://127.0.0.1:<port>`, for nodemailer. */
  url: string;
  berichten: Ontvangen[];
  /** The newest message to `aan` after `na` messages to it, waiting for it to arrive. */
  wachtOp(aan: string, na?: number): Promise<Ontvangen>;
  aantalVoor(aan: string): number;
  close(): Promise<void>;
}

function decodeer(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const zacht = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < zacht.length; i++) {
    const hex = zacht[i] === "=" ? zacht.slice(i + 1, i + 3) : "";
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(zacht[i] ?? "", "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * A real SMTP server in this process (smtp-server, on 127.0.0.1 and a free port, no TLS, no
 * authentication): the register sends its mail to it over SMTP with nodemailer, and a test
 * reads the link or code from the message it received.
 */
export async function startPostbus(): Promise<Postbus> {
  const berichten: Ontvangen[] = [];
  const wachtenden: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const delen: Buffer[] = [];
      stream.on("data", (d: Buffer) => delen.push(d));
      stream.on("end", () => {
        const ruw = Buffer.concat(delen).toString("utf8");
        const scheiding = ruw.indexOf("\r\n\r\n");
        const headers = ruw.slice(0, scheiding).replace(/\r\n[ \t]+/g, " ");
        const body = ruw.slice(scheiding + 4);
        for (const rcpt of session.envelope.rcptTo) {
          berichten.push({
            aan: rcpt.address,
            van: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            onderwerp: /^subject:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? "",
            tekst: decodeer(headers, body),
          });
        }
        for (const w of wachtenden.splice(0)) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.server.unref();
  const { port } = server.server.address() as AddressInfo;
  const voor = (aan: string) => berichten.filter((b) => b.aan === aan.toLowerCase());
  return {
    url: `smtp://127.0.0.1:${port}`,
    berichten,
    aantalVoor: (aan) => voor(aan).length,
    async wachtOp(aan, na = 0) {
      const tot = Date.now() + 5000;
      while (voor(aan).length <= na) {
        if (Date.now() > tot) throw new Error(`no mail to ${aan} within 5 s`);
        await new Promise<void>((resolve) => {
          wachtenden.push(resolve);
          setTimeout(resolve, 100).unref();
        });
      }
      return voor(aan)[voor(aan).length - 1] as Ontvangen;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let gedeeld: Promise<Postbus> | undefined;

/** One SMTP server per test worker, started on first use. */
export function postbus(): Promise<Postbus> {
  gedeeld ??= startPostbus();
  return gedeeld;
}

/** The first link to `pad` in a message, as a path with its query. */
export function linkUit(bericht: Ontvangen, pad: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${pad}[^\\s]*)`).exec(bericht.tekst);
  if (!match?.[1]) throw new Error(`no link to ${pad} in: ${bericht.tekst}`);
  return match[1];
}

/** The 8-digit sign-in code in a sign-in message. */
export function codeUit(bericht: Ontvangen): string {
  const match = /inlogcode is (\d{4}) (\d{4})/.exec(bericht.tekst);
  if (!match) throw new Error(`no code in: ${bericht.tekst}`);
  return `${match[1]}${match[2]}`;
}
