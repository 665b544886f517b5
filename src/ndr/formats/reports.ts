/** Messages that look like bounces but are not: feedback reports, auto-replies. */
import { arf } from "./arf";
import { autoReply } from "./auto-reply";
import type { FormatModule } from "./format";

export const REPORT_FORMATS = [arf, autoReply] as const satisfies readonly FormatModule[];
