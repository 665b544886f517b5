/**
 * Bounces arrive in ISO-2022-JP, Big5, GB2312, windows-1252 and UTF-8, in bodies
 * (7bit, 8bit, base64, quoted-printable) and in encoded words. Real corpus messages
 * and hand-made ones; every assertion is on the decoded text.
 */
import { parseBounce } from "../../src/ndr";
import { readMessage } from "../../src/ndr/message";
import { corpusBytes, readCorpus } from "./formats/corpus-files";

/**
 * Encodes text in a double-byte charset (Big5, GBK/GB2312, Shift_JIS) by inverting the
 * runtime's own decoder over every two-byte sequence: no encoder tables in the test.
 */
function encoderFor(charset: string): (text: string) => Uint8Array {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== "\ufffd" && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return (text) => {
    const bytes: number[] = [];
    for (const char of text) {
      const code = char.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else {
        const pair = table.get(char);
        if (!pair) throw new Error(`${char} has no ${charset} encoding`);
        bytes.push(...pair);
      }
    }
    return Uint8Array.from(bytes);
  };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const qp = (bytes: Uint8Array) => Array.from(bytes, (b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b))).join("");
const latin = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");
/** A raw message as bytes: header and ASCII text as-is, `\u00xx` characters as single bytes. */
const bytesOf = (raw: string) => Uint8Array.from(raw, (c) => c.charCodeAt(0));

function textBounce(contentType: string, transferEncoding: string, body: string, subject = "Undelivered Mail Returned to Sender"): string {
  return [
    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)",
    "To: alice@example.com",
    `Subject: ${subject}`,
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
    `Content-Transfer-Encoding: ${transferEncoding}`,
    "",
    body,
    "",
  ].join("\n");
}

describe("corpus messages", () => {
  test("ISO-2022-JP text (Lotus Notes): the reason is decoded", async () => {
    const bounce = await parseBounce(corpusBytes("lhost-notes-01.eml"));
    expect(bounce.recipients[0].diagnostic).toBe("エラー(テストメッセージとしての)");
  });

  test("ISO-2022-JP left raw in a delivery-status part (Domino) is decoded", async () => {
    const message = await readCorpus("lhost-domino-02.eml");
    expect(message.deliveryStatus?.recipients[0].diagnosticCode).toBe("ユーザーNeko (kijitora@example.co.jp) は Domino ディレクトリには見つかりません。");
    expect(message.subject).toContain("Domino ディレクトリには見つかりません。");
  });

  test("ISO-2022-JP encoded-word subject (InterScan)", async () => {
    expect((await readCorpus("lhost-trendmicro-01.eml")).subject).toBe("メッセージを配信できません。");
  });

  test("ISO-2022-JP, base64 UTF-8 and 8-bit UTF-8 bodies of the same gateway read alike (m-FILTER)", async () => {
    for (const file of ["lhost-mfilter-02.eml", "lhost-mfilter-04.eml", "lhost-mfilter-05.eml"]) {
      expect((await readCorpus(file)).text).toContain("このメールは送信できませんでした。");
    }
    expect((await readCorpus("lhost-mfilter-05.eml")).text).toContain("Subject: ニャーン？");
  });

  test("UTF-8 under an ISO-2022-JP label (a relay re-encoded it) is read as UTF-8", async () => {
    const variant = await readCorpus("newline-variants/dos-lhost-notes-01.eml");
    expect(variant.text).toContain("エラー(テストメッセージとしての)");
    expect(variant.text).not.toContain("\ufffd");
  });

  test("a genuine ISO-2022-JP part is not relabelled because another part holds undecodable bytes", async () => {
    const raw = bytesOf(
      [
        "From: MAILER-DAEMON@mx.example.co.jp",
        "Subject: Returned mail",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=ISO-2022-JP",
        "",
        "\x1b$B%f!<%6!<\x1b(B",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "broken \u00ff byte",
        "--b--",
        "",
      ].join("\n"),
    );
    expect((await readMessage(raw)).text).toContain("ユーザー");
  });

  test("windows-1252 quoted-printable (Office 365): 0x92 is a right quote, not a control character", async () => {
    const message = await readCorpus("lhost-office365-01.eml");
    expect(message.text).toContain("The email address wasn’t found at the destination domain.");
    expect(message.text).not.toMatch(/[\u0080-\u009f]/);
  });

  test("UTF-8 encoded words in Subject and in the returned original's From", async () => {
    expect((await readCorpus("is-not-bounce-01.eml")).subject).toBe("にゃんこ");
    expect((await readCorpus("is-not-bounce-02.eml")).original?.headers.get("from")).toBe("André Brás <dummy@example.com>");
  });
});

