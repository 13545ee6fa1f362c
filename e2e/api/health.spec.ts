import { expect, test } from "@playwright/test";

test("the health endpoint reports a reachable, fully migrated PostgreSQL database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database).toMatchObject({ kind: "postgres", reachable: true, migrations_pending: 0 });
  expect(body.database.migrations_applied).toBeGreaterThan(0);
  expect(response.headers()["x-request-id"]).toBeTruthy();
});

test("an unknown API route answers in the error envelope", async ({ request }) => {
  const response = await request.post("/api/v1/nope", { data: { a: 1 } });
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({
    error: { code: "route_not_found", message: "No API route matches POST /api/v1/nope" },
  });
});
