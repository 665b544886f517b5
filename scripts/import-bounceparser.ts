/**
 * tsx scripts/import-bounceparser.ts SOURCE_DIR
 * Builds test/fixtures/collections/bounceparser/ from the test corpus of Perl's
 * Mail::DeliveryStatus::BounceParser (Debian source package
 * libmail-deliverystatus-bounceparser-perl: `apt-get source --download-only` and unpack
 * the orig tarball; SOURCE_DIR is the folder holding t/). Needs the module installed
 * (Debian's binary package of the same name): its tests run.
 *
 * The labels are the project's own. Most tests call t/TestBounceParser.pm's
 * check_report(file, is_bounce => ..., addresses => [...], status => ...); the script
 * runs every t/*.t in a scratch copy whose check_report first prints its expectations,
 * so nothing is transcribed by hand. Two tests assert without check_report; their
 * assertions are copied in ASSERTED below, citing the line. A message whose test gives
 * no address keeps no recipient list: who failed is not scored there.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./lib/paths";

interface Expectation {
  is_bounce?: number | string;
  addresses?: string[];
  status?: string;
}

/** Assertions of t/postfix.t and t/warnings.t, which read their files without check_report. */
const ASSERTED: Record<string, Expectation> = {
  "postfix.msg": { is_bounce: 1, addresses: ["bounce@dest.example.com"] }, // postfix.t: ok(is_bounce), is_deeply(addresses)
  "postfix-orig.msg": { addresses: ["original@dest.example.com"] }, // postfix.t: default addresses (is_bounce not asserted)
  "warning-1.msg": { is_bounce: 1 }, // warnings.t line 18
  "warning-2.msg": { is_bounce: 1 }, // line 31
  "warning-3.msg": { is_bounce: 1 }, // line 43
  "warning-4.msg": { is_bounce: 1 }, // line 55
  "warning-5.msg": { is_bounce: 1 }, // line 67
  "warning-6.msg": { is_bounce: 0 }, // line 79: an out-of-office reply
  "warning-7.msg": { is_bounce: 1 }, // line 85
  "warning-8.msg": { is_bounce: 0 }, // line 99: "not a bounce - transient nonfatal error"
  "warning-9.msg": { is_bounce: 1 }, // line 105: at least one address found (a bounce)
};

/**
 * Where this collection's definition differs from ours, or its test records the module's
 * behaviour rather than what the message says, the label is changed and says why.
 * BounceParser calls a delay warning "not a bounce"; the pane (and flufl.bounce's labels)
 * read it as a bounce whose recipient is delayed. A recipient list given here replaces
 * the test's; an empty one says the message names no failed address.
 */
const OVERRIDES: Record<string, { isBounce: boolean; note: string; recipients?: { address: string }[] }> = {
  "warning-8.msg": { isBounce: true, note: "a delay warning (Delayed Mail, still being retried): BounceParser's test calls it not a bounce; here a delay is a bounce with a delayed recipient" },
  // Their tests assert is_bounce => 1 with no report, documenting what the module did; the tests' own comments call them spam.
  "spam-bogus-email-in-report.msg": { isBounce: false, note: "spam; its test's comment says 'a non-bounce spam message is parsed as a bounce' and asserts that behaviour" },
  "spam-with-image.msg": { isBounce: false, note: "spam with an image (bug #20751); its test asserts is_bounce => 1 with no report, the module's behaviour, not what the message is" },
  "boxbe-cr.msg": {
    isBounce: true,
    note: "a challenge-response service's DSN (Action: failed, Status: 4.7.0, 'Sender not pre-approved'; the text: the message 'has been waitlisted'): BounceParser's test calls it not a bounce; the message did not reach the recipient, as its DSN says",
    recipients: [{ address: "bloggs.fred@googlemail.com" }],
  },
  "whitelist.msg": {
    isBounce: true,
    note: "a Postfix bounce: the remote server refused the message (550 'Your server requires confirmation'), Action: failed; t/non-bounce.t lists it with the challenge-response notices as not a bounce",
    recipients: [{ address: "john.smith@example.com" }],
  },
  "postfix-orig.msg": {
    isBounce: true,
    note: "Final-Recipient final@dest.example.com, Original-Recipient original@dest.example.com: BounceParser names the original by default; the pane names the final recipient, the mailbox delivery failed for (RFC 3464 §2.3.2)",
    recipients: [{ address: "final@dest.example.com" }],
  },
  "aol-senderblock.msg": {
    isBounce: true,
    note: "AOL's notice names only the screen name 'mykewlaolacct'; the test's mykewlaolacct@aol.com adds a domain the message does not state (AOL also hosted aim.com, cs.com, netscape.net): a bounce, no recipient",
    recipients: [],
  },
  "aol.attachment.msg": {
    isBounce: true,
    note: "AOL's notice names only the screen name 'exampleuser'; the test's exampleuser@aol.com adds a domain the message does not state: a bounce, no recipient",
    recipients: [],
  },
};

