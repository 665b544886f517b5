/** The remote server's words, as bounces quote them: taken as written, never invented. */
import { findRemoteWords, transcriptReplies } from "../../src/ndr/general/remote-words";

test.each([
  ["a transcript reply", ["... while talking to mx.example.net.:", ">>> RCPT To:<bob@example.net>", "<<< 550 5.1.1 <bob@example.net>... User unknown"], "550 5.1.1 <bob@example.net>... User unknown", "5.1.1", 550],
  ["said:", ["<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1", "    User unknown (in reply to RCPT TO command)"], "550 5.1.1 User unknown (in reply to RCPT TO command)", "5.1.1", 550],
  ["Remote Server returned", ["Remote Server returned '550 5.7.23 SPF validation failed'"], "550 5.7.23 SPF validation failed", "5.7.23", 550],
  ["(reason: ...)", ["bob@example.net (reason: 552 5.2.2 Mailbox full)"], "552 5.2.2 Mailbox full", "5.2.2", 552],
  ["a multi-line reply", ["550-5.7.26 Unauthenticated email is not accepted due to", "550-5.7.26 domain's DMARC policy.", "550 5.7.26 Learn more"], "550-5.7.26 Unauthenticated email is not accepted due to 550-5.7.26 domain's DMARC policy. 550 5.7.26 Learn more", "5.7.26", 550],
])("%s", (_form, lines, diagnostic, status, replyCode) => {
  expect(findRemoteWords(lines)).toMatchObject({ diagnostic, status, replyCode });
});

test("a success reply in a transcript is no failure's words", () => {
  expect(findRemoteWords(["<<< 250 2.1.0 Ok"])).toBeNull();
});

test("RCPT To answered by a 4xx/5xx names the recipient that failed and the reply", () => {
  const replies = transcriptReplies([">>> MAIL From:<alice@example.com>", "<<< 250 2.1.0 Ok", ">>> RCPT To:<bob@example.net>", "<<< 450 4.2.2 Mailbox full", ">>> RCPT To:<carol@example.net>", "<<< 250 2.1.5 Ok"]);
  expect([...replies.keys()]).toEqual(["bob@example.net"]);
  expect(replies.get("bob@example.net")).toMatchObject({ status: "4.2.2", replyCode: 450, smtpCommand: "RCPT" });
});
