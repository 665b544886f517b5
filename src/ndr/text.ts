/**
 * Small text helpers shared by the format modules. Every pattern here is linear:
 * bounded quantifiers, no nested repetition, so hostile input cannot make them backtrack.
 */

/** RFC 3463 enhanced status code, not part of a longer dotted number (IP, version). */
const STATUS = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;
/** SMTP reply code at the start of a reply line: "550 ", "550-", "550:". */
const REPLY_CODE = /(?<![\d.])([245][0-5]\d)(?=[ \t-]|$)/;
/** The same, opening the reply (after a little indentation), also in the "550:" form providers quote. */
const LEADING_REPLY_CODE = /^\s{0,8}([245][0-5]\d)(?:[ :-]|$)/;
const LOCAL_CHAR = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){0,20}[A-Za-z0-9-]{1,63}/;

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The first enhanced status code in the text, or null. */
export function findStatus(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = STATUS.exec(text);
  return match ? `${match[1]}.${Number(match[2])}.${Number(match[3])}` : null;
}

/**
 * The first SMTP reply code in the text (e.g. 550), or null. With `leading`, only a
 * code that opens the text counts: a provider's quoted reply ("550: 5.2.2 mailbox
 * full") whose later numbers are not codes.
 */
export function findReplyCode(text: string | null | undefined, options: { leading?: boolean } = {}): number | null {
  if (!text) return null;
  const match = (options.leading ? LEADING_REPLY_CODE : REPLY_CODE).exec(text);
  return match ? Number(match[1]) : null;
}

/** "Foo <bob@Example.com>" -> "bob@example.com"; null when there is no address. */
export function findAddress(text: string | null | undefined): string | null {
  if (!text) return null;
  const angled = /<([^<>\s]{1,320}@[^<>\s]{1,255})>/.exec(text);
  const candidate = angled ? angled[1] : bareAddress(text);
  if (!candidate) return null;
  return normalizeAddress(candidate);
}

/** The first bare address, found from each "@" outwards so long text costs one pass. */
function bareAddress(text: string): string | null {
  for (let at = text.indexOf("@"); at > 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start < 128 && LOCAL_CHAR.test(text[start - 1])) start--;
    const domain = DOMAIN.exec(text.slice(at + 1, at + 1 + 320));
    if (start < at && domain) return `${text.slice(start, at)}@${domain[0]}`;
  }
  return null;
}

export function normalizeAddress(address: string): string | null {
  const cleaned = address.trim().replace(/^<|>$/g, "").replace(/^["']|["'.,;:]$/g, "").toLowerCase();
  const at = cleaned.lastIndexOf("@");
  if (at <= 0 || at === cleaned.length - 1) return null;
  return cleaned;
}

export function domainOf(address: string | null): string | null {
  if (!address) return null;
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1).toLowerCase() : null;
}

/**
 * An address at a mail server's delivery channel, not at a host: a single label ending
 * in "-daemon", as Messaging Server (PMDF, Sun ONE, Oracle) names its store channel
 * ("userx@ims-ms-daemon", "userx@sims-ms-daemon"). No domain is a single label (RFC
 * 5321 §2.3.5); the original address then is the one the sender wrote. Other single
 * labels ("kijitora@mailhub0", a Postfix alias's target) are real local mailboxes.
 */
function isDeliveryChannel(address: string): boolean {
  return /^[a-z0-9-]{1,60}-daemon$/i.test(domainOf(address) ?? "");
}

/**
 * The mailbox a recipient report names: the final address, unless it is a delivery
 * channel and the original address is not (isDeliveryChannel); either when the other is null.
 */
export function reportedMailbox(final: string | null, original: string | null): string | null {
  if (final !== null && original !== null && isDeliveryChannel(final) && !isDeliveryChannel(original)) return original;
  return final ?? original;
}

/** The status code class digit agrees with the reply code's first digit ("5.1.1" with 550). */
export function classOf(code: string | number | null): string | null {
  return code === null ? null : String(code)[0];
}
