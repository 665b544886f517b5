/**
 * bounce-doctor spf (options and help in ../spec.ts)
 *
 * Checks a domain's SPF record with the real resolver: the verdict for an IP when one
 * is given, and always the include tree, lookup counts and problems. DOMAIN defaults
 * to the sender's domain, or to the HELO name for a null sender (--sender '').
 * Exit codes: 0 report printed, 1 the check itself could not be done (DNS failure,
 * temperror), 2 bad usage.
 */
import { createResolver } from "../../dns/resolver";
import { checkInputError, validateCheckInput, type CheckInput } from "../../spf/check-input";
import { runChecks } from "../../spf/index";
import type { Checks, SpfNode, SpfReport } from "../../spf/types";
import { escapeControlsInJson, markControls, singleLine } from "../../text/sanitize";
import { type CliIo, UsageError } from "../io";
import { type CommandLine, dnsOption, runCommand, timeoutOption } from "../options";

interface SpfCommand {
  input: CheckInput;
  dns?: { host: string; port: number }[];
  timeoutMs: number;
  json: boolean;
}

function parseCommand({ values, positionals }: CommandLine<"spf">): SpfCommand {
  if (positionals.length > 1) throw new UsageError(`one domain at a time (got ${positionals.length})`);

  // The same contract and validator as the backend: only what cannot be evaluated is refused.
  const validation = validateCheckInput({ domain: positionals[0], ip: values.ip, sender: values.sender, helo: values.helo, fromDomain: values.from, dkim: values.dkim?.join(" ") });
  if (!validation.ok) {
    throw new UsageError(checkInputError(validation, (field) => (field === "domain" ? "DOMAIN" : field === "fromDomain" ? "--from" : `--${field}`)));
  }
  return { input: validation.input, timeoutMs: timeoutOption(values.timeout, 5000), dns: dnsOption(values.dns), json: values.json ?? false };
}

function treeLines(node: SpfNode, prefix: string, childPrefix: string, out: string[]): void {
  const label = node.via === "root" ? node.domain : `${node.via} ${node.domain}`;
  const counts = `[${node.lookups} lookup${node.lookups === 1 ? "" : "s"}${node.children.length > 0 ? `, ${node.totalLookups} with children` : ""}${node.voidLookups > 0 ? `, ${node.voidLookups} void` : ""}]`;
  const tail = node.error ? `error: ${node.error}` : (node.record ?? "(no SPF record)");
  out.push(`${prefix}${label}  ${counts}  ${tail}`);
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    treeLines(child, `${childPrefix}${last ? "└─ " : "├─ "}`, `${childPrefix}${last ? "   " : "│  "}`, out);
  });
}

export function formatSpfReport(report: SpfReport): string {
  const out: string[] = [`SPF for ${report.domain}`];
  out.push(`  record:  ${report.record ?? "(none)"}`);
  const asked = [
    report.ip && `ip ${report.ip}`,
    report.sender !== null && `sender ${report.sender === "" ? "<> (null sender)" : report.sender}`,
    report.helo && `helo ${report.helo}`,
  ].filter(Boolean);
  if (asked.length > 0) out.push(`  checked: ${asked.join(", ")}`);
  if (report.result === null) {
    out.push("  result:  (no IP given: record analysed only)");
  } else {
    const decided = report.decidedBy ? `  (decided by "${report.decidedBy.term}" in ${report.decidedBy.domain})` : "";
    out.push(`  result:  ${report.result}${decided}`);
  }
  if (report.explanation) out.push(`  explanation: ${report.explanation}`);

  const { total, limit, voidLookups, voidLimit } = report.lookups;
  out.push("", `Include tree (DNS lookups ${total} of ${limit}, void lookups ${voidLookups} of ${voidLimit})`);
  if (report.tree) treeLines(report.tree, "  ", "  ", out);
  else out.push("  (no record to follow)");

  const { ip4, ip6, addressCount4 } = report.networks;
  out.push("", `Authorized networks: ${ip4.length} IPv4 (${addressCount4} addresses), ${ip6.length} IPv6`);

  out.push("", report.problems.length === 0 ? "No problems found." : "Problems");
  for (const problem of report.problems) {
    const where = problem.domain ? ` [${problem.domain}${problem.term ? `: ${problem.term}` : ""}]` : "";
    out.push(`  ${problem.severity.padEnd(7)} ${problem.code}: ${problem.message}${where}`);
    if (problem.hint) out.push(`          hint: ${problem.hint}`);
  }
  // DNS text is untrusted: terminal escapes, CR, C1 and bidi controls show as "?".
  return `${out.map(markControls).join("\n")}\n`;
}

/** DKIM keys and alignment, after the SPF report, for `spf --from/--dkim`. */
export function formatAuthentication(checks: Checks): string {
  const out: string[] = [""];
  if (checks.dkim && "error" in checks.dkim) out.push(`DKIM: ${checks.dkim.error}`);
  else for (const key of checks.dkim ?? []) {
    const size = key.bits ? `, ${key.keyType} ${key.bits} bits` : "";
    out.push(`DKIM key ${key.name}: ${key.status}${size}${key.testing ? ", testing (t=y)" : ""}`);
  }
  const alignment = checks.alignment;
  if (alignment && "error" in alignment) out.push(`Alignment: ${alignment.error}`);
  else if (alignment) {
    out.push(`Alignment with ${alignment.fromDomain ?? "?"} (aspf=${alignment.mode.spf}, adkim=${alignment.mode.dkim}): ${alignment.deciding}`);
    if (alignment.spf) out.push(`  SPF ${alignment.spf.domain}: ${alignment.spf.result ?? "not checked"}, ${alignment.spf.aligned ? "aligned" : "not aligned"}`);
    for (const sig of alignment.dkim) out.push(`  DKIM d=${sig.domain} s=${sig.selector}: key ${sig.key ?? "not checked"}, ${sig.aligned ? "aligned" : "not aligned"}`);
    for (const problem of alignment.problems) out.push(`  ${problem.message}`, `    hint: ${problem.hint}`);
  }
  return `${out.map(markControls).join("\n")}\n`;
}

export function run(args: string[], io: CliIo): Promise<number> {
  return runCommand("spf", args, io, parseCommand, (command) => checkSpf(command, io));
}

async function checkSpf(command: SpfCommand, io: CliIo): Promise<number> {
  const resolver = createResolver({ servers: command.dns, timeoutMs: command.timeoutMs, retries: 1 });
  let checks;
  try {
    checks = await runChecks(command.input, resolver);
  } catch (error) {
    io.stderr(`bounce-doctor spf: the check failed: ${singleLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
  const report = checks.spf;
  if ("error" in report) {
    io.stderr(`bounce-doctor spf: ${singleLine(report.error)}\n`);
    return 1;
  }
  // With --from or --dkim the answer is about authentication as a whole: the whole Checks.
  const whole = checks.alignment !== undefined || checks.dkim !== undefined;
  if (command.json) io.stdout(`${escapeControlsInJson(JSON.stringify(whole ? checks : report, null, 2))}\n`);
  else io.stdout(formatSpfReport(report) + (whole ? formatAuthentication(checks) : ""));
  if (report.result === "temperror") {
    io.stderr(`bounce-doctor spf: DNS lookups for ${report.domain} failed (temperror): the result is not final\n`);
    return 1;
  }
  return 0;
}
