/** What the live check asks about: the domain and IP the receiver judged. */
import { checkTarget, ipFromRejection, spfDomainFromRejection } from "../../src/guidance/check-target";
import type { Bounce } from "../../src/ndr/bounce";

function bounceWith(diagnostic: string, sendingIp: string | null = null): Bounce {
  return {
    isBounce: true, kind: "bounce", format: "exchange-online", reportingMta: null, arrivalDate: null,
    originalSender: "alice@fabrikam.example", senderDomain: "fabrikam.example", sendingIp,
    originalMessageId: null, originalSubject: null,
    recipients: [{ address: "bob@contoso.example", domain: "contoso.example", action: "failed", status: "5.7.23", replyCode: 550, diagnostic, remoteMta: null, smtpCommand: null }],
  };
}

test("an SPF rejection naming the envelope domain it checked is checked there, with the IP it quotes", () => {
  const target = checkTarget(bounceWith("550 5.7.23 The MAIL FROM domain [bounces.fabrikam.example] has an SPF record with a hard fail policy (-all) and 198.51.100.7 is not in it"));
  // The From address is not the envelope sender there: it would fill SPF's %{s} and %{l} macros wrongly.
  expect(target).toEqual({ domain: "bounces.fabrikam.example", ip: "198.51.100.7" });
  expect(checkTarget({ ...bounceWith("550 5.1.1 User unknown"), originalSender: null })).toEqual({ domain: "fabrikam.example" });
});

test("otherwise the sender's domain, and the IP the parser found", () => {
  expect(checkTarget(bounceWith("550 5.1.1 User unknown", "203.0.113.5"))).toEqual({ domain: "fabrikam.example", ip: "203.0.113.5", sender: "alice@fabrikam.example" });
});

test("words that are not about SPF name no domain or IP", () => {
  expect(spfDomainFromRejection("550 not permitted by policy.example")).toBeNull();
  expect(ipFromRejection("550 5.7.1 Client host [198.51.100.7] blocked")).toBeNull();
  expect(spfDomainFromRejection("550 5.7.1 SPF: 198.51.100.7 is not permitted by fabrikam.example")).toBe("fabrikam.example");
  // A private address tells the live check nothing.
  expect(ipFromRejection("550 SPF fail for 10.0.0.5")).toBeNull();
});
