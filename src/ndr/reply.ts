/**
 * The remote server's reply as bounces quote it: which SMTP command it answered
 * ("in reply to RCPT TO command", "[RCPT_TO]") and which reply code goes with the
 * outcome. One reader per question, so every family names commands the same way.
 * Every pattern is linear.
 */

/**
 * How a family names the command. The open-source MTAs write it in prose, in any case
 * ("in reply to end of DATA command", "after initial connection"); hosted providers
 * write the bare upper-case verbs or tags ("after RCPT TO", "[RCPT_TO]", "STARTTLS"),
 * so their lower-case prose ("invalid data") names no command.
 */
export type CommandWording = "prose" | "verbs";

const COMMANDS: Record<CommandWording, readonly [RegExp, string][]> = {
  prose: [
    [/\b(?:RCPT TO|RCPT)\b/i, "RCPT"],
    [/\bMAIL FROM\b/i, "MAIL"],
    [/\b(?:end of data|DATA)\b/i, "DATA"],
    [/\b(?:EHLO|HELO)\b/i, "EHLO"],
    [/\b(?:initial connection|connect(?:ion)? to|greeting)\b/i, "CONN"],
  ],
  verbs: [
    [/\bRCPT[ _]TO\b|\[RCPT_TO\]|\bRCPT\b/i, "RCPT"],
    [/\bMAIL[ _]FROM\b|\[MAIL_FROM\]/i, "MAIL"],
    [/\bend of data\b|\bDATA\b|\[DATA\]/, "DATA"],
    [/\bEHLO\b|\bHELO\b/, "EHLO"],
    [/\bSTARTTLS\b/, "STARTTLS"],
  ],
};

/** The SMTP command named in a phrase such as "after RCPT TO:" or "(in reply to end of DATA command)". */
export function smtpCommandIn(phrase: string | null | undefined, wording: CommandWording = "prose"): string | null {
  if (!phrase) return null;
  for (const [pattern, command] of COMMANDS[wording]) if (pattern.test(phrase)) return command;
  return null;
}

const REPLY_CODES = /(?:^|[<'"\s(])([245][0-5]\d)(?=[ -]|$)/g;

/**
 * The reply code that goes with the status: "554 4.4.7 Message expired ...<421 4.4.2
 * Connection timed out>" is a temporary failure whose last reply was 421, not 554.
 */
export function replyCodeFor(diagnostic: string | null | undefined, status: string | null | undefined): number | undefined {
  if (!diagnostic) return undefined;
  let first: string | undefined;
  for (const [, code] of diagnostic.slice(0, 8192).matchAll(REPLY_CODES)) {
    first ??= code;
    // Without a status the first code is the answer; with one, the first that agrees.
    if (!status || code[0] === status[0]) return Number(code);
  }
  return first === undefined ? undefined : Number(first);
}
