import { HttpRequest, InvocationContext } from "@azure/functions";
import { createBackend } from "../../src/backend/app";
import { azureHandler } from "../../src/backend/azure";
import { loadConfig } from "../../src/backend/config";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone } from "../support/zone";

const zone: Zone = new Map([["example.com", [{ type: "TXT", strings: ["v=spf1 ip4:192.0.2.0/24 -all"] }]]]);

describe("Azure Functions adapter (in @azure/functions test mode)", () => {
  let dns: DnsServer;
  let handle: ReturnType<typeof azureHandler>;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
    const config = loadConfig({ DNS_SERVERS: `127.0.0.1:${dns.port}`, DNS_TIMEOUT_MS: "300", RATE_LIMIT_BURST: "3", RATE_LIMIT_PER_MINUTE: "1" });
    handle = azureHandler(createBackend(config), config.maxBodyBytes);
  });
  afterAll(() => dns.close());

  const call = (init: ConstructorParameters<typeof HttpRequest>[0]) => handle(new HttpRequest(init), new InvocationContext());

  test("POST /api/check answers the checks", async () => {
    const response = await call({
      method: "POST",
      url: "https://bounce-doctor.azurewebsites.net/api/check",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.5:50123" },
      body: { string: JSON.stringify({ domain: "example.com", ip: "192.0.2.1" }) },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body as string).spf).toMatchObject({ domain: "example.com", result: "pass" });
  });

  test("GET with query parameters, CORS preflight and 413", async () => {
    const get = await call({
      method: "GET",
      url: "https://bounce-doctor.azurewebsites.net/api/check?domain=example.com&ip=198.51.100.1",
      headers: { origin: "https://localhost:3000", "x-forwarded-for": "203.0.113.6" },
    });
    expect(get.status).toBe(200);
    expect(get.headers).toMatchObject({ "access-control-allow-origin": "https://localhost:3000" });
    expect(JSON.parse(get.body as string).spf.result).toBe("fail");

    const preflight = await call({
      method: "OPTIONS",
      url: "https://bounce-doctor.azurewebsites.net/api/check",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);

    const big = await call({
      method: "POST",
      url: "https://bounce-doctor.azurewebsites.net/api/check",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
      body: { string: JSON.stringify({ domain: "example.com", pad: "x".repeat(5000) }) },
    });
    expect(big.status).toBe(413);
  });

  test("rate limits by the forwarded client address", async () => {
    const from = (address: string) =>
      call({ method: "GET", url: "https://x.azurewebsites.net/api/check?domain=example.com", headers: { "x-forwarded-for": address } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from("198.51.100.200:1234")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await from("198.51.100.201:1234")).status).toBe(200);
  });

  test("a client cannot dodge the limit with X-Forwarded-For entries of its own, nor by rotating within its IPv6 /64", async () => {
    const from = (forwarded: string) =>
      call({ method: "GET", url: "https://x.azurewebsites.net/api/check?domain=example.com", headers: { "x-forwarded-for": forwarded } });
    const spoofed = [];
    for (let i = 0; i < 4; i++) spoofed.push((await from(`10.0.0.${i}, 198.51.100.210:1234`)).status);
    expect(spoofed).toEqual([200, 200, 200, 429]);
    const rotated = [];
    for (let i = 1; i <= 4; i++) rotated.push((await from(`[2001:db8:5:6::${i}]:443`)).status);
    expect(rotated).toEqual([200, 200, 200, 429]);
  });

  test("400 and 405 come back as JSON errors", async () => {
    const bad = await call({ method: "GET", url: "https://x.azurewebsites.net/api/check?domain=example.com&ip=not-an-ip" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body as string).error).toMatch(/"ip"/);
    const wrong = await call({ method: "DELETE", url: "https://x.azurewebsites.net/api/check" });
    expect(wrong.status).toBe(405);
  });
});
