/**
 * What the remote server said, taken as the report writes it, never invented: the
 * reply lines of an SMTP transcript ("<<< 550 ...", "Received >>> 550 ...", "RCPT
 * To:<x>" then a 4xx/5xx reply), the quoted forms ("said: 550 ...", "Remote Server
 * returned '...'", "(reason: 550 ...)"), and lines that open with a reply code.
 */
import { findAddress, findReplyCode, findStatus, foldWhitespace } from "../text";

/** A remote reply and the command it answered, when the report says. */
export interface RemoteWords {
  diagnostic: string;
  status?: string;
  replyCode?: number;
  smtpCommand?: string;
}

const MAX_REPLY_LINES = 12;
const MAX_REPLY_CHARS = 2000;

/** The forms that quote a remote server's reply; group 1 is the reply. */
const QUOTED_REPLY = [
  /^\s{0,8}(?:<<<|received\s{0,3}>>>|remote host said(?:\s{0,3}\[[^\]]{0,40}\])?:|response:)\s{0,3}(.{1,2000})/i,
  // Exim and others name the host, then its reply: "host mx.example.net [192.0.2.1]: 550 ...", "host 192.0.2.8: 553 ...".
  /\bhost\s{1,3}(?:[A-Za-z0-9.-]{1,253}\s{0,3})?\[?[0-9A-Fa-f.:]{3,45}\]?:\s{0,3}([245]\d\d[ -].{0,2000})/i,
  // MDaemon and others log the session with a time stamp: "... 09:00:01: <-- 550 5.1.1 ...".
  /(?:<--|<<<)\s{0,3}([45]\d\d.{0,2000})/,
  /\bsaid:\s{0,3}([245]\d\d.{0,2000})/i,
  /\bremote server returned '([^']{1,2000})'/i,
  /\((?:reason|error):\s{0,3}([245]\d\d[^)]{0,2000})\)/i,
  /\b(?:server|host) (?:replied|responded|answered)(?: with)?:?\s{0,3}([245]\d\d.{0,2000})/i,
];
/** A line that opens with a reply code (and maybe an enhanced status): "550 5.1.1 ...", "550-...". */
const REPLY_LINE = /^\s{0,8}([245]\d\d)(?:[ -]|$)(.{0,2000})/;
/** A line that opens with a failure's enhanced status: "5.1.0 - Unknown address error ...". */
const STATUS_LINE = /^\s{0,8}[45]\.\d{1,3}\.\d{1,3}\b/;
/** "RCPT TO:<bob@example.com>" (with or without ">>>" before it). */
const RCPT = /\brcpt to:\s{0,3}<?([^\s<>]{1,320}@[^\s<>]{1,255})>?/i;
const COMMAND = /\b(?:>>>|sent|after|in reply to)\s{0,3}(RCPT|MAIL|DATA|EHLO|HELO|end of data)\b/i;

/** A failure's status and reply code only: a "250 2.1.0 Ok" in a transcript is no reason for a bounce. */
function failureStatus(text: string): string | undefined {
  const status = findStatus(text);
  return status && status[0] !== "2" ? status : undefined;
}

function failureReplyCode(text: string): number | undefined {
  const code = findReplyCode(text);
  return code !== null && code >= 400 ? code : undefined;
}

function wordsOf(replyLines: string[], command?: string): RemoteWords | null {
  const diagnostic = foldWhitespace(replyLines.join(" ")).slice(0, MAX_REPLY_CHARS);
  if (!diagnostic) return null;
  const smtpCommand = command ? (/^end of data$/i.test(command) ? "DATA" : command.toUpperCase()) : undefined;
  return { diagnostic, status: failureStatus(diagnostic), replyCode: failureReplyCode(diagnostic), smtpCommand };
}

/** A quoted reply and the indented lines that continue it ("said: 550 5.1.1" / "    User unknown (in reply to ...)"). */
function quotedFrom(lines: readonly string[], index: number, first: string): string[] {
  const reply = replyFrom(lines, index, first);
  if (reply.length > 1) return reply;
  for (let next = index + 1; next < lines.length && reply.length < MAX_REPLY_LINES && /^[ \t]{2,}\S/.test(lines[next]); next++) reply.push(lines[next].trim());
  return reply;
}

/** The reply that starts at `index` and its continuation lines ("550-..." then "550 ..."). */
function replyFrom(lines: readonly string[], index: number, first: string): string[] {
  const reply = [first];
  if (!/^[245]\d\d-/.test(first.trim())) return reply;
  for (let next = index + 1; next < lines.length && reply.length < MAX_REPLY_LINES; next++) {
    const line = lines[next].trim().replace(/^<<<\s{0,3}/, "");
    if (!REPLY_LINE.test(line)) break;
    reply.push(line);
    if (/^[245]\d\d /.test(line)) break;
  }
  return reply;
}

/** The first remote reply the lines hold, in any of the quoted forms or as a bare reply line. */
export function findRemoteWords(lines: readonly string[]): RemoteWords | null {
  let command: string | undefined;
  for (let index = 0; index < lines.length && index < 400; index++) {
    const line = lines[index];
    command = COMMAND.exec(line)?.[1] ?? command;
    for (const pattern of QUOTED_REPLY) {
      const quoted = pattern.exec(line)?.[1];
      if (quoted && (failureReplyCode(quoted) !== undefined || failureStatus(quoted) !== undefined)) return wordsOf(quotedFrom(lines, index, quoted), command);
    }
    if ((REPLY_LINE.test(line) && failureStatus(line) !== undefined) || STATUS_LINE.test(line)) return wordsOf(replyFrom(lines, index, line.trim()), command);
  }
  return null;
}

/** SMTP transcripts: each "RCPT TO:<x>" followed (within a few lines) by a 4xx/5xx reply. */
export function transcriptReplies(lines: readonly string[]): Map<string, RemoteWords> {
  const replies = new Map<string, RemoteWords>();
  for (let index = 0; index < lines.length && index < 400 && replies.size < 100; index++) {
    const rcpt = RCPT.exec(lines[index]);
    const address = rcpt ? findAddress(rcpt[1]) : null;
    if (!address || replies.has(address)) continue;
    for (let next = index + 1; next <= index + 3 && next < lines.length; next++) {
      const reply = lines[next].replace(/^.{0,80}?(?:<--|<<<|received\s{0,3}>>>|response:)\s{0,3}/i, "");
      const code = /^\s{0,8}([45]\d\d)(?:[ -]|$)/.exec(reply);
      if (!code) continue;
      const words = wordsOf(replyFrom(lines, next, reply.trim()), "RCPT");
      if (words) replies.set(address, words);
      break;
    }
  }
  return replies;
}
