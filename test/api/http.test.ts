import { describe, expect, it } from "vitest";
import { names, problem, snapshot } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

describe("HTTP behaviour shared by every route", () => {
  it("sends API-Version with the full semver on success and on errors", async () => {
    const r = await makeRegister();
    for (const path of ["/v1/zorgvormen", "/v1/bestaat-niet", "/v1/openapi.json"]) {
      const res = await r.request("GET", path);
      expect(res.headers.get("API-Version")).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it("answers an unknown route with 404 problem+json", async () => {
    const r = await makeRegister();
    const body = await problem(await r.request("GET", "/v1/bestaat-niet"), 404);
    expect(body.instance).toBe("/v1/bestaat-niet");
  });

  it("answers a wrong method with 405 and an Allow header", async () => {
    const r = await makeRegister();
    const res = await r.request("DELETE", "/v1/aanbod");
    expect(res.headers.get("Allow")).toContain("GET");
    expect(res.headers.get("Allow")).toContain("POST");
    await problem(res, 405);
  });

  it("refuses a body that is not JSON with 415 and stores nothing", async () => {
    const r = await makeRegister();
    const before = await snapshot(r);
    await problem(
      await r.request("POST", "/v1/aanbieders", "naam=Test", { "Content-Type": "application/x-www-form-urlencoded" }),
      415,
    );
    await problem(await r.request("POST", "/v1/aanbieders", "naam=Test", { "Content-Type": "text/plain" }), 415);
    expect(await snapshot(r)).toEqual(before);
  });

  it("refuses malformed JSON with 400", async () => {
    const r = await makeRegister();
    const body = await problem(await r.request("POST", "/v1/aanbieders", "{naam:", { "Content-Type": "application/json" }), 400);
    expect(body.type).toMatch(/ongeldige-json$/);
  });

  it("refuses a body over the size limit with 413 and stores nothing", async () => {
    const r = await makeRegister();
    const before = await snapshot(r);
    await problem(await r.request("POST", "/v1/aanbieders", { naam: "x".repeat(70 * 1024) }), 413);
    expect(await snapshot(r)).toEqual(before);
  });

  it("refuses a missing body on a write with 400", async () => {
    const r = await makeRegister();
    const empty = await problem(
      await r.request("POST", "/v1/aanbieders", undefined, { "Content-Type": "application/json" }),
      400,
    );
    expect(empty.type).toMatch(/ongeldige-json$/);
    expect(
      names(await problem(await r.request("POST", "/v1/aanbieders", "null", { "Content-Type": "application/json" }), 400)),
    ).toEqual(["body"]);
  });

  it("validates paging: perPagina at most 100, pagina from 1", async () => {
    const r = await makeRegister();
    const body = await problem(await r.request("GET", "/v1/aanbieders?perPagina=101&pagina=0"), 400);
    expect(names(body)).toEqual(["pagina", "perPagina"]);
  });

  it("answers a malformed id with 400 naming the parameter, an unknown one with 404", async () => {
    const r = await makeRegister();
    expect(names(await problem(await r.request("GET", "/v1/aanbieders/123"), 400))).toEqual(["id"]);
    await problem(await r.request("GET", "/v1/aanbieders/9f0f6a2e-1d7b-4f0e-8a4c-3b2a1c0d9e8f"), 404);
  });

  it("names at most 100 invalid fields, and judges cross-field rules on objects only", async () => {
    const r = await makeRegister();
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`onbekend${i}`, i]));
    const body = await problem(await r.request("POST", "/v1/aanbieders", { naam: "Veel BV", ...many }), 400);
    expect(body.invalidParams).toHaveLength(100);
    expect(body.detail).toContain("500");
    const array = await problem(await r.request("POST", "/v1/aanbod", []), 400);
    expect(names(array)).not.toContain("leeftijdTot");
    expect(names(array)).not.toContain("vrijePlekken");
  });

  it("never leaks a stack trace", async () => {
    const r = await makeRegister();
    r.db.close(); // every query now throws inside a service
    const body = await problem(await r.request("GET", "/v1/aanbieders"), 500);
    expect(JSON.stringify(body)).not.toMatch(/at |\.ts:|Error:/);
  });
});
