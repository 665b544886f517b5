/** Bounces for the guidance tests, built the way the parser builds them. */
import type { BounceRecipient } from "../../src/ndr/types";
import type { Bounce } from "../../src/ndr/bounce";

export function makeBounce(recipient: Partial<BounceRecipient>, bounce: Partial<Bounce> = {}): Bounce {
  const address = recipient.address === undefined ? "bob@example.org" : recipient.address;
  return {
    isBounce: true,
    kind: "bounce",
    format: "rfc3464",
    reportingMta: "mail.sender.example",
    arrivalDate: "2026-11-20T08:15:00Z",
    originalSender: "alice@sender.example",
    senderDomain: "sender.example",
    sendingIp: "192.0.2.10",
    originalMessageId: "<20261120081500.1@sender.example>",
    originalSubject: "Quarterly report",
    ...bounce,
    recipients: [
      {
        address,
        domain: address ? address.split("@")[1] : null,
        action: "failed",
        status: "5.0.0",
        replyCode: 550,
        diagnostic: null,
        remoteMta: "mx.example.org",
        ...recipient,
      },
    ],
  };
}

/** An Exchange Online report of a third-party rejection for SPF (the seed case 5.7.23). */
export function spfBounce(senderDomain: string, sendingIp: string, bounce: Partial<Bounce> = {}): Bounce {
  return makeBounce(
    {
      address: "bob@example.org",
      status: "5.7.23",
      diagnostic: "550 5.7.23 The message was rejected because of Sender Policy Framework violation",
      remoteMta: "mx.example.org",
    },
    {
      format: "exchange-online",
      reportingMta: "AM0PR01MB1234.eurprd01.prod.outlook.com",
      originalSender: `alice@${senderDomain}`,
      senderDomain,
      sendingIp,
      ...bounce,
    },
  );
}
