/** Every correction of the reference's expected values must be backed by the message itself. */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../src/ndr";
import { corpusDir } from "../../scripts/lib/paths";
import { corrections } from "./corpus-corrections";

test("corrections are few and documented", () => {
  expect(corrections.length).toBeLessThan(40);
  for (const correction of corrections) expect(correction.reason.length).toBeGreaterThan(20);
});

for (const correction of corrections) test(`${correction.file}: ${correction.field}`, async () => {
  const { file, field } = correction;
  const raw = fs.readFileSync(path.join(corpusDir, file));
  expect(raw.toString("latin1")).toContain(correction.evidence);
  const expected = JSON.parse(fs.readFileSync(path.join(corpusDir, file.replace(/\.eml$/, ".expected.json")), "utf8"));
  const bounce = await parseBounce(new Uint8Array(raw));
  const recipients = bounce.recipients.filter((r) => correction.recipient === undefined || r.address === correction.recipient);
  const ours =
    field === "isBounce" ? bounce.isBounce : field === "senderDomain" ? bounce.senderDomain : recipients.map((r) => (field === "status" ? r.status : r.replyCode));
  const reference =
    field === "isBounce" ? expected.isBounce : field === "senderDomain" ? expected.senderDomain : expected.recipients.filter((r: { recipient: string }) => correction.recipient === undefined || r.recipient === correction.recipient).map((r: { deliverystatus: string; replycode: number }) => (field === "status" ? r.deliverystatus : r.replycode));
  // We give the corrected value, and it differs from the reference's.
  if (field === "status") for (const status of ours as (string | null)[]) expect(correction.value as (string | null)[]).toContain(status);
  else if (field === "replyCode") for (const code of ours as (number | null)[]) expect(code).toEqual(correction.value);
  else expect(ours).toEqual(correction.value);
  expect(reference).not.toEqual(field === "status" || field === "replyCode" ? ours : correction.value);
});
