/**
 * parseBounce: from any BounceSource to a Bounce. The DSN part is read for every
 * message; the first format family that recognises the message adds what its prose
 * says; the two are merged per recipient.
 */
import { FORMATS, type RegisteredFormat } from "./formats";
import type { FormatFindings, RecipientFinding } from "./formats/format";
import { type MailMessage, readMessage } from "./message";
import type { DeliveryStatus } from "./rfc3464";
import { replyCodeFor } from "./reply";
import { reportOf } from "./general/report";
import { isIPv4, isIPv6 } from "./ip-address";
import { AUTH_OR_BLOCK, findExplicitSendingIp, findSendingIp, sendingIpReceivedBy } from "./sending-ip";
import { domainOf, findAddress, findStatus, foldWhitespace, normalizeAddress, reportedMailbox } from "./text";
import type { BounceRecipient, BounceSource, MessageKind, RecipientAction } from "./types";
import type { Bounce } from "./bounce";
import { unwrapInlineForward } from "./forwarded";
import { readReturnedAuthentication } from "./returned-auth";

const ACTIONS: readonly RecipientAction[] = ["failed", "delayed", "delivered", "relayed", "expanded"];
/** How deep a bounce may be wrapped in forwards before we stop looking. */
const MAX_UNWRAP = 3;

function toAction(value: string | null | undefined, status: string | null): RecipientAction {
  const action = ACTIONS.find((known) => known === value?.toLowerCase());
  if (action) return action;
  return status?.startsWith("4") ? "delayed" : status?.startsWith("2") ? "delivered" : "failed";
}

/** The mailbox a DSN recipient field names, or null when it names none. */
function fieldMailbox(named: string | null): string | null {
  if (named === null) return null;
  // A local delivery ("|/usr/bin/filter bob@example.com", Exim) is no mailbox: the address inside it is.
  const whole = normalizeAddress(named);
  return whole !== null && !/\s/.test(whole) ? whole : findAddress(named);
}

/**
 * The mailbox a DSN recipient names: Final-Recipient, unless it names none. Then
 * Original-Recipient, the address the sender gave (RFC 3464 §2.3.1-2): for a
 * source-routed Final-Recipient ("@relay.example:bob@host", RFC 5321 C), one of
 * another address type ("x400; /S=bob/...", which X.400 gateways write), or one at
 * a server's delivery channel (reportedMailbox).
 */
function dsnAddress(fields: DeliveryStatus["recipients"][number]): string | null {
  const routed = fields.finalRecipient?.startsWith("@") ?? false;
  const final = routed ? null : fieldMailbox(fields.finalRecipient);
  return reportedMailbox(final, fieldMailbox(fields.originalRecipient)) ?? fieldMailbox(fields.finalRecipient);
}

/**
 * The DSN's status, or the remote server's own code when the DSN gives only the class
 * ("5.0.0", as Postfix and Courier write when they relay a reply) and the server's
 * words state a code of that class (RFC 3463 §3: "X.0.0" is "other or undefined").
 */
function dsnStatus(fields: DeliveryStatus["recipients"][number]): string | undefined {
  const stated = findStatus(fields.status);
  if (!stated?.endsWith(".0.0")) return stated ?? undefined;
  const said = findStatus(fields.diagnosticCode);
  return said && said[0] === stated[0] && !said.endsWith(".0.0") ? said : stated;
}

function dsnRecipients(dsn: DeliveryStatus | null): RecipientFinding[] {
  return (dsn?.recipients ?? []).map((fields) => ({
    address: dsnAddress(fields),
    action: (fields.action as RecipientAction | null) ?? undefined,
    status: dsnStatus(fields),
    diagnostic: fields.diagnosticCode ?? undefined,
    remoteMta: fields.remoteMta ?? undefined,
  }));
}

/** The fields that hold a value. */
function defined<T extends object>(value: T): Partial<T> {
  const kept: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined && value[key] !== null) kept[key] = value[key];
  return kept;
}

