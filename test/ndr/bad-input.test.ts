/**
 * Hostile and broken input: every case ends in a Bounce or a clear BounceInputError,
 * never an exception of another kind and never a hang. For the hostile lines, doubling
 * the input at most about doubles the time (test/support/linear-time.ts).
 */
import { parseBounce } from "../../src/ndr";
import { BounceInputError } from "../../src/ndr/types";
import type { Bounce } from "../../src/ndr/bounce";
import { dsnBounce as bounce, largeBody, longHeaderLine, manyAddresses, nestedMultipart, noise } from "../support/hostile-mail";
import { expectLinear } from "../support/linear-time";

async function outcome(input: Parameters<typeof parseBounce>[0]): Promise<Bounce | BounceInputError> {
  try {
    return await parseBounce(input);
  } catch (error) {
    if (error instanceof BounceInputError) return error;
    throw error;
  }
}

describe("input that is not a message is refused clearly", () => {
  test.each([
    ["an empty string", ""],
    ["empty bytes", new Uint8Array(0)],
    ["an empty ArrayBuffer", new ArrayBuffer(0)],
    ["whitespace", " \n\n\t\n"],
  ])("%s", async (_name, input) => {
    await expect(parseBounce(input)).rejects.toBeInstanceOf(BounceInputError);
  });

  test("1 MB of binary noise", async () => {
    const bytes = noise(1 << 20);
    bytes[0] = 0; // noise that happened to start like "Xy: " would be a (strange) header
    await expect(parseBounce(bytes)).rejects.toThrow(/not an email message/);
  });

  test("something that is neither text, bytes nor Outlook's parts", async () => {
    await expect(parseBounce(42 as never)).rejects.toBeInstanceOf(BounceInputError);
  });
});

