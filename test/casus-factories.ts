import { json, type Row } from "./factories.ts";
import type { Register, RequestFn } from "./helpers.ts";

let counter = 0;

export const CASUS_BASIS = {
  geboortedatum: "2015-05-01",
  woongemeente: "GM0518",
  zorgvorm: "gezinshuis",
  aanmelddatum: "2026-09-01",
  urgentie: "regulier",
};

/** A pseudonymous waiting case, registered by the broker unless another caller is given; synthetic data only. */
export async function maakCasus(
  r: Register,
  overrides: Record<string, unknown> = {},
  door: RequestFn = r.als("zorgmakelaar"),
): Promise<Row & Record<string, unknown>> {
  return json(await door("POST", "/v1/casussen", { referentie: `TEST-${++counter}`, ...CASUS_BASIS, ...overrides }), 201);
}

export type Casus = Row & {
  status: string;
  prioriteit: { groep: number | null; redenen: string[]; handmatig: unknown; buitenKader: boolean };
  normOverschreden: boolean;
  wachtdagen: number;
};
