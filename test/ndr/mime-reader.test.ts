/**
 * The quick MIME reader (src/ndr/mime/reader.ts) against postal-mime, which it stands in
 * for: on every message it reads, the header fields, the text and the attachments must
 * be postal-mime's to the byte; every shape it does not know it must leave to
 * postal-mime. Run over every fixture, over the whole corpus where it is present, and
 * over hand-made edge cases.
 */
import fs from "node:fs";
import path from "node:path";
import PostalMime from "postal-mime";
import { POSTAL_OPTIONS } from "../../src/ndr/message";
import { readMimeQuickly } from "../../src/ndr/mime/reader";
import { expectLinear } from "../support/linear-time";
import { fixturesDir, sharedCorpusDir, testWholeCorpus } from "../support/shared-data";

const bytesOf = (content: ArrayBuffer | Uint8Array | string) =>
  typeof content === "string" ? Buffer.from(content) : Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content);

/** What message.ts reads of a parse, in a form toEqual compares byte for byte. */
function essence(email: { headers: { key: string; value: string }[]; text?: string; html?: string; attachments: { mimeType: string; content: ArrayBuffer | Uint8Array | string }[] }) {
  return {
    headers: email.headers.map(({ key, value }) => ({ key, value })),
    text: email.text ?? "",
    html: email.html ?? "",
    attachments: email.attachments.map(({ mimeType, content }) => ({ mimeType, content: bytesOf(content).toString("hex") })),
  };
}

/** The quick reader's result (null when it declines) and postal-mime's. */
async function bothReaders(input: string | Uint8Array) {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const quick = readMimeQuickly(bytes);
  const postal = await PostalMime.parse(bytes, POSTAL_OPTIONS);
  return { quick: quick && essence(quick), postal: essence(postal) };
}

function messagesIn(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((entry) =>
    entry.isFile() && /\.(?:eml|txt|msg)$/.test(entry.name) && !/^(?:README|LICENSE)/.test(entry.name) ? [path.join(entry.parentPath, entry.name)] : [],
  );
}

/** Reads each file with both; returns how many the quick reader took. */
async function compareAll(files: readonly string[]): Promise<number> {
  let taken = 0;
  for (const file of files) {
    const { quick, postal } = await bothReaders(new Uint8Array(fs.readFileSync(file)));
    if (quick === null) continue;
    taken++;
    expect({ file, ...quick }).toEqual({ file, ...postal });
  }
  return taken;
}

test("every fixture it reads, it reads as postal-mime does; and it reads most of them", async () => {
  const files = messagesIn(fixturesDir);
  expect(files.length).toBeGreaterThan(500);
  const taken = await compareAll(files);
  // The quick reader is there for speed: should it stop taking the common shapes, this says so.
  expect(taken / files.length).toBeGreaterThan(0.95);
});

testWholeCorpus("every corpus message it reads, it reads as postal-mime does", async () => {
  const files = messagesIn(sharedCorpusDir);
  const taken = await compareAll(files);
  expect(taken / files.length).toBeGreaterThan(0.95);
});