/** The family's findings refine the DSN's recipients; recipients only one side knows are kept. */
function mergeRecipients(fromDsn: RecipientFinding[], fromFormat: RecipientFinding[]): RecipientFinding[] {
  if (fromDsn.length === 0) return fromFormat;
  if (fromFormat.length === 0) return fromDsn;
  const merged = fromDsn.map((recipient) => ({ ...recipient }));
  // Indexed by address (first one wins), so 10,000 recipients merge in linear time.
  const byAddress = new Map<string, RecipientFinding>();
  const index = (recipient: RecipientFinding) => {
    if (recipient.address !== null && !byAddress.has(recipient.address)) byAddress.set(recipient.address, recipient);
  };
  merged.forEach(index);
  for (const finding of fromFormat) {
    const target =
      (finding.address !== null ? byAddress.get(finding.address) : undefined) ??
      (finding.address === null && merged.length === 1 ? merged[0] : undefined);
    if (target) Object.assign(target, defined(finding), { address: target.address ?? finding.address });
    else {
      merged.push(finding);
      index(finding);
    }
  }
  return merged;
}

function completeRecipient(finding: RecipientFinding): BounceRecipient {
  const diagnostic = finding.diagnostic ? foldWhitespace(finding.diagnostic) || null : null;
  const status = finding.status ?? findStatus(diagnostic);
  return {
    address: finding.address,
    domain: domainOf(finding.address),
    action: toAction(finding.action, status),
    status,
    // The reply whose class agrees with the status: "220-banner 421 4.2.1 ..." is a 421.
    replyCode: finding.replyCode ?? replyCodeFor(diagnostic, status) ?? null,
    diagnostic,
    remoteMta: finding.remoteMta ?? null,
    smtpCommand: finding.smtpCommand ?? null,
  };
}

function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/\([^)]*\)/g, "").trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(".000Z", "Z");
}

function originalSenderOf(message: MailMessage, findings: FormatFindings | null): string | null {
  const candidates = [
    findings?.originalSender,
    message.original?.headers.get("from"),
    message.original?.headers.get("return-path"),
    message.deliveryStatus?.originalEnvelopeSender,
    // An MTA addresses its bounce to the envelope sender; X-Original-To only shows which mailbox (a postmaster copy, an alias) it reached.
    message.headers.get("to"),
  ];
  for (const candidate of candidates) {
    const address = findAddress(candidate);
    if (address) return address;
  }
  return null;
}

/** How a caller may steer the parser. */
export interface ParseOptions {
  /**
   * The format modules to ask, in order (default: every module, FORMATS). An evaluation
   * withholds a family's module to measure how the rest read that family's bounces.
   */
  formats?: readonly RegisteredFormat[];
}

function firstMatching(message: MailMessage, formats: readonly RegisteredFormat[]): { module: RegisteredFormat; findings: FormatFindings } | null {
  for (const module of formats) {
    if (!module.recognise(message)) continue;
    const findings = module.extract(message);
    if (findings) return { module, findings };
  }
  return null;
}

/**
 * The IP the rejecting server saw (src/ndr/sending-ip.ts): the family's reading, else
 * the servers' words, else the report's explicit phrasings, else the Received line
 * the rejecting server wrote into the returned original.
 */
