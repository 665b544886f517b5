/**
 * Reason classifier: many servers answer with a generic code (550 5.7.1, 554) and put
 * the actual reason in words. The words are read first, then the code.
 *
 * No pattern can backtrack catastrophically: literal alternations, bounded gaps ({0,n}),
 * no nested quantifiers that could match the same text two ways; and the input is cut
 * to MAX_TEXT characters before any matching, which bounds the work per message.
 */
import { lookupCode, parseStatus } from "./codes";
import type { Scope } from "../i18n";
import type { Reason } from "./types";

const MAX_TEXT = 2000;

export interface ReasonInput {
  status: string | null;
  replyCode?: number | null;
  diagnostic: string | null;
  /** The parser's format family, when known: some reports say the same thing in any language. */
  format?: string | null;
  /** The SMTP command the server answered ("MAIL", "RCPT", "DATA"), when known. */
  smtpCommand?: string | null;
  scope?: Scope;
}

/** Ordered: the first rule whose pattern matches wins, so narrow rules come before broad ones. */
const RULES: [Reason, RegExp][] = [
  // Verdicts that name themselves, even when the text goes on to mention SPF or DKIM.
  ["spam-or-content", /spam classification|scored as spam|detected as spam|classified as spam/],
  ["sender-blocked", /low reputation|reputation of the sending|poor reputation/],
  ["dmarc-policy", /\bdmarc\b/],
  // Gmail's 5.7.26 "the sender is unauthenticated ... authenticate with either SPF or DKIM": both failed, not SPF alone.
  ["dmarc-policy", /authenticate with (either )?spf or dkim|neither spf nor dkim|sender is unauthenticated/],
  ["spf-failure", /\bspf\b|sender policy framework/],
  ["dkim-failure", /\bdkim\b|domainkeys/],
  [
    "tls-required",
    /must issue a starttls|starttls (is )?required|tls (is )?required|requires? (a )?(secure|encrypted|tls)|requiretls|mta-sts|\bdane\b|tlsa record|certificate (validation|verification|has expired|expired|name)/,
  ],
  [
    "authentication-required",
    /authentication (is )?required|authrequired|must (be )?authenticat|unauthenticated (senders|relay|sender)|sender (is )?not authenticated|not authenticated|smtp auth|authentication (failed|unsuccessful)|client was not authenticated/,
  ],
  // The sender's own address or domain refused: before "does not exist", which these share.
  [
    "sender-blocked",
    /sender address rejected|domain of sender address|sender (domain )?(rejected|denied|blocked)|sender verify failed|unroutable sender|sender .{0,40}blacklisted|not a member of|permission to post|not have permission|not allowed to post|can.?t determine purported responsible address|my name was rejected|invalid domain name|from: domain is invalid|provide a valid from|sender (address|domain) has (a )?null mx/,
  ],
  [
    "domain-not-found",
    /host unknown|unknown host|domain (does not exist|not found|name not found|is not reachable)|host or domain name not found|name service error|no mx record|couldn.?t find a mail exchanger|unrout(e)?able address|illegal host|invalid domain|null mx|no such domain|no smtp service|does not accept mail|accepts no mail|not accepting (network )?messages|(^|\s)[a-z0-9-]+(\.[a-z0-9-]+)+ does not exist/,
  ],
  [
    "mailbox-full",
    /mailbox (is )?full|mailbox full|over ?quota|quota exceeded|exceed(s|ed)? .{0,20}quota|disk quota|insufficient (disk|storage)|out of storage|storage quota|mailfolder is full|mailbox exceeds|not enough disk space|exceeded the local limit|too many messages in (the )?(mailbox|inbox)|mailbox size limit/,
  ],
  [
    "message-too-large",
    /message (size )?(is )?(too (large|big)|exceeds)|size exceeds|exceeds (the )?(fixed )?maximum (message )?size|message size limit|size limit exceeded|too large for|message length exceeds/,
  ],
  [
    "unknown-user",
    /user unknown|unknown user|no such (user|mailbox|recipient|address)|(user|account|mailbox|address|recipient) (does not|doesn.?t) (exist|have)|address (not found|couldn.?t be found)|recipient not found|recipnotfound|invalid recipient|unknown recipient|unknown address(?! error)|mailbox unavailable|not listed in|no mailbox here|mailbox not found|invalid (final delivery )?(user|address|mailbox)|user not found|user.{0,3}s. account is disabled|account (has been |is )?(disabled|inactive|discontinued|locked|frozen|suspended)|account .{0,30}(is inactive|disabled or discontinued)|no longer (on server|available|valid)|not our (customer|user)|inactive (email )?(address|account)|mailbox (is )?(disabled|frozen|inactive)|recipient account is blocked|temporary locked|not a registered|tried to reach does not exist|disabled recipient|recipient (address )?(is )?disabled|user .{0,60} not listed|recipient address rejected: (user|unknown|invalid|no such|not found|mailbox)/,
  ],
  ["relay-denied", /relay(ing)? (access )?(denied|not permitted|prohibited|not allowed)|unable to relay|not permitted to relay|we do not relay|relay access|no relaying|not configured to relay|insecure mail relay/],
  [
    "rate-limited",
    /rate limit|too many (connections|messages|recipients|concurrent)|temporarily deferred|frequency limited|throttl|receiving mail at a rate|receiving mail too fast|sent to too many|unusual rate|connection frequency|too much mail|exceeded .{0,30}limit/,
  ],
  [
    "spam-or-content",
    /\bspam(?!haus|cop)|junk|\bube\b|content rejected|message content|virus|malware|suspicious|illegal attachment|attachment|security issue|policy violation|not accepted for policy reasons|phish|blocked because its content|message filtered|content .{0,20}(rejected|refused|not allowed)|8-bit data|multiple addresses in from/,
  ],
  [
    "sender-blocked",
    /blacklist|blocklist|block list|blocked using|\bdnsbl\b|\brbl\b|spamhaus|barracuda|reverse dns|\bptr\b|delivery not authorized|client host rejected|refused to talk|service refuse|reputation|banned|access denied|not allowed|denied by policy|rejected for policy|policy reasons|not authori[sz]ed|no access from|smtp server of your isp|dynamic (ip|address)|dial.?up|residential (ip|address)|helo command rejected|invalid (helo|ehlo)/,
  ],
  [
    "expired",
    /expired|retry timeout|queue too long|too long in (the )?queue|could not be delivered within|delivery failed \d+ attempts|retried for|timed out|host not reachable|failing for a long time|unable to connect|did not accept our requests to connect|connection refused|no route to host|network error|has been delayed|deferred|could not find a gateway|try (again )?later|giving up|could not deliver for the last/,
  ],
];

