/**
 * npm run bench:attacks
 *
 * Runs each attack of the backend's threat model (src/backend/README.md) against the
 * real backend (src/backend/server.ts in a child process, default settings) and a hostile
 * zone served on loopback (test/support/hostile-zone.ts, every answer with TTL 0), and
 * prints what it cost: DNS questions, answer bytes, RSS, latency of other requests.
 * Each attack gets a fresh backend; everything is bounded in count and time.
 */
import { startBackendProcess, type BackendProcess } from "../test/support/backend-process";
import { startDnsServer, type DnsServer } from "../test/support/dns-server";
import { AMPLIFICATION, BOMB_SENDER, BROKEN, EXP_BOMB, hostileZone, INNOCENT, INSIDE, NETWORK_FLOOD, starved } from "../test/support/hostile-zone";

const WAIT_LIMIT_MS = 30_000;
const MB = 2 ** 20;

const check = (domain: string, extra: Record<string, string> = {}) => `/api/check?${new URLSearchParams({ domain, ...extra })}`;

async function withBackend<T>(dns: DnsServer, run: (backend: BackendProcess) => Promise<T>): Promise<T> {
  const backend = await startBackendProcess({ DNS_SERVERS: `${dns.host}:${dns.port}` });
  try {
    return await run(backend);
  } finally {
    await backend.stop();
  }
}

function row(attack: string, figure: string): void {
  console.log(`${attack.padEnd(44)} ${figure}`);
}

async function amplification(dns: DnsServer): Promise<void> {
  await withBackend(dns, async (backend) => {
    const before = dns.log().length;
    const answer = await backend.get(check(AMPLIFICATION, { ip: "198.51.100.1" }));
    const queries = dns.log().slice(before);
    const questions = new Set(queries.map((entry) => `${entry.type} ${entry.name}`)).size;
    row("100 mx: x 10 exchanges, TTL 0", `${questions} DNS questions (${queries.length} queries, TCP retries included), status ${answer.status}, ${answer.ms.toFixed(0)} ms`);
  });
}

async function explanationBomb(dns: DnsServer): Promise<void> {
  await withBackend(dns, async (backend) => {
    const one = await backend.get(check(EXP_BOMB, { ip: "203.0.113.1", sender: BOMB_SENDER }));
    row("exp= 64 KB of %{s}, 254-char sender", `answer ${one.body.length.toLocaleString("en-US")} bytes, status ${one.status}`);
    const start = backend.rss();
    const clients = Array.from({ length: 120 }, (_, i) => i);
    // Eight requests at a time, each from its own client with its own IP in the check.
    for (let i = 0; i < clients.length; i += 8) {
      await Promise.all(
        clients.slice(i, i + 8).map((n) => backend.get(check(EXP_BOMB, { ip: `198.51.100.${n + 1}`, sender: BOMB_SENDER }), `100.64.${n}.1`)),
      );
    }
    row("120 distinct bombs from 120 clients", `RSS ${(start / MB).toFixed(0)} -> ${(backend.rss() / MB).toFixed(0)} MB, alive: ${backend.alive()}`);
  });
}

async function networkFlood(dns: DnsServer): Promise<void> {
  await withBackend(dns, async (backend) => {
    const started = performance.now();
    let done = false;
    const flood = backend.get(check(NETWORK_FLOOD, { ip: "198.51.100.2" }), "100.65.0.1", WAIT_LIMIT_MS).then((answer) => {
      done = true;
      return answer;
    });
    let slowestHealth = 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (!done && performance.now() - started < WAIT_LIMIT_MS) {
      const health = await backend.get("/api/health", "100.65.0.2", WAIT_LIMIT_MS);
      slowestHealth = Math.max(slowestHealth, health.ms);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answer = await flood;
    row("16 includes x 3,000 ip4 (48,000 networks)", `slowest /api/health ${slowestHealth.toFixed(0)} ms; check: status ${answer.status} after ${answer.ms.toFixed(0)} ms`);
  });
}

async function starvation(dns: DnsServer): Promise<void> {
  await withBackend(dns, async (backend) => {
    const burst = Array.from({ length: 10 }, (_, i) => backend.get(check(starved(i), { ip: "198.51.100.3" }), "100.66.0.1", WAIT_LIMIT_MS));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const other = await backend.get(check(INNOCENT, { ip: "192.0.2.9" }), "100.66.0.2", WAIT_LIMIT_MS);
    const otherText = other.status === 0 ? `no answer within ${WAIT_LIMIT_MS / 1000} s` : `status ${other.status} in ${other.ms.toFixed(0)} ms`;
    const statuses = (await Promise.all(burst)).map((answer) => answer.status);
    row("10 checks of 100 never-answering a:", `another client: ${otherText}; the burst: ${[...new Set(statuses)].join("/")}`);
  });
}

async function disclosure(dns: DnsServer): Promise<void> {
  await withBackend(dns, async (backend) => {
    const broken = await backend.get(check(BROKEN, { ip: "198.51.100.4" }));
    const server = `${dns.host}:${dns.port}`;
    row("failing name server", broken.body.includes(server) || broken.body.includes(dns.host) ? `answer names the DNS server (${server})` : "answer names no server");
    const inside = await backend.get(check(INSIDE, { ip: "198.51.100.5" }));
    const listed = ["10.1.2.3", "fd00::5", "192.168.7.7"].filter((address) => inside.body.includes(address));
    row("a:/mx: names with private addresses", listed.length > 0 ? `listed: ${listed.join(", ")}` : "none listed");
  });
}

async function main(): Promise<void> {
  const dns = await startDnsServer(hostileZone(), { ttl: 0 });
  try {
    console.log(`${"attack".padEnd(44)} what it cost`);
    await amplification(dns);
    await explanationBomb(dns);
    await networkFlood(dns);
    await starvation(dns);
    await disclosure(dns);
  } finally {
    await dns.close();
  }
}

void main();
