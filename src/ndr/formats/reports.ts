/** Messages that look like bounces but are not: feedback reports, auto-replies. */
import type { FormatModule } from "./format";

export const REPORT_FORMATS: readonly FormatModule[] = [];
