/**
 * Widely used mail domains, for typo suggestions on a recipient domain that does not exist.
 *
 * The first block is Mailcheck's default domain list (mailcheck.js `defaultDomains`,
 * https://github.com/mailcheck/mailcheck, MIT licence, Copyright (c) 2012 Received Inc.
 * and Derrick Ko). Mailcheck reaches Hotmail, Outlook, Live and Yahoo through separate
 * second-level rules instead; here they are listed whole, with the large providers of
 * Taiwan (where the zh-TW users of this add-in write to), as the second block.
 */
const MAILCHECK_DOMAINS: readonly string[] = [
  "msn.com", "bellsouth.net", "telus.net", "comcast.net", "optusnet.com.au", "earthlink.net", "qq.com", "sky.com",
  "icloud.com", "mac.com", "sympatico.ca", "googlemail.com", "att.net", "xtra.co.nz", "web.de", "cox.net", "gmail.com",
  "ymail.com", "aim.com", "rogers.com", "verizon.net", "rocketmail.com", "google.com", "optonline.net", "sbcglobal.net",
  "aol.com", "me.com", "btinternet.com", "charter.net", "shaw.ca",
];

const OTHER_MAIL_DOMAINS: readonly string[] = [
  "outlook.com", "hotmail.com", "live.com", "yahoo.com", "yahoo.com.tw", "hinet.net", "msa.hinet.net", "gmx.de", "gmx.net",
  "proton.me", "protonmail.com", "163.com", "126.com",
];

export const MAIL_DOMAINS: readonly string[] = [...MAILCHECK_DOMAINS, ...OTHER_MAIL_DOMAINS];
