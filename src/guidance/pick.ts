/** Which recipient of a bounce the guidance is about. */
import type { Bounce, BounceRecipient } from "../ndr/types";

/** A failure first, then a delay, then whatever there is. */
export function pickRecipient(bounce: Bounce): BounceRecipient | null {
  return (
    bounce.recipients.find((r) => r.action === "failed") ??
    bounce.recipients.find((r) => r.action === "delayed") ??
    bounce.recipients[0] ??
    null
  );
}