const report = (parts: string, headers = 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"') =>
  `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nMIME-Version: 1.0\n${headers}\n\n${parts}`;

/** Shapes it must read exactly as postal-mime does. */
const READ: [string, string][] = [
  ["a single text part", "From: a@example.com\nSubject: hi\n\nline one\nline two\n"],
  ["a report with its three parts", report("--b\nContent-Type: text/plain; charset=us-ascii\n\nThe mail system\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\n\n--b\nContent-Type: message/rfc822\n\nFrom: me@example.com\nSubject: x\n\nbody\n--b--\n")],
  ["CRLF line ends, and CRs stacked before an LF", report("--b\r\nContent-Type: text/plain\r\n\r\nword\r\r\n--b--\r\n").replace(/\n/g, "\r\n")],
  ["quoted-printable: soft breaks, escapes, a lone = and a bad escape", "From: a@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\ncaf=C3=A9 is=\n joined\n=3D and =ZZ and =4\nends with =\n"],
  ["folded fields, a bare CR in a value, a tab continuation", "From: a@example.com\nSubject: one\n  two\n\tthree\nX-Odd: a\rb\n\nbody\n"],
  ["a field line without a colon, and a continuation first", " leading\nFrom: a@example.com\nno colon here\n\nbody\n"],
  ["the first Content-Type decides", 'From: a@example.com\nContent-Type: multipart/mixed; boundary="b"\nContent-Type: text/plain\n\n--b\n\nfirst\n--b--\n'],
  ["a repeated parameter keeps its first value", 'From: a@example.com\nContent-Type: multipart/mixed; boundary="b"; boundary="c"\n\n--b\n\npart\n--c\n--b--\n'],
  ["an empty Content-Type is the empty type, no type is text/plain", report("--b\nContent-Type:\n\nempty type\n--b\n\nno type\n--b--\n", 'Content-Type: multipart/mixed; boundary="b"')],
  ["a part whose header block never ends", report("--b\nContent-Type: text/plain\n--b\nContent-Type: text/plain\n\nsecond\n--b--\n", 'Content-Type: multipart/mixed; boundary="b"')],
  ["boundary lines: trailing blanks, longer look-alikes, the epilogue", report("preamble\n--b \t\nContent-Type: text/plain\n\n--bx\n---b\n--b-- junk\n--b--\t\n--b\nafter the end\n", 'Content-Type: multipart/mixed; boundary=b')],
  ["a message that ends without a line end", report("--b\nContent-Type: text/plain\n\nlast words", 'Content-Type: multipart/mixed; boundary="b"')],
  ["text parts joined, an attachment-disposed text kept apart", report("--b\nContent-Type: text/plain\n\none\n--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"x.txt\"\n\nfile\n--b\nContent-Type: text/plain; charset=\"ISO-8859-1\"\n\ntwo \xe9\n--b--\n", 'Content-Type: multipart/mixed; boundary="b"')],
  ["a part's last field folded", report('--b\nContent-Type: text/plain;\n\tcharset="iso-8859-1"\n\ncaf\xe9\n--b--\n', 'Content-Type: multipart/mixed;\n boundary="b"')],
  ["base64: padded lines, padding inside, a stray character, a short last group", "From: a@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nY2Fmw6k=\nIGlz*IGZ=\npbmU=\nQUJDRA\nQ\n"],
  ["a base64 attachment and a base64 text", report("--b\nContent-Type: text/plain\nContent-Transfer-Encoding: Base64\n\naGVsbG8gd29ybGQ=\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAECAwQFBgcICQ==\n--b--\n", 'Content-Type: multipart/mixed; boundary="b"')],
  ["HTML alone", "From: a@example.com\nContent-Type: text/html; charset=utf-8\n\n<p>Delivery has failed</p>\n"],
  ["a report whose text is an alternative of plain and HTML", report('--b\nContent-Type: multipart/alternative; boundary="c"\n\n--c\nContent-Type: text/plain\n\nplain words\n--c\nContent-Type: text/html\n\n<p>html words</p>\n--c--\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\n\n--b\nContent-Type: text/rfc822-headers\n\nFrom: me@example.com\n\n--b--\n')],
  ["an inner boundary closing the outer part's lines, an outer one closing the inner", report('--b\nContent-Type: multipart/mixed; boundary="c"\n\n--c\n\ninner one\n--b\n\nouter again\n--c\nnot a boundary any more\n--b--\nafter\n', 'Content-Type: multipart/mixed; boundary="b"')],
  ["a digest, whose parts are messages", 'From: a@example.com\nContent-Type: multipart/digest; boundary="b"\n\n--b\n\nFrom: x@example.com\n\nfirst\n--b\nContent-Type: text/plain\n\nsecond\n--b--\n'],
  ["a related part", 'From: a@example.com\nContent-Type: multipart/related; boundary="b"\n\n--b\nContent-Type: text/html\n\n<img src="cid:x">\n--b\nContent-Type: image/png\nContent-ID: <x>\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n'],
  ["upper-case type and parameter names", 'From: a@example.com\nContent-Type: MULTIPART/Mixed; BOUNDARY="Bb"\n\n--Bb\nContent-Type: Text/Plain; CHARSET=UTF-8\n\nx\n--Bb--\n'],
];

test.each(READ)("reads as postal-mime does: %s", async (_name, message) => {
  // Latin-1 in the source strings stands for raw bytes, as a mailer would send them.
  const { quick, postal } = await bothReaders(Buffer.from(message, "latin1"));
  expect(quick).not.toBeNull();
  expect(quick).toEqual(postal);
});

test("reads as postal-mime does: a U+FEFF and an NBSP before field names, bad UTF-8 in a field", async () => {
  const message = Buffer.concat([
    Buffer.from("From: a@example.com\n\uFEFFX-Bom: 1\n\u00a0From: b@example.com\n", "utf8"),
    Buffer.from("Subject: \xff\xfe ok \xe2\x82\nX-Cut: \xe2\n\nbody\n", "latin1"),
  ]);
  const { quick, postal } = await bothReaders(message);
  expect(quick?.headers.map(({ key }) => key)).toEqual(["from", "\uFEFFx-bom", "\u00a0from", "subject", "x-cut"]);
  expect(quick).toEqual(postal);
});

/** Shapes it leaves to postal-mime. */
const DECLINED: [string, string][] = [
  ["HTML where postal-mime would make the text from it", report("--b\nContent-Type: text/plain\n\nplain\n--b\nContent-Type: text/html\n\n<p>html only</p>\n--b--\n", 'Content-Type: multipart/mixed; boundary="b"')],
  ["a calendar part", report("--b\nContent-Type: text/calendar; method=request\n\nBEGIN:VCALENDAR\n--b--\n", 'Content-Type: multipart/mixed; boundary="b"')],
  ["multiparts nested deeper than it reads", `From: a@example.com\nContent-Type: multipart/mixed; boundary="b0"\n\n${Array.from({ length: 20 }, (_, i) => `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`).join("")}--b20\n\nx\n`],
  ["a multipart with an empty subtype", 'From: a@example.com\nContent-Type: multipart/; boundary="b"\n\n--b\n\nx\n--b--\n'],
  ["a comment in a structured field", "From: a@example.com\nContent-Type: text/plain (comment); charset=utf-8\n\nx\n"],
  ["a comment in the transfer encoding", "From: a@example.com\nContent-Transfer-Encoding: (old) base64\n\naGk=\n"],
  ["an RFC 2231 parameter", "From: a@example.com\nContent-Type: text/plain; charset*=utf-8''x\n\nx\n"],
  ["a backslash in a quoted parameter", 'From: a@example.com\nContent-Type: multipart/mixed; boundary="a\\"b"\n\n'],
  ["a charset TextDecoder does not know by that name", "From: a@example.com\nContent-Type: text/plain; charset=x-unknown-8\n\nx\n"],
  ["format=flowed", "From: a@example.com\nContent-Type: text/plain; format=flowed\n\nx \ny\n"],
  ["a parameter without a value", 'From: a@example.com\nContent-Type: multipart/mixed; flag; boundary="b"\n\n--b\n\nx\n--b--\n'],
  ["an unclosed quote", 'From: a@example.com\nContent-Type: multipart/mixed; boundary="b\n\n--b\n\nx\n--b--\n'],
  ["a doubled semicolon", "From: a@example.com\nContent-Type: text/plain;; charset=utf-8\nX: y\n\nx\n"],
  ["a type with an empty subtype", "From: a@example.com\nContent-Type: text/\n\nx\n"],
];

test.each(DECLINED)("leaves to postal-mime: %s", (_name, message) => {
  expect(readMimeQuickly(new TextEncoder().encode(message))).toBeNull();
});

test("time is linear in the number of parts and in the length of a line", async () => {
  const encoder = new TextEncoder();
  await expectLinear((n) => {
    const bytes = encoder.encode(report(`${"--b\nContent-Type: text/plain\n\nx\n".repeat(n)}--b--\n`, 'Content-Type: multipart/mixed; boundary="b"'));
    return () => readMimeQuickly(bytes);
  }, 20000);
  await expectLinear((n) => {
    const bytes = encoder.encode(`From: a@example.com\nSubject: ${"a ".repeat(n)}\nContent-Transfer-Encoding: quoted-printable\n\n${"=41".repeat(n)}\n`);
    return () => readMimeQuickly(bytes);
  }, 50000);
  // Lines that look like boundaries are tested against every open one (at most 16 deep).
  const nested = Array.from({ length: 15 }, (_, i) => `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`).join("");
  await expectLinear((n) => {
    const bytes = encoder.encode(`From: a@example.com\nContent-Type: multipart/mixed; boundary="b0"\n\n${nested}--b15\n\n${"--b1x\n".repeat(n)}`);
    return () => readMimeQuickly(bytes);
  }, 20000);
});
