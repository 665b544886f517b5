import { handleCheck, type BackendRequest, type HandlerDeps } from "../../src/backend/handler";
import { createRateLimiter } from "../../src/backend/rate-limit";

// The failure paths of the handler itself: an engine that breaks must not leak its internals.
const request: BackendRequest = {
  method: "GET",
  path: "/api/check",
  query: new URLSearchParams({ domain: "example.com" }),
  headers: {},
  body: null,
  clientId: "192.0.2.1",
};

function deps(runChecks: HandlerDeps["runChecks"]): HandlerDeps {
  return {
    allowedOrigins: [],
    maxBodyBytes: 4096,
    checkBudgetMs: 1000,
    rateLimiter: createRateLimiter({ requestsPerMinute: 60, burst: 10 }),
    runChecks,
  };
}

test("an exception in the engine becomes a 500 without message or stack", async () => {
  const response = await handleCheck(request, deps(async () => {
    throw new Error("secret internal detail at /srv/app/engine.ts:42");
  }));
  expect(response.status).toBe(500);
  expect(response.body).toBe(JSON.stringify({ error: "internal error" }));
});

test("a request without an Origin gets no CORS headers", async () => {
  const response = await handleCheck({ ...request, path: "/api/health" }, deps(async () => {
    throw new Error("unused");
  }));
  expect(response.status).toBe(200);
  expect(Object.keys(response.headers).filter((name) => name.startsWith("access-control"))).toEqual([]);
});

test("a 500 is logged with the error's class and stack, never its message or the request", async () => {
  const logged: unknown[] = [];
  const failing = deps(async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'example.com')");
  });
  const response = await handleCheck(request, { ...failing, logFailure: (failure) => logged.push(failure) });
  expect(response.status).toBe(500);
  expect(logged).toEqual([{ event: "internal-error", class: "TypeError", stack: expect.arrayContaining([expect.stringMatching(/^at .*handler\.test\.ts:\d+:\d+/)]) }]);
  expect(JSON.stringify(logged)).not.toContain("example.com");
});

test("answers that are not failures log nothing", async () => {
  const logged: unknown[] = [];
  const response = await handleCheck({ ...request, path: "/api/health" }, { ...deps(async () => { throw new Error("unused"); }), logFailure: (failure) => logged.push(failure) });
  expect(response.status).toBe(200);
  expect(logged).toEqual([]);
});

test("query parameters named like Object's members are unknown fields, not repeats", async () => {
  for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
    const response = await handleCheck({ ...request, query: new URLSearchParams([["domain", "example.com"], [name, "x"]]) }, deps(async () => {
      throw new Error("not reached");
    }));
    expect([name, response.status, JSON.parse(response.body)]).toEqual([name, 400, { error: `unknown field "${name}"` }]);
  }
});
