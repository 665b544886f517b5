/**
 * Active!hunter (TransWARE), a Japanese filtering gateway. It writes a
 * sendmail-like report: the failed addresses after "permanent fatal errors", the
 * remote server's reply after "Transcript of session follows".
 */
import { firstParagraph, section } from "../prose";
import { findAddress } from "../text";
import { defineFormat } from "./format";

export const activehunter = defineFormat({
  name: "activehunter",
  recognise: (message) => message.headers.has("x-ahmailid") || message.contentType.includes("_active!hunter_"),
  extract: (message) => {
    const listed = section(message.text, "----- The following addresses had permanent fatal errors -----", "----- Transcript of session follows -----") ?? [];
    const addresses = listed.map((line) => (line.startsWith(">>>") ? findAddress(line) : null)).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const diagnostic = firstParagraph(section(message.text, "----- Transcript of session follows -----"));
    return { recipients: addresses.map((address) => ({ address, diagnostic })) };
  },
});
