/**
 * Feedback reports and auto-replies are told apart before any bounce family, so
 * they must claim their own messages and never a bounce.
 */
import fs from "node:fs";
import { parseBounce } from "../../../src/ndr";
import { readMessage } from "../../../src/ndr/message";
import { arf } from "../../../src/ndr/formats/arf";
import { autoReply } from "../../../src/ndr/formats/auto-reply";
import { loadCorpus } from "../../../scripts/lib/corpus";
import { corpusFiles, parseCorpus } from "./corpus-files";
import { testWholeCorpus } from "../../support/shared-data";

describe("ARF feedback reports (RFC 5965)", () => {
  const files = corpusFiles("arf-");

  testWholeCorpus("the corpus holds them", () => expect(files.length).toBeGreaterThanOrEqual(12));

  test.each(files)("%s is a feedback report, not a bounce", async (file) => {
    const result = await parseCorpus(file);
    expect(result).toMatchObject({ isBounce: false, kind: "feedback-report", format: "arf", recipients: [] });
  });

  test("Hotmail's complaint format (no feedback-report part) is one too", async () => {
    const result = await parseCorpus("arf-23.eml");
    expect(result.kind).toBe("feedback-report");
  });

  test("a minimal report is recognised by its part type alone", async () => {
    const raw = [
      "From: fbl@isp.example",
      "To: abuse@sender.example",
      "Subject: report",
      'Content-Type: multipart/report; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "A complaint.",
      "--b",
      "Content-Type: message/feedback-report",
      "",
      "Feedback-Type: abuse",
      "Version: 1",
      "--b--",
      "",
    ].join("\n");
    expect(await parseBounce(raw)).toMatchObject({ isBounce: false, kind: "feedback-report" });
  });
});

describe("automatic replies (RFC 3834)", () => {
  const files = corpusFiles("rfc3834-");

  test.each(files)("%s is an auto-reply, not a bounce", async (file) => {
    const result = await parseCorpus(file);
    expect(result).toMatchObject({ isBounce: false, kind: "auto-reply", format: "auto-reply", recipients: [] });
  });

  const vacation = (headers: string[], body = "I am away until Monday.") =>
    [...headers, "To: alice@example.com", "Date: Mon, 1 Jan 2024 00:00:00 +0000", "", body, ""].join("\n");

  test("Outlook's 'Automatic reply:' subject alone is enough", async () => {
    const result = await parseBounce(vacation(["From: Bob <bob@example.org>", "Subject: Automatic reply: Lunch"]));
    expect(result.kind).toBe("auto-reply");
  });

  test.each(["Automatische Antwort: Angebot", "Réponse automatique : Devis", "Risposta automatica: Offerta", "自動返信: お見積り", "Автоматический ответ: Счёт"])(
    "Outlook's localised subject %p is an auto-reply",
    async (subject) => {
      expect((await parseBounce(vacation(["From: bob@example.org", `Subject: ${subject}`]))).kind).toBe("auto-reply");
    },
  );

  test("Auto-Submitted: auto-replied from a mailer daemon is a bounce's header, not an auto-reply", async () => {
    const raw = vacation(
      ["From: MAILER-DAEMON@mx.example.org (Mail Delivery System)", "Subject: Undelivered Mail Returned to Sender", "Auto-Submitted: auto-replied"],
      "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
    );
    const message = await readMessage(raw);
    expect(autoReply.recognise(message)).toBe(false);
  });

  test("a vacation note that quotes bounce wording is left alone rather than misread", async () => {
    const raw = vacation(["From: bob@example.org", "Subject: Out of Office", "Auto-Submitted: auto-replied"], "Mail sent to my old address was not delivered.");
    expect(autoReply.recognise(await readMessage(raw))).toBe(false);
  });

  test("Precedence: bulk alone does not make an auto-reply", async () => {
    const raw = vacation(["From: news@example.org", "Subject: Weekly news", "Precedence: bulk"]);
    expect(await parseBounce(raw)).toMatchObject({ kind: "message", isBounce: false });
  });
});

describe("ordinary mail", () => {
  test.each(corpusFiles("is-not-bounce-"))("%s is a plain message", async (file) => {
    expect(await parseCorpus(file)).toMatchObject({ isBounce: false, kind: "message", recipients: [] });
  });
});

describe("successful delivery notifications", () => {
  const dsn = (action: string, status: string) =>
    [
      "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)",
      "To: alice@example.com",
      "Subject: Successful Mail Delivery Report",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "Your message was successfully delivered to the destination(s) listed below.",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.org",
      "",
      "Final-Recipient: rfc822; bob@example.net",
      `Action: ${action}`,
      `Status: ${status}`,
      "Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4XyZ",
      "--b--",
      "",
    ].join("\n");

  test.each([
    ["delivered", "2.0.0"],
    ["relayed", "2.0.0"],
    ["expanded", "2.0.0"],
  ])("action %s gives a delivery-success report, not a bounce", async (action, status) => {
    const result = await parseBounce(dsn(action, status));
    expect(result).toMatchObject({ isBounce: false, kind: "delivery-success" });
    expect(result.recipients.map((r) => [r.address, r.action])).toEqual([["bob@example.net", action]]);
  });

  test("Postfix's success notice stays a success though a family reads its prose and it says Auto-Submitted: auto-replied", async () => {
    const raw = [
      "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)",
      "To: alice@example.com",
      "Subject: Successful Mail Delivery Report",
      "Auto-Submitted: auto-replied",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=us-ascii",
      "",
      "This is the mail system at host mx.example.org.",
      "",
      "Your message was successfully delivered to the destination(s)",
      "listed below.",
      "",
      "<bob@example.net>: delivery via mx.example.net[192.0.2.1]:25: 250 2.0.0 Ok:",
      "    queued as 4XyZ",
      "",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.org",
      "",
      "Final-Recipient: rfc822; bob@example.net",
      "Action: relayed",
      "Status: 2.0.0",
      "Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4XyZ",
      "",
      "--b--",
      "",
    ].join("\n");
    const result = await parseBounce(raw);
    expect(result).toMatchObject({ isBounce: false, kind: "delivery-success" });
    expect(result.recipients).toEqual([expect.objectContaining({ address: "bob@example.net", action: "relayed", status: "2.0.0" })]);
  });

  test("a delay notice is a bounce whose recipient is delayed", async () => {
    const result = await parseBounce(dsn("delayed", "4.4.1"));
    expect(result).toMatchObject({ isBounce: true, kind: "bounce" });
    expect(result.recipients[0]).toMatchObject({ action: "delayed", status: "4.4.1" });
  });
});

describe("no bounce is claimed by the non-bounce families", () => {
  const bounces = loadCorpus({ variants: false }).filter((entry) => entry.expected.isBounce === true);

  testWholeCorpus("every bounce in the corpus is refused by both", async () => {
    const claimed: string[] = [];
    for (const entry of bounces) {
      const message = await readMessage(new Uint8Array(fs.readFileSync(entry.path)));
      if (arf.recognise(message) || autoReply.recognise(message)) claimed.push(entry.file);
    }
    expect(bounces.length).toBeGreaterThan(300);
    expect(claimed).toEqual([]);
  });
});
