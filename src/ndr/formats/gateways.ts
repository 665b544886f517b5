/** Filtering gateways and appliances, and providers not listed elsewhere. */
import type { FormatModule } from "./format";

export const GATEWAY_FORMATS: readonly FormatModule[] = [];
