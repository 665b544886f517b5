/**
 * Each attack of the backend's threat model (src/backend/README.md), run against the
 * real backend (`npm run backend` in a child process, default limits) and a hostile zone
 * served by a loopback DNS server (test/support/hostile-zone.ts, every answer with TTL 0,
 * so no cache softens anything). Bounds are generous; nothing here times the machine.
 */
import { startBackendProcess, type BackendProcess } from "../support/backend-process";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { AMPLIFICATION, BOMB_SENDER, BROKEN, EXP_BOMB, hostileZone, INNOCENT, INSIDE, NETWORK_FLOOD, starved } from "../support/hostile-zone";

const MB = 2 ** 20;
const check = (domain: string, extra: Record<string, string> = {}) => `/api/check?${new URLSearchParams({ domain, ...extra })}`;

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer(hostileZone(), { ttl: 0 });
});
afterAll(() => dns.close());

async function withBackend(run: (backend: BackendProcess) => Promise<void>): Promise<void> {
  const backend = await startBackendProcess({ DNS_SERVERS: `${dns.host}:${dns.port}` });
  try {
    await run(backend);
  } finally {
    await backend.stop();
  }
}

/** Distinct questions (name and type) the DNS server received since `from` entries of its log. */
function questionsSince(from: number): number {
  return new Set(dns.log().slice(from).map((entry) => `${entry.type} ${entry.name}`)).size;
}

test("100 mx: terms of 10 exchanges each cost at most 300 DNS questions", () =>
  withBackend(async (backend) => {
    const from = dns.log().length;
    const answer = await backend.get(check(AMPLIFICATION, { ip: "198.51.100.1" }));
    expect([200, 504]).toContain(answer.status);
    expect(questionsSince(from)).toBeLessThanOrEqual(300);
    if (answer.status === 200) expect(answer.body).toContain('"tree-too-large"');
  }));

test("an exp= of 16,000 %{s} with a 254-character sender gives an answer under 64 KB", () =>
  withBackend(async (backend) => {
    const answer = await backend.get(check(EXP_BOMB, { ip: "203.0.113.1", sender: BOMB_SENDER }));
    expect(answer.status).toBe(200);
    expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(64 * 1024);
    const explanation = (JSON.parse(answer.body) as { spf: { explanation: string } }).spf.explanation;
    expect(explanation).toHaveLength(1024);
  }));

test("120 distinct explanation bombs from 120 clients leave the server alive, with RSS growth under 250 MB", () =>
  withBackend(async (backend) => {
    await backend.get("/api/health");
    const before = backend.rss();
    const statuses = new Set<number>();
    for (let i = 0; i < 120; i += 8) {
      const batch = Array.from({ length: 8 }, (_, k) => i + k);
      for (const answer of await Promise.all(batch.map((n) => backend.get(check(EXP_BOMB, { ip: `198.51.100.${n + 1}`, sender: BOMB_SENDER }), `100.64.${n}.1`)))) {
        statuses.add(answer.status);
      }
    }
    expect([...statuses]).toEqual([200]);
    expect(backend.alive()).toBe(true);
    expect(backend.rss() - before).toBeLessThan(250 * MB);
    expect((await backend.get("/api/health")).status).toBe(200);
  }), 60_000);

test("/api/health answers within 1 s while a check of 48,000 networks runs, which ends within 10 s", () =>
  withBackend(async (backend) => {
    let done = false;
    const flood = backend.get(check(NETWORK_FLOOD, { ip: "198.51.100.2" }), "100.65.0.1", 15_000).then((answer) => {
      done = true;
      return answer;
    });
    const health: number[] = [];
    while (!done) {
      const answer = await backend.get("/api/health", "100.65.0.2", 15_000);
      expect(answer.status).toBe(200);
      health.push(answer.ms);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answer = await flood;
    expect([200, 504]).toContain(answer.status);
    expect(answer.ms).toBeLessThan(10_000);
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(1000);
  }), 30_000);

test("another client's check gets 200 within 10 s while one client's burst of never-answering checks runs", () =>
  withBackend(async (backend) => {
    const burst = Array.from({ length: 10 }, (_, i) => backend.get(check(starved(i), { ip: "198.51.100.3" }), "100.66.0.1", 15_000));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the burst holds its slots by now
    const other = await backend.get(check(INNOCENT, { ip: "192.0.2.9" }), "100.66.0.2", 15_000);
    expect(other.status).toBe(200);
    expect(other.ms).toBeLessThan(10_000);
    expect(JSON.parse(other.body)).toMatchObject({ spf: { result: "pass" } });
    // The burst ends in 504s when its budget runs out, its queued questions dropped.
    for (const answer of await Promise.all(burst)) expect(answer.status).toBe(504);
  }), 30_000);

test("no answer names the DNS server or lists private addresses", () =>
  withBackend(async (backend) => {
    const broken = await backend.get(check(BROKEN, { ip: "198.51.100.4" }));
    expect(broken.status).toBe(200);
    expect(broken.body).toContain(`The DNS lookup for ${BROKEN} failed: the name server answered SERVFAIL`);
    expect(broken.body).not.toContain(dns.host);
    expect(broken.body).not.toContain(String(dns.port));

    const inside = await backend.get(check(INSIDE, { ip: "198.51.100.5" }));
    expect(inside.status).toBe(200);
    for (const address of ["10.1.2.3", "fd00::5", "192.168.7.7"]) expect(inside.body).not.toContain(address);
    const report = JSON.parse(inside.body) as { spf: { networks: { ip4: string[] }; problems: Array<{ code: string }> } };
    expect(report.spf.networks.ip4).toEqual(["192.0.2.0/24", "198.51.100.25/32"]);
    expect(report.spf.problems.filter((p) => p.code === "private-address")).toHaveLength(2);
  }));
