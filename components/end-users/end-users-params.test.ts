import { describe, expect, it } from "vitest";
import { endUsersHref, parseEndUsersParams } from "./end-users-params";

describe("the End users page's search params", () => {
  it("keeps the valid ones and drops each bad one on its own", () => {
    expect(parseEndUsersParams({ app_id: "notes-app", q: "ada", status: "needs_reauth", tag: "plan:pro" })).toEqual({
      appId: "notes-app",
      filters: { q: "ada", status: "needs_reauth", tag: "plan:pro" },
    });
    expect(parseEndUsersParams({ app_id: "Not An Id", q: "x".repeat(201), status: "revoked", tag: "nocolon" })).toEqual({
      appId: undefined,
      filters: { q: undefined, status: undefined, tag: undefined },
    });
    expect(parseEndUsersParams({ app_id: "notes-app", status: "bogus", tag: "region:" }).filters).toEqual({ q: undefined, status: undefined, tag: "region:" });
  });

  it("takes the first of a repeated parameter and ignores an empty search", () => {
    expect(parseEndUsersParams({ app_id: ["a-app", "b-app"], q: "", tag: ["plan:pro", "x:y"] })).toEqual({
      appId: "a-app",
      filters: { q: undefined, status: undefined, tag: "plan:pro" },
    });
  });

  it("builds the URL back from what is applied, and round-trips", () => {
    const href = endUsersHref("notes-app", { q: "ada & bob", tag: "plan:pro" });
    expect(href).toBe("/end-users?app_id=notes-app&q=ada+%26+bob&tag=plan%3Apro");
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseEndUsersParams(params)).toEqual({ appId: "notes-app", filters: { q: "ada & bob", status: undefined, tag: "plan:pro" } });
    expect(endUsersHref(undefined)).toBe("/end-users");
  });
});
