/** Every correction of the reference's expected values must be backed by the message itself. */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../src/ndr";
import type { Bounce } from "../../src/ndr/bounce";
import type { Expected } from "../../scripts/lib/corpus";
import { corpusDir } from "../support/shared-data";
import { type Correction, corrections } from "./corpus-corrections";

/** The value of the corrected field, as we give it and as the reference gives it. */
function sides(correction: Correction, bounce: Bounce, expected: Expected): { ours: unknown[]; reference: unknown[] } {
  const mine = (address: string | null | undefined) => correction.recipient === undefined || address === correction.recipient;
  switch (correction.field) {
    case "isBounce":
      return { ours: [bounce.isBounce], reference: [expected.isBounce] };
    case "senderDomain":
      return { ours: [bounce.senderDomain], reference: [expected.senderDomain] };
    case "address":
      return { ours: bounce.recipients.map((r) => r.address), reference: expected.recipients.map((r) => r.recipient) };
    case "status":
      return { ours: bounce.recipients.filter((r) => mine(r.address)).map((r) => r.status), reference: expected.recipients.filter((r) => mine(r.recipient)).map((r) => r.deliverystatus) };
    case "replyCode":
      return { ours: bounce.recipients.filter((r) => mine(r.address)).map((r) => r.replyCode), reference: expected.recipients.filter((r) => mine(r.recipient)).map((r) => r.replycode) };
  }
}

/** The values the correction accepts: a list for statuses, one value otherwise. */
const accepted = (correction: Correction): unknown[] => (Array.isArray(correction.value) ? correction.value : [correction.value]);

test("corrections are few and documented", () => {
  expect(corrections.length).toBeLessThan(40);
  for (const correction of corrections) expect(correction.reason.length).toBeGreaterThan(20);
});

for (const correction of corrections) {
  test(`${correction.file}: ${correction.field}`, async () => {
    const raw = fs.readFileSync(path.join(corpusDir, correction.file));
    expect(raw.toString("latin1")).toContain(correction.evidence);
    const expected = JSON.parse(fs.readFileSync(path.join(corpusDir, correction.file.replace(/\.eml$/, ".expected.json")), "utf8")) as Expected;
    const { ours, reference } = sides(correction, await parseBounce(new Uint8Array(raw)), expected);
    // We give the corrected value; the reference does not.
    expect(ours.length).toBeGreaterThan(0);
    if (correction.field === "address") {
      expect(ours).toContain(correction.value);
      expect(reference).toContain(correction.recipient);
      expect(reference).not.toContain(correction.value);
    } else {
      for (const value of ours) expect(accepted(correction)).toContain(value);
      expect(reference.every((value) => accepted(correction).includes(value))).toBe(false);
    }
  });
}
