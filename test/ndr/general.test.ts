/**
 * The general path reads bounces from servers no family module knows: the layouts of
 * MDaemon, Exchange 5.5, GroupWise, ISP gateways, Office 365 without a DSN part,
 * mailbox-full notices, and localized notices in twelve languages
 * (test/fixtures/general). Each is read twice: by the whole parser, and by the general
 * path alone (with the RFC 3464 reader), as a server never seen would be.
 */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../src/ndr";
import { general } from "../../src/ndr/formats/general";
import { rfc3464 } from "../../src/ndr/formats/rfc3464";
import { fixturesDir } from "../support/shared-data";

const folder = path.join(fixturesDir, "general");

/** file, failed recipient, status the message states (null: none), reply code (null: none). */
const CASES: [string, string, string | null, number | null][] = [
  ["mdaemon-permanent", "bob@example.net", "5.1.1", 550],
  ["exchange55-x400", "bob@example.net", null, null],
  ["groupwise-undeliverable", "carol@example.net", null, null],
  ["isp-gateway-mailbox-full", "dave@example.net", "5.2.2", null],
  ["message-to-was-undeliverable", "erin@example.net", "5.1.0", 550],
  ["office365-no-dsn", "frank@example.net", "5.1.10", 550],
  ["mailbox-full-notice", "grace@example.net", null, null],
  ["exchange-de", "bernd@example.de", "5.1.1", 550],
  ["exchange-fr", "benoit@example.fr", "5.2.2", 550],
  ["exchange-zh-tw", "ming@example.com.tw", "5.1.1", 550],
  ["exchange-ja", "taro@example.jp", "5.2.2", 552],
  ["exchange-ko", "chulsoo@example.kr", "5.1.1", 550],
  ["qq-zh-cn", "hua@example.cn", "5.1.1", 550],
  ["postfix-ru", "boris@example.ru", "5.1.1", 550],
  ["gateway-pl", "bartosz@example.pl", "5.2.2", 550],
  ["gateway-es", "beatriz@example.es", "5.1.1", 550],
  ["gateway-pt", "bruno@example.com.br", "5.1.1", 550],
  ["gateway-it", "bianca@example.it", "5.2.2", 552],
  ["gateway-nl", "bram@example.nl", "5.1.1", 550],
];

test("every fixture is tested", () => {
  expect(fs.readdirSync(folder).filter((name) => name.endsWith(".eml")).sort()).toEqual(CASES.map(([file]) => `${file}.eml`).sort());
});

describe.each([
  ["the whole parser", undefined],
  ["the general path alone", [rfc3464, general]],
] as const)("%s", (_name, formats) => {
  test.each(CASES)("%s: %s failed (%s, %s)", async (file, address, status, replyCode) => {
    const bounce = await parseBounce(new Uint8Array(fs.readFileSync(path.join(folder, `${file}.eml`))), { formats });
    expect(bounce.isBounce).toBe(true);
    expect(bounce.recipients.map((recipient) => recipient.address)).toEqual([address]);
    const [recipient] = bounce.recipients;
    expect(recipient.action).toBe("failed");
    expect(recipient.status).toBe(status);
    expect(recipient.replyCode).toBe(replyCode);
    expect(bounce.senderDomain).toBe("example.com");
  });
});
