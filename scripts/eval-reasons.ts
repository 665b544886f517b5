/**
 * How well the reason classifier agrees with the corpus (Sisimai's reason per recipient).
 *
 *   npx tsx scripts/eval-reasons.ts [--verbose]
 *
 * Each corpus bounce is parsed with parseBounce when src/ndr is available; otherwise
 * (or when the parser finds no recipients) a Bounce is built from the expected.json's
 * own fields (status, reply code, diagnostic text, hosts). Recipients whose corpus
 * reason is "undefined" are not scored.
 *
 * The mapping from Sisimai's reasons to ours is documented in scripts/sisimai-reasons.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { FORMATS, type FormatName } from "../src/ndr/formats";
import type { BounceRecipient } from "../src/ndr/types";
import type { Bounce } from "../src/ndr/bounce";
import { classifyReason } from "../src/guidance/reason";
import { detectScope } from "../src/guidance/scope";
import { skipWithoutCorpus } from "./lib/corpus";
import { corpusDir } from "./lib/paths";
import { SISIMAI_TO_REASONS } from "./sisimai-reasons";

const verbose = process.argv.includes("--verbose");


interface ExpectedRecipient {
  recipient: string | null;
  deliverystatus: string | null;
  replycode: number | null;
  reason: string;
  diagnosticcode: string | null;
  lhost: string | null;
  rhost: string | null;
  smtpagent: string | null;
  smtpcommand: string | null;
  action: string | null;
  status_pseudo: boolean;
}

type Parse = (source: Uint8Array) => Promise<Bounce>;

async function loadParser(): Promise<Parse | null> {
  const modulePath = "../src/ndr/index";
  try {
    const mod = (await import(modulePath)) as { parseBounce?: Parse };
    return mod.parseBounce ?? null;
  } catch {
    return null;
  }
}

/** Sisimai's agent names (smtpagent) that are not ours spelled otherwise: its Office365 and GSuite modules read what ours call these. */
const SISIMAI_AGENTS: Record<string, FormatName> = { office365: "exchange-online", gsuite: "gmail", einsundeins: "1and1" };
const squeeze = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
const OUR_FORMATS = new Map<string, FormatName>(FORMATS.map((module) => [squeeze(module.name), module.name]));

/** Our name for the family Sisimai's smtpagent names ("AmazonSES" is our "amazon-ses"), or null when we have none. */
function formatOf(agent: string | null): FormatName | null {
  const name = squeeze(agent ?? "");
  return SISIMAI_AGENTS[name] ?? OUR_FORMATS.get(name) ?? null;
}

/** A Bounce built from the corpus's own fields, for when the parser is not available. */
function bounceFromExpected(r: ExpectedRecipient): { bounce: Bounce; recipient: BounceRecipient } {
  const recipient: BounceRecipient = {
    address: r.recipient,
    domain: r.recipient?.split("@")[1] ?? null,
    action: r.action === "delayed" ? "delayed" : "failed",
    status: r.status_pseudo ? null : r.deliverystatus,
    replyCode: r.replycode,
    diagnostic: r.diagnosticcode,
    remoteMta: r.rhost,
    smtpCommand: r.smtpcommand,
  };
  const bounce: Bounce = {
    isBounce: true,
    kind: "bounce",
    format: formatOf(r.smtpagent),
    reportingMta: r.lhost,
    arrivalDate: null,
    originalSender: null,
    senderDomain: null,
    sendingIp: null,
    originalMessageId: null,
    originalSubject: null,
    recipients: [recipient],
  };
  return { bounce, recipient };
}

function pick(bounce: Bounce, address: string | null, index: number): BounceRecipient | null {
  return (address && bounce.recipients.find((r) => r.address === address)) || bounce.recipients[index] || null;
}

async function main(): Promise<void> {
  skipWithoutCorpus("scripts/eval-reasons.ts");
  const parse = await loadParser();
  const files = readdirSync(corpusDir).filter((f) => f.endsWith(".expected.json")).sort();
  let scored = 0;
  let agreed = 0;
  let viaParser = 0;
  const disagreements = new Map<string, { count: number; examples: string[] }>();
  const perReason = new Map<string, { scored: number; agreed: number }>();

  for (const file of files) {
    const expected = JSON.parse(readFileSync(path.join(corpusDir, file), "utf8")) as { recipients: ExpectedRecipient[] };
    if (!expected.recipients.length) continue;
    let parsed: Bounce | null = null;
    if (parse) {
      try {
        parsed = await parse(new Uint8Array(readFileSync(path.join(corpusDir, file.replace(".expected.json", ".eml")))));
      } catch {
        parsed = null;
      }
    }
    expected.recipients.forEach((exp, index) => {
      if (exp.reason === "undefined") return;
      const acceptable = SISIMAI_TO_REASONS[exp.reason];
      if (!acceptable) return;
      let bounce: Bounce;
      let recipient: BounceRecipient | null = parsed ? pick(parsed, exp.recipient, index) : null;
      if (parsed && recipient) {
        bounce = parsed;
        viaParser++;
      } else {
        ({ bounce, recipient } = bounceFromExpected(exp));
      }
      const scope = detectScope(bounce, recipient);
      const got = classifyReason({ status: recipient.status, replyCode: recipient.replyCode, diagnostic: recipient.diagnostic, smtpCommand: recipient.smtpCommand, format: bounce.format, scope });
      scored++;
      const stats = perReason.get(exp.reason) ?? { scored: 0, agreed: 0 };
      stats.scored++;
      if (acceptable.includes(got)) {
        agreed++;
        stats.agreed++;
      } else {
        const key = `${exp.reason} -> ${got}`;
        const entry = disagreements.get(key) ?? { count: 0, examples: [] };
        entry.count++;
        if (entry.examples.length < 3) {
          entry.examples.push(`${file.replace(".expected.json", "")}: ${recipient.status ?? "-"} ${(recipient.diagnostic ?? "").slice(0, verbose ? 300 : 110)}`);
        }
        disagreements.set(key, entry);
      }
      perReason.set(exp.reason, stats);
    });
  }

  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : "n/a");
  console.log(`reason agreement: ${agreed}/${scored} = ${pct(agreed, scored)}% (corpus reason not "undefined")`);
  console.log(`recipients taken from parseBounce: ${viaParser}; from expected.json fields: ${scored - viaParser}`);
  console.log("\nper corpus reason:");
  for (const [reason, s] of [...perReason].sort((a, b) => b[1].scored - a[1].scored)) {
    console.log(`  ${reason.padEnd(16)} ${String(s.agreed).padStart(4)}/${String(s.scored).padEnd(4)} ${pct(s.agreed, s.scored)}%`);
  }
  console.log("\nmain disagreements (corpus -> ours):");
  for (const [key, d] of [...disagreements].sort((a, b) => b[1].count - a[1].count).slice(0, verbose ? 100 : 12)) {
    console.log(`  ${String(d.count).padStart(3)}  ${key}`);
    if (verbose) for (const example of d.examples) console.log(`         ${example}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
