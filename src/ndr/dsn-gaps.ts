/**
 * When a bounce carries both prose and an RFC 3464 part, the DSN fields are the
 * machine-readable truth; the prose only fills what the DSN leaves out (a remote
 * host, a diagnostic). This keeps a family's prose from overriding good DSN fields.
 */
import type { RecipientFinding } from "./formats/format";
import type { MailMessage } from "./message";
import { findAddress, findStatus } from "./text";

export function fillDsnGaps(message: MailMessage, findings: RecipientFinding[]): RecipientFinding[] {
  const dsn = message.deliveryStatus?.recipients ?? [];
  if (dsn.length === 0) return findings;
  // Indexed once: a DSN may list thousands of recipients.
  const byAddress = new Map<string, (typeof dsn)[number]>();
  for (const fields of dsn) {
    const address = findAddress(fields.finalRecipient ?? fields.originalRecipient);
    if (address !== null && !byAddress.has(address)) byAddress.set(address, fields);
  }
  return findings.map((finding) => {
    const fields =
      (finding.address !== null ? byAddress.get(finding.address) : undefined) ??
      (dsn.length === 1 && findings.length === 1 ? dsn[0] : undefined);
    if (!fields) return finding;
    const statusStated = findStatus(fields.status);
    const useful = statusStated !== null && !/\.0\.0$/.test(statusStated);
    return {
      ...finding,
      address: finding.address ?? findAddress(fields.finalRecipient ?? fields.originalRecipient),
      diagnostic: fields.diagnosticCode ? undefined : finding.diagnostic,
      remoteMta: fields.remoteMta ? undefined : finding.remoteMta,
      status: useful ? undefined : finding.status,
      replyCode: fields.diagnosticCode ? undefined : finding.replyCode,
    };
  });
}
