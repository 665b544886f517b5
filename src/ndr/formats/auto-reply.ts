/**
 * Automatic replies (RFC 3834): out-of-office notes and autoresponders. Bounces
 * carry some of the same signs (Postfix and Exim write "Auto-Submitted:
 * auto-replied", lists add "Precedence: bulk"), and this family is asked before
 * every bounce family: it claims a message only when nothing about it says bounce.
 */
import type { MailMessage } from "../message";
import { defineFormat } from "./format";

/**
 * Subjects autoresponders write (Outlook and Exchange in their localisations, Gmail,
 * Zimbra, cPanel, ...), at the start of the subject.
 */
const AUTO_REPLY_SUBJECT = new RegExp(
  "^\\s{0,8}(?:" +
    [
      "\\[?auto(?:matic)?[ _-]?(?:reply|response|respons|answer)",
      "auto:",
      "autoreply",
      "out of (?:the )?office",
      "ooo\\b",
      "vacation",
      "away from (?:the|my) office",
      "automatische antwort",
      "abwesenheit",
      "réponse automatique",
      "respuesta automática",
      "resposta automática",
      "risposta automatica",
      "automatisch antwoord",
      "autosvar",
      "automaattinen vastaus",
      "automatyczna odpowiedź",
      "автоматический ответ",
      "αυτόματη απάντηση",
      "自動回覆",
      "自动回复",
      "自動応答",
      "自動返信",
      "자동 회신",
    ].join("|") +
    ")",
  "i",
);

/** Headers only auto-replies carry. Auto-Submitted: auto-generated is what bounces say. */
function hasAutoReplyHeader(message: MailMessage): boolean {
  const { headers } = message;
  if (/^auto-replied/i.test(headers.get("auto-submitted") ?? "")) return true;
  if (/^auto_reply$/i.test(headers.get("precedence") ?? "")) return true;
  if (/\b(?:OOF|AutoReply)\b/i.test(headers.get("x-auto-response-suppress") ?? "")) return true;
  return headers.has("x-autoreply") || headers.has("x-autorespond") || headers.has("x-auto-reply");
}

const BOUNCE_PARTS = ["message/delivery-status", "message/global-delivery-status", "text/rfc822-headers", "message/global-headers"];
const BOUNCE_SENDER = /(?:^|[<\s"])(?:mailer-daemon|mailer_daemon|postmaster|mail delivery (?:system|subsystem)|root)(?:@|[\s">]|$)/i;
const BOUNCE_SUBJECT =
  /undeliver|not delivered|delivery (?:status|fail|notification|problem|report|has failed)|returned mail|failure notice|mail delivery|non[- ]?delivery|could not be delivered|failed delivery|delivery failure|mail failure|rejected|bounced?\b|配信(?:エラー|不能|失敗)|送信(?:エラー|失敗)|未送達|退信|无法投递|無法傳遞|传递失败|傳遞失敗/i;
const BOUNCE_TEXT =
  /could not be delivered|couldn't be delivered|delivery has failed|delivery to the following recipients? failed|permanent (?:fatal )?errors?|undeliverable|this is the mail system at|mail delivery software|following address(?:es)? failed|was not delivered|wasn't delivered|failed permanently|unable to deliver|delivery failed|message delivery has failed|returned to sender/i;

/**
 * Anything that says a mail system is reporting a failure. A From of "<>" names no
 * one: an autoresponder writes there the recipient it answers for (RFC 3834 §3.1),
 * only a mail system leaves it empty.
 */
function looksLikeBounce(message: MailMessage): boolean {
  if (message.deliveryStatus || message.partTypes.some((type) => BOUNCE_PARTS.includes(type))) return true;
  if (BOUNCE_SENDER.test(message.from) || /^\s{0,8}<>\s{0,8}$/.test(message.from) || BOUNCE_SUBJECT.test(message.subject)) return true;
  // An autoresponder's note is short; reading its head is enough and keeps this cheap.
  return BOUNCE_TEXT.test(message.text.slice(0, 4096));
}

export const autoReply = defineFormat({
  name: "auto-reply",
  recognise: (message) => (hasAutoReplyHeader(message) || AUTO_REPLY_SUBJECT.test(message.subject)) && !looksLikeBounce(message),
  extract: () => ({ recipients: [], kind: "auto-reply" }),
});