describe("broken messages still give a result", () => {
  test("a message of only headers is an ordinary message", async () => {
    const result = await parseBounce("From: alice@example.com\nTo: bob@example.org\nSubject: hi");
    expect(result).toMatchObject({ isBounce: false, kind: "message", recipients: [] });
  });

  test("a bounce's headers without their body say nothing of a failure", async () => {
    const headers = bounce().split("\n\n")[0];
    expect(await parseBounce(headers)).toMatchObject({ isBounce: false, kind: "message" });
  });

  test("a MIME tree cut inside the delivery-status part keeps the recipients read so far", async () => {
    const whole = bounce({ recipients: ["bob@example.org", "carol@example.org"] });
    const cut = whole.slice(0, whole.indexOf("carol@example.org") + 5);
    const result = await parseBounce(cut);
    expect(result.isBounce).toBe(true);
    expect(result.recipients[0]).toMatchObject({ address: "bob@example.org", status: "5.1.1", replyCode: 550 });
  });

  test.each([0.25, 0.5, 0.75])("the same bounce cut at %p of its length never throws", async (fraction) => {
    const whole = bounce({ original: "QUJD".repeat(2000) });
    const result = await outcome(whole.slice(0, Math.floor(whole.length * fraction)));
    expect(result).toHaveProperty("kind");
  });

  test("an attached original whose base64 is cut short", async () => {
    const raw = bounce().replace("Content-Type: message/rfc822\n", "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n").replace(/From: Alice[\s\S]*Hello Bob\./, "RnJvbTogYWxpY2VAZXhhbXBsZS5jb20KU3ViamVjdDogaGk");
    const result = await parseBounce(raw);
    expect(result.recipients.map((r) => r.address)).toEqual(["bob@example.org"]);
  });

  test.each([
    ["after blank lines (a pasted message)", (raw: string) => `\n \n\t\n${raw}`],
    ["after a UTF-8 byte-order mark", (raw: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(raw)])],
    ["saved as UTF-16LE with its byte-order mark", (raw: string) => new Uint8Array([0xff, 0xfe, ...Array.from(raw, (c) => [c.charCodeAt(0), 0]).flat()])],
    ["saved as UTF-16BE with its byte-order mark", (raw: string) => new Uint8Array([0xfe, 0xff, ...Array.from(raw, (c) => [0, c.charCodeAt(0)]).flat()])],
  ])("a bounce %s is read like the plain one", async (_name, wrap) => {
    const raw = bounce();
    expect(await parseBounce(wrap(raw))).toEqual(await parseBounce(raw));
  });

  test("invalid base64 in a text part is read as far as it goes", async () => {
    const raw = "From: a@example.com\nSubject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!! not base64 @@@@ ====\n";
    expect(await parseBounce(raw)).toMatchObject({ kind: "message" });
  });

  test("invalid quoted-printable keeps the readable text", async () => {
    const raw = [
      "From: MAILER-DAEMON@mx.example.org",
      "To: alice@example.com",
      "Subject: failure notice",
      "Content-Type: text/plain",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Message from example.org.",
      "Unable to deliver message to the following address(es).",
      "",
      "<bob@example.org>:",
      "550 no such user =ZZ =4 =E3=81",
      "",
      "--- Original message follows.",
      "",
    ].join("\n");
    const result = await parseBounce(raw);
    expect(result.recipients.map((r) => r.address)).toEqual(["bob@example.org"]);
    expect(result.recipients[0].diagnostic).toContain("550 no such user");
  });

  test("an unknown charset does not lose the ASCII text", async () => {
    const raw = "From: a@example.com\nSubject: =?x-no-such-charset?Q?Hello?=\nContent-Type: text/plain; charset=x-no-such-charset\n\nPlain words survive.\n";
    const result = await parseBounce(raw);
    expect(result.kind).toBe("message");
    const { readMessage } = await import("../../src/ndr/message");
    expect((await readMessage(raw)).text).toContain("Plain words survive.");
  });

  test("multipart nesting 1,000 deep is refused as unreadable, not followed", async () => {
    await expect(parseBounce(nestedMultipart(1000))).rejects.toThrow(/nesting/);
  });

  test("a bounce nested a few levels deep is still read", async () => {
    let raw = bounce();
    for (let i = 0; i < 3; i++) raw = `From: helpdesk@example.com\nSubject: Fwd\nContent-Type: multipart/mixed; boundary="fw${i}"\n\n--fw${i}\nContent-Type: message/rfc822\n\n${raw}\n--fw${i}--\n`;
    const result = await parseBounce(raw);
    expect(result.isBounce).toBe(true);
    expect(result.recipients[0].address).toBe("bob@example.org");
  });
});

describe("size", () => {
  test("a header line of 1 MB", async () => {
    const raw = longHeaderLine(1 << 20);
    const { MAX_HEADER_FIELD_BYTES, readMessage } = await import("../../src/ndr/message");
    const message = await readMessage(raw);
    // Cut to the field limit, not dropped: the start of the subject and the fields after it are read.
    expect(message.subject).toMatch(/^A{60000}/);
    expect(message.subject.length).toBeLessThanOrEqual(MAX_HEADER_FIELD_BYTES);
    expect(message.headers.get("to")).toBe("b@example.org");
    expect(await parseBounce(raw)).toMatchObject({ kind: "message" });
  });

  test("a 1 MB line of field-like noise in the headers", async () => {
    const raw = `From: a@example.com\nX-Noise: ${"a b:<c@".repeat(150000)}\n\nbody\n`;
    expect(await parseBounce(raw)).toMatchObject({ kind: "message" });
  });

  test("a 1 MB line inside a bounce's prose", async () => {
    const raw = bounce().replace("I'm sorry", `${"<x@y ".repeat(200000)}\nI'm sorry`);
    expect((await parseBounce(raw)).recipients.map((r) => r.address)).toEqual(["bob@example.org"]);
  });

  test("a returned header folded 40,000 times: read, in time linear in the folds", async () => {
    const folded = (n: number) => bounce().replace("Subject: hello", `Subject: hello${"\n  folded".repeat(n)}`);
    const result = await parseBounce(folded(40000));
    expect(result.recipients.map((r) => r.address)).toEqual(["bob@example.org"]);
    expect(result.originalSubject).toBe(`hello${" folded".repeat(40000)}`);
    await expectLinear((n) => {
      const text = folded(n);
      return () => parseBounce(text);
    }, 10000);
  });

  test("10,000 recipients are all read", async () => {
    const result = await parseBounce(bounce({ recipients: manyAddresses(10000) }));
    expect(result.recipients).toHaveLength(10000);
    expect(result.recipients[9999]).toMatchObject({ address: "user9999@example.org", status: "5.1.1", replyCode: 550 });
  });

  test("a 5 MB and a 50 MB bounce (a large returned original) read alike", async () => {
    const small = await parseBounce(bounce({ original: largeBody(5) }));
    const large = await parseBounce(new TextEncoder().encode(bounce({ original: largeBody(50) })));
    expect(small.isBounce).toBe(true);
    expect(large).toEqual(small);
  });
});

