/** GMX and mail.com (MAILER-DAEMON@*.gmx.*, MAILER-DAEMON@mail.com): United Internet's bounce text. */
import { defineFormat } from "./format";
import { readUnitedInternet } from "./united-internet";

export const gmx = defineFormat({
  name: "gmx",
  recognise: (message) =>
    /mailer-daemon@(?:[\w-]{1,40}\.){0,3}(?:gmx\.[a-z]{2,3}|mail\.com)\b/i.test(message.from) ||
    (message.headers.has("x-gmx-antispam") && /mailer-daemon@/i.test(message.from)),
  extract: readUnitedInternet,
});
