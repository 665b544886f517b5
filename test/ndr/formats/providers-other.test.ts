/** Smaller hosted services: Zoho, GMX/mail.com, EZweb, KDDI, BIGLOBE, Verizon. */
import { parseBounce } from "../../../src/ndr";
import { corpusFiles, parseCorpus } from "./corpus-files";

describe.each([
  ["lhost-zoho-", "zoho"],
  ["lhost-gmx-", "gmx"],
  ["lhost-ezweb-", "ezweb"],
  ["lhost-kddi-", "kddi"],
  ["lhost-biglobe-", "biglobe"],
  ["lhost-verizon-", "verizon"],
])("%s", (prefix, format) => {
  test.each(corpusFiles(prefix))(`%s is read as ${format}`, async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format });
    expect(bounce.recipients.length).toBeGreaterThan(0);
    expect(bounce.recipients.every((r) => r.address && r.diagnostic)).toBe(true);
    expect(bounce.senderDomain).not.toBeNull();
  });
});

test("Zoho: 'ERROR_CODE :550, ERROR_CODE :5.2.1' per recipient", async () => {
  const bounce = await parseCorpus("lhost-zoho-02.eml");
  expect(bounce.recipients).toEqual([
    expect.objectContaining({ address: "mikeneko@example.co.jp", status: "5.2.1", replyCode: 550 }),
    expect.objectContaining({ address: "sabineko@example.co.jp", status: "5.2.2", replyCode: 550 }),
  ]);
  expect(bounce.senderDomain).toBe("zoho.example.com");
});

test("Zoho: an undecoded soft line break inside the status code is joined", async () => {
  const raw = [
    "From: mailer-daemon@mail.zoho.com",
    "To: alice@zoho.example",
    "X-ZohoMail: Si CHF_MF_NL",
    "Subject: Undelivered Mail Returned to Sender",
    "Content-Type: text/plain",
    "",
    "This message was created automatically by mail delivery software.",
    "",
    "kijitora@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.=",
    "1 <kijitora@example.co.jp>... User Unknown",
    "",
  ].join("\r\n");
  const bounce = await parseBounce(raw);
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "kijitora@example.co.jp", status: "5.1.1", replyCode: 550 })]);
});

test("Zoho: a delay notice is a delayed recipient with the 421", async () => {
  const bounce = await parseCorpus("lhost-zoho-04.eml");
  expect(bounce.recipients[0]).toMatchObject({ address: "kijitora@6kaku.example.co.jp", action: "delayed", replyCode: 421, status: null });
});

test("GMX: the remote host, the command and the reply per recipient", async () => {
  const bounce = await parseCorpus("lhost-gmx-03.eml");
  expect(bounce.recipients).toEqual([
    expect.objectContaining({ address: "mikeneko@example.co.jp", status: "5.2.1", remoteMta: "mx.example.co.jp", smtpCommand: "RCPT", diagnostic: "5.2.1 <mikeneko@example.co.jp>... User Unknown" }),
    expect.objectContaining({ address: "sabineko@example.co.jp", status: "5.2.2", remoteMta: "mx.example.co.jp" }),
  ]);
  expect(bounce.senderDomain).toBe("mail.com");
});

test("EZweb: the '>>> command' and '<<< reply' transcript", async () => {
  const bounce = await parseCorpus("lhost-ezweb-08.eml");
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "kijitora-neko-nyaan-22222-cats@hotmail.com", replyCode: 550, smtpCommand: "MAIL" })]);
  expect(bounce.recipients[0].diagnostic).toMatch(/^550 SC-004 \(COL0-MC1-F1\) Unfortunately, messages from 111\.86\.156\.22 weren't sent/);
});

test("KDDI: the reason under 'Could not be delivered to:'", async () => {
  const bounce = await parseCorpus("lhost-kddi-01.eml");
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "kijitora@x0000000000000.dion.ne.jp", diagnostic: "As their mailbox is full.", status: null })]);
});

test("Verizon: the recipient comes from the original's To", async () => {
  const bounce = await parseCorpus("lhost-verizon-01.eml");
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "0000000000@vzwpix.com", diagnostic: "No valid recipients for this MM" })]);
  expect(bounce.senderDomain).toBe("example.jp");
});