/** After the code: a bare refusal with no stated cause is a block of this sender. */
const BARE_REFUSAL = /\brejected\b|\bdenied\b|\brefused\b|\bblocked\b/;

/** Rejections at the start of the session or of the envelope are about the sender, not the recipient. */
const SENDER_STAGE = /after (mail from|initial connection|ehlo|helo|connect)|in reply to (mail from|ehlo|helo)|but my name was rejected/;

/** The remote text, cut to a bounded length and folded to lower case for matching. */
function prepare(text: string | null | undefined): string {
  return (
    (text ?? "")
      .slice(0, MAX_TEXT)
      .toLowerCase()
      // A multiline reply repeats its codes on every line ("550-5.7.1 ... multiple 550 5.7.1 addresses"): they would split the words.
      .replace(/(^|\s)[245]\d\d[- ][245]\.\d{1,3}\.\d{1,3}(?=\s|$)/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** The reason the words alone state, or null. */
export function reasonFromText(diagnostic: string | null | undefined): Reason | null {
  const text = prepare(diagnostic);
  if (!text) return null;
  return RULES.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

/** The reason the status code alone states (through the knowledge base), or null. */
function reasonFromStatus(status: string | null, scope: Scope = "iana", diagnostic: string | null = null): Reason | null {
  const parsed = parseStatus(status);
  if (!parsed) return null;
  return lookupCode(scope, status, prepare(diagnostic))?.reason ?? null;
}

/**
 * Classify one failed recipient. Words first: a generic code with specific words is
 * common, a specific code with contradicting words rare. Then the code; then the SMTP
 * reply code alone (a bare 552 is about size or storage, 421/450/451 are temporary).
 */
export function classifyReason(input: ReasonInput): Reason {
  const scope = input.scope ?? "iana";
  // A provider's code picked out by its own wording (Exchange's 5.2.2 "mailbox full; ...SubmissionQuotaExceeded")
  // is more precise than the generic words it contains.
  const entry = lookupCode(scope, input.status, prepare(input.diagnostic));
  if (entry?.match && entry.reason) return entry.reason;
  const fromText = reasonFromText(input.diagnostic);
  const senderStage = /^(mail|ehlo|helo|conn)/i.test(input.smtpCommand ?? "") || SENDER_STAGE.test(prepare(input.diagnostic));
  // "No such user/domain" in answer to MAIL FROM means the sender's address was refused.
  if (senderStage && (fromText === null || fromText === "unknown-user" || fromText === "domain-not-found" || fromText === "other")) {
    return "sender-blocked";
  }
  if (fromText) return fromText;
  const fromStatus = reasonFromStatus(input.status, scope, input.diagnostic);
  if (fromStatus) return fromStatus;
  if (BARE_REFUSAL.test(prepare(input.diagnostic))) return "sender-blocked";
  // Google Groups writes its refusals in the poster's language; all say "no such group, or you may not post".
  if (input.format === "google-groups") return "sender-blocked";
  if (input.replyCode === 552) return "message-too-large";
  if (input.replyCode === 550 || input.replyCode === 553) return "other";
  const parsed = parseStatus(input.status);
  if (parsed?.klass === 4 && parsed.subject === 4) return "expired";
  return "other";
}
