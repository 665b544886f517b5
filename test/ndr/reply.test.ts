import { replyCodeFor, smtpCommandIn } from "../../src/ndr/reply";
import { findReplyCode } from "../../src/ndr/text";

test("smtpCommandIn names the command a phrase mentions", () => {
  expect(smtpCommandIn("in reply to RCPT TO")).toBe("RCPT");
  expect(smtpCommandIn("end of data")).toBe("DATA");
  expect(smtpCommandIn("initial connection")).toBe("CONN");
  expect(smtpCommandIn("something else")).toBeNull();
});

test("smtpCommandIn with the verbs wording reads providers' upper-case verbs and tags only", () => {
  expect(smtpCommandIn("550 5.1.1 mailbox unavailable [RCPT_TO]", "verbs")).toBe("RCPT");
  expect(smtpCommandIn("after STARTTLS", "verbs")).toBe("STARTTLS");
  expect(smtpCommandIn("invalid data in header", "verbs")).toBeNull();
  expect(smtpCommandIn("invalid data in header")).toBe("DATA");
});

test("findReplyCode with leading reads only a code that opens the reply, also as 550:", () => {
  expect(findReplyCode("550: 5.2.2 mailbox full", { leading: true })).toBe(550);
  expect(findReplyCode("mailbox full 550 later", { leading: true })).toBeNull();
  expect(findReplyCode("mailbox full 550 later")).toBe(550);
});

test("replyCodeFor takes the reply whose class agrees with the status", () => {
  expect(replyCodeFor("554 4.4.7 Message expired <421 4.4.2 Connection timed out>", "4.4.7")).toBe(421);
  expect(replyCodeFor("no code", "5.0.0")).toBeUndefined();
});