test("Verizon SMS gateway: 'RCPT TO:' and the '550 - ...' reply", async () => {
  const raw = [
    "From: post_master@vtext.com",
    "To: alice@sender.example",
    "Subject: Undeliverable Message",
    "Content-Type: text/plain",
    "",
    "Error: 550 - Requested action not taken: no such user here",
    "",
    "Message details:",
    "  Subject: Test message",
    "  Sent date: Wed Jun 12 02:21:53 GMT 2013",
    "  MAIL FROM: alice@sender.example",
    "  RCPT TO: 2125550100@vtext.com",
    "",
  ].join("\r\n");
  const bounce = await parseBounce(raw);
  expect(bounce).toMatchObject({ isBounce: true, format: "verizon", senderDomain: "sender.example" });
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: "2125550100@vtext.com", replyCode: 550, diagnostic: "550 - Requested action not taken: no such user here" })]);
});

test("a Zoho notice without any recipient line is not claimed as a bounce", async () => {
  const raw = ["From: mailer-daemon@mail.zoho.com", "X-ZohoMail: Si", "Subject: Undelivered Mail Returned to Sender", "", "Nothing here.", ""].join("\r\n");
  const bounce = await parseBounce(raw);
  expect(bounce.format).not.toBe("zoho");
});

describe("United Internet (GMX, mail.com, 1&1)", () => {
  test.each(corpusFiles("lhost-einsundeins-"))("%s is read as 1and1", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "1and1" });
    expect(bounce.senderDomain).not.toBeNull();
    expect(bounce.recipients[0]).toMatchObject({ status: null });
    expect(bounce.recipients[0].diagnostic).toMatch(/^Mail size limit exceeded/);
  });

  test("'for TEXT command, host: ... reason:' names the remote host and the DATA stage", async () => {
    const bounce = await parseCorpus("rhost-franceptt-04.eml");
    expect(bounce.format).toBe("1and1");
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "xxxx@xxxx.fr", status: "5.2.0", replyCode: 550, remoteMta: "smtp-in.orange.fr", smtpCommand: "DATA", diagnostic: "550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]" }),
    ]);
  });
});

describe("AOL", () => {
  test("recipient groups run together in the DSN part are told apart", async () => {
    const bounce = await parseCorpus("rhost-aol-03.eml");
    expect(bounce.format).toBe("aol");
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "sabineko@example.jp", status: "5.2.2", replyCode: 550, remoteMta: "example.mx.aol.com" }),
      expect.objectContaining({ address: "mikeneko@example.jp", status: "5.1.1", replyCode: 550, diagnostic: "550 5.1.1 <mikeneko@example.jp>... User Unknown" }),
    ]);
  });
});

describe("Outlook.com / Hotmail", () => {
  test.each([...corpusFiles("lhost-outlook-"), ...corpusFiles("rhost-outlook-")])("%s is read as outlook", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "outlook" });
    expect(bounce.recipients.every((r) => r.address && r.status && r.diagnostic)).toBe(true);
  });

  test("without a Diagnostic-Code the notice's sentence is the diagnostic", async () => {
    const bounce = await parseCorpus("rhost-outlook-07.eml");
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "kijitora@example.com", status: "4.4.7", diagnostic: expect.stringMatching(/^Unable to deliver message to the following recipients, due to being unable to connect/) }),
    ]);
  });
});

describe("SendGrid", () => {
  test.each(corpusFiles("lhost-sendgrid-"))("%s is read as sendgrid", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "sendgrid" });
    expect(bounce.recipients.every((r) => r.address && r.status && r.diagnostic)).toBe(true);
  });

  test("the prose line gives SendGrid's sending IP, the remote host and the command", async () => {
    const bounce = await parseCorpus("lhost-sendgrid-01.eml");
    expect(bounce.sendingIp).toBe("192.0.2.250");
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "kijitora@example.jp", status: "5.1.1", replyCode: 550, remoteMta: "mx.example.jp", smtpCommand: "RCPT" })]);
  });
});

describe.each([
  ["lhost-yandex-", "yandex"],
  ["lhost-mailru-", "mailru"],
  ["lhost-bigfoot-", "bigfoot"],
])("providers on a stock MTA: %s", (prefix, format) => {
  test.each(corpusFiles(prefix))(`%s is named ${format} and read by its MTA family`, async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format });
    expect(bounce.recipients.length).toBeGreaterThan(0);
    expect(bounce.recipients.every((r) => r.address && r.diagnostic)).toBe(true);
  });
});

test("Mail.Ru: both recipients with the remote reply after RCPT TO", async () => {
  const bounce = await parseCorpus("lhost-mailru-03.eml");
  expect(bounce.recipients).toEqual([
    expect.objectContaining({ address: "mikeneko@example.jp", status: "5.2.2", replyCode: 550 }),
    expect.objectContaining({ address: "sabineko@example.jp", status: "5.2.1", replyCode: 550 }),
  ]);
});
