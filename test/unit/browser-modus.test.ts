import { describe, expect, it } from "vitest";
import { browserModus } from "../browser/support.ts";

describe("the browser suite without Chromium", () => {
  it("runs when Chromium is there, in CI or not", () => {
    expect(browserModus({ chromium: true, ci: true })).toBe("draaien");
    expect(browserModus({ chromium: true, ci: false })).toBe("draaien");
  });
  it("is skipped on a developer's machine, but fails in CI", () => {
    expect(browserModus({ chromium: false, ci: false })).toBe("overslaan");
    expect(browserModus({ chromium: false, ci: true })).toBe("falen");
  });
});
