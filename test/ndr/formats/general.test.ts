/**
 * The general path ("generic"): bounces no family knows, with no DSN part. It must find
 * their recipients, and must leave ordinary mail, reports and success notices alone.
 */
import { parseBounce } from "../../../src/ndr";

function message(headers: string[], body: string[]): string {
  return [...headers, "", ...body, ""].join("\n");
}

describe("bounces told apart by their prose", () => {
  test("\"Delivery to the following recipients failed\" with an indented error", async () => {
    const bounce = await parseBounce(
      message(
        ["From: Mail Delivery Subsystem <mailer-daemon@relay.contoso.example>", "To: alice@contoso.example", "Subject: Delivery Status Notification (Failure)"],
        ["Delivery to the following recipients failed.", "", "       bob@fabrikam.example", "           550 5.1.1 The email account that you tried to reach does not exist.", "", "----- Original message -----", "", "From: alice@contoso.example", "To: bob@fabrikam.example"],
      ),
    );
    expect(bounce).toMatchObject({ isBounce: true, format: "generic", senderDomain: "contoso.example" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@fabrikam.example", status: "5.1.1", replyCode: 550 })]);
  });

  test("an \"Undeliverable\" notice from postmaster naming several recipients", async () => {
    const bounce = await parseBounce(
      message(
        ["From: postmaster@mail.contoso.example", "To: alice@contoso.example", "Subject: Undeliverable: Quarterly report"],
        [
          "Your message could not be delivered to the following recipients:",
          "",
          "bob@fabrikam.example: Mailbox unavailable",
          "carol@fabrikam.example: 552 Mailbox full",
          "",
          "Original message headers:",
          "",
          "From: alice@contoso.example",
        ],
      ),
    );
    expect(bounce.isBounce).toBe(true);
    expect(bounce.recipients.map((r) => [r.address, r.replyCode, r.diagnostic])).toEqual([
      ["bob@fabrikam.example", null, "Mailbox unavailable"],
      ["carol@fabrikam.example", 552, "552 Mailbox full"],
    ]);
  });

  test("the bounce's own parties are not taken for failed recipients", async () => {
    const bounce = await parseBounce(
      message(
        ["From: MAILER-DAEMON@relay.contoso.example", "To: alice@contoso.example", "Subject: Returned mail"],
        ["alice@contoso.example: your message could not be delivered to:", "", "bob@fabrikam.example", "  User unknown"],
      ),
    );
    expect(bounce.recipients.map((r) => r.address)).toEqual(["bob@fabrikam.example"]);
  });
});

test("the sender a notice names (\"A message sent by\") and mailto: links are read right", async () => {
  const bounce = await parseBounce(
    message(
      ["From: MAILER-DAEMON@relay.contoso.example", "To: alice@contoso.example", "Subject: Delivery failure"],
      ["A message sent by", "", "  <alice.smith@contoso.example>", "", "could not be delivered to one or more of its recipients:", "", "<mailto:bob@fabrikam.example>", "    550 5.1.1 unknown user"],
    ),
  );
  expect(bounce.recipients.map((r) => [r.address, r.status])).toEqual([["bob@fabrikam.example", "5.1.1"]]);
});

describe("what is not a bounce stays so", () => {
  test("ordinary mail that talks about failed delivery", async () => {
    const bounce = await parseBounce(
      message(
        ["From: Bob <bob@fabrikam.example>", "To: alice@contoso.example", "Subject: Re: your newsletter"],
        ["Hi Alice,", "", "your message could not be delivered to carol@fabrikam.example last week,", "the mailbox was full. It works now.", "", "Bob"],
      ),
    );
    expect(bounce).toMatchObject({ isBounce: false, kind: "message", recipients: [] });
  });

  test("a success notice from the mail system", async () => {
    const bounce = await parseBounce(
      message(
        ["From: Mail Delivery System <mailer-daemon@relay.contoso.example>", "To: alice@contoso.example", "Subject: Delivery Status Notification (Success)"],
        ["Your message was delivered to the following recipients:", "", "bob@fabrikam.example"],
      ),
    );
    expect(bounce.isBounce).toBe(false);
  });

  test("postmaster's out-of-office reply", async () => {
    const bounce = await parseBounce(
      message(
        ["From: postmaster@fabrikam.example", "To: alice@contoso.example", "Subject: Out of Office: Quarterly report", "Auto-Submitted: auto-replied"],
        ["I am out of the office until Monday. For urgent matters write to carol@fabrikam.example."],
      ),
    );
    expect(bounce.isBounce).toBe(false);
  });

  test("an ARF feedback report", async () => {
    const raw = [
      "From: feedback@isp.example",
      "To: abuse@contoso.example",
      "Subject: Abuse report: message was rejected as spam",
      'Content-Type: multipart/report; report-type=feedback-report; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "This message was rejected by a user as spam. Delivery to bob@fabrikam.example failed to please.",
      "--b",
      "Content-Type: message/feedback-report",
      "",
      "Feedback-Type: abuse",
      "User-Agent: test/1.0",
      "Version: 1",
      "--b--",
      "",
    ].join("\n");
    const bounce = await parseBounce(raw);
    expect(bounce.isBounce).toBe(false);
  });

  test("a person's note that quotes a bounce is not one", async () => {
    const bounce = await parseBounce(
      message(["From: Carol <carol@contoso.example>", "To: alice@contoso.example", "Subject: Undeliverable mail to Bob?"], ["My message to bob@fabrikam.example could not be delivered: 550 5.1.1 User unknown.", "Do you know his new address?"]),
    );
    expect(bounce.isBounce).toBe(false);
  });
});

test("a notice from the mail system that names nobody is a bounce whose recipient is unknown, with no status invented", async () => {
  const bounce = await parseBounce(
    message(["From: MAILER-DAEMON@relay.contoso.example", "To: alice@contoso.example", "Subject: Undeliverable"], ["Your message could not be delivered.", "Sorry."]),
  );
  expect(bounce).toMatchObject({ isBounce: true, format: "generic" });
  expect(bounce.recipients).toEqual([expect.objectContaining({ address: null, status: null, replyCode: null })]);
});

test("a bounce forwarded by a person is left to the forward unwrapper, which reads the bounce inside", async () => {
  const bounce = await parseBounce(
    message(
      ["From: Alice <alice@contoso.example>", "To: helpdesk@support.example", "Subject: Fwd: Undeliverable: Quarterly report"],
      [
        "Can you look at this?",
        "",
        "---------- Forwarded message ---------",
        "From: Mail Delivery Subsystem <mailer-daemon@relay.contoso.example>",
        "Date: Fri, 27 Nov 2026 10:00:00 +0000",
        "Subject: Undeliverable: Quarterly report",
        "To: alice@contoso.example",
        "",
        "Delivery to the following recipients failed.",
        "",
        "       bob@fabrikam.example",
        "           550 5.1.1 No such user",
      ],
    ),
  );
  expect(bounce).toMatchObject({ isBounce: true, format: "generic" });
  // The helpdesk and the forwarder are not failed recipients; the sender is the bounce's addressee.
  expect(bounce.recipients.map((r) => r.address)).toEqual(["bob@fabrikam.example"]);
  expect(bounce.senderDomain).toBe("contoso.example");
});

test("a notice that names nobody but returns the message: the returned message's To failed", async () => {
  const raw = [
    "From: postmaster@relay.contoso.example",
    "To: alice@contoso.example",
    "Subject: Undeliverable mail",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "Your message was undeliverable: the remote server rejected it.",
    "--b",
    "Content-Type: message/rfc822",
    "",
    "From: alice@contoso.example",
    "To: Bob <bob@fabrikam.example>",
    "Subject: Quarterly report",
    "",
    "Hello",
    "--b--",
    "",
  ].join("\n");
  const bounce = await parseBounce(raw);
  expect(bounce).toMatchObject({ isBounce: true, format: "generic", senderDomain: "contoso.example", originalSubject: "Quarterly report" });
  expect(bounce.recipients.map((r) => r.address)).toEqual(["bob@fabrikam.example"]);
});

test("a notice that names nobody but wraps the real bounce gives way to the bounce inside", async () => {
  const raw = [
    "From: MAILER-DAEMON@relay.contoso.example",
    "To: postmaster@contoso.example",
    "Subject: Undelivered Mail Returned to Sender",
    "",
    "A message could not be delivered; the notice follows.",
    "",
    "---------------------------------",
    "Return-Path: <>",
    "From: Mail Delivery System <MAILER-DAEMON@mx.contoso.example>",
    "Date: Fri, 27 Nov 2026 10:00:00 +0000",
    "To: alice@contoso.example",
    "Subject: Undeliverable: Quarterly report",
    "",
    "Delivery to the following recipients failed.",
    "",
    "       bob@fabrikam.example",
    "           550 5.1.1 No such user",
    "",
  ].join("\n");
  const bounce = await parseBounce(raw);
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients.map((r) => r.address)).toEqual(["bob@fabrikam.example"]);
});

/** A delivery agent's MDN (RFC 8098) with the given disposition, saying the message was refused. */
function refusalMdn(disposition: string): string {
  return [
    "From: Mail Delivery Subsystem <admin@mail.fabrikam.example>",
    "To: alice@contoso.example",
    "Subject: Automatically rejected mail",
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "Your message to <bob@fabrikam.example> was automatically rejected:",
    "Quota exceeded",
    "--b",
    "Content-Type: message/disposition-notification",
    "",
    "Reporting-UA: mail; Dovecot Mail Delivery Agent",
    "Final-Recipient: rfc822; bob@fabrikam.example",
    `Disposition: ${disposition}`,
    "--b--",
    "",
  ].join("\n");
}

test.each([
  ["automatic-action/MDN-sent-automatically; deleted", true],
  // A person's client reporting the message deleted unread, or displayed: a receipt, whatever its text says.
  ["manual-action/MDN-sent-manually; deleted", false],
  ["automatic-action/MDN-sent-automatically; displayed", false],
])("an MDN with disposition %s is a refusal: %s", async (disposition, refused) => {
  const bounce = await parseBounce(refusalMdn(disposition));
  expect(bounce.isBounce).toBe(refused);
  expect(bounce.recipients.map((r) => r.address)).toEqual(refused ? ["bob@fabrikam.example"] : []);
  // The reason follows the sentence that ends with a colon.
  if (refused) expect(bounce.recipients[0].diagnostic).toBe("Your message to <bob@fabrikam.example> was automatically rejected: Quota exceeded");
});

test("an address the failure sentence names as the sender, or in the report's advice, is no failed recipient", async () => {
  const bounce = await parseBounce(
    message(
      ["From: MAILER-DAEMON@relay.fabrikam.example", "To: alice@contoso.example", "Subject: Undeliverable"],
      [
        "Your mail could not be delivered to bob@fabrikam.example because he is not accepting mail from list@contoso.example.",
        "",
        "If you used an old address, e.g. bob.smith@fabrikam.example, try",
        "robert.smith@fabrikam.example instead, or try sending to help@fabrikam.example.",
      ],
    ),
  );
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients.map((r) => r.address)).toEqual(["bob@fabrikam.example"]);
});
