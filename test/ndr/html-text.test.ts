/**
 * HTML bodies to text: what is hidden goes, tags become the white space they stand for,
 * and openings that never close (a megabyte of "<!--" or "<a") end in text, not a hang.
 */
import { parseBounce } from "../../src/ndr";
import { htmlToText } from "../../src/ndr/html-text";

const MB = 1 << 20;

test("comments, scripts, styles and the head are dropped; block tags break lines", () => {
  const html = `<head><title>t</title></head><p>Delivery<!-- note --> failed</p><script>alert(1)</script><style>p{}</style>to <b>bob</b><br>550&nbsp;5.1.1<td>x</td>`;
  expect(htmlToText(html)).toBe("Delivery failed\nto bob\n550 5.1.1 x");
});

test("a comment inside an attribute goes before the tag is read", () => {
  expect(htmlToText(`<a title="<!-- x -->">link</a>`)).toBe("link");
});

test("what is never closed stays as text", () => {
  expect(htmlToText("<!-- open <b>x</b>")).toBe("<!-- open x");
  expect(htmlToText("<style>a</style")).toBe("a</style");
  expect(htmlToText("a < b")).toBe("a < b");
});

test.each(["<!--", "<a", "<a ", "<script>", "<style>x", "<head>", "</"])("a megabyte of %j with nothing closing it", (opening) => {
  const text = htmlToText(`<p>550 5.1.1</p>${opening.repeat(Math.ceil(MB / opening.length))}`);
  expect(text.startsWith("550 5.1.1")).toBe(true);
});

test("an HTML-only bounce of a megabyte of unclosed comments is still read", async () => {
  const raw = [
    "From: MAILER-DAEMON@mx.example.org",
    "To: alice@example.com",
    "Subject: Undeliverable: Quote",
    "Content-Type: text/html",
    "",
    `<p>Delivery has failed to these recipients: bob@example.org</p><p>550 5.1.1 User unknown</p>${"<!--".repeat(MB / 4)}`,
    "",
  ].join("\r\n");
  const bounce = await parseBounce(raw);
  expect(bounce).toHaveProperty("kind");
});
