import { MAX_HEADER_FIELD_BYTES, readMessage } from "../../src/ndr/message";
import { parseBounce } from "../../src/ndr";
import { BounceInputError } from "../../src/ndr/types";

const DSN_MESSAGE = `From: Mail Delivery System <MAILER-DAEMON@mx1.fabrikam.example>
To: alice@fabrikam.example
Subject: =?UTF-8?B?5LiN6IO96YCB6YGU?=
Date: Fri, 27 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.fabrikam.example

Final-Recipient: rfc822; bob@contoso.example
Action: failed
Status: 5.7.23
Remote-MTA: dns; mx.contoso.example
Diagnostic-Code: smtp; 550 5.7.23 SPF check failed [ip 203.0.113.9]

--b1
Content-Type: text/rfc822-headers

From: Alice <alice@fabrikam.example>
To: bob@contoso.example
Subject: Quarterly report
Message-ID: <q4@fabrikam.example>

--b1--
`;

test("reads headers, text, the DSN part and the returned headers", async () => {
  const message = await readMessage(DSN_MESSAGE);
  expect(message.subject).toBe("不能送達");
  expect(message.text).toContain("could not be delivered");
  expect(message.deliveryStatus?.recipients[0].status).toBe("5.7.23");
  expect(message.original?.headers.get("subject")).toBe("Quarterly report");
});

test("a DSN becomes a Bounce with the sending IP from the remote server's words", async () => {
  const bounce = await parseBounce(DSN_MESSAGE);
  expect(bounce).toMatchObject({
    isBounce: true,
    kind: "bounce",
    reportingMta: "mx1.fabrikam.example",
    originalSender: "alice@fabrikam.example",
    senderDomain: "fabrikam.example",
    sendingIp: "203.0.113.9",
    originalMessageId: "q4@fabrikam.example",
    originalSubject: "Quarterly report",
    arrivalDate: "2026-11-27T10:00:00Z",
  });
  expect(bounce.recipients).toEqual([
    { address: "bob@contoso.example", domain: "contoso.example", action: "failed", status: "5.7.23", replyCode: 550, diagnostic: "550 5.7.23 SPF check failed [ip 203.0.113.9]", remoteMta: "mx.contoso.example", smtpCommand: null },
  ]);
});

test("CRLF, CR-only and bytes give the same result", async () => {
  const lf = await parseBounce(DSN_MESSAGE);
  expect(await parseBounce(DSN_MESSAGE.replace(/\n/g, "\r\n"))).toEqual(lf);
  expect(await parseBounce(DSN_MESSAGE.replace(/\n/g, "\r"))).toEqual(lf);
  expect(await parseBounce(new TextEncoder().encode(DSN_MESSAGE))).toEqual(lf);
});

test("Outlook's parts (headers, body, attachments) read like the raw message", async () => {
  const [head, ...rest] = DSN_MESSAGE.split("\n\n");
  const dsn = rest.join("\n\n").split("--b1")[2].split("\n\n").slice(1).join("\n\n");
  const bounce = await parseBounce({
    kind: "parts",
    headers: head,
    text: "Your message could not be delivered.",
    attachments: [{ name: "details.txt", contentType: "message/delivery-status", content: dsn }],
  });
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients[0]).toMatchObject({ address: "bob@contoso.example", status: "5.7.23", replyCode: 550 });
  expect(bounce.sendingIp).toBe("203.0.113.9");
});

test("a bounce forwarded as an attachment is found inside the forward", async () => {
  const forward = `From: Alice <alice@fabrikam.example>
To: helpdesk@fabrikam.example
Subject: FW: Undeliverable
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain

Can you look at this?

--outer
Content-Type: message/rfc822
Content-Disposition: attachment; filename="Undeliverable.eml"

${DSN_MESSAGE}
--outer--
`;
  const bounce = await parseBounce(forward);
  expect(bounce.isBounce).toBe(true);
  expect(bounce.recipients[0].address).toBe("bob@contoso.example");
});

test("what is not a message is told so", async () => {
  await expect(parseBounce(new Uint8Array([0, 1, 2, 255, 254, 0, 7]))).rejects.toBeInstanceOf(BounceInputError);
  await expect(parseBounce("")).rejects.toThrow(/not an email message/);
});

test("ordinary mail is not a bounce", async () => {
  const bounce = await parseBounce("From: bob@contoso.example\nTo: alice@fabrikam.example\nSubject: Lunch?\n\nNoon at the usual place.\n");
  expect(bounce).toMatchObject({ isBounce: false, kind: "message", recipients: [] });
});

test("an over-long header field is cut before MIME parsing; the fields after it survive", async () => {
  const hostile = `From: a@fabrikam.example\nTo: ${":".repeat(2 ** 20)}\nCc: ${" x@contoso.example,\n".repeat(50_000)}Subject: still here\n\nbody\n`;
  const message = await readMessage(hostile);
  expect(message.subject).toBe("still here");
  expect(message.headers.get("to")!.length).toBeLessThanOrEqual(MAX_HEADER_FIELD_BYTES);
  expect(message.headers.get("cc")!.length).toBeLessThanOrEqual(MAX_HEADER_FIELD_BYTES);
  expect(message.text).toContain("body");
});
