/**
 * The general path, behind every family module: a bounce from a server no family
 * knows, read from what any bounce shows (src/ndr/general). Reported as "generic".
 */
import { readGeneralBounce } from "../general/findings";
import { defineFormat } from "./format";

export const general = defineFormat({
  name: "generic",
  // The DSN part is read for every message already; this path reads what has none.
  recognise: (message) => (message.deliveryStatus?.recipients.length ?? 0) === 0,
  extract: readGeneralBounce,
});
