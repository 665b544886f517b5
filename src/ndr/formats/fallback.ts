/** Last resorts: bounces that only prose tells apart, after the generic RFC 3464 reader. */
import type { FormatModule } from "./format";
import { proseBounce } from "./prose-bounce";

export const FALLBACK_FORMATS = [proseBounce] as const satisfies readonly FormatModule[];
