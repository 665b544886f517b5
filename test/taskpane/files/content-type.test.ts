/** What an attachment is, told from its content rather than Outlook's extension lookup. */
import { contentTypeOf } from "../../../src/taskpane/files/content-type";
import { writeMsg } from "../../support/msg-writer";
import { DELIVERY_STATUS, NDR_EML, NDR_HEADERS, bytesOf } from "../office/samples";

describe("contentTypeOf", () => {
  test("a delivery-status part, whatever it was named, as text or bytes, with any line ends", () => {
    expect(contentTypeOf(DELIVERY_STATUS)).toBe("message/delivery-status");
    expect(contentTypeOf(bytesOf(DELIVERY_STATUS.replace(/\r\n/g, "\n")))).toBe("message/delivery-status");
    expect(contentTypeOf(bytesOf("\uFEFF" + DELIVERY_STATUS))).toBe("message/delivery-status");
  });

  test("a whole bounce is a message, although its body holds the delivery-status fields", () => {
    expect(contentTypeOf(bytesOf(NDR_EML))).toBe("message/rfc822");
    expect(contentTypeOf(NDR_HEADERS)).toBe("text/rfc822-headers");
    expect(contentTypeOf("From sender@example.com Mon Jan  5 10:00:00 2026\nFrom: a@example.com\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\nHi\n")).toBe("message/rfc822");
  });

  test("an Outlook .msg, binary files and plain text", () => {
    expect(contentTypeOf(writeMsg({ messageClass: "REPORT.IPM.Note.NDR", body: "x", recipients: [] }))).toBe("application/vnd.ms-outlook");
    expect(contentTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBe("application/octet-stream");
    expect(contentTypeOf("Your message could not be delivered.\nAction: failed\n")).toBe("text/plain");
    // One field line is no header block, and two status fields without a recipient are no report.
    expect(contentTypeOf("Subject: notes\nAction: failed\nStatus: 5.1.1\n")).toBe("text/plain");
  });
});
