/**
 * Outside collections (test/fixtures/collections, each with its outside labels and
 * licence): every message is read as labelled, except the misses counted below for
 * the collections not yet read in full (their reasons are in each collection's README;
 * `npm run eval:collections -- --failures` lists them). The counts only rise.
 */
import fs from "node:fs";
import path from "node:path";
import { collectionDirs, evaluateCollection } from "../../scripts/eval-collections";
import { parseBounce } from "../../src/ndr";

const dirs = collectionDirs();
const root = path.join(__dirname, "../fixtures/collections");
/** One message of a collection, parsed: `file` is "collection/name". */
const parseFixture = (file: string) => parseBounce(new Uint8Array(fs.readFileSync(path.join(root, file))));

/** Hits measured when the collection was committed: detection, recall, precision. */
const floors: Record<string, { detection: number; recall: number; precision: number }> = {
  bounceparser: { detection: 125, recall: 42, precision: 42 },
  "flufl-bounce": { detection: 114, recall: 127, precision: 137 },
};

test("at least one outside collection is committed", () => {
  expect(dirs.length).toBeGreaterThan(0);
});

test.each(dirs.map((dir) => [path.basename(dir), dir]))("%s is read as labelled", async (name, dir) => {
  const score = await evaluateCollection(dir, { sisimai: false });
  const floor = floors[name];
  if (!floor) {
    expect(score.failures).toEqual([]);
    expect(score.detection.hit).toBe(score.messages);
    return;
  }
  expect(score.detection.hit).toBeGreaterThanOrEqual(floor.detection);
  expect(score.recall.hit).toBeGreaterThanOrEqual(floor.recall);
  expect(score.precision.hit).toBeGreaterThanOrEqual(floor.precision);
  expect(score.status.hit).toBe(score.status.total);
});

/** Outside messages the general path reads by one sign each: file, the failed recipient, what makes it a bounce. */
const GENERAL_READS: [string, string, string][] = [
  ["flufl-bounce/simple_13.txt", "userx@example.fr", "no From at all: the Return-Path is MAILER-DAEMON's"],
  ["flufl-bounce/simple_02.txt", "userx@example.net", "'The following mail has been returned'"],
  ["flufl-bounce/simple_35.txt", "calvin@example.com", "subject 'Mail Delivery Warning'"],
  ["flufl-bounce/llnl_01.txt", "user1@example.gov", "subject 'FAILED MAIL to ...'"],
  ["flufl-bounce/yahoo_12.txt", "user@yahoo.com", "the report quotes the returned message's one To line"],
];

/** Outside messages that showed a general weakness: file, what the parser must name (null: a bounce naming no one), why. */
const GENERAL_RULES: [string, string | null, string][] = [
  ["flufl-bounce/dsn_01.txt", "userx@example.com", "the Final-Recipient is Messaging Server's delivery channel (userx@sims-ms-daemon): the Original-Recipient is named"],
  ["flufl-bounce/simple_38.txt", "userx@example.com", "Dovecot refused it with an MDN whose disposition is 'deleted': a non-delivery, not a read receipt"],
  ["bounceparser/warning-5.msg", "a@b.c", "From '<>' and 'not a valid user': a mail system's refusal, though marked auto-replied"],
  ["flufl-bounce/microsoft_03.txt", "userx@example.com", "no daemon sender nor null Return-Path, but a '--- Non-Delivery Report ---' banner over the report"],
  ["flufl-bounce/simple_22.txt", "user@example.org", "sent by a mail filter (Symantec_AntiVirus_for_SMTP_Gateways@...)"],
];

test.each([...GENERAL_READS, ...GENERAL_RULES])("%s names %s (%s)", async (file, address) => {
  const bounce = await parseFixture(file);
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients.map((r) => r.address)).toEqual([address]);
});

/**
 * Labels changed from the outside project's (each collection's README; the script's
 * overrides): what the corrected label names (null: no recipient), why, and that the
 * parser reads the message so.
 */
const CORRECTED: [string, string | null, string][] = [
  ["bounceparser/postfix-orig.msg", "final@dest.example.com", "the Final-Recipient, not the Original-Recipient BounceParser names by default"],
  ["flufl-bounce/dsn_04.txt", "haasm@yogi.urz.example.ch", "PMDF's Final-recipient, whose quota was exceeded, not the Original-recipient"],
  ["flufl-bounce/dsn_17.txt", "xxx@example.fi", "the alias's target, not the address Postfix expanded it from"],
  ["flufl-bounce/sendmail_01.txt", "zzzzz@shaft.coal.nl", "the address that failed, not the one Sendmail expanded it from"],
  ["bounceparser/boxbe-cr.msg", "bloggs.fred@googlemail.com", "a challenge-response DSN, Action: failed: the message did not reach the recipient"],
  ["bounceparser/whitelist.msg", "john.smith@example.com", "a Postfix bounce of a 550 asking for a challenge-response confirmation"],
  ["bounceparser/aol-senderblock.msg", null, "AOL names only a screen name; @aol.com is not in the message"],
  ["bounceparser/aol.attachment.msg", null, "AOL names only a screen name"],
  ["flufl-bounce/aol_01.txt", null, "AOL names only a screen name; 'not accepting mail from <x>' names the sender"],
  ["flufl-bounce/yale_01.txt", null, "Yale names only 'userx'; the addresses of its advice ('e.g., if x fails, try y') are examples"],
];

test.each(CORRECTED)("%s: the corrected label names %s (%s), says why, and is what the parser reads", async (file, address) => {
  const [collection, name] = file.split("/");
  const labels = JSON.parse(fs.readFileSync(path.join(root, collection, "expected.json"), "utf8")) as { messages: Record<string, { isBounce: boolean; note?: string; recipients?: { address: string }[] }> };
  const label = labels.messages[name];
  expect(label.isBounce).toBe(true);
  expect(label.note?.length).toBeGreaterThan(20);
  expect(label.recipients?.map((r) => r.address.toLowerCase())).toEqual(address === null ? [] : [address]);
  const bounce = await parseFixture(file);
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients.map((r) => r.address)).toEqual([address]);
});

test.each([
  ["flufl-bounce/dsn_02.txt", "zzzzz@example.uk"],
  ["flufl-bounce/dsn_09.txt", "userx@example.com"],
])("%s: an X.400 Final-Recipient names no mailbox, so the Original-Recipient %s is named", async (file, address) => {
  const bounce = await parseFixture(file);
  expect(bounce.recipients.map((r) => r.address)).toEqual([address]);
});

test.each([
  ["flufl-bounce/simple_43.txt", "sent by ndr@; its returned list post's To is the list"],
  ["flufl-bounce/dumbass_01.txt", "its returned list post's To is the list"],
])("%s is a bounce that names no recipient (%s)", async (file) => {
  const bounce = await parseFixture(file);
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients.map((r) => r.address)).toEqual([null]);
});

test.each([
  ["bounceparser/aol-senderblock.msg", "not accepting mail with attachments or embedded images: mykewlaolacct"],
  ["flufl-bounce/yale_01.txt", "Message not delivered to the following: userx No matches to nameserver query"],
])("%s names no mailbox, so its failure sentence is the diagnostic (%s)", async (file, said) => {
  const bounce = await parseFixture(file);
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: null, status: null })]);
  expect(bounce.recipients[0].diagnostic).toContain(said);
});
