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
