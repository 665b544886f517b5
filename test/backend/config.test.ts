import { loadConfig } from "../../src/backend/config";
import { parseServer } from "../../src/dns/server-address";

describe("configuration", () => {
  test("defaults", () => {
    const config = loadConfig({});
    expect(config.port).toBe(7071);
    expect(config.allowedOrigins).toEqual(["https://localhost:3000", "http://localhost:3000"]);
    expect(config.dnsServers).toBeUndefined();
    expect(config.maxBodyBytes).toBe(4096);
  });

  test("reads DNS servers, origins and limits from the environment", () => {
    const config = loadConfig({ PORT: "8080", DNS_SERVERS: "127.0.0.1:5353, [::1]:53,10.0.0.1", ALLOWED_ORIGINS: "https://app.example.com/", RATE_LIMIT_BURST: "3" });
    expect(config.port).toBe(8080);
    expect(config.dnsServers).toEqual([
      { host: "127.0.0.1", port: 5353 },
      { host: "::1", port: 53 },
      { host: "10.0.0.1", port: 53 },
    ]);
    expect(config.allowedOrigins).toEqual(["https://app.example.com"]);
    expect(config.rateLimit.burst).toBe(3);
  });

  test("rejects bad settings with a message naming them", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ DNS_SERVERS: "1.2.3.4:99999" })).toThrow(/not a DNS server address/);
    expect(() => parseServer("a b")).toThrow(/not a DNS server address/);
  });
});
