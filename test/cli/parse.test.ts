/** bounce-doctor parse, run in-process with a captured terminal. */
import path from "node:path";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import { corpusDir } from "../support/shared-data";

function terminal(stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readStdin: async () => new TextEncoder().encode(stdin),
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

const postfix = path.join(corpusDir, "lhost-postfix-01.eml");
const gmail = path.join(corpusDir, "lhost-gmail-03.eml");

test("one file prints one Bounce as JSON", async () => {
  const t = terminal();
  expect(await main(["parse", postfix], t.io)).toBe(0);
  const bounce = JSON.parse(t.out());
  expect(bounce).toMatchObject({ isBounce: true, format: "postfix" });
  expect(bounce.recipients[0].status).toMatch(/^5\.\d+\.\d+$/);
  expect(t.err()).toBe("");
});

test("--jsonl prints one object per file, in order, with its name", async () => {
  const t = terminal();
  expect(await main(["parse", "--jsonl", postfix, gmail], t.io)).toBe(0);
  const lines = t.out().trim().split("\n").map((line) => JSON.parse(line));
  expect(lines.map((l) => l.file)).toEqual([postfix, gmail]);
  expect(lines.map((l) => l.format)).toEqual(["postfix", "gmail"]);
});

test("- reads standard input", async () => {
  const t = terminal("From: a@fabrikam.example\nSubject: hi\n\nhello\n");
  expect(await main(["parse", "-"], t.io)).toBe(0);
  expect(JSON.parse(t.out())).toMatchObject({ isBounce: false, kind: "message" });
});

test("an unreadable file or a non-message exits 1 with a one-line error; the others still print", async () => {
  const t = terminal("\u0000\u0001binary");
  expect(await main(["parse", "--jsonl", "/nonexistent/x.eml", "-", postfix], t.io)).toBe(1);
  const errors = t.err().trim().split("\n");
  expect(errors).toEqual([
    "bounce-doctor parse: /nonexistent/x.eml: no such file",
    "bounce-doctor parse: -: not an email message: it does not start with a header",
  ]);
  expect(t.out().trim().split("\n")).toHaveLength(1);
});

test("--jsonl output comes in blocks, and what came before an error is printed before it", async () => {
  const events: string[] = [];
  let writes = 0;
  const io: CliIo = {
    stdout: (text) => void (writes++, events.push(...text.trim().split("\n").map((line) => `out ${JSON.parse(line).file}`))),
    stderr: (text) => void events.push(`err ${text.trim()}`),
    readStdin: async () => new Uint8Array(),
  };
  const files = [postfix, gmail, postfix, "/nonexistent/x.eml", gmail];
  expect(await main(["parse", "--jsonl", ...files], io)).toBe(1);
  expect(events).toEqual([`out ${postfix}`, `out ${gmail}`, `out ${postfix}`, "err bounce-doctor parse: /nonexistent/x.eml: no such file", `out ${gmail}`]);
  expect(writes).toBe(2); // the block before the error, and the rest
});

test.each([
  [[], /give one or more files/],
  [["a.eml", "b.eml"], /several files need --jsonl/],
  [["--json", "--jsonl", "a.eml"], /not both/],
  [["--frobnicate", "a.eml"], /Unknown option '--frobnicate'/],
])("wrong usage %j exits 2", async (args, message) => {
  const t = terminal();
  expect(await main(["parse", ...args], t.io)).toBe(2);
  expect(t.err()).toMatch(message);
  expect(t.out()).toBe("");
});

test("an unknown command exits 2 with the usage", async () => {
  const t = terminal();
  expect(await main(["frob"], t.io)).toBe(2);
  expect(t.err()).toMatch(/unknown command 'frob'/);
});

test("JSON output carries a bounce's controls as \\u escapes, never raw, with the same value", async () => {
  // The parser keeps a server's words as written, bidi controls included (C0 and C1 it drops).
  const diagnostic = "550 5.1.1 <bob@example.org>: unknown user \u202eelbisivni\u202c";
  const bounce = [
    "From: MAILER-DAEMON@mx.example.net",
    "To: alice@example.com",
    "Subject: Undelivered Mail Returned to Sender",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "Delivery failed.",
    "--b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "",
    "Final-Recipient: rfc822; bob@example.org",
    "Action: failed",
    "Status: 5.1.1",
    `Diagnostic-Code: smtp; ${diagnostic}`,
    "--b--",
    "",
  ].join("\n");
  const t = terminal(bounce);
  expect(await main(["parse", "-"], t.io)).toBe(0);
  expect(t.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
  expect(t.out()).toContain("\\u202eelbisivni\\u202c");
  expect(JSON.parse(t.out()).recipients[0].diagnostic).toContain("\u202eelbisivni\u202c");
});
