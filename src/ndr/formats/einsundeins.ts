/**
 * 1&1 / IONOS (mailer-daemon@kundenserver.de, "Mail delivery failed: returning message
 * to sender"): United Internet's bounce text, as GMX writes it, with the
 * X-UI-Out-Filterresults stamp of the platform.
 */
import { defineFormat } from "./format";
import { UNITED_INTERNET_ORIGINAL, readUnitedInternet } from "./united-internet";

export const einsUndEins = defineFormat({
  name: "1and1",
  recognise: (message) =>
    /mailer-daemon@(?:[\w-]{1,40}\.){0,3}(?:kundenserver|1und1|1and1|ionos)\.[a-z.]{2,12}>?/i.test(message.from) ||
    (message.headers.has("x-ui-out-filterresults") && UNITED_INTERNET_ORIGINAL.test(message.text)),
  extract: readUnitedInternet,
});
