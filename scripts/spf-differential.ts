/**
 * npx tsx scripts/spf-differential.ts [--seed N] [--zones N]
 *
 * Our check_host() against pyspf (the reference implementation, Debian python3-spf)
 * on random zones (scripts/lib/random-spf-zones.ts) served by the loopback DNS server.
 * Both ask the same server. Prints how many cases agree, and for each disagreement
 * whether our report warns about it as a strict-receiver risk (src/spf/strict-receivers.ts).
 * Exits 1 when a disagreement goes unwarned, 2 when pyspf is not installed.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createResolver } from "../src/dns/resolver";
import { analyzeSpf } from "../src/spf/analyzer";
import type { SpfReport } from "../src/spf/types";
import { startDnsServer } from "../test/support/dns-server";
import { randomZones, type DifferentialCase } from "./lib/random-spf-zones";

const PYTHON = "/usr/bin/python3";
const HELPER = path.join(__dirname, "lib", "pyspf-check.py");

export interface DifferentialOutcome {
  case: DifferentialCase;
  ours: string;
  pyspf: string;
  pyspfReason: string;
  /** Strict-receiver warnings our report carries. */
  warnings: string[];
  /** Our strict reading's result (what the lens predicts strict receivers answer). */
  strictResult: string | null;
}

export interface DifferentialSummary {
  seed: number;
  zones: number;
  agree: number;
  disagree: number;
  warned: number;
  /** Disagreements by the warning that covers them. */
  byWarning: Record<string, number>;
  unwarned: DifferentialOutcome[];
}

export function pyspfAvailable(): boolean {
  return spawnSync(PYTHON, ["-c", "import spf, dns.resolver"], { stdio: "ignore" }).status === 0;
}

function runPyspf(host: string, port: number, cases: DifferentialCase[]): Promise<Array<{ result: string; reason: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [HELPER, host, String(port)], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) { reject(new Error(`pyspf-check.py exited ${code}: ${err.slice(0, 500)}`)); return; }
      resolve(out.trim().split("\n").map((line) => JSON.parse(line) as { result: string; reason: string }));
    });
    child.stdin.end(cases.map((c) => JSON.stringify({ ip: c.ip, sender: c.sender, helo: c.helo })).join("\n") + "\n");
  });
}

export async function runDifferential(seed: number, zones: number): Promise<{ summary: DifferentialSummary; outcomes: DifferentialOutcome[] }> {
  const { zone, cases } = randomZones(seed, zones);
  const server = await startDnsServer(zone);
  try {
    const resolver = createResolver({ servers: [{ host: server.host, port: server.port }], timeoutMs: 2000, retries: 0 });
    const reports: SpfReport[] = [];
    for (const c of cases) reports.push(await analyzeSpf({ domain: c.sender.split("@")[1], ip: c.ip, sender: c.sender, helo: c.helo }, resolver));
    const theirs = await runPyspf(server.host, server.port, cases);
    const outcomes = cases.map((c, i) => ({
      case: c,
      ours: reports[i].result ?? "none",
      pyspf: theirs[i].result,
      pyspfReason: theirs[i].reason,
      warnings: reports[i].problems.filter((p) => p.code.startsWith("strict-")).map((p) => p.code),
      strictResult: reports[i].strictReceivers?.result ?? null,
    }));
    const summary: DifferentialSummary = { seed, zones, agree: 0, disagree: 0, warned: 0, byWarning: {}, unwarned: [] };
    for (const outcome of outcomes) {
      if (outcome.ours === outcome.pyspf) {
        summary.agree += 1;
        continue;
      }
      summary.disagree += 1;
      // A disagreement is covered when the report warns and its strict reading gives pyspf's answer.
      if (outcome.warnings.length > 0 && outcome.strictResult === outcome.pyspf) {
        summary.warned += 1;
        for (const code of new Set(outcome.warnings)) summary.byWarning[code] = (summary.byWarning[code] ?? 0) + 1;
      } else {
        summary.unwarned.push(outcome);
      }
    }
    return { summary, outcomes };
  } finally {
    await server.close();
  }
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number`);
  return value;
}

async function main(): Promise<void> {
  if (!pyspfAvailable()) {
    console.error("pyspf is not installed (Debian: apt-get install python3-spf python3-dnspython)");
    process.exit(2);
  }
  const { summary } = await runDifferential(option("--seed", 7208), option("--zones", 300));
  console.log(`seed ${summary.seed}, ${summary.zones} random zones: ${summary.agree} agree with pyspf, ${summary.disagree} disagree`);
  console.log(`disagreements our report warns about as strict-receiver risks: ${summary.warned}`);
  for (const [code, count] of Object.entries(summary.byWarning)) console.log(`  ${code}: ${count}`);
  for (const outcome of summary.unwarned) {
    console.log(`UNWARNED z${outcome.case.zone}: ours ${outcome.ours}, pyspf ${outcome.pyspf} (${outcome.pyspfReason}); ip ${outcome.case.ip}; ${outcome.case.record}`);
  }
  process.exit(summary.unwarned.length > 0 ? 1 : 0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  });
}
