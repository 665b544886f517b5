/**
 * nullmailer 2.2 (Debian 12) bounces made on loopback against a scripted server
 * (test/fixtures/collections/current-mtas): its report cuts the Status to five
 * characters and leaves a multi-line reply unfolded in Diagnostic-Code.
 */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../../src/ndr";

const read = (file: string) => parseBounce(new Uint8Array(fs.readFileSync(path.join(__dirname, "../../fixtures/collections/current-mtas", file))));

test("the status is the reply's 5.7.23, not the report's cut-off 5.7.2", async () => {
  const bounce = await read("nullmailer-spf-5-7-23.eml");
  expect(bounce).toMatchObject({ isBounce: true, format: "nullmailer", sendingIp: "203.0.113.7" });
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "spfhard@example.net", status: "5.7.23", replyCode: 550 })]);
});

test("a multi-line reply left unfolded is read whole: its last line's status and IP", async () => {
  const bounce = await read("nullmailer-dmarc-multiline.eml");
  expect(bounce.sendingIp).toBe("203.0.113.8");
  expect(bounce.recipients).toHaveLength(1);
  expect(bounce.recipients[0]).toMatchObject({ address: "dmarc@example.net", status: "5.7.26" });
  expect(bounce.recipients[0].diagnostic).toContain("550 5.7.26 domain if this was a legitimate mail, with ip: [203.0.113.8]");
});

test("a status the report states whole is kept", async () => {
  const bounce = await read("nullmailer-user-unknown.eml");
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "unknown@example.net", status: "5.1.1" })]);
});

test("it gives up on the whole message at the first refusal: every recipient failed, with that reply", async () => {
  const bounce = await read("nullmailer-several-recipients.eml");
  expect(bounce.recipients.map((r) => r.address)).toEqual(["unknown2@example.net", "full2@example.net", "blocked2@example.net", "ok@example.net"]);
  expect(new Set(bounce.recipients.map((r) => r.action))).toEqual(new Set(["failed"]));
  expect(bounce.sendingIp).toBeNull();
});
