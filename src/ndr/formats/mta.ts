/** Mail transfer agents run on one's own servers: Postfix, Sendmail, Exim, qmail, ... */
import type { FormatModule } from "./format";
import { courier } from "./courier";
import { dragonfly } from "./dragonfly";
import { nullmailer } from "./nullmailer";
import { exim } from "./exim";
import { opensmtpd } from "./opensmtpd";
import { postfix } from "./postfix";
import { qmail } from "./qmail";
import { sendmail } from "./sendmail";
import { v5sendmail } from "./v5sendmail";

export const MTA_FORMATS = [postfix, exim, qmail, sendmail, v5sendmail, opensmtpd, courier, dragonfly, nullmailer] as const satisfies readonly FormatModule[];
