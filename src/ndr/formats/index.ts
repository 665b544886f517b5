/**
 * The format registry: the families in the order they are asked, the first that
 * recognises a message reads it. Non-bounces are told apart first, specific families
 * before the generic readers at the end. A new family is one file (declared with
 * defineFormat) and one line in its group; its name joins FormatName by itself.
 */
import type { FormatModule } from "./format";
import { FALLBACK_FORMATS } from "./fallback";
import { GATEWAY_FORMATS } from "./gateways";
import { MTA_FORMATS } from "./mta";
import { PROVIDER_FORMATS } from "./providers";
import { REPORT_FORMATS } from "./reports";
import { rfc3464 } from "./rfc3464";

export const FORMATS = [
  ...REPORT_FORMATS,
  ...PROVIDER_FORMATS,
  ...GATEWAY_FORMATS,
  ...MTA_FORMATS,
  rfc3464,
  ...FALLBACK_FORMATS,
] as const satisfies readonly FormatModule[];

/** The registry's type: every module with its literal name. */
type FormatRegistry = typeof FORMATS;

/** One module of the registry, its name a literal. */
export type RegisteredFormat = FormatRegistry[number];

/** The name of a format family, as Bounce.format reports it ("postfix", "exchange-online", ...). */
export type FormatName = RegisteredFormat["name"];
