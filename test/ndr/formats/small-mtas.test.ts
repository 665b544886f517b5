import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../../src/ndr";
import { essential, familyMismatches } from "./family-score";
import { parseCorpus } from "./corpus-files";
import { testWholeCorpus } from "../../support/shared-data";

describe.each(["lhost-opensmtpd", "lhost-courier", "lhost-dragonfly"])("%s", (family) => {
  testWholeCorpus("every corpus message agrees with the reference on bounce, addresses, status and diagnostic", async () => {
    const { files, mismatches } = await familyMismatches(family);
    expect(files).toBeGreaterThanOrEqual(5);
    expect(essential(mismatches)).toEqual([]);
  });
});

test("OpenSMTPD: one line per recipient", async () => {
  const bounce = await parseCorpus("lhost-opensmtpd-02.eml");
  expect(bounce).toMatchObject({ isBounce: true, format: "opensmtpd" });
  expect(bounce.recipients.map((r) => [r.address, r.status, r.replyCode])).toEqual([
    ["mailboxfull@example.jp", "5.2.2", 550],
    ["userunknown@example.jp", "5.1.1", 550],
  ]);
});

test("OpenSMTPD: a delay report keeps the DSN's stated 4.4.7", async () => {
  const bounce = await parseCorpus("lhost-opensmtpd-06.eml");
  expect(bounce.recipients[0]).toMatchObject({ address: "nekochan@libsisimai.org", action: "delayed", status: "4.4.7", diagnostic: "Envelope expired" });
});

test("Courier: the SMTP dialogue's reply refines the DSN", async () => {
  const bounce = await parseCorpus("lhost-courier-01.eml");
  expect(bounce).toMatchObject({ isBounce: true, format: "courier" });
  expect(bounce.recipients[0]).toMatchObject({ address: "kijitora@example.co.jp", status: "5.1.1", replyCode: 550, smtpCommand: "RCPT" });
});

test("DragonFly: remote host, command and the multi-line reply", async () => {
  const bounce = await parseCorpus("lhost-dragonfly-01.eml");
  expect(bounce).toMatchObject({ isBounce: true, format: "dragonfly" });
  expect(bounce.recipients[0]).toMatchObject({ address: "pseudo-local-part@google.example.com", status: "5.7.26", replyCode: 550, remoteMta: "gmail-smtp-in.l.google.com", smtpCommand: "DATA" });
  expect(bounce.recipients[0].diagnostic).toContain("DMARC policy");
});

test("DragonFly: a give-up notice without a remote reply", async () => {
  const raw = [
    "From: MAILER-DAEMON <>",
    "To: alice@contoso.example",
    "Subject: Mail delivery failed",
    "",
    "This is the DragonFly Mail Agent v0.13 at mx.contoso.example.",
    "",
    "There was an error delivering your mail to <bob@fabrikam.example>.",
    "",
    "Could not deliver for the last 432000 seconds. Giving up.",
    "",
    "Message headers follow.",
    "",
    "From: alice@contoso.example",
    "",
  ].join("\n");
  const bounce = await parseBounce(raw);
  expect(bounce).toMatchObject({ isBounce: true, format: "dragonfly", senderDomain: "contoso.example" });
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@fabrikam.example", status: null, replyCode: null, diagnostic: "Could not deliver for the last 432000 seconds. Giving up." })]);
});

test("Courier: a delay notice keeps its recipients delayed", async () => {
  const raw = [
    "From: Courier mail server at mx.contoso.example <@>",
    "To: alice@contoso.example",
    "Subject: WARNING: delayed mail.",
    "",
    "This is a delivery status notification from mx.contoso.example,",
    "running the Courier mail server, version 1.1.",
    "",
    "                        DELAYS IN DELIVERING YOUR MESSAGE",
    "",
    "There is a delay in delivering your message to the following recipients:",
    "",
    "<bob@fabrikam.example>:",
    "    mx.fabrikam.example [198.51.100.7]:",
    ">>> RCPT TO:<bob@fabrikam.example>",
    "<<< 451 4.7.1 Greylisted, try again later",
    "",
    "---------------------------------------------------------------------------",
    "",
  ].join("\n");
  const bounce = await parseBounce(raw);
  expect(bounce).toMatchObject({ isBounce: true, format: "courier" });
  expect(bounce.recipients).toEqual([
    expect.objectContaining({ address: "bob@fabrikam.example", action: "delayed", status: "4.7.1", replyCode: 451, remoteMta: "mx.fabrikam.example", smtpCommand: "RCPT" }),
  ]);
});

describe("Courier 1.0.16 bounces made on loopback (test/fixtures/collections/current-mtas)", () => {
  const read = (file: string) => parseBounce(new Uint8Array(fs.readFileSync(path.join(__dirname, "../../fixtures/collections/current-mtas", file))));

  test("a 4xx Courier gave up on (queuetime ran out) carries the remote's 4.3.0, not the DSN's bare 5.0.0", async () => {
    const bounce = await read("courier-expired-4xx.eml");
    expect(bounce).toMatchObject({ isBounce: true, format: "courier" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "tempfail@example.net", action: "failed", status: "4.3.0", replyCode: 451 })]);
  });

  test("a success report (NOTIFY=SUCCESS) is no bounce", async () => {
    const bounce = await read("courier-delivered-dsn.eml");
    expect(bounce.isBounce).toBe(false);
  });
});
