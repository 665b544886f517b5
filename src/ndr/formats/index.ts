/**
 * The format families, in the order they are asked: the first that recognises a
 * message reads it. Non-bounces are told apart first, specific families before the
 * generic readers at the end. A new family is one file and one line in its group.
 */
import type { FormatModule } from "./format";
import { FALLBACK_FORMATS } from "./fallback";
import { GATEWAY_FORMATS } from "./gateways";
import { MTA_FORMATS } from "./mta";
import { PROVIDER_FORMATS } from "./providers";
import { REPORT_FORMATS } from "./reports";
import { rfc3464 } from "./rfc3464";

export const FORMATS: readonly FormatModule[] = [
  ...REPORT_FORMATS,
  ...PROVIDER_FORMATS,
  ...GATEWAY_FORMATS,
  ...MTA_FORMATS,
  rfc3464,
  ...FALLBACK_FORMATS,
];
