/** Hosted mail services: Microsoft, Google, Yahoo, Amazon and other providers. */
import { amazonSes } from "./amazon-ses";
import { amazonSesReceiving } from "./amazon-ses-receiving";
import { amazonWorkMail } from "./amazon-workmail";
import { biglobe } from "./biglobe";
import { exchange2003 } from "./exchange2003";
import { ezweb } from "./ezweb";
import { kddi } from "./kddi";
import { verizon } from "./verizon";
import { exchange2007 } from "./exchange2007";
import { exchangeOnline } from "./exchange-online";
import type { FormatModule } from "./format";
import { gmail } from "./gmail";
import { googleGroups } from "./google-groups";
import { gmx } from "./gmx";
import { yahoo } from "./yahoo";
import { zoho } from "./zoho";

export const PROVIDER_FORMATS: readonly FormatModule[] = [
  exchangeOnline,
  exchange2007,
  exchange2003,
  googleGroups,
  gmail,
  yahoo,
  amazonWorkMail,
  amazonSes,
  amazonSesReceiving,
  zoho,
  gmx,
  ezweb,
  kddi,
  biglobe,
  verizon,
];
