/** Which recipient of a bounce the guidance is about. */
import type { BounceRecipient } from "../ndr/types";
import type { Bounce } from "../ndr/bounce";

/** A failure first, then a delay, then whatever there is. */
export function pickRecipient(bounce: Bounce): BounceRecipient | null {
  return (
    bounce.recipients.find((r) => r.action === "failed") ??
    bounce.recipients.find((r) => r.action === "delayed") ??
    bounce.recipients[0] ??
    null
  );
}
