/**
 * MIME structures that a reader taking body lines in bulk could get wrong (runs of body
 * lines up to the next line starting with "--", header blocks decoded at once,
 * quoted-printable decoded in one loop, content joined when first read, as an earlier
 * patch of postal-mime did), each with the answer the unpatched, line-by-line
 * postal-mime 4.0.0 gives (checked against it when these were written).
 * LF, CRLF and CR-only copies of every message must read the same.
 */
import { readMessage } from "../../src/ndr/message";

const crlf = (text: string) => text.replace(/\n/g, "\r\n");
const crOnly = (text: string) => text.replace(/\n/g, "\r");

/** Reads the message with each kind of line end; all three must agree. */
async function readAll(text: string) {
  const [lf, dos, mac] = await Promise.all([text, crlf(text), crOnly(text)].map((variant) => readMessage(variant)));
  for (const other of [dos, mac]) {
    expect(other.text).toBe(lf.text);
    expect(other.deliveryStatusText.replace(/\r/g, "")).toBe(lf.deliveryStatusText.replace(/\r/g, ""));
    expect(other.partTypes).toEqual(lf.partTypes);
    expect(other.headers.fields).toEqual(lf.headers.fields);
  }
  return lf;
}

test("body lines that start with dashes but are no boundary stay in the text", async () => {
  const message = await readAll(`From: MAILER-DAEMON@mx.fabrikam.example
Subject: Undelivered Mail
Content-Type: multipart/mixed; boundary="b"

preamble that is no part of any body
--b
Content-Type: text/plain

first line
-- 
--bx not this part's boundary
---b neither
--b-- not a terminator either, text follows it
last line
--b
Content-Type: text/plain

second part
--b--
epilogue that is no part of any body
`);
  expect(message.text).toBe("first line\n-- \n--bx not this part's boundary\n---b neither\n--b-- not a terminator either, text follows it\nlast line\n\nsecond part\n");
  expect(message.text).not.toContain("preamble");
  expect(message.text).not.toContain("epilogue");
});

test("a boundary line may end in spaces and tabs; an inner boundary that extends the outer one is its own", async () => {
  const message = await readAll(`Subject: nested
Content-Type: multipart/report; report-type=delivery-status; boundary="outer"

--outer \t
Content-Type: multipart/alternative; boundary="outer1"

--outer1
Content-Type: text/plain

plain words
--outer1
Content-Type: text/html

<p>html words</p>
--outer1--
--outer
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.fabrikam.example

Final-Recipient: rfc822; bob@contoso.example
Action: failed
Status: 5.1.1
--outer--
`);
  expect(message.text).toBe("plain words\n");
  expect(message.deliveryStatus?.recipients[0].status).toBe("5.1.1");
});

test("quoted-printable: soft breaks join lines, escapes decode across the charset", async () => {
  const message = await readAll(`Subject: qp
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

The recipient's mailbox is fu=
ll: 552 5.2.2 =E6=B2=92=E6=9C=89=E7=A9=BA=E9=96=93=
 (quota)
A literal =3D sign, a tab=09and trailing spaces   =20
last line ends with a soft break=`);
  expect(message.text).toBe("The recipient's mailbox is full: 552 5.2.2 沒有空間 (quota)\nA literal = sign, a tab\tand trailing spaces    \nlast line ends with a soft break");
});

test("base64 split over many short lines decodes to the same bytes, in a text part and an attachment", async () => {
  const text = "550 5.7.23 The message was rejected because of Sender Policy Framework violation. 美國".repeat(20);
  const encoded = Buffer.from(text).toString("base64").replace(/.{1,17}/g, "$&\n");
  const message = await readAll(`Subject: b64
Content-Type: multipart/mixed; boundary="z"

--z
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

${encoded}
--z
Content-Type: message/rfc822
Content-Transfer-Encoding: base64

${Buffer.from("From: alice@fabrikam.example\nSubject: returned\n\nbody\n").toString("base64").replace(/.{1,13}/g, "$&\n")}
--z--
`);
  expect(message.text).toBe(text);
  expect(message.original?.headers.get("from")).toBe("alice@fabrikam.example");
  expect(Buffer.from(message.attachedMessages[0]).toString("utf8")).toBe("From: alice@fabrikam.example\nSubject: returned\n\nbody\n");
});

test("folded and raw UTF-8 header lines decode as they would one line at a time", async () => {
  const message = await readAll(`Subject: =?UTF-8?B?5LiN6IO96YCB6YGU?= and
\tmore: 無法傳遞
X-Note: première ligne
  suite sans encodage
From: "Postmaster" <postmaster@contoso.example>

body`);
  expect(message.subject).toBe("不能送達 and\tmore: 無法傳遞");
  expect(message.headers.get("x-note")).toBe("première ligne  suite sans encodage");
  expect(message.from).toBe('"Postmaster" <postmaster@contoso.example>');
  expect(message.text).toBe("body\n");
});

test("a message without a final line end, and a part cut off before its terminator, still read", async () => {
  const cut = await readAll(`Subject: cut
Content-Type: multipart/mixed; boundary="q"

--q
Content-Type: text/plain

only part, never closed`);
  expect(cut.text).toBe("only part, never closed\n");
});
