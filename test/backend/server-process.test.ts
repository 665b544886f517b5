import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone } from "../support/zone";

const root = path.resolve(__dirname, "../..");
const zone: Zone = new Map([["example.com", [{ type: "TXT", strings: ["v=spf1 ip4:192.0.2.0/24 -all"] }]]]);

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => res.resume().on("end", () => resolve(res.statusCode ?? 0))).on("error", reject);
  });
}

describe("npm run backend (src/backend/server.ts in its own process)", () => {
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
  });
  afterAll(() => dns.close());

  test("logs one JSON line per request on stdout, all of them written out on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/backend/server.ts")], {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DNS_SERVERS: `127.0.0.1:${dns.port}`, RATE_LIMIT_BURST: "1000" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const poll = setInterval(() => {
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match) {
            clearInterval(poll);
            resolve(match[1]);
          }
        }, 20);
        void exited.then(() => reject(new Error(`backend exited early: ${stdout}`)));
      });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push(await get(`${base}/api/check?domain=example.com&ip=192.0.2.${i + 1}&sender=alice%40example.com`));
      statuses.push(await get(`${base}/no/such/alice@example.com`));
      expect(statuses).toEqual([200, 200, 200, 404]);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
    const lines = stdout.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3)).toEqual(
      Array(3).fill({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), method: "GET", path: "/api/check", status: 200, ms: expect.any(Number), domain: "example.com" }),
    );
    expect(lines[3]).toEqual({ time: expect.any(String), method: "GET", path: "(unknown)", status: 404, ms: expect.any(Number) });
    expect(stdout).not.toMatch(/192\.0\.2\.|alice/);
  }, 30_000);
});
