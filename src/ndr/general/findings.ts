/**
 * The general path's findings: for each failed recipient, what the remote server said
 * (from a transcript, the recipient's own lines, or, when it is the only one, the
 * report's first remote reply). A bounce whose evidence is strong but which names no
 * recipient is still reported, with the recipient unknown.
 */
import type { FormatFindings, RecipientFinding } from "../formats/format";
import type { MailMessage } from "../message";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { findReplyCode, findStatus, foldWhitespace } from "../text";
import { STRONG_BOUNCE, isBounce, weighEvidence } from "./evidence";
import { FAILURE_PHRASE, RETURNED_MARKER } from "./phrases";
import { type RemoteWords, findRemoteWords, transcriptReplies } from "./remote-words";
import { type Report, reportOf } from "./report";
import { type FailedRecipient, isBounceItself, whoFailed } from "./who-failed";

/** A returned-message marker that is itself the first header of the copy ("Received: from ..."). */
const RETURNED_HEADER = /^(?:return-path|received):/i;

/** A bounce reports failures: a success code among its words ("250 2.1.0 Ok") is not the recipient's. */
function failureOnly<T extends string | number>(code: T | null): T | undefined {
  return code !== null && !String(code).startsWith("2") ? code : undefined;
}

function finding(address: string | null, words: RemoteWords | null, ownLines: string[]): RecipientFinding {
  const own = foldWhitespace(ownLines.join(" "));
  const diagnostic = words?.diagnostic ?? (own || undefined);
  return {
    address,
    diagnostic,
    status: words?.status ?? failureOnly(findStatus(own)),
    replyCode: words?.replyCode ?? failureOnly(findReplyCode(own)),
    smtpCommand: words?.smtpCommand,
  };
}

function recipientFindings(recipients: FailedRecipient[], report: Report): RecipientFinding[] {
  const transcript = transcriptReplies(report.lines);
  const reportWords = findRemoteWords(report.lines);
  return recipients.map(({ address, lines }) => {
    const words = transcript.get(address) ?? findRemoteWords(lines) ?? (recipients.length === 1 ? reportWords : null);
    return finding(address, words, lines);
  });
}

/**
 * The report's sentence that states the failure, with the lines that follow it up to a
 * blank line (at most four): what a bounce naming no mailbox says about it ("... not
 * accepting mail with attachments or embedded images:" / "screenname").
 */
function failureSentence(report: Report): string[] {
  const at = report.lines.findIndex((line) => FAILURE_PHRASE.test(line));
  if (at < 0) return [];
  const taken = [report.lines[at]];
  // Blank lines end it, except after a colon: "... to the following:" / "" / "userx  No matches".
  for (let index = at + 1; index < report.lines.length && taken.length < 4; index++) {
    const line = report.lines[index];
    if (line.trim() !== "") taken.push(line);
    else if (!taken[taken.length - 1].trim().endsWith(":")) break;
  }
  return taken;
}

/** What the general path reads in a message, or null when it does not look like a bounce. */
export function readGeneralBounce(message: MailMessage): FormatFindings | null {
  const report = reportOf(message);
  const evidence = weighEvidence(message, report);
  if (!isBounce(evidence)) return null;
  // The returned message quoted in the text, when none is attached: its headers name the original's parties.
  const quoted = report.returnedLine !== null ? quotedHeaders(message.text, RETURNED_MARKER, { fromMarkerLine: RETURNED_HEADER.test(report.returnedLine) }) : null;
  const recipients = whoFailed(message, report, message.original?.headers ?? quoted);
  let findings = recipientFindings(recipients, report);
  if (findings.length === 0) {
    // A bounce of a bounce names its recipients in the returned one: unwrapping reads that.
    if (evidence.score < STRONG_BOUNCE || isBounceItself(message.original?.headers)) return null;
    findings = [finding(null, findRemoteWords(report.lines), failureSentence(report))];
  }
  return { recipients: findings, originalSender: returnedTo(message, quoted) };
}
