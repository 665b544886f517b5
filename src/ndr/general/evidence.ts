/**
 * Is it a bounce? Weighs what the message shows, none of it enough alone: who sent it
 * (MAILER-DAEMON, postmaster, "Mail Delivery System"), an empty Return-Path (RFC 5321
 * §4.5.5: notifications are sent with a null reverse-path), Auto-Submitted (RFC 3834),
 * X-Failed-Recipients (Exim), multipart/report (RFC 6522), a returned original, a
 * banner over the report ("--- Non-Delivery Report ---"), and a bounce subject or
 * sentence in one of the major languages. Read receipts, success
 * notices and forwarded or quoted bounces are ruled out first.
 */
import type { MailMessage } from "../message";
import { findReplyCode, findStatus } from "../text";
import { BOUNCE_SUBJECT, DAEMON_SENDER, ERROR_WORDS, FAILURE_PHRASE, FORWARDED_SUBJECT, FORWARD_MARKER, NOT_BOUNCE_SUBJECT, REPORT_BANNER, SUCCESS_PHRASE } from "./phrases";
import type { Report } from "./report";

/** The weight that makes a bounce; a failure sentence or bounce subject must be part of it. */
const BOUNCE_THRESHOLD = 6;
/** The weight at which a bounce that names no recipient is still reported (with an unknown one). */
export const STRONG_BOUNCE = 9;

export interface Evidence {
  score: number;
  /** What counted, for tests and for reading a decision. */
  signs: string[];
  /** The report states a failure (a bounce subject or sentence). */
  statesFailure: boolean;
}

/**
 * An MDN that says a delivery agent threw the message away unread: Sieve's reject
 * (RFC 5429 §2.1.2) and Dovecot's LDA refuse a message with an MDN whose disposition
 * is "automatic-action/...; deleted" (RFC 8098 §3.2.6). That is a non-delivery,
 * not a read receipt ("displayed").
 */
function isRefusalMdn(message: MailMessage): boolean {
  return /^\s{0,3}automatic-action\/[^;]{0,60};\s{0,3}deleted\b/i.test(message.disposition ?? "");
}

/** Signs that a message is something else: a read receipt, a success notice, a forwarded or quoted bounce. */
function ruledOut(message: MailMessage, report: Report): boolean {
  if (NOT_BOUNCE_SUBJECT.test(message.subject)) return true;
  if (/report-type\s{0,3}=\s{0,3}"?feedback-report/i.test(message.contentType) || message.partTypes.includes("message/feedback-report")) return true;
  const mdn = /report-type\s{0,3}=\s{0,3}"?disposition-notification/i.test(message.contentType) || message.partTypes.includes("message/disposition-notification");
  if (mdn && !isRefusalMdn(message)) return true;
  if (FORWARDED_SUBJECT.test(message.subject) || FORWARD_MARKER.test(message.text.slice(0, 20000))) return true;
  return SUCCESS_PHRASE.test(report.text) && !FAILURE_PHRASE.test(report.text) && !BOUNCE_SUBJECT.test(message.subject);
}

export function weighEvidence(message: MailMessage, report: Report): Evidence {
  const signs: string[] = [];
  let score = 0;
  const count = (sign: string, weight: number, present: boolean) => {
    if (!present) return;
    signs.push(sign);
    score += weight;
  };
  if (ruledOut(message, report)) return { score: 0, signs: ["ruled out"], statesFailure: false };
  const returnPath = message.headers.get("return-path")?.trim();
  // A daemon's Return-Path speaks for a bounce that has no From of its own or an unhelpful one.
  const fromDaemon = DAEMON_SENDER.test(message.from) || /<>/.test(message.from) || DAEMON_SENDER.test(returnPath ?? "");
  count("daemon sender", 3, fromDaemon);
  count("null return-path", 3, returnPath === "<>" || returnPath === "");
  count("auto-submitted", 1, /^auto-(?:generated|replied)/i.test(message.headers.get("auto-submitted") ?? ""));
  count("x-failed-recipients", 4, message.headers.has("x-failed-recipients"));
  count("multipart/report", 2, message.contentType.startsWith("multipart/report"));
  count("returned original", 2, message.original !== null || report.returnedAt >= 0);
  count("report banner", 2, REPORT_BANNER.test(report.text));
  const subject = BOUNCE_SUBJECT.test(message.subject);
  const sentence = FAILURE_PHRASE.test(report.text);
  count("bounce subject", 3, subject);
  count("failure sentence", 3, sentence);
  count("error stated", 1, findStatus(report.text) !== null || findReplyCode(report.text) !== null || ERROR_WORDS.test(report.text));
  return { score, signs, statesFailure: subject || sentence || signs.includes("x-failed-recipients") };
}

/** Signs only a mail system gives: a person writing about a bounce shows none of them. */
const MACHINE_SIGNS = new Set(["daemon sender", "null return-path", "x-failed-recipients", "multipart/report", "returned original", "report banner"]);

export function isBounce(evidence: Evidence): boolean {
  return evidence.statesFailure && evidence.score >= BOUNCE_THRESHOLD && evidence.signs.some((sign) => MACHINE_SIGNS.has(sign));
}
