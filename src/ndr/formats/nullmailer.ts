/**
 * nullmailer (nullmailer-dsn, 2.x): "This is the nullmailer delivery system.", a list
 * of the recipients, and an RFC 3464 report that nullmailer writes with two faults the
 * generic reader cannot mend (seen in nullmailer 2.2, Debian 12):
 * - Status holds only the reply's first five characters: "5.7.2" for "550 5.7.23 ...";
 * - a multi-line reply goes into Diagnostic-Code unfolded, its continuation lines
 *   ("550-5.7.26 ...", "550 5.7.26 ... with ip: [..]") at the left margin, where a
 *   field reader drops them.
 * So each recipient's diagnostic is the whole reply, re-joined, and its status the
 * reply's own code where the report's is a truncation of it.
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { statedStatus } from "../dsn-merge";
import type { MailMessage } from "../message";
import { findAddress, findReplyCode, findStatus } from "../text";

const MARKER = /^This is the nullmailer delivery system\./m;
/** A report holds this many recipients at most: remote text is hostile. */
const MAX_RECIPIENTS = 1000;
/** A reply's continuation line, unfolded: "550-5.7.26 ..." or its last line "550 5.7.26 ...". */
const REPLY_LINE = /^[245]\d\d[ -]/;
const FIELD = /^([A-Za-z][\w-]{0,40}):\s?(.*)$/;

interface Group {
  address: string | null;
  status: string | null;
  diagnostic: string[];
}

function recognise(message: MailMessage): boolean {
  return MARKER.test(message.text.slice(0, 2000)) && message.deliveryStatusText.length > 0;
}

/** The recipient groups of the report, each diagnostic with its unfolded continuation lines. */
function groupsOf(report: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let inDiagnostic = false;
  for (const line of report.split("\n", 20000)) {
    const field = FIELD.exec(line);
    if (field && !REPLY_LINE.test(line)) {
      const name = field[1].toLowerCase();
      inDiagnostic = name === "diagnostic-code";
      if (name === "final-recipient") {
        if (groups.length >= MAX_RECIPIENTS) break;
        current = { address: findAddress(field[2]), status: null, diagnostic: [] };
        groups.push(current);
      } else if (current && name === "status") current.status = findStatus(field[2]);
      else if (current && inDiagnostic) current.diagnostic.push(field[2].replace(/^smtp;\s*/i, ""));
    } else if (current && inDiagnostic && (REPLY_LINE.test(line) || /^[ \t]/.test(line)) && line.trim()) {
      current.diagnostic.push(line.trim());
    } else inDiagnostic = false;
  }
  return groups;
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const recipients: RecipientFinding[] = groupsOf(message.deliveryStatusText)
    .filter((group) => group.address !== null)
    .map((group) => {
      const diagnostic = group.diagnostic.join(" ").slice(0, 4000);
      return {
        address: group.address,
        // The reply's own code, of which the report's is a cut-off prefix ("5.7.2" of "5.7.23").
        status: statedStatus(group.status, diagnostic) ?? undefined,
        diagnostic: diagnostic || undefined,
        replyCode: findReplyCode(diagnostic) ?? undefined,
      };
    });
  return recipients.length > 0 ? { recipients } : null;
}

export const nullmailer = defineFormat({ name: "nullmailer", recognise, extract });
