/** Hosted mail services: Microsoft, Google, Yahoo, Amazon and other providers. */
import type { FormatModule } from "./format";

export const PROVIDER_FORMATS: readonly FormatModule[] = [];
