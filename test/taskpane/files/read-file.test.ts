/**
 * read-file with real inputs: .eml bytes, .msg files built by test/support/msg-writer
 * (an Exchange-style delivery report with the server's reply in recipient properties,
 * an embedded original message, a .msg attached as a file), text, HTML and bad input.
 */
import PostalMime from "postal-mime";
import type { MessageParts } from "../../../src/ndr/types";
import { FileReadError, MAX_FILE_BYTES, readBlob, readFile, sourceFromBytes } from "../../../src/taskpane/files/read-file";
import { writeMsg, type MsgSpec } from "../../support/msg-writer";
import { NDR_EML } from "../office/samples";

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: string | Uint8Array) => (typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes));

const original: MsgSpec = {
  subject: "Quarterly report 第三季",
  body: "Hello Carol, the report is attached.",
  senderEmail: "alice@sender.test",
  senderName: "Alice",
  recipients: [{ email: "carol@example.net" }],
  attachments: [{ name: "report.csv", mimeType: "text/csv", data: utf8("q,total\n3,42\n") }],
};

const exchangeNdr: MsgSpec = {
  messageClass: "REPORT.IPM.Note.NDR",
  subject: "Undeliverable: Quarterly report 第三季",
  headers: "From: postmaster@sender.test\r\nTo: alice@sender.test\r\nSubject: Undeliverable: Quarterly report\r\nContent-Type: multipart/report\r\n",
  body: "Your message couldn't be delivered to carol@example.net.",
  html: "<p>Your message couldn't be delivered.</p>",
  recipients: [{ email: "carol@example.net", supplementaryInfo: "550 5.7.1 Service unavailable; client host [192.0.2.7] blocked using Spamhaus" }],
  attachments: [{ name: "Quarterly report", message: original }],
};

