import { describe, expect, it } from "vitest";
import { actualiteitOf, DAY_MS, isoDate } from "../../src/kern/time.ts";
import { allowedVersions, assertVersion, etagOf } from "../../src/kern/version.ts";

describe("actualiteitOf", () => {
  const now = new Date("2026-11-27T12:00:00.000Z");
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

  it("is judged on the confirmation age, with the weekly cadence as boundaries", () => {
    expect(actualiteitOf(ago(0), now)).toBe("actueel");
    expect(actualiteitOf(ago(6.99), now)).toBe("actueel");
    expect(actualiteitOf(ago(7), now)).toBe("verouderd");
    expect(actualiteitOf(ago(13.99), now)).toBe("verouderd");
    expect(actualiteitOf(ago(14), now)).toBe("sterk-verouderd");
    expect(actualiteitOf(null, now)).toBe("sterk-verouderd");
  });
});

describe("isoDate", () => {
  it("uses the Dutch calendar day", () => {
    expect(isoDate(new Date("2026-11-26T23:30:00.000Z"))).toBe("2026-11-27");
    expect(isoDate(new Date("2026-07-01T21:59:00.000Z"))).toBe("2026-07-01");
    expect(isoDate(new Date("2026-07-01T22:00:00.000Z"))).toBe("2026-07-02");
  });
});

describe("If-Match", () => {
  it("parses one or more strong ETags, and * or absence as any version", () => {
    expect(allowedVersions(undefined)).toBeUndefined();
    expect(allowedVersions("*")).toBeUndefined();
    expect(allowedVersions(etagOf(3))).toEqual([3]);
    expect(allowedVersions('"v3", "v4"')).toEqual([3, 4]);
    expect(allowedVersions('W/"v3"')).toEqual([]);
    expect(allowedVersions("garbage")).toEqual([]);
  });

  it("refuses (412, versie-verouderd) only when the stored version is not allowed", () => {
    expect(() => assertVersion(3, undefined)).not.toThrow();
    expect(() => assertVersion(3, [2, 3])).not.toThrow();
    expect(() => assertVersion(3, [2])).toThrow(expect.objectContaining({ code: "versie-verouderd", versie: 3 }));
    expect(() => assertVersion(3, [])).toThrow(expect.objectContaining({ code: "versie-verouderd", versie: 3 }));
  });
});
