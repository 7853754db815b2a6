import nodemailer from "nodemailer";
import type { Mailer } from "../services/mail.ts";

/**
 * Mail over SMTP (nodemailer): `SMTP_URL` such as `smtps://user:pass@smtp.example.nl:465` or
 * `smtp://smtp.example.nl:587` (STARTTLS when the server offers it), from `MAIL_VAN`.
 */
export function smtpMailer(url: string, van: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async verstuur({ aan, onderwerp, tekst }) {
      await transport.sendMail({ from: van, to: aan, subject: onderwerp, text: tekst });
    },
    close: () => transport.close(),
  };
}
