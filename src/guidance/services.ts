/**
 * Which sending service a bounce shows the mail came from, and what SPF include that
 * service documents; and whether an IP belongs to Microsoft's mail network.
 */
import ipaddr from "ipaddr.js";
import type { FormatName } from "../ndr";
import type { Bounce } from "../ndr/bounce";
import type { SpfNode, SpfReport } from "../spf/types";

export interface SendingService {
  id: "microsoft365" | "google" | "amazon-ses" | "sendgrid" | "mailgun" | "mailchimp" | "zoho";
  name: string;
  /** The SPF mechanism the service documents for customer domains. */
  include: string;
}

/** Each service, its mail servers' host names, and the report formats (the parser's `format`) it writes. */
const SERVICES: (SendingService & { hosts: RegExp; formats?: readonly FormatName[] })[] = [
  {
    id: "microsoft365",
    name: "Microsoft 365",
    include: "include:spf.protection.outlook.com",
    hosts: /(^|\.)(protection\.outlook\.com|outlook\.com|office365\.com)$/,
    formats: ["exchange-online"],
  },
  { id: "google", name: "Google Workspace", include: "include:_spf.google.com", hosts: /(^|\.)(google\.com|googlemail\.com)$/, formats: ["gmail", "google-groups"] },
  { id: "amazon-ses", name: "Amazon SES", include: "include:amazonses.com", hosts: /(^|\.)(amazonses\.com|amazonaws\.com)$/, formats: ["amazon-ses"] },
  { id: "sendgrid", name: "SendGrid", include: "include:sendgrid.net", hosts: /(^|\.)sendgrid\.net$/, formats: ["sendgrid"] },
  { id: "mailgun", name: "Mailgun", include: "include:mailgun.org", hosts: /(^|\.)mailgun\.(org|net)$/ },
  { id: "mailchimp", name: "Mailchimp", include: "include:servers.mcsv.net", hosts: /(^|\.)(mcsv\.net|mandrillapp\.com|rsgsv\.net)$/ },
  { id: "zoho", name: "Zoho Mail", include: "include:zoho.com", hosts: /(^|\.)zoho\.(com|eu|in)$/, formats: ["zoho"] },
];

/** Microsoft's address space from which Exchange Online and outlook.com send (approximate, wide on purpose). */
const MICROSOFT_NETWORKS = [
  "40.64.0.0/10",
  "52.96.0.0/12",
  "104.40.0.0/13",
  "104.208.0.0/13",
  "13.64.0.0/11",
  "2a01:111::/32",
  "2603:1000::/24",
];

function hostOf(value: string | null | undefined): string {
  const m = /([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec((value ?? "").slice(0, 1000));
  return m ? m[1].toLowerCase() : "";
}

/** The service the bounce was reported by (the system that sent the original), when recognisable. */
export function detectSendingService(bounce: Bounce): SendingService | null {
  const host = hostOf(bounce.reportingMta);
  const found =
    SERVICES.find((s) => host && s.hosts.test(host)) ??
    SERVICES.find((s) => bounce.format && s.formats?.includes(bounce.format)) ??
    (isMicrosoftIp(bounce.sendingIp) ? SERVICES[0] : null);
  if (!found) return null;
  const { id, name, include } = found;
  return { id, name, include };
}

export function isMicrosoftIp(ip: string | null | undefined): boolean {
  if (!ip || !ipaddr.isValid(ip)) return false;
  let address = ipaddr.parse(ip);
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  return MICROSOFT_NETWORKS.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return range.kind() === address.kind() && address.match([range, bits]);
  });
}

function treeHas(node: SpfNode | null, domain: string): boolean {
  if (!node) return false;
  return node.domain.toLowerCase() === domain || node.children.some((child) => treeHas(child, domain));
}

/** Whether the domain's SPF record brings in Microsoft 365's include. */
export function includesMicrosoft365(spf: SpfReport): boolean {
  return /\binclude:spf\.protection\.outlook\.com\b/i.test(spf.record ?? "") || treeHas(spf.tree, "spf.protection.outlook.com");
}
