/**
 * Filtering gateways and appliances, and the mail servers not listed with the MTAs.
 * Asked before the MTA families: each recognises only its own marks, so the
 * Exim-, qmail- and sendmail-like layouts some of them copy are not taken from those.
 */
import { activehunter } from "./activehunter";
import { apachejames } from "./apachejames";
import { domino } from "./domino";
import { amavis, barracuda, powermta } from "./dsn-gateways";
import type { FormatModule } from "./format";
import { fml } from "./fml";
import { imailserver } from "./imailserver";
import { mailfoundry } from "./mailfoundry";
import { mailmarshal } from "./mailmarshal";
import { mcafee } from "./mcafee";
import { messagingserver } from "./messagingserver";
import { mfilter } from "./mfilter";
import { mimecast } from "./mimecast";
import { mxlogic } from "./mxlogic";
import { notes } from "./notes";
import { surfcontrol } from "./surfcontrol";
import { trendmicro } from "./trendmicro";
import { x1 } from "./x1";
import { x2 } from "./x2";
import { x3 } from "./x3";
import { x4 } from "./x4";
import { x6 } from "./x6";

export const GATEWAY_FORMATS = [
  activehunter,
  amavis,
  apachejames,
  barracuda,
  domino,
  fml,
  imailserver,
  mailfoundry,
  mailmarshal,
  mcafee,
  messagingserver,
  mfilter,
  mimecast,
  mxlogic,
  notes,
  powermta,
  surfcontrol,
  trendmicro,
  x1,
  x2,
  x3,
  x4,
  x6,
] as const satisfies readonly FormatModule[];
