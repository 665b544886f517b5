import http from "node:http";
import { createBackend } from "../../src/backend/app";
import { loadConfig, type BackendConfig } from "../../src/backend/config";
import type { RequestLogEntry } from "../../src/backend/handler";
import { startBackendServer, type RunningServer } from "../../src/backend/http";
import { CHECKS_SCHEMA } from "../../src/spf/types";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone } from "../support/zone";

const zone: Zone = new Map([
  ["example.com", [{ type: "TXT", strings: ["v=spf1 include:_spf.example.net ", "-all"] }]],
  ["_spf.example.net", [{ type: "TXT", strings: ["v=spf1 ip4:192.0.2.0/24 ~all"] }]],
  ["_dmarc.example.com", [{ type: "TXT", strings: ["v=DMARC1; p=reject; rua=mailto:d@example.com"] }]],
  ["slow.example.com", [{ type: "TIMEOUT" }]],
]);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: () => any;
}

function request(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const postJson = (base: string, payload: unknown, headers: Record<string, string> = {}) =>
  request(base, "POST", "/api/check", { headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(payload) });

describe("backend over HTTP, with the real engine and a loopback DNS server", () => {
  let dns: DnsServer;
  let server: RunningServer;
  let config: BackendConfig;
  const logged: RequestLogEntry[] = [];

  beforeAll(async () => {
    dns = await startDnsServer(zone);
    config = {
      ...loadConfig({ DNS_SERVERS: `127.0.0.1:${dns.port}`, DNS_TIMEOUT_MS: "200", DNS_RETRIES: "0", RATE_LIMIT_BURST: "1000" }),
      port: 0,
    };
    server = await startBackendServer(createBackend(config, { log: (entry) => logged.push(entry) }), config);
  });
  afterAll(async () => {
    await server.close();
    await dns.close();
  });

  test("health", async () => {
    const reply = await request(server.url, "GET", "/api/health");
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ status: "ok", schema: CHECKS_SCHEMA });
  });

  test("answers carry their length rather than being chunked, multi-byte text included", async () => {
    const reply = await request(server.url, "GET", "/api/check?domain=b%C3%BCcher.example.com&ip=192.0.2.7");
    expect(reply.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(reply.headers["content-length"])).toBe(Buffer.byteLength(reply.body));
    const refused = await request(server.url, "GET", "/api/check?domain=%E2%9C%89%07&ip=192.0.2.7");
    expect(refused.status).toBe(400);
    expect(Number(refused.headers["content-length"])).toBe(Buffer.byteLength(refused.body));
  });

  test("POST /api/check returns the checks for an authorized and an unauthorized IP", async () => {
    const pass = await postJson(server.url, { domain: "Example.com", ip: "192.0.2.7", sender: "alice@example.com", helo: "mail.example.com" });
    expect(pass.status).toBe(200);
    expect(pass.headers["content-type"]).toMatch(/^application\/json/);
    const checks = pass.json();
    expect(checks.schema).toBe(CHECKS_SCHEMA);
    expect(checks.spf).toMatchObject({ domain: "example.com", ip: "192.0.2.7", result: "pass" });
    expect(checks.spf.tree.children[0]).toMatchObject({ domain: "_spf.example.net", via: "include" });
    expect(checks.dmarc).toMatchObject({ domain: "example.com", policy: { p: "reject" } });

    const fail = await postJson(server.url, { domain: "example.com", ip: "198.51.100.1" });
    expect(fail.json().spf.result).toBe("fail");
  });

  test("GET /api/check takes the same fields as query parameters", async () => {
    const reply = await request(server.url, "GET", "/api/check?domain=example.com&ip=2001:db8::1&sender=");
    expect(reply.status).toBe(200);
    expect(reply.json().spf).toMatchObject({ domain: "example.com", result: "fail" });
    const analysed = await request(server.url, "GET", "/api/check?domain=example.com");
    expect(analysed.json().spf).toMatchObject({ result: null, record: "v=spf1 include:_spf.example.net -all" });
  });

  test("values the RFC evaluates are answered, not refused: a HELO that is no FQDN, a local part with a space", async () => {
    const reply = await postJson(server.url, { ip: "192.0.2.7", sender: "", helo: "hosed" });
    expect(reply.status).toBe(200);
    expect(reply.json().spf).toMatchObject({ domain: "hosed", result: "none" });
    const spaced = await postJson(server.url, { ip: "192.0.2.7", sender: "a b@example.com" });
    expect(spaced.json().spf).toMatchObject({ domain: "example.com", sender: "a b@example.com", result: "pass" });
  });

  test.each([
    ["missing domain", { ip: "192.0.2.1" }, /"domain" is required/],
    ["a control character in the domain", { domain: "exa\u0000mple.com" }, /"domain" contains control characters/],
    ["bad IP", { domain: "example.com", ip: "192.0.2.256" }, /"ip" is not/],
    ["an over-long sender", { domain: "example.com", sender: `${"a".repeat(1100)}@example.com` }, /"sender" is longer than 1024/],
    ["a line break in the HELO", { domain: "example.com", helo: "mx\r\nQUIT" }, /"helo" contains control characters/],
    ["unknown field", { domain: "example.com", dns: "8.8.8.8" }, /unknown field "dns"/],
    ["wrong type", { domain: ["example.com"] }, /"domain" must be a string/],
  ])("400 for %s", async (_name, payload, message) => {
    const reply = await postJson(server.url, payload);
    expect(reply.status).toBe(400);
    expect(reply.json().error).toMatch(message);
  });

  test("400 for bodies that are not a JSON object", async () => {
    const notJson = await request(server.url, "POST", "/api/check", { headers: { "content-type": "application/json" }, body: "{domain:" });
    expect([notJson.status, notJson.json().error]).toEqual([400, "the body is not valid JSON"]);
    const array = await request(server.url, "POST", "/api/check", { headers: { "content-type": "application/json" }, body: "[]" });
    expect(array.json().error).toMatch(/JSON object/);
    const text = await request(server.url, "POST", "/api/check", { headers: { "content-type": "text/plain" }, body: "example.com" });
    expect([text.status, text.json().error]).toEqual([400, "the body must be JSON (Content-Type: application/json)"]);
    const repeated = await request(server.url, "GET", "/api/check?domain=example.com&domain=example.org");
    expect(repeated.json().error).toMatch(/more than once/);
  });

  test("413 for a body over 4 KB, 405 for a wrong method, 404 for an unknown path", async () => {
    const big = await postJson(server.url, { domain: "example.com", padding: "x".repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.json().error).toMatch(/4096 bytes/);

    const put = await request(server.url, "PUT", "/api/check", { body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("GET, POST, OPTIONS");
    expect((await request(server.url, "POST", "/api/health", { body: "" })).status).toBe(405);

    const unknown = await request(server.url, "GET", "/api/../etc/passwd");
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ error: "no such endpoint" });
  });

  test("CORS: configured origins are allowed, others refused, preflight answered", async () => {
    const allowed = await request(server.url, "GET", "/api/check?domain=example.com", { headers: { origin: "https://localhost:3000" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://localhost:3000");
    expect(allowed.headers.vary).toBe("Origin");

    const denied = await request(server.url, "GET", "/api/check?domain=example.com", { headers: { origin: "https://evil.example" } });
    expect(denied.status).toBe(403);
    expect(denied.headers["access-control-allow-origin"]).toBeUndefined();

    const preflight = await request(server.url, "OPTIONS", "/api/check", {
      headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      "access-control-allow-origin": "http://localhost:3000",
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": "Content-Type",
    });
    const deniedPreflight = await request(server.url, "OPTIONS", "/api/check", {
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(deniedPreflight.status).toBe(403);
    expect(deniedPreflight.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("logs hold the domain but no addresses, senders or HELO names", async () => {
    logged.length = 0;
    await postJson(server.url, { domain: "example.com", ip: "192.0.2.99", sender: "private.person@example.com", helo: "secret-host.example.org" });
    expect(logged).toEqual([expect.objectContaining({ method: "POST", path: "/api/check", status: 200, domain: "example.com" })]);
    const text = JSON.stringify(logged);
    for (const personal of ["192.0.2.99", "private.person", "secret-host", "127.0.0.1"]) expect(text).not.toContain(personal);

    logged.length = 0;
    await request(server.url, "GET", "/api/check/someone%40example.org");
    expect(logged).toEqual([expect.objectContaining({ path: "(unknown)", status: 404 })]);
    expect(JSON.stringify(logged)).not.toContain("someone");
  });
});

describe("backend limits", () => {
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
  });
  afterAll(() => dns.close());

  async function withServer(env: Record<string, string>, body: (server: RunningServer) => Promise<void>): Promise<void> {
    const config = { ...loadConfig({ DNS_SERVERS: `127.0.0.1:${dns.port}`, ...env }), port: 0 };
    const server = await startBackendServer(createBackend(config), config);
    try {
      await body(server);
    } finally {
      await server.close();
    }
  }

  test("429 with Retry-After once a client has used its burst", () =>
    withServer({ RATE_LIMIT_BURST: "2", RATE_LIMIT_PER_MINUTE: "6" }, async (server) => {
      expect((await request(server.url, "GET", "/api/check?domain=example.com")).status).toBe(200);
      expect((await request(server.url, "GET", "/api/check?domain=example.com")).status).toBe(200);
      const limited = await request(server.url, "GET", "/api/check?domain=example.com");
      expect(limited.status).toBe(429);
      expect(limited.headers["retry-after"]).toBe("10");
      expect(limited.json().error).toMatch(/too many/);
      // Health checks are not rate limited.
      expect((await request(server.url, "GET", "/api/health")).status).toBe(200);
    }));

  test("behind a proxy, X-Forwarded-For entries the client wrote itself do not make it a new client", () =>
    withServer({ RATE_LIMIT_BURST: "2", RATE_LIMIT_PER_MINUTE: "6", TRUST_PROXY: "true" }, async (server) => {
      const from = (forwarded: string) => request(server.url, "GET", "/api/check?domain=example.com", { headers: { "x-forwarded-for": forwarded } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await from(`198.51.100.${i}, 203.0.113.50`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await from("203.0.113.51")).status).toBe(200);
    }));

  test("504 when the check outlives its time budget, without internals in the answer", () =>
    withServer({ CHECK_BUDGET_MS: "150", DNS_TIMEOUT_MS: "2000", DNS_RETRIES: "0" }, async (server) => {
      const reply = await request(server.url, "GET", "/api/check?domain=slow.example.com&ip=192.0.2.1");
      expect(reply.status).toBe(504);
      expect(reply.json()).toEqual({ error: "the check took longer than 150 ms" });
    }));
});