function sendingIpOf(message: MailMessage, findings: FormatFindings | null, recipients: BounceRecipient[]): string | null {
  if (findings?.sendingIp) return findings.sendingIp;
  const receivers = new Set(recipients.flatMap((r) => (r.remoteMta && (isIPv4(r.remoteMta) || isIPv6(r.remoteMta)) ? [r.remoteMta.toLowerCase()] : [])));
  for (const recipient of recipients.slice(0, 100)) {
    const ip = findSendingIp(recipient.diagnostic, receivers);
    if (ip) return ip;
  }
  // The report's own text is read only when it speaks of authentication, a blocklist or policy (x.7.x): what the sending IP matters for.
  const report = reportOf(message).text;
  const stated = AUTH_OR_BLOCK.test(report) || /\b[45]\.7\.\d/.test(report) ? findExplicitSendingIp(report, receivers) : null;
  if (stated) return stated;
  // A server that accepted the message and then refused it on policy wrote the client's address into it.
  // With no remote server named, the reporting server refused it itself.
  const remote = recipients.flatMap((r) => (r.remoteMta ? [r.remoteMta] : []));
  const policy = recipients.length > 0 && recipients.every((r) => /^[45]\.7\./.test(r.status ?? ""));
  const rejecting = remote.length > 0 ? remote : policy ? [findings?.reportingMta ?? message.deliveryStatus?.reportingMta ?? ""] : [];
  return sendingIpReceivedBy(message.original?.headers, rejecting);
}

function kindOf(findings: FormatFindings | null, recipients: BounceRecipient[]): MessageKind {
  if (findings?.kind) return findings.kind;
  if (recipients.length === 0) return "message";
  const failedOrDelayed = recipients.some((r) => r.action === "failed" || r.action === "delayed");
  return failedOrDelayed ? "bounce" : "delivery-success";
}

/** Reads one message (not unwrapping forwards). */
function analyseMessage(message: MailMessage, options: ParseOptions = {}): Bounce {
  const match = firstMatching(message, options.formats ?? FORMATS);
  const findings = match?.findings ?? null;
  const merged = mergeRecipients(dsnRecipients(message.deliveryStatus), findings?.recipients ?? []);
  const recipients = merged.map(completeRecipient);
  const kind = kindOf(findings, recipients);
  const isBounce = kind === "bounce";
  const originalSender = isBounce || kind === "delivery-success" ? originalSenderOf(message, findings) : null;
  return {
    isBounce,
    kind,
    format: match?.module.name ?? null,
    reportingMta: findings?.reportingMta ?? message.deliveryStatus?.reportingMta ?? null,
    arrivalDate: toIsoDate(findings?.arrivalDate ?? message.deliveryStatus?.arrivalDate ?? message.headers.get("date")),
    originalSender,
    senderDomain: domainOf(originalSender),
    sendingIp: isBounce ? sendingIpOf(message, findings, recipients) : null,
    originalMessageId: message.original?.headers.get("message-id")?.replace(/^<|>$/g, "") ?? null,
    originalSubject: message.original?.headers.get("subject") ?? null,
    recipients: isBounce || kind === "delivery-success" ? recipients : [],
    authentication: isBounce ? readReturnedAuthentication(message.original?.headers, findAddress(message.headers.get("to")), message.deliveryStatus?.originalEnvelopeSender ?? null) : null,
  };
}

async function parseAt(source: BounceSource, depth: number, options: ParseOptions): Promise<Bounce> {
  const message = await readMessage(source);
  const bounce = analyseMessage(message, options);
  // A bounce that names nobody may be a notice wrapped around the real one: that is worth a look too.
  const namesNobody = bounce.recipients.every((recipient) => recipient.address === null);
  if ((bounce.isBounce && !namesNobody) || depth >= MAX_UNWRAP) return bounce;
  const better = (inner: Bounce | null) => inner?.isBounce && (!bounce.isBounce || inner.recipients.some((recipient) => recipient.address !== null));
  // A bounce forwarded to the helpdesk: as an attached message, or quoted inline.
  for (const attached of message.attachedMessages.slice(0, 5)) {
    const inner = await parseAt(attached, depth + 1, options).catch(() => null);
    if (better(inner)) return inner!;
  }
  const inline = unwrapInlineForward(message.text);
  if (inline) {
    const inner = await parseAt(inline, depth + 1, options).catch(() => null);
    if (better(inner)) return inner!;
  }
  return bounce;
}

/** Parses a bounce. Throws BounceInputError when the input is not a message at all. */
export function parseBounce(source: BounceSource, options: ParseOptions = {}): Promise<Bounce> {
  return parseAt(source, 0, options);
}
