/** Last resort, after the generic RFC 3464 reader: the general path (src/ndr/general). */
import type { FormatModule } from "./format";
import { general } from "./general";

export const FALLBACK_FORMATS = [general] as const satisfies readonly FormatModule[];
