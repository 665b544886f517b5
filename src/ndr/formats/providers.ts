/**
 * Hosted mail services: Microsoft, Google, Yahoo, Amazon and other providers.
 * Order matters where two families share a look: Exchange Online before Exchange on
 * premises, Google Groups before Gmail, WorkMail before SES (it sends through SES).
 */
import { amazonSes } from "./amazon-ses";
import { amazonSesReceiving } from "./amazon-ses-receiving";
import { amazonWorkMail } from "./amazon-workmail";
import { aol } from "./aol";
import { biglobe } from "./biglobe";
import { einsUndEins } from "./einsundeins";
import { exchangeOnline } from "./exchange-online";
import { exchange2003 } from "./exchange2003";
import { exchange2007 } from "./exchange2007";
import { ezweb } from "./ezweb";
import type { FormatModule } from "./format";
import { gmail } from "./gmail";
import { gmx } from "./gmx";
import { googleGroups } from "./google-groups";
import { bigfoot, mailRu, yandex } from "./hosted-mta";
import { kddi } from "./kddi";
import { outlook } from "./outlook";
import { sendgrid } from "./sendgrid";
import { verizon } from "./verizon";
import { yahoo } from "./yahoo";
import { zoho } from "./zoho";

export const PROVIDER_FORMATS = [
  exchangeOnline,
  exchange2007,
  exchange2003,
  outlook,
  googleGroups,
  gmail,
  yahoo,
  aol,
  amazonWorkMail,
  amazonSes,
  amazonSesReceiving,
  sendgrid,
  zoho,
  gmx,
  einsUndEins,
  ezweb,
  kddi,
  biglobe,
  verizon,
  yandex,
  mailRu,
  bigfoot,
] as const satisfies readonly FormatModule[];
