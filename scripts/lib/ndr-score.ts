/**
 * Scores the parser against the corpus's expected values (a reference parser's
 * output), honouring each file's `checks`. Where we are sure the reference is wrong,
 * test/ndr/corpus-corrections.ts says so with the reason, and the corrected value counts.
 */
import type { Bounce } from "../../src/ndr/bounce";
import { corrections } from "../../test/ndr/corpus-corrections";
import { statedSendingIps } from "../../test/ndr/corpus-sending-ips";
import type { CorpusEntry, ExpectedRecipient } from "./corpus";

export interface Tally {
  hit: number;
  total: number;
}

export interface Score {
  bounce: Tally; // messages: isBounce agrees
  recall: Tally; // expected addresses found
  precision: Tally; // our addresses that are expected
  status: Tally; // messages: every checked status agrees
  replyCode: Tally;
  diagnostic: Tally; // messages: a diagnostic wherever the reference has one
  senderDomain: Tally;
  sendingIp: Tally; // messages whose sending IP is stated (test/ndr/corpus-sending-ips.ts): found
}

export interface Mismatch {
  file: string;
  field: keyof Score;
  expected: unknown;
  actual: unknown;
}

export const emptyScore = (): Score => ({
  bounce: { hit: 0, total: 0 },
  recall: { hit: 0, total: 0 },
  precision: { hit: 0, total: 0 },
  status: { hit: 0, total: 0 },
  replyCode: { hit: 0, total: 0 },
  diagnostic: { hit: 0, total: 0 },
  senderDomain: { hit: 0, total: 0 },
  sendingIp: { hit: 0, total: 0 },
});

/** Sisimai-internal codes (x.0.9xx) are not stated by the message: the right answer is null. */
function acceptableStatuses(entry: CorpusEntry, expected: ExpectedRecipient, index: number): (string | null)[] {
  const accepted = [expected.status_pseudo ? null : expected.deliverystatus];
  const v5 = entry.expected.sisimai_v5_spec?.records?.[index]?.status;
  if (v5 !== undefined && !/^\d\.0\.9\d\d$/.test(v5 ?? "")) accepted.push(v5);
  return accepted;
}

const baseName = (file: string) => file.replace(/^newline-variants\/(?:dos|mac)-/, "");

function correctedValue(file: string, field: string, address: string | null, fallback: unknown): unknown {
  const base = baseName(file);
  const fix = corrections.find((c) => c.file === base && c.field === field && (c.recipient === undefined || c.recipient === address));
  return fix ? fix.value : fallback;
}

function add(tally: Tally, ok: boolean): void {
  tally.total++;
  if (ok) tally.hit++;
}

/** The reference's recipients, with addresses we know it got wrong put right. */
function expectedRecipients(entry: CorpusEntry): ExpectedRecipient[] {
  return entry.expected.recipients.map((r) => ({ ...r, recipient: correctedValue(entry.file, "address", r.recipient, r.recipient) as string | null }));
}

export function scoreOne(entry: CorpusEntry, bounce: Bounce | null, score: Score, mismatches: Mismatch[]): void {
  const { file } = entry;
  const expected = { ...entry.expected, recipients: expectedRecipients(entry) };
  const checks = expected.checks;
  const miss = (field: keyof Score, want: unknown, got: unknown) => mismatches.push({ file, field, expected: want, actual: got });
  const isBounce = correctedValue(file, "isBounce", null, expected.isBounce);
  if (checks.isBounce && isBounce !== null) {
    const ok = (bounce?.isBounce ?? false) === isBounce;
    add(score.bounce, ok);
    if (!ok) miss("bounce", isBounce, bounce?.isBounce ?? "error");
  }
  if (isBounce !== true) return;
  const statedIp = statedSendingIps.find((stated) => stated.file === baseName(file))?.ip;
  if (statedIp) {
    add(score.sendingIp, bounce?.sendingIp === statedIp);
    if (bounce?.sendingIp !== statedIp) miss("sendingIp", statedIp, bounce?.sendingIp ?? null);
  }
  const ours = bounce?.recipients ?? [];
  // Pair each expected recipient with ours: by address, or by position when unknown.
  const pairs = expected.recipients.map((want, index) => {
    const got = want.recipient ? ours.find((r) => r.address === want.recipient) : ours[index];
    return { want, index, got };
  });
  if (checks.addresses) {
    const wanted = new Set(expected.recipients.map((r) => r.recipient).filter((a): a is string => a !== null));
    const found = new Set(ours.map((r) => r.address).filter((a): a is string => a !== null));
    for (const address of wanted) {
      add(score.recall, found.has(address));
      if (!found.has(address)) miss("recall", address, [...found]);
    }
    for (const address of found) {
      add(score.precision, wanted.has(address));
      if (!wanted.has(address)) miss("precision", [...wanted], address);
    }
  }
  if (checks.status && pairs.length > 0) {
    const bad = pairs.filter(({ want, index, got }) => {
      const accepted = correctedValue(file, "status", want.recipient, acceptableStatuses(entry, want, index));
      return !(accepted as (string | null)[]).includes(got?.status ?? null);
    });
    add(score.status, bad.length === 0);
    for (const { want, index, got } of bad) miss("status", acceptableStatuses(entry, want, index), got?.status ?? null);
  }
  if (checks.replyCode && pairs.length > 0) {
    const bad = pairs.filter(({ want, got }) => correctedValue(file, "replyCode", want.recipient, want.replycode) !== (got?.replyCode ?? null));
    add(score.replyCode, bad.length === 0);
    for (const { want, got } of bad) miss("replyCode", want.replycode, got?.replyCode ?? null);
  }
  if (checks.diagnostic && pairs.some(({ want }) => want.diagnosticcode)) {
    const bad = pairs.filter(({ want, got }) => want.diagnosticcode && !got?.diagnostic);
    add(score.diagnostic, bad.length === 0);
    for (const { want } of bad) miss("diagnostic", want.diagnosticcode, null);
  }
  if (checks.senderDomain) {
    const want = correctedValue(file, "senderDomain", null, expected.senderDomain);
    const ok = (bounce?.senderDomain ?? null) === want;
    add(score.senderDomain, ok);
    if (!ok) miss("senderDomain", want, bounce?.senderDomain ?? null);
  }
}

export const percent = (t: Tally) => (t.total === 0 ? 100 : (100 * t.hit) / t.total);
