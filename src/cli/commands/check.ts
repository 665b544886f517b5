/**
 * bounce-doctor check (options and help in ../spec.ts)
 *
 * Runs the live checks directly: with --recipient, the recipient domain (MX, null MX,
 * typos) and its TLS policy (MTA-STS, DANE, TLS-RPT); with --ip, the DNS blocklists
 * (the --zone ones first, then DNSBL_ZONES or the default set) and reverse DNS.
 * --only narrows to the named checks. Prints text, or the LiveChecks JSON with --json.
 * Exit codes: 0 printed, 1 every check failed (DNS trouble), 2 bad usage.
 */
import { readLiveRequest } from "../../checks";
import type { CheckKind, DnsblReport, LiveChecks, Outcome, RecipientDomainReport, ReverseDnsReport, TlsPolicyReport } from "../../checks/types";
import { parseClientIp } from "../../spf/ip";
import { escapeControlsInJson, markControls } from "../../text/sanitize";
import { type CliIo, UsageError } from "../io";
import { cliResolver, runCliLiveChecks } from "../live";
import { type CommandLine, dnsOption, runCommand, timeoutOption } from "../options";

function parseCommand({ values, positionals }: CommandLine<"check">) {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0].slice(0, 60)}"`);
  let ip: string | undefined;
  if (values.ip !== undefined) {
    const parsed = parseClientIp(values.ip);
    if (!parsed) throw new UsageError("--ip is not an IPv4 (dotted quad) or IPv6 address");
    ip = parsed.text;
  }
  const wanted: CheckKind[] = [];
  if (values.recipient !== undefined) wanted.push("recipient-domain", "tls-policy");
  if (ip) wanted.push("dnsbl", "reverse-dns");
  const checks = values.only !== undefined ? values.only : wanted;
  if (checks.length === 0) throw new UsageError("give --recipient DOMAIN, --ip IP, or both");
  // The backend's own reader of the live fields: the same names are refused the same way.
  const read = readLiveRequest({ checks, recipientDomain: values.recipient, zones: values.zone });
  if (!read.ok) {
    const option = { checks: "--only", recipientDomain: "--recipient", zones: "--zone" }[read.field];
    throw new UsageError(`${option} ${read.problem}`);
  }
  const live = read.live ?? { checks: [] };
  if (ip) live.ip = ip;
  return { live, dns: dnsOption(values.dns), timeoutMs: timeoutOption(values.timeout, 10_000), json: values.json ?? false };
}

function isError<T extends object>(outcome: Outcome<T> | undefined): outcome is { error: string } {
  // A report may carry an `error` beside its status (DNS trouble); a check that could not run has only `error`.
  return outcome !== undefined && "error" in outcome && !("status" in outcome);
}

function recipientLines(report: RecipientDomainReport): string[] {
  const out = [`Recipient domain ${report.domain}: ${report.status}`];
  if (report.error) out.push(`  error: ${report.error}`);
  if (report.suggestion) out.push(`  did you mean: ${report.suggestion}`);
  if (report.implicitMx) out.push("  no MX: mail goes to the domain's own address (RFC 5321 5.1)");
  for (const mx of report.mx) out.push(`  MX ${mx.priority} ${mx.exchange}${mx.resolves === false ? "  (no address)" : ""}`);
  return out;
}

function dnsblLines(report: DnsblReport): string[] {
  const out = [`Blocklists for ${report.ip}`];
  for (const r of report.results) {
    const meaning = r.meanings.map((m) => m.label).join(", ");
    out.push(`  ${r.name.padEnd(20)} ${r.status}${meaning ? ` (${meaning})` : ""}${r.codes.length ? ` [${r.codes.join(", ")}]` : ""}${r.named ? "  named by the rejection" : ""}`);
    if (r.reason) out.push(`    reason: ${r.reason}`);
    if (r.error) out.push(`    ${r.error}`);
    if (r.status === "listed" && r.lookupUrl) out.push(`    look up and delist: ${r.lookupUrl}`);
  }
  if (report.results.length === 0) out.push("  (no zones to ask)");
  return out;
}

function reverseLines(report: ReverseDnsReport): string[] {
  const out = [`Reverse DNS for ${report.ip}: ${report.status}${report.generic ? " (generic-looking name)" : ""}`];
  for (const name of report.names) out.push(`  PTR ${name}${name === report.confirmedName ? "  (resolves back)" : ""}`);
  if (report.error) out.push(`  error: ${report.error}`);
  return out;
}

function tlsLines(report: TlsPolicyReport): string[] {
  const sts = report.mtaSts;
  const out = [`TLS policy of ${report.domain}`, `  MTA-STS: ${sts.status}${sts.mode ? `, mode ${sts.mode}` : ""}${sts.id ? `, id ${sts.id}` : ""}`];
  if (sts.error) out.push(`    ${sts.error}`);
  for (const pattern of sts.mxPatterns) out.push(`    mx: ${pattern}`);
  for (const host of sts.unmatchedMx) out.push(`    MX ${host} is not allowed by the policy`);
  for (const host of report.dane) out.push(`  DANE TLSA at _25._tcp.${host.mx}: ${host.tlsa === null ? "lookup failed" : host.tlsa ? "present" : "none"}`);
  out.push(`  TLS-RPT: ${report.tlsRpt.record ?? "none"}`);
  return out;
}

export function formatLiveChecks(live: LiveChecks): string {
  const out: string[] = [];
  const section = <T extends object>(title: string, outcome: Outcome<T> | undefined, lines: (report: T) => string[]) => {
    if (outcome === undefined) return;
    if (out.length) out.push("");
    out.push(...(isError(outcome) ? [`${title}: could not check: ${outcome.error}`] : lines(outcome)));
  };
  for (const kind of live.checks) {
    if (kind === "recipient-domain") section("Recipient domain", live.recipientDomain, recipientLines);
    if (kind === "dnsbl") section("Blocklists", live.dnsbl, dnsblLines);
    if (kind === "reverse-dns") section("Reverse DNS", live.reverseDns, reverseLines);
    if (kind === "tls-policy") section("TLS policy", live.tlsPolicy, tlsLines);
  }
  // DNS and policy text is untrusted: controls show as "?".
  return `${out.map(markControls).join("\n")}\n`;
}

export function run(args: string[], io: CliIo): Promise<number> {
  return runCommand("check", args, io, parseCommand, (command) => checkLive(command, io));
}

async function checkLive(command: ReturnType<typeof parseCommand>, io: CliIo): Promise<number> {
  const resolver = cliResolver(command.dns, command.timeoutMs);
  const live = await runCliLiveChecks(command.live, resolver, command.timeoutMs);
  io.stdout(command.json ? `${escapeControlsInJson(JSON.stringify(live, null, 2))}\n` : formatLiveChecks(live));
  const outcomes = [live.recipientDomain, live.dnsbl, live.reverseDns, live.tlsPolicy].filter((o) => o !== undefined);
  return outcomes.length > 0 && outcomes.every((o) => isError(o) || ("status" in o && o.status === "error")) ? 1 : 0;
}
