import { parseBounce } from "../../../src/ndr";
import { sendmail } from "../../../src/ndr/formats/sendmail";
import { readMessage } from "../../../src/ndr/message";
import { essential, familyMismatches } from "./family-score";
import { parseCorpus } from "./corpus-files";
import { testWholeCorpus } from "../../support/shared-data";

describe("Sendmail", () => {
  testWholeCorpus("every corpus message agrees with the reference on bounce, addresses, status and diagnostic", async () => {
    const { files, mismatches } = await familyMismatches("lhost-sendmail");
    expect(files).toBeGreaterThanOrEqual(40);
    expect(essential(mismatches)).toEqual([]);
  });

  test("the remote server's reply in the transcript wins over Sendmail's own conclusion", async () => {
    const bounce = await parseCorpus("lhost-sendmail-33.eml");
    expect(bounce).toMatchObject({ isBounce: true, format: "sendmail" });
    expect(bounce.recipients[0]).toMatchObject({ address: "mailboxfull@neko.example.org", status: "5.7.1", replyCode: 550, remoteMta: "inbound-smtp.us-west-2.amazonaws.com" });
  });

  test("a MIME structure broken into text still yields the flattened DSN fields", async () => {
    const bounce = await parseCorpus("lhost-sendmail-53.eml");
    expect(bounce).toMatchObject({ isBounce: true, senderDomain: "neko.example.jp" });
    expect(bounce.recipients[0]).toMatchObject({ address: "sironeko@example.com", status: "5.0.0", replyCode: 550, smtpCommand: "MAIL", remoteMta: "smtp.sendgrid.net" });
  });

  test("a bounce forwarded inline is unwrapped and read", async () => {
    const bounce = await parseCorpus("lhost-sendmail-14.eml");
    expect(bounce.recipients[0]).toMatchObject({ address: "kijitora@example.com", status: "5.1.1", replyCode: 550 });
  });
});

describe("Sendmail 5", () => {
  testWholeCorpus("every corpus message agrees with the reference on bounce, addresses, status and diagnostic", async () => {
    const { files, mismatches } = await familyMismatches("lhost-v5sendmail");
    expect(files).toBeGreaterThanOrEqual(7);
    expect(essential(mismatches)).toEqual([]);
  });

  test("each recipient gets the reply of its own session", async () => {
    const bounce = await parseCorpus("lhost-v5sendmail-07.eml");
    expect(bounce.recipients.map((r) => [r.address, r.replyCode, r.remoteMta])).toEqual([
      ["kijitora@example.org", 501, "mailin1.example.org"],
      ["mikeneko@example.org", 550, "mailin1.example.org"],
      ["hachiware@example.edu", 550, "smtp.example.edu"],
    ]);
    expect(bounce.recipients[0].diagnostic).toContain("no access from mail server");
  });

  test("a domain that failed as a whole: its recipients come from the unsent message", async () => {
    const raw = [
      "From: Mail Delivery Subsystem <MAILER-DAEMON@contoso.example>",
      "To: alice@contoso.example",
      "Subject: Returned mail: Host unknown",
      "",
      "   ----- Transcript of session follows -----",
      "550 fabrikam.example (smtp)... 550 Host unknown",
      "",
      "   ----- Unsent message follows -----",
      "From: alice@contoso.example",
      "To: bob@fabrikam.example, carol@other.example",
      "",
    ].join("\n");
    const bounce = await parseBounce(raw);
    expect(bounce).toMatchObject({ isBounce: true, format: "v5sendmail", senderDomain: "contoso.example" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@fabrikam.example", replyCode: 550, diagnostic: "550 Host unknown" })]);
  });

  test.each([
    ["at the start of the text", "   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n", true],
    ["after other lines, twelve blanks before it", "Hello\n\n            --- The following addresses had delivery problems ---\n", true],
    ["thirteen blanks before it", "Hello\n             --- The following addresses had delivery problems ---\n", false],
    ["blanks around the words, tabs among them", "x\n\t----\tThe following addresses had transient non-fatal errors \t---\n", true],
    ["its dashes on the line below", "x\n----- The following addresses had permanent fatal errors\n-----\n", false],
    ["its words on the line below the dashes", "x\n-----\nThe following addresses had permanent fatal errors -----\n", false],
  ])("the heading is recognised only on a line of its own: %s", async (_name, body, recognised) => {
    const message = await readMessage(`From: MAILER-DAEMON@mx.example.net\nSubject: Returned mail\n\n${body}`);
    expect(sendmail.recognise(message)).toBe(recognised);
  });
});
