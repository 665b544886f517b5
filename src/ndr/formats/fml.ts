/**
 * fml, a Japanese mailing-list manager: it returns posts it refuses (a sender who is
 * not a member, a command it rejects). The address that failed is the list's own.
 */
import type { MailMessage } from "../message";
import { firstParagraph } from "../prose";
import { findAddress } from "../text";
import type { FormatModule } from "./format";

const REFUSAL = /not (?:a )?member|rejected|reject|denied|not allowed|forbidden|error/i;

function isRefusal(message: MailMessage): boolean {
  return /^fml\b/i.test(message.headers.get("x-mlserver") ?? "") && (REFUSAL.test(message.subject) || REFUSAL.test(message.text.slice(0, 2048)));
}

export const fml: FormatModule = {
  name: "fml",
  recognise: isRefusal,
  extract: (message) => {
    const diagnostic = message.text.trim().split(/\n[ \t]*\n/, 8).join("\n") || null;
    const address = findAddress(firstParagraph(message.text.split("\n"))) ?? findAddress(message.headers.get("list-post"));
    if (!address) return null;
    return { recipients: [{ address, diagnostic }] };
  },
};