describe("hostile lines in the layouts the gateway families read: a result, in linear time", () => {
  // Each layout's hostile lines for a size n (n = 2^20 is a megabyte-long line).
  const layouts: [string, string[], (n: number) => string[]][] = [
    ["X2 (qmail-like)", ["From: MAILER-DAEMON@example.com", "Subject: Delivery failure"], (n) => ["Unable to deliver message to the following address(es).", "", `<${"x".repeat(n)}@example.org>:`, "[".repeat(n / 2), "", "--- Original message follows."]],
    ["MX Logic", ["From: MAILER-DAEMON@relay.mxlogic.net", "Message-ID: <mxl~1@relay.mxlogic.net>", "Subject: Mail delivery failed"], (n) => ["The following address failed:", "", `  <${"a:".repeat(n / 2)}>: 550`, ""]],
    ["X6", ["From: mailer-daemon", "Subject: error"], (n) => ["We had trouble delivering your message. Full details follow:", `The following recipients returned permanent errors: a@b.example. Reason: ${"[".repeat(n / 2)}${" ".repeat(n / 2)}x`]],
    ["Messaging Server", ["From: postmaster@example.net", "Subject: Delivery Notification"], (n) => ["This report relates to a message you sent with the following header fields:", "", `  Recipient address: ${"@".repeat(n)}`]],
    ["IMail", ["From: postmaster@example.org", "X-Mailer: <SMTP32 v8.22>", "Subject: Undeliverable Mail"], (n) => [`${": ".repeat(n / 2)}a@b.example`, "Original message follows."]],
    ["InterScan", ['From: "InterScan MSS" <postmaster@example.jp>', "Subject: Mail could not be delivered"], (n) => [`Sent <<< RCPT TO:<a@b.example> ${"<<< ".repeat(n / 4)}`, `Received >>> 550 ${">>> x".repeat(n / 4)}`]],
    ["X1", ["From: MAILER-DAEMON@example.org", "Subject: Returned Mail"], (n) => ["---The following addresses had delivery errors---", `a@b.example [${"x".repeat(n)}`, `${" [".repeat(n / 2)}]`]],
  ];

  test.each(layouts)("%s", async (_name, headers, body) => {
    const message = (n: number) => [...headers, "To: alice@example.com", "", ...body(n), ""].join("\n");
    expect(await outcome(message(1 << 20))).toHaveProperty("kind");
    // Doubling stops at 128 KB against 256 KB: past that the collector's cost of
    // longer strings, not the parser, sets the ratio (InterScan's transcript at 1 MB).
    await expectLinear((n) => {
      const text = message(n);
      return async () => expect(await outcome(text)).toHaveProperty("kind");
    }, 1 << 14, { maxN: 1 << 17 });
  }, 60_000);
});
