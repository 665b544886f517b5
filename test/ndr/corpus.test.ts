/**
 * The parser against every message of ../shared/corpus/ndr (newline variants included),
 * scored like `npm run eval`, with the product's targets as the bar. Skipped, saying so,
 * where the corpus is absent.
 */
import fs from "node:fs";
import { parseBounce } from "../../src/ndr";
import { readMessage } from "../../src/ndr/message";
import type { Bounce } from "../../src/ndr/bounce";
import { loadCorpus } from "../../scripts/lib/corpus";
import { testWholeCorpus } from "../support/shared-data";
import { type Mismatch, emptyScore, percent, scoreOne } from "../../scripts/lib/ndr-score";

const corpus = loadCorpus();
const score = emptyScore();
const mismatches: Mismatch[] = [];
const results = new Map<string, Bounce>();

beforeAll(async () => {
  for (const entry of corpus) {
    const bounce = await parseBounce(new Uint8Array(fs.readFileSync(entry.path)));
    results.set(entry.file, bounce);
    scoreOne(entry, bounce, score, mismatches);
  }
});

const show = (field: string) =>
  mismatches
    .filter((m) => m.field === field)
    .slice(0, 10)
    .map((m) => `${m.file}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`)
    .join("\n");

testWholeCorpus("the corpus is there", () => {
  expect(corpus.length).toBeGreaterThan(500);
});

testWholeCorpus.each([
  ["bounce", 98],
  ["recall", 98],
  ["precision", 98],
  ["status", 97],
  ["replyCode", 97],
  ["diagnostic", 97],
  ["senderDomain", 95],
] as const)("%s agrees with the reference on at least %d%% of messages", (field, target) => {
  const value = percent(score[field]);
  if (value < target) throw new Error(`${field}: ${value.toFixed(1)}% < ${target}%\n${show(field)}`);
});

testWholeCorpus("every message parses without throwing and states no invented status", async () => {
  for (const [file, bounce] of results) {
    const bytes = fs.readFileSync(corpus.find((e) => e.file === file)!.path);
    const message = await readMessage(new Uint8Array(bytes));
    // The raw bytes and the decoded text (base64 and quoted-printable bodies hide codes).
    const returned = [...message.attachedMessages.map((part) => Buffer.from(part).toString("utf8")), ...(message.original?.headers.fields.map((field) => field.value) ?? [])];
    const raw = [bytes.toString("latin1"), message.text, message.deliveryStatusText, ...returned].join("\n");
    for (const recipient of bounce.recipients) {
      if (recipient.status === null) continue;
      // A status we report must appear in the message (codes may be zero-padded there).
      const [cls, subject, detail] = recipient.status.split(".");
      const stated = new RegExp(`${cls}\\.0*${subject}\\.0*${detail}(?!\\d)`).test(raw);
      if (!stated) throw new Error(`${file}: status ${recipient.status} is not in the message`);
    }
  }
});

testWholeCorpus("CRLF and CR-only copies give the same result as the LF original", () => {
  const variants = corpus.filter((e) => e.file.startsWith("newline-variants/"));
  expect(variants.length).toBeGreaterThan(100);
  for (const variant of variants) {
    const original = variant.file.replace(/^newline-variants\/(?:dos|mac)-/, "");
    const base = results.get(original);
    if (!base) continue; // the variant's original is not in the training set
    expect({ file: variant.file, ...results.get(variant.file) }).toEqual({ file: variant.file, ...base });
  }
});
