/** Mail transfer agents run on one's own servers: Postfix, Sendmail, Exim, qmail, ... */
import type { FormatModule } from "./format";

export const MTA_FORMATS: readonly FormatModule[] = [];