describe("hand-made messages", () => {
  test("Big5 body (base64) and Big5 encoded-word subject", async () => {
    const big5 = encoderFor("big5");
    const body = "無法傳送郵件給下列收件者：\n\n<bob@example.org>:\n550 5.1.1 收件者不存在\n";
    const raw = textBounce('text/plain; charset="big5"', "base64", base64(big5(body)), `=?big5?B?${base64(big5("郵件傳送失敗"))}?=`);
    const message = await readMessage(raw);
    expect(message.subject).toBe("郵件傳送失敗");
    expect(message.text).toContain("550 5.1.1 收件者不存在");
    expect(message.text).toContain("無法傳送郵件給下列收件者");
  });

  test("GB2312 body (quoted-printable) and GB2312 Q-encoded subject", async () => {
    const gb = encoderFor("gbk");
    const raw = textBounce("text/plain; charset=gb2312", "quoted-printable", qp(gb("邮件无法投递到以下地址：bob@example.org\n原因：用户不存在")), `=?gb2312?Q?${qp(gb("退信通知")).replace(/ /g, "_")}?=`);
    const message = await readMessage(raw);
    expect(message.subject).toBe("退信通知");
    expect(message.text).toContain("邮件无法投递到以下地址：bob@example.org");
    expect(message.text).toContain("原因：用户不存在");
  });

  test("ISO-2022-JP body (7bit) and subject", async () => {
    // "ユーザーが見つかりません" and "配信エラー", as a Japanese mailer writes them.
    const body = "\x1b$B%f!<%6!<$,8+$D$+$j$^$;$s\x1b(B: bob@example.co.jp";
    const raw = textBounce("text/plain; charset=ISO-2022-JP", "7bit", body, `=?ISO-2022-JP?B?${base64(bytesOf("\x1b$BG[?.%(%i!<\x1b(B"))}?=`);
    const message = await readMessage(raw);
    expect(message.subject).toBe("配信エラー");
    expect(message.text).toBe("ユーザーが見つかりません: bob@example.co.jp\n");
  });

  test("raw ISO-2022-JP in a Diagnostic-Code reaches the recipient's diagnostic", async () => {
    const raw = [
      "From: MAILER-DAEMON@mx.example.co.jp",
      "To: alice@example.com",
      "Subject: Returned mail",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "Delivery failed.",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.co.jp",
      "",
      "Final-Recipient: rfc822; bob@example.co.jp",
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 \x1b$B%f!<%6!<$,8+$D$+$j$^$;$s\x1b(B",
      "--b--",
      "",
    ].join("\n");
    const bounce = await parseBounce(raw);
    expect(bounce.recipients[0]).toMatchObject({ address: "bob@example.co.jp", status: "5.1.1", replyCode: 550, diagnostic: "550 5.1.1 ユーザーが見つかりません" });
  });

  test("windows-1252 as 8-bit bytes and as quoted-printable", async () => {
    const text = "Die Nachricht konnte nicht zugestellt werden \u2013 Empfänger unbekannt \u201Cbob\u201D";
    const cp1252 = Uint8Array.from(text, (c) => ({ "\u2013": 0x96, "\u201C": 0x93, "\u201D": 0x94 })[c] ?? c.charCodeAt(0));
    const eightBit = await readMessage(bytesOf(textBounce("text/plain; charset=windows-1252", "8bit", latin(cp1252))));
    const quoted = await readMessage(textBounce("text/plain; charset=windows-1252", "quoted-printable", qp(cp1252)));
    expect(eightBit.text.trim()).toBe(text);
    expect(quoted.text.trim()).toBe(text);
  });

  test("UTF-8 quoted-printable with soft line breaks, and adjacent encoded words joined", async () => {
    const raw = textBounce(
      "text/plain; charset=utf-8",
      "quoted-printable",
      "=E9=83=B5=E4=BB=B6=E7=84=A1=E6=B3=95=E5=82=B3=E9=80=81 (mail could not be de=\nlivered) to <bob@example.org>",
      "=?UTF-8?B?6YO15Lu2?=\n =?UTF-8?B?54Sh5rOV5YKz6YCB?=",
    );
    const message = await readMessage(raw);
    expect(message.subject).toBe("郵件無法傳送");
    expect(message.text).toBe("郵件無法傳送 (mail could not be delivered) to <bob@example.org>\n");
  });
});
