/** Ids are random UUIDs (v4); Web Crypto exists on Node 20 and on Workers. */
export function newId(): string {
  return crypto.randomUUID();
}
