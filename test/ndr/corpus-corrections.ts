/**
 * Where the corpus's expected values (Sisimai 4.25's output) are wrong, and why.
 * Each entry is checked by test/ndr/corpus-corrections.test.ts: the message must
 * really say what we claim, and the parser must give the corrected value.
 * `value` replaces the expected value of `field` (for `status`, a list of accepted codes;
 * for `address`, the right address of the reference's `recipient`).
 */
export interface Correction {
  /** File name in ../shared/corpus/ndr (newline variants inherit it). */
  file: string;
  field: "isBounce" | "status" | "replyCode" | "senderDomain" | "address";
  /** For per-recipient fields, which recipient; all when omitted. */
  recipient?: string | null;
  value: unknown;
  /** Why the reference is wrong; quoted text must occur in the message. */
  reason: string;
  /** A string the message contains that proves the point. */
  evidence: string;
}

export const corrections: Correction[] = [
  {
    file: "lhost-office365-04.eml",
    field: "address",
    recipient: "otsu-sakaba-hunter-nyaaaaaaan@ezweb.ne.jp",
    value: "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp",
    reason: "The reference took the address from an anonymised mailto: link that lost \"-neko-\"; the DSN's Final-Recipient, the NDR text and the returned To all name the -neko- address.",
    evidence: "Final-Recipient: rfc822;otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp",
  },
  {
    file: "lhost-amazonses-17.eml",
    field: "replyCode",
    value: 421,
    reason: "The remote server's last reply was \"421 4.4.2 Connection timed out\" (SES wrapped it in its own 554 4.4.7 expiry); Sisimai 4.25 gives no reply code, its authors' v5 expectation for this file is 421.",
    evidence: "<421 4.4.2 Connection timed out>",
  },
  {
    file: "lhost-opensmtpd-06.eml",
    field: "status",
    value: ["4.4.7"],
    reason: "The message's DSN part states \"Action: delayed\" and \"Status: 4.4.7\" (the envelope expired); Sisimai reports its internal pseudo code 5.0.947, which the message never states.",
    evidence: "Status: 4.4.7",
  },
  {
    file: "lhost-opensmtpd-15.eml",
    field: "status",
    value: ["4.4.7"],
    reason: "The message's DSN part states \"Action: delayed\" and \"Status: 4.4.7\" (the envelope expired); Sisimai reports its internal pseudo code 5.0.947, which the message never states.",
    evidence: "Status: 4.4.7",
  },
  {
    file: "lhost-opensmtpd-16.eml",
    field: "status",
    value: ["4.4.7"],
    reason: "The message's DSN part states \"Action: delayed\" and \"Status: 4.4.7\" (the envelope expired); Sisimai reports its internal pseudo code 5.0.947, which the message never states.",
    evidence: "Status: 4.4.7",
  },
  {
    file: "lhost-sendmail-17.eml",
    field: "replyCode",
    value: 551,
    reason: "The remote server answered the DATA command with \"551 not our user\", the reply that ended the delivery; Sisimai 4.25 gives no reply code, its authors' v5 expectation for this file is 551.",
    evidence: "<<< 551 not our user",
  },
  {
    file: "lhost-sendmail-22.eml",
    field: "replyCode",
    value: 551,
    reason: "The remote server answered the DATA command with \"551 not our customer\", the reply that ended the delivery; Sisimai 4.25 gives no reply code, its authors' v5 expectation for this file is 551.",
    evidence: "<<< 551 not our customer",
  },
  {
    file: "lhost-ezweb-02.eml",
    field: "replyCode",
    value: 550,
    reason: "The remote server's reply is quoted with its code, \"550 user unknown (in reply to RCPT TO command)\"; Sisimai 4.25 kept only EZweb's English sentence, its authors' v5 expectation for this file is 550.",
    evidence: "ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)",
  },
  {
    file: "rfc3464-01.eml",
    field: "replyCode",
    value: 550,
    reason: "The DSN's Diagnostic-Code states the remote server's reply \"550 5.1.1 <userunknown@bouncehammer.jp>... User Unknown\"; Sisimai 4.25 gives no reply code, its authors' v5 expectation for this file is 550.",
    evidence: "Diagnostic-Code: SMTP; 550 5.1.1 <userunknown@bouncehammer.jp>",
  },
  {
    file: "rfc3464-06.eml",
    field: "replyCode",
    value: 554,
    reason: "The transcript ends with \"554 <kijitora@example.net>... Service unavailable\", the reply the delivery ended with; Sisimai 4.25 cannot read this boundary-less report and gives none, its authors' v5 expectation for this file is 554.",
    evidence: "554 <kijitora@example.net>... Service unavailable",
  },
  {
    file: "lhost-postfix-38.eml",
    field: "replyCode",
    value: 554,
    reason: "The remote server \"refused to talk to me: 554 Blocked\": its reply code is 554 even though Postfix reported the failure as temporary (Status 4.0.0); Sisimai drops reply codes whose class differs from the status.",
    evidence: "refused to talk to me:\n    554 Blocked",
  },
];