describe("sourceFromBytes", () => {
  test("keeps .eml bytes as they are", async () => {
    const bytes = utf8(NDR_EML);
    await expect(sourceFromBytes("bounce.eml", bytes)).resolves.toEqual({ origin: "file", name: "bounce.eml", source: bytes });
  });

  test("takes a message saved under another name when it starts with headers", async () => {
    const source = await sourceFromBytes("bounce.txt", utf8(NDR_EML), "drop");
    expect([source.origin, source.name]).toEqual(["drop", "bounce.txt"]);
    expect(source.source).toBeInstanceOf(Uint8Array);
  });

  test("reads an Outlook delivery report (.msg) into parts, with the server's reply from recipient properties", async () => {
    const { source, origin, name } = await sourceFromBytes("Undeliverable.msg", writeMsg(exchangeNdr));
    expect([origin, name]).toEqual(["file", "Undeliverable.msg"]);
    const parts = source as MessageParts;
    expect(parts.kind).toBe("parts");
    expect(parts.headers).toBe(exchangeNdr.headers);
    expect(parts.html).toBe(exchangeNdr.html);
    expect(parts.text).toBe(
      "Your message couldn't be delivered to carol@example.net.\n\n" +
        "Delivery has failed to these recipients or groups:\n\ncarol@example.net\n" +
        "Remote server returned '550 5.7.1 Service unavailable; client host [192.0.2.7] blocked using Spamhaus'",
    );
  });

  test("turns an embedded message into RFC 822 text that a MIME parser reads back", async () => {
    const parts = (await sourceFromBytes("Undeliverable.msg", writeMsg(exchangeNdr))).source as MessageParts;
    expect(parts.attachments).toHaveLength(1);
    const [embedded] = parts.attachments!;
    expect(embedded).toMatchObject({ name: "Quarterly report 第三季.eml", contentType: "message/rfc822" });
    const email = await PostalMime.parse(text(embedded.content));
    expect(email.subject).toBe("Quarterly report 第三季");
    expect(email.from).toMatchObject({ address: "alice@sender.test", name: "Alice" });
    expect(email.to?.map((a) => a.address)).toEqual(["carol@example.net"]);
    expect(email.text?.trim()).toBe("Hello Carol, the report is attached.");
    expect(email.attachments.map((a) => [a.filename, a.mimeType, typeof a.content === "string" ? a.content : new TextDecoder().decode(a.content)])).toEqual([
      ["report.csv", "text/csv", "q,total\n3,42\n"],
    ]);
  });

  test("keeps the transport headers of an embedded message that has them", async () => {
    const forwarded = writeMsg({
      subject: "FW: Undeliverable",
      body: "see attached",
      attachments: [{ name: "bounce", message: { ...exchangeNdr, attachments: [] } }],
    });
    const parts = (await sourceFromBytes("fw.msg", forwarded)).source as MessageParts;
    const email = await PostalMime.parse(text(parts.attachments![0].content));
    expect(email.from?.address).toBe("postmaster@sender.test");
    expect(email.subject).toBe("Undeliverable: Quarterly report");
    // The server's reply kept in recipient properties survives into the embedded copy's body.
    expect(email.text).toContain("Remote server returned '550 5.7.1 Service unavailable");
    expect(email.headers.filter((h) => h.key === "content-type")).toHaveLength(1);
  });

  test("opens a .msg attached as a plain file as a message", async () => {
    const outer = writeMsg({
      subject: "two bounces",
      body: "",
      attachments: [{ name: "inner.msg", mimeType: "application/vnd.ms-outlook", data: writeMsg(original) }],
    });
    const parts = (await sourceFromBytes("outer.msg", outer)).source as MessageParts;
    expect(parts.attachments![0]).toMatchObject({ name: "inner.eml", contentType: "message/rfc822" });
    expect((await PostalMime.parse(text(parts.attachments![0].content))).subject).toBe("Quarterly report 第三季");
  });

  test("reads text and HTML files as parts, UTF-16 included", async () => {
    expect((await sourceFromBytes("bounce.txt", utf8("\uFEFFDelivery to bob@example.org failed: 550 5.1.1"))).source).toEqual({
      kind: "parts",
      text: "Delivery to bob@example.org failed: 550 5.1.1",
    });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("失敗 550").flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect((await sourceFromBytes("notes.txt", utf16)).source).toEqual({ kind: "parts", text: "失敗 550" });
    expect((await sourceFromBytes("page.html", utf8("<p>550 5.1.1</p>"))).source).toEqual({ kind: "parts", html: "<p>550 5.1.1</p>" });
  });

  test("refuses binary files, false .msg files, broken compound files and empty files with a reason", async () => {
    await expect(sourceFromBytes("photo.jpg", new Uint8Array([0xff, 0xd8, 0, 1]))).rejects.toThrow(new FileReadError("photo.jpg is neither an email (.eml, .msg) nor text"));
    await expect(sourceFromBytes("fake.msg", utf8("hello"))).rejects.toThrow(/fake\.msg is not an Outlook message file/);
    const broken = writeMsg(original).slice(0, 700);
    await expect(sourceFromBytes("broken.msg", broken)).rejects.toThrow(FileReadError);
    await expect(sourceFromBytes("empty.eml", new Uint8Array())).rejects.toThrow(/empty\.eml is empty/);
  });
});

describe("readFile / readBlob", () => {
  test("reads a File", async () => {
    const file = new File([writeMsg(exchangeNdr) as Uint8Array<ArrayBuffer>], "Undeliverable.msg", { type: "application/vnd.ms-outlook" });
    const source = await readFile(file);
    expect(source.origin).toBe("file");
    expect((source.source as MessageParts).text).toContain("Remote server returned");
  });

  test("refuses a file over the size cap before reading it", async () => {
    const huge = new Blob([new Uint8Array(MAX_FILE_BYTES + 1)]);
    await expect(readBlob(huge, "huge.eml", "drop")).rejects.toThrow(/huge\.eml is 25\.0 MB; files over 25\.0 MB are not read/);
  });
});
