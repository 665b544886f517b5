/**
 * Sendmail's "Transcript of session follows" (both the V8 and the older V5 layout):
 *
 *   ... while talking to mx.example.com.:
 *   >>> RCPT To:<bob@example.com>
 *   <<< 550 5.1.1 <bob@example.com>... User unknown
 *   550 5.1.1 <bob@example.com>... User unknown
 *   554 example.org (smtp)... 550 Host unknown
 *
 * ">>>" is what we sent, "<<<" what the remote server answered (its own words),
 * "address... text" what Sendmail concluded about a recipient.
 */
import type { RecipientFinding } from "./formats/format";
import { findAddress, findReplyCode, findStatus, normalizeAddress } from "./text";

interface Session {
  host: string | null;
  command: string | null;
  recipient: string | null;
  replies: string[];
}

interface TranscriptLine {
  /** The recipient the line is about, or null for a domain line ("example.org (smtp)... text"). */
  address: string | null;
  domain: string | null;
  text: string;
  /** The reply code Sendmail put before the line, when there is one. */
  code: number | null;
  session: Session | null;
}

const TALKING = /^(?:\.\.\. )?while talking to ([A-Za-z0-9[][A-Za-z0-9.:[\]-]{0,252}?)\.?:\s{0,3}$/i;
const SENT = /^>>>\s{0,3}(.{1,2000})/;
const RECEIVED = /^<<<\s{0,3}(.{1,4000})/;
/** "[554 ]<bob@example.com>... text" or "bob... Deferred: ...". */
const ABOUT_RECIPIENT = /^(?:([245]\d\d)\s{1,3}(?:[245]\.\d{1,3}\.\d{1,3}\s{1,3})?)?<?([^\s<>]{1,320})>?\.\.\.\s{0,3}(.{0,4000})/;
/** "550 example.org (smtp)... 550 Host unknown". */
const ABOUT_DOMAIN = /^(?:[245]\d\d\s{1,3})?([A-Za-z0-9][A-Za-z0-9.-]{0,252}) \((?:smtp|esmtp|tcp)\)\.\.\.\s{0,3}(.{0,4000})/i;

const COMMANDS = ["RCPT", "MAIL", "DATA", "EHLO", "HELO", "QUIT", "RSET", "STARTTLS", "AUTH"];

export interface Transcript {
  sessions: Session[];
  about: TranscriptLine[];
  /** Indexes, so that 10,000 recipients are matched in linear time. */
  sessionOf: Map<string, Session>;
  aboutOf: Map<string, TranscriptLine>;
  /** The first session that failed before any recipient was named (MAIL FROM, DATA, greeting). */
  anonymous: Session | null;
}

/** Reads the transcript lines (everything after the "Transcript of session follows" marker). */
export function readTranscript(lines: readonly string[]): Transcript {
  const sessions: Session[] = [];
  const about: TranscriptLine[] = [];
  let session: Session | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const talking = TALKING.exec(line);
    if (talking) {
      session = { host: talking[1].replace(/^\[|\]$/g, "").toLowerCase(), command: null, recipient: null, replies: [] };
      sessions.push(session);
      continue;
    }
    const sent = SENT.exec(line);
    if (sent && session) {
      const word = sent[1].split(/[\s:]/, 1)[0].toUpperCase();
      session.command = COMMANDS.includes(word) ? word : session.command;
      if (word === "RCPT") session.recipient = findAddress(sent[1]);
      continue;
    }
    const received = RECEIVED.exec(line);
    if (received && session) {
      session.replies.push(received[1].trim());
      continue;
    }
    const domain = ABOUT_DOMAIN.exec(line);
    if (domain) {
      about.push({ address: null, domain: domain[1].toLowerCase(), text: domain[2].trim(), code: null, session });
      continue;
    }
    const recipient = ABOUT_RECIPIENT.exec(line);
    if (recipient) {
      const target = recipient[2].includes("@") ? normalizeAddress(recipient[2]) : recipient[2];
      about.push({ address: target, domain: null, text: recipient[3].trim(), code: recipient[1] ? Number(recipient[1]) : null, session });
    }
  }
  const sessionOf = new Map<string, Session>();
  for (const s of sessions) if (s.recipient && !sessionOf.has(s.recipient)) sessionOf.set(s.recipient, s);
  const aboutOf = new Map<string, TranscriptLine>();
  for (const line of about) if (line.address && !aboutOf.has(line.address)) aboutOf.set(line.address, line);
  const anonymous = sessions.find((s) => s.replies.length > 0 && s.recipient === null) ?? null;
  return { sessions, about, sessionOf, aboutOf, anonymous };
}

/** What the transcript says about one recipient: the remote server's replies, where it was talking. */
export function transcriptFinding(address: string, transcript: Transcript, onlyRecipient: boolean): RecipientFinding | null {
  const line = transcript.aboutOf.get(address) ?? transcript.aboutOf.get(address.split("@")[0]);
  const session = transcript.sessionOf.get(address) ?? line?.session ?? (onlyRecipient ? transcript.anonymous : null) ?? null;
  const replies = session?.replies.filter((reply) => /^[45]/.test(reply)) ?? [];
  if (!line && replies.length === 0) return null;
  const concluded = line?.text ?? "";
  // "554 <bob@example.org>... 550 Host unknown" quotes its own reply: the session's replies were someone else's.
  const said = findReplyCode(concluded) === null ? replies.join(" ") : "";
  const diagnostic = said && !concluded.includes(said) ? (concluded && !findReplyCode(concluded) ? `${concluded}: ${said}` : said) : concluded;
  const reply = said || concluded;
  return {
    address,
    diagnostic: diagnostic || undefined,
    replyCode: findReplyCode(reply) ?? line?.code ?? undefined,
    status: findStatus(reply) ?? undefined,
    remoteMta: session?.host ?? undefined,
    smtpCommand: session?.command ?? undefined,
  };
}
