/**
 * npm run bench:live
 *
 * Do the checks for one bounce run in parallel? The loopback DNS server answers every
 * query after DELAY_MS (a network round trip) and serves the live-check world of the
 * tests (test/support/live-zone.ts) plus a sender with a two-level SPF include tree; a
 * loopback HTTPS server with a test-only CA serves the MTA-STS policies.
 *
 * The DNS server runs in a child process (scripts/lib/live-bench-dns.ts), so its work does
 * not sit on the measured event loop.
 *
 * For each bounce kind, with a fresh resolver per run (cold cache), it times each check
 * alone (SPF/DMARC, and each live check), then the full diagnosis as the backend runs it
 * (src/backend/app.ts checkRunner: all at once on one resolver), and prints
 * full / slowest single check. The slowest single check is the longest chain of dependent
 * round trips among them, so a ratio near 1 means nothing waits for anything else
 * (target <= 1.3). Medians of RUNS runs; everything stays on loopback.
 */
import { checkRunner } from "../src/backend/app";
import { runLiveChecks } from "../src/checks";
import type { CheckKind, LiveCheckRequest } from "../src/checks/types";
import { createResolver } from "../src/dns/resolver";
import { createPolicyFetcher } from "../src/fetch/mta-sts-fetcher";
import type { CheckInput } from "../src/spf/check-input";
import { runChecks } from "../src/spf";
import type { Resolver } from "../src/spf/types";
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { LISTED_IP, POLICIES, POLICY_HOSTS } from "../test/support/live-zone";
import { startPolicyServer } from "../test/support/policy-server";
import { makeTestCertificates } from "../test/support/test-ca";

const DELAY_MS = 20;
const RUNS = 9;

interface Case {
  name: string;
  input: CheckInput;
  live: LiveCheckRequest;
}

const sender: CheckInput = { domain: "sender.example", ip: LISTED_IP, sender: "alice@sender.example" };
const CASES: Case[] = [
  { name: "blocklist bounce (dnsbl)", input: sender, live: { checks: ["dnsbl"], ip: LISTED_IP, zones: ["zen.spamhaus.org"] } },
  { name: "hostname bounce (reverse-dns)", input: sender, live: { checks: ["reverse-dns"], ip: LISTED_IP } },
  { name: "domain bounce (recipient-domain)", input: sender, live: { checks: ["recipient-domain"], recipientDomain: "good.example" } },
  { name: "TLS bounce (tls-policy)", input: sender, live: { checks: ["tls-policy"], recipientDomain: "sts.example" } },
  {
    name: "all four at once",
    input: sender,
    live: { checks: ["dnsbl", "reverse-dns", "recipient-domain", "tls-policy"], ip: LISTED_IP, recipientDomain: "sts.example", zones: ["zen.spamhaus.org"] },
  },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const certs = makeTestCertificates(POLICY_HOSTS);
  const policies = await startPolicyServer(certs, POLICIES);
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "lib/live-bench-dns.ts"), "serve", String(DELAY_MS)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the DNS server exited (${code})`)));
  });
  const fresh = (): Resolver => createResolver({ servers: [{ host: "127.0.0.1", port }], timeoutMs: 2000, retries: 0 });
  const fetcherFor = (resolver: Resolver) => createPolicyFetcher({ resolver, port: policies.port, ca: certs.ca, allowPrivateAddresses: true, timeoutMs: 2000 });
  const options = (resolver: Resolver) => ({ zones: ["zen.spamhaus.org", "bl.spamcop.net"], fetcher: fetcherFor(resolver), timeoutMs: 5000 });
  const full = checkRunner({ checkBudgetMs: 8000, dnsblZones: ["zen.spamhaus.org", "bl.spamcop.net"], spamhausDqsKey: undefined }, fetcherFor);

  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };

  console.log(`Live checks for one bounce, cold cache, ${DELAY_MS} ms per DNS answer, median of ${RUNS} runs`);
  console.log("bounce".padEnd(34) + "SPF+DMARC".padStart(11) + "full".padStart(9) + "  full/slowest  each live check alone");
  const ratios: number[] = [];
  for (const c of CASES) {
    const spf: number[] = [];
    const single = new Map<CheckKind, number[]>(c.live.checks.map((k) => [k, []]));
    const whole: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      spf.push(await time(() => runChecks(c.input, fresh())));
      for (const kind of c.live.checks) {
        single.get(kind)!.push(await time(() => {
          const resolver = fresh();
          return runLiveChecks({ ...c.live, checks: [kind] }, resolver, options(resolver));
        }));
      }
      whole.push(await time(() => full({ input: c.input, live: c.live }, fresh())));
    }
    const singles = [...single.entries()].map(([kind, values]) => [kind, median(values)] as const);
    const slowest = Math.max(median(spf), ...singles.map(([, ms]) => ms));
    const ratio = median(whole) / slowest;
    ratios.push(ratio);
    const alone = singles.map(([kind, ms]) => `${kind} ${ms.toFixed(0)}`).join(", ");
    console.log(
      c.name.padEnd(34) + `${median(spf).toFixed(0)} ms`.padStart(11) + `${median(whole).toFixed(0)} ms`.padStart(9) + `  ${ratio.toFixed(2).padEnd(12)}  ${alone} ms`,
    );
  }
  const worst = Math.max(...ratios);
  console.log(`worst full/slowest: ${worst.toFixed(2)} (target <= 1.3) ${worst <= 1.3 ? "OK" : "OVER"}`);
  await policies.close();
  child.stdin.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
