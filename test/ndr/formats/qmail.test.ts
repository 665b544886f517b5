import { parseBounce } from "../../../src/ndr";
import { essential, familyMismatches } from "./family-score";
import { parseCorpus } from "./corpus-files";
import { testWholeCorpus } from "../../support/shared-data";

describe("qmail", () => {
  testWholeCorpus("every corpus message agrees with the reference on bounce, addresses, status and diagnostic", async () => {
    const { files, mismatches } = await familyMismatches("lhost-qmail");
    expect(files).toBeGreaterThanOrEqual(18);
    expect(essential(mismatches)).toEqual([]);
  });

  test("one paragraph per recipient, each with the remote host's reply", async () => {
    const bounce = await parseCorpus("lhost-qmail-17.eml");
    expect(bounce).toMatchObject({ isBounce: true, format: "qmail", senderDomain: "nq.example.jp" });
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "userunknown@libsisimai.net", status: "5.1.1", replyCode: 550, remoteMta: "192.0.2.25", smtpCommand: "RCPT" }),
      expect.objectContaining({ address: "mailboxfull@libsisimai.net", status: "5.2.2", replyCode: 552 }),
    ]);
  });

  test("qmail's own (#5.4.4) code", async () => {
    const bounce = await parseCorpus("lhost-qmail-11.eml");
    expect(bounce.recipients[0]).toMatchObject({ address: "neko@nyaan.jp", status: "5.4.4", replyCode: null });
  });

  test("a minimal hand-written failure notice", async () => {
    const raw = [
      "From: MAILER-DAEMON@mx.contoso.example",
      "To: alice@contoso.example",
      "Subject: failure notice",
      "",
      "Hi. This is the qmail-send program at mx.contoso.example.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      "",
      "<bob@fabrikam.example>:",
      "198.51.100.7 does not like recipient.",
      "Remote host said: 550 5.1.1 <bob@fabrikam.example>... User Unknown",
      "Giving up on 198.51.100.7.",
      "",
      "--- Below this line is a copy of the message.",
      "",
      "From: alice@contoso.example",
      "",
    ].join("\n");
    const bounce = await parseBounce(raw);
    expect(bounce).toMatchObject({ isBounce: true, format: "qmail", senderDomain: "contoso.example" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@fabrikam.example", status: "5.1.1", replyCode: 550, remoteMta: "198.51.100.7" })]);
  });
});
