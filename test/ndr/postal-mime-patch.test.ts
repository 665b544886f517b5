/**
 * What patches/postal-mime+4.0.0.patch changes, asserted on the postal-mime build that
 * the application loads: these fail when the patch did not apply (patch-package exits 0
 * outside CI) or when a loader picks the other, unpatched build. patches/README.md
 * lists the hunks and what each one gains.
 */
import fs from "node:fs";
import path from "node:path";
import PostalMime from "postal-mime";

/** A multipart message with `lines` lines in each of an 8bit, a base64 and a quoted-printable part. */
function message(lines: number): string {
  const text = Array.from({ length: lines }, (_, i) => `line ${i} of the report`);
  const base64 = Buffer.from(text.join("\n")).toString("base64").replace(/.{76}/g, "$&\n");
  const quotedPrintable = text.map((line) => `${line}=20=E2=9C=93`).join("\n");
  return [
    "From: Mail Delivery System <mailer-daemon@example.net>",
    "To: sender@example.com",
    "Cc: Second <second@example.org>",
    "Reply-To: postmaster@example.net",
    "Return-Path: <>",
    "Subject: Undelivered Mail Returned to Sender",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    ...text,
    "--b1",
    "Content-Type: application/octet-stream",
    "Content-Transfer-Encoding: base64",
    "",
    base64,
    "--b1",
    "Content-Type: text/x-log; charset=utf-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    quotedPrintable,
    "--b1--",
    "",
  ].join("\r\n");
}

/**
 * How many turns of the microtask queue pass before `run()` settles, counting up to `cap`
 * (a step that waits for the event loop, such as reading a Blob, runs out the count).
 */
async function microtaskTurns(run: () => Promise<unknown>, cap: number): Promise<number> {
  let settled = false;
  const done = run().finally(() => {
    settled = true;
  });
  let turns = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (settled || turns >= cap) { resolve(); return; }
      turns++;
      queueMicrotask(tick);
    };
    queueMicrotask(tick);
  });
  await done;
  return turns;
}

const decoder = new TextDecoder();

describe("postal-mime as patched", () => {
  it("joins each part's decoded chunks into its content: 8bit, base64 and quoted-printable", async () => {
    const email = await PostalMime.parse(message(3), { parseAddresses: false });
    expect(email.text).toBe("line 0 of the report\nline 1 of the report\nline 2 of the report\n");
    const [binary, log] = email.attachments;
    expect(decoder.decode(binary.content as ArrayBuffer)).toBe("line 0 of the report\nline 1 of the report\nline 2 of the report");
    expect(log.mimeType).toBe("text/x-log");
    expect(decoder.decode(log.content as ArrayBuffer)).toBe("line 0 of the report \u2713\nline 1 of the report \u2713\nline 2 of the report \u2713\n");
  });

  it("parses a message without waiting once per line or per part", async () => {
    // Unpatched, every line is awaited and every part's content goes through a Blob,
    // whose read waits for the event loop: the count runs out. Patched, only the
    // tree walk awaits, so the count does not depend on how long the parts are.
    const cap = 10_000;
    const short = await microtaskTurns(() => PostalMime.parse(message(1_000), { parseAddresses: false }), cap);
    const long = await microtaskTurns(() => PostalMime.parse(message(2_000), { parseAddresses: false }), cap);
    expect(short).toBeLessThan(100);
    expect(long).toBe(short);
  });

  it("leaves the address fields out with parseAddresses: false, and keeps the raw headers", async () => {
    const email = await PostalMime.parse(message(1), { parseAddresses: false });
    for (const field of ["from", "sender", "to", "cc", "bcc", "replyTo", "returnPath", "deliveredTo"]) expect(email).not.toHaveProperty(field);
    expect(email.headers.find((header) => header.key === "cc")?.value).toBe("Second <second@example.org>");
    expect(email.subject).toBe("Undelivered Mail Returned to Sender");
  });

  it("still parses the addresses by default", async () => {
    const email = await PostalMime.parse(message(1));
    expect(email.from).toEqual({ name: "Mail Delivery System", address: "mailer-daemon@example.net" });
    expect(email.cc).toEqual([{ name: "Second", address: "second@example.org" }]);
    expect(email.replyTo).toEqual([{ name: "", address: "postmaster@example.net" }]);
  });
});

describe("the one postal-mime build", () => {
  const root = path.resolve(__dirname, "../..");
  const esm = path.join(root, "node_modules/postal-mime/dist/esm/postal-mime.js");

  it("is the one webpack (exports' import condition), tsx and tsc (tsconfig paths) and jest (moduleNameMapper) load", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "node_modules/postal-mime/package.json"), "utf8")) as { exports: { ".": { import: string } } };
    expect(path.join(root, "node_modules/postal-mime", manifest.exports["."].import)).toBe(esm);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8")) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(tsconfig.compilerOptions.paths["postal-mime"].map((target) => `${path.join(root, target)}.js`)).toEqual([esm]);
    expect(require.resolve("postal-mime")).toBe(esm);
  });
});
