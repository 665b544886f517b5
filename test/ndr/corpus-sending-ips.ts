/**
 * The sending IP each corpus message states, read by hand: the address the rejecting
 * server names as the client it refused ("with ip: [..]", "Client host [..] blocked",
 * "banned sending IP [..]", "?ip=..", "messages from .. weren't sent", "Fix reverse DNS
 * for .."). The reference (Sisimai) reports no sending IP, so this list is the truth
 * `npm run eval` scores `sendingIp` against. Messages that name only the receiving
 * host's address ("host mx.example.com[192.0.2.1] said:") are not here: they state no
 * sending IP. The corpus anonymised most addresses into documentation ranges (RFC 5737).
 */
export interface StatedSendingIp {
  /** File name in ../shared/corpus/ndr (newline variants inherit it). */
  file: string;
  ip: string;
  /** The words that state it, as the message has them. */
  evidence: string;
}

export const statedSendingIps: StatedSendingIp[] = [
  { file: "lhost-amazonses-14.eml", ip: "203.0.113.22", evidence: "<a8-95.smtp-out.amazonses.com[203.0.113.22]>: Client host rejected" },
  { file: "lhost-amazonses-15.eml", ip: "192.0.2.127", evidence: "<e22-33.smtp-out.amazonses.com[192.0.2.127]>: Client host rejected" },
  { file: "lhost-amazonses-16.eml", ip: "203.0.113.225", evidence: "client [203.0.113.225] blocked using dnsbl.sorbs.net" },
  { file: "lhost-exim-38.eml", ip: "203.0.113.222", evidence: "neko.example.com is not 203.0.113.222" },
  { file: "lhost-exim-41.eml", ip: "203.0.113.2", evidence: "neko.example.com is not 203.0.113.2" },
  { file: "lhost-exim-46.eml", ip: "203.0.113.2", evidence: "Missing reverse DNS for 203.0.113.2" },
  { file: "lhost-exim-47.eml", ip: "192.0.2.222", evidence: "550-192.0.2.222 blocked by ldap" },
  { file: "lhost-exim-48.eml", ip: "203.0.113.22", evidence: "Fix reverse DNS for 203.0.113.22" },
  { file: "lhost-exim-54.eml", ip: "203.0.113.2", evidence: "messages from 203.0.113.2 weren't sent" },
  { file: "lhost-ezweb-08.eml", ip: "111.86.156.22", evidence: "messages from 111.86.156.22 weren't sent" },
  { file: "lhost-gmail-04.eml", ip: "192.0.2.49", evidence: "Client host [192.0.2.49] blocked" },
  { file: "lhost-opensmtpd-13.eml", ip: "192.0.2.25", evidence: "Messages from 192.0.2.25 temporarily deferred" },
  { file: "lhost-postfix-38.eml", ip: "192.0.2.225", evidence: "dnsbl-lookup.cgi?ip=192.0.2.225" },
  { file: "lhost-postfix-58.eml", ip: "192.0.2.22", evidence: "[192.0.2.22 18] Our system has detected" },
  { file: "lhost-qmail-09.eml", ip: "192.0.2.225", evidence: "banned sending IP [192.0.2.225]" },
  { file: "lhost-qmail-19.eml", ip: "192.0.2.25", evidence: "Messages from 192.0.2.25 temporarily deferred" },
  { file: "lhost-sendmail-16.eml", ip: "192.0.2.254", evidence: "554 IP=192.0.2.254 - A problem occurred" },
  { file: "lhost-sendmail-43.eml", ip: "192.0.2.222", evidence: "[192.0.2.222 13] Messages with multiple addresses" },
  { file: "lhost-sendmail-60.eml", ip: "203.0.113.22", evidence: "550-5.7.26 [203.0.113.22]. To best protect" },
  { file: "lhost-v5sendmail-07.eml", ip: "192.0.2.55", evidence: "no access from mail server [192.0.2.55]" },
  { file: "make-test-34.eml", ip: "192.0.2.254", evidence: "IP name lookup failed [192.0.2.254]" },
  { file: "rhost-facebook-03.eml", ip: "192.0.2.135", evidence: "response_codes?ip=192.0.2.135" },
  // The anonymised copy names two addresses: 198.51.100.225 in the text part, 203.0.113.222 in the DSN's Diagnostic-Code; the DSN is what is read.
  { file: "rhost-godaddy-03.eml", ip: "203.0.113.222", evidence: "<kijitora@example.com> - 203.0.113.222 has" },
  { file: "rhost-google-03.eml", ip: "192.0.2.24", evidence: "with the ip: 550-5.7.26 [192.0.2.24]" },
  { file: "rhost-google-04.eml", ip: "192.0.2.22", evidence: "with ip: [192.0.2.22]" },
  { file: "rhost-google-06.eml", ip: "192.0.2.202", evidence: "[192.0.2.202] The IP address sending this message" },
  { file: "rhost-microsoft-05.eml", ip: "192.0.2.25", evidence: "The mail server [192.0.2.25] has been temporarily rate limited" },
  { file: "rhost-tencent-02.eml", ip: "192.0.2.22", evidence: "Blocked IP 192.0.2.22]" },
  { file: "rhost-yahooinc-02.eml", ip: "192.0.2.192", evidence: "Messages from 192.0.2.192 temporarily deferred" },
];
