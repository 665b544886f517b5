/**
 * Whose meaning of a status code applies. The same code means different things at
 * different providers (Gmail's 5.7.27 is an SPF failure, IANA's a null MX), so the
 * scope is decided from who rejected the message, then from who wrote the report.
 */
import type { FormatName } from "../ndr";
import type { BounceRecipient } from "../ndr/types";
import type { Bounce } from "../ndr/bounce";
import type { Scope } from "../i18n";

type Vendor = Exclude<Scope, "iana">;

/** Host names of each provider's mail servers (rejecting or reporting). */
const HOSTS: [Vendor, RegExp][] = [
  // Consumer outlook.com / hotmail.com front doors, before the generic Microsoft pattern.
  ["outlook.com", /(^|\.)olc\.protection\.outlook\.com$|(^|\.)(hotmail|live|msn)\.com$|^outlook\.com$/],
  ["microsoft", /(^|\.)(protection\.outlook\.com|outlook\.com|office365\.com|microsoft\.com|outlook\.office\.com)$/],
  ["google", /(^|\.)(google\.com|googlemail\.com|gmail\.com|1e100\.net)$/],
  ["yahoo", /(^|\.)(yahoodns\.net|yahoo\.com|yahoo\.co\.jp|aol\.com)$/],
];

/** Wording only one provider uses in its rejections. */
const WORDING: [Vendor, RegExp][] = [
  ["outlook.com", /\bolc\.protection\.outlook\.com\b|\bhotmail\.com\b.{0,40}\bblock|\bOL[A-Z]?-\d|sendersupport\.olc/i],
  ["microsoft", /protection\.outlook\.com|\bRESOLVER\.[A-Z]+\.|\bSTOREDRV\b|\bROUTING\.[A-Z]+\b|aka\.ms\/|Microsoft 365|Exchange Online/i],
  // Gmail's own replies ("- gsmtp", "?p=" help links), not its reports about other servers.
  ["google", /\bgsmtp\b|support\.google\.com\/mail\/\?p=|Gmail requires|email account that you tried to reach/i],
  ["yahoo", /postmaster\.(yahooinc|verizonmedia)\.com|\[TSS\d\d\]|yahoodns\.net/i],
];

/**
 * The report formats (the parser's `format`) each provider writes. Exchange Online only:
 * on-premises Exchange (exchange2003, exchange2007) speaks IANA's codes.
 */
const FORMATS: Record<Vendor, readonly FormatName[]> = {
  "outlook.com": ["outlook"],
  microsoft: ["exchange-online"],
  google: ["gmail", "google-groups"],
  yahoo: ["yahoo", "aol"],
};

function byFormat(format: FormatName | null): Vendor | null {
  if (!format) return null;
  return (Object.keys(FORMATS) as Vendor[]).find((vendor) => FORMATS[vendor].includes(format)) ?? null;
}

function hostName(value: string | null | undefined): string {
  // remoteMta may be "mx.example.com", "mx.example.com [192.0.2.1]" or "dns; mx.example.com".
  const m = /([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec((value ?? "").slice(0, 1000).replace(/^\s*dns;\s*/i, ""));
  return m ? m[1].toLowerCase().replace(/\.$/, "") : "";
}

function byHost(value: string | null | undefined): Vendor | null {
  const host = hostName(value);
  if (!host) return null;
  return HOSTS.find(([, pattern]) => pattern.test(host))?.[0] ?? null;
}

function byPattern(table: [Vendor, RegExp][], text: string | null | undefined): Vendor | null {
  if (!text) return null;
  const bounded = text.slice(0, 4000);
  return table.find(([, pattern]) => pattern.test(bounded))?.[0] ?? null;
}

/**
 * The scope for one failed recipient. The rejecting server counts first (its code is
 * the one quoted), then its wording; the reporting system's own scope applies only
 * when no other server is named or the reporter is Microsoft, which writes codes of its
 * own (4.4.7, 5.4.316, 5.4.8, ...) about third-party servers.
 */
export function detectScope(bounce: Bounce, recipient?: BounceRecipient | null): Scope {
  const rcpt = recipient ?? bounce.recipients[0] ?? null;
  const remote = byHost(rcpt?.remoteMta);
  if (remote) return remote;
  const worded = byPattern(WORDING, rcpt?.diagnostic);
  if (worded) return worded;
  const reporter = byHost(bounce.reportingMta) ?? byFormat(bounce.format);
  if (!reporter) return "iana";
  const namesAnotherServer = Boolean(hostName(rcpt?.remoteMta)) && hostName(rcpt?.remoteMta) !== hostName(bounce.reportingMta);
  if (namesAnotherServer && reporter !== "microsoft" && reporter !== "outlook.com") return "iana";
  return reporter;
}
