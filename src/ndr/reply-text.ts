/**
 * Small readers for the remote server's reply as providers quote it: "550: 5.2.2 ...",
 * "Remote host said: 550 5.1.1 ... [RCPT_TO]", "(in reply to RCPT TO command)".
 */

/** The reply code opening a reply, also in the "550:" form the shared helper leaves out. */
export function leadingReplyCode(reply: string | null | undefined): number | undefined {
  const match = reply ? /^\s{0,8}([245][0-5]\d)(?:[ :-]|$)/.exec(reply) : null;
  return match ? Number(match[1]) : undefined;
}

const COMMANDS: readonly [RegExp, string][] = [
  [/\bRCPT[ _]TO\b|\[RCPT_TO\]|\bRCPT\b/i, "RCPT"],
  [/\bMAIL[ _]FROM\b|\[MAIL_FROM\]/i, "MAIL"],
  [/\bend of data\b|\bDATA\b|\[DATA\]/, "DATA"],
  [/\bEHLO\b|\bHELO\b/, "EHLO"],
  [/\bSTARTTLS\b/, "STARTTLS"],
];

/** The SMTP command a phrase names ("after RCPT TO", "[RCPT_TO]"), if any. */
export function commandNamed(phrase: string | null | undefined): string | undefined {
  if (!phrase) return undefined;
  return COMMANDS.find(([pattern]) => pattern.test(phrase))?.[1];
}

const REPLY_CODES = /(?:^|[<'"\s(])([245][0-5]\d)(?=[ -]|$)/g;

/**
 * The reply code that goes with the status: "554 4.4.7 Message expired ...<421 4.4.2
 * Connection timed out>" is a temporary failure whose last reply was 421, not 554.
 */
export function replyCodeFor(diagnostic: string | null | undefined, status: string | null | undefined): number | undefined {
  if (!diagnostic) return undefined;
  const codes = Array.from(diagnostic.slice(0, 8192).matchAll(REPLY_CODES), (m) => m[1]);
  if (codes.length === 0) return undefined;
  const agreeing = status ? codes.find((code) => code[0] === status[0]) : undefined;
  return Number(agreeing ?? codes[0]);
}