/** Runs the project's tests with check_report printing its expectations first. */
function recordedExpectations(source: string): Map<string, Expectation> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bounceparser-"));
  fs.cpSync(path.join(source, "t"), path.join(scratch, "t"), { recursive: true });
  const helper = path.join(scratch, "t/TestBounceParser.pm");
  const hook = `    { require JSON::PP; print STDERR "LABEL\\t$filename\\t", JSON::PP->new->canonical->encode({%expectations}), "\\n"; }\n`;
  const text = fs.readFileSync(helper, "utf8").replace(/(sub check_report \{\n\s*my \( \$filename, %expectations \) = @_;\n)/, `$1${hook}`);
  if (!text.includes("LABEL")) throw new Error("check_report not found in t/TestBounceParser.pm");
  fs.writeFileSync(helper, text);
  const found = new Map<string, Expectation>();
  for (const test of fs.readdirSync(path.join(scratch, "t")).filter((f) => f.endsWith(".t"))) {
    const run = spawnSync("perl", ["-T", path.join("t", test)], { cwd: scratch, maxBuffer: 16 * 2 ** 20 });
    for (const line of run.stderr.toString().split("\n").filter((l) => l.startsWith("LABEL\t"))) {
      const [, file, json] = line.split("\t");
      const name = path.basename(file);
      found.set(name, { ...found.get(name), ...(JSON.parse(json) as Expectation) });
    }
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return found;
}

function main() {
  const source = process.argv[2];
  if (!source) throw new Error("usage: tsx scripts/import-bounceparser.ts SOURCE_DIR");
  const expectations = recordedExpectations(source);
  for (const [file, asserted] of Object.entries(ASSERTED)) expectations.set(file, { ...expectations.get(file), ...asserted });
  const out = path.join(repoRoot, "test/fixtures/collections/bounceparser");
  fs.mkdirSync(out, { recursive: true });
  const messages: Record<string, unknown> = {};
  for (const file of fs.readdirSync(path.join(source, "t/corpus")).sort()) {
    const expected = expectations.get(file);
    if (!expected) throw new Error(`${file}: no test labels it`);
    fs.copyFileSync(path.join(source, "t/corpus", file), path.join(out, file));
    const isBounce = expected.is_bounce === undefined ? expected.addresses !== undefined : Boolean(Number(expected.is_bounce));
    const recipients = expected.addresses?.map((address) => ({ address, ...(expected.status ? { status: expected.status } : {}) }));
    messages[file] = OVERRIDES[file] ?? { isBounce, ...(isBounce && recipients ? { recipients } : {}) };
  }
  const result = {
    collection: "bounceparser",
    source: "Mail::DeliveryStatus::BounceParser 1.543 (Debian libmail-deliverystatus-bounceparser-perl 1.543+repacked-1), t/corpus/ (bounces from many ISPs and MTAs, 2003-2014)",
    licence: "the terms of Perl itself: GPL-1+ or the Artistic License (LICENSE)",
    labelled_by: "the project's own tests (t/*.t), recorded by scripts/import-bounceparser.ts; only 41 messages have their failed addresses labelled (or none stated) and one a status, so recall and precision are scored on those alone; eight labels changed (see README and each label's note)",
    messages,
  };
  fs.writeFileSync(path.join(out, "expected.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${Object.keys(messages).length} messages -> ${path.relative(repoRoot, out)}`);
}

main();
