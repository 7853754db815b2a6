import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { CASUSROLLEN, type Rol } from "../kern/vocabulary.ts";
import { hashToken } from "./authenticatie.ts";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 seconds. */
const PERIODE = 30;
const UITGEVER = "Plekwijzer";
/** One step either side: a phone clock half a minute off still works. */
const VENSTER = 1;
export const AANTAL_HERSTELCODES = 10;

/**
 * The second factor is required for every role that sees case data (NEN 7510), and for the
 * other roles of an organisation that requires it.
 */
export function tweedeFactorVereist(rol: Rol, organisatieVerplicht: boolean): boolean {
  return organisatieVerplicht || (CASUSROLLEN as readonly Rol[]).includes(rol);
}

function totp(geheim: string, email: string): TOTP {
  return new TOTP({ issuer: UITGEVER, label: email, algorithm: "SHA1", digits: 6, period: PERIODE, secret: geheim });
}

/** A new 160-bit secret, base32 (what authenticator apps take when typed in). */
export function nieuwTotpGeheim(): string {
  return new Secret({ size: 20 }).base32;
}

/** What the enrolment page shows: the otpauth:// URI as a QR code (SVG), and the secret to type in by hand. */
export async function inschrijving(geheim: string, email: string): Promise<{ uri: string; qrSvg: string; geheim: string }> {
  const uri = totp(geheim, email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  const qrSvg = svg.replace(
    "<svg ",
    '<svg role="img" aria-label="QR-code om Plekwijzer toe te voegen aan uw authenticator-app" class="pw-qr" ',
  );
  return { uri, qrSvg, geheim: geheim.replace(/(.{4})/g, "$1 ").trim() };
}

/**
 * The time step a TOTP code is valid for at `nu`, or undefined. A step at or before
 * `laatsteStap` was used already: a code is accepted once (RFC 6238 §5.2).
 */
export function controleerTotp(geheim: string, code: string, nu: Date, laatsteStap: number | null): { stap: number } | undefined {
  const schoon = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(schoon)) return undefined;
  const t = totp(geheim, "");
  const delta = t.validate({ token: schoon, timestamp: nu.getTime(), window: VENSTER });
  if (delta === null) return undefined;
  const stap = Math.floor(nu.getTime() / 1000 / PERIODE) + delta;
  if (laatsteStap !== null && stap <= laatsteStap) return undefined;
  return { stap };
}

/** Crockford-style base32 without look-alikes, for codes a person types over. */
const ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function willekeurig(tekens: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(tekens));
  // 256 is a multiple of 32: every letter is equally likely.
  return [...bytes].map((b) => ALFABET[b % ALFABET.length]).join("");
}

/** Recovery codes, 80 bits each (XXXX-XXXX-XXXX-XXXX): a SHA-256 is enough to keep them, as for tokens. */
export function nieuweHerstelcodes(): string[] {
  return Array.from({ length: AANTAL_HERSTELCODES }, () => willekeurig(16).replace(/(.{4})(?=.)/g, "$1-"));
}

/** The hash a recovery code is kept and found by; spaces, dashes and case do not matter. */
export function herstelcodeHash(code: string): Promise<string> {
  return hashToken(`herstel:${code.replace(/[\s-]/g, "").toUpperCase()}`);
}

/** A sign-in code by mail: 8 digits, bound to the sign-in attempt it was sent for. */
export function nieuweAanmeldcode(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return String(n % 100_000_000).padStart(8, "0");
}
