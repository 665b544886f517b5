/**
 * What bounces say, in the languages mail servers write them: subjects, sentences
 * that say delivery failed, and the markers where the returned message begins. Also
 * what non-bounces say (read receipts, delivery confirmations), so that neither is
 * taken for the other. Exchange's localized "Undeliverable:" subjects and notice texts
 * are the model for most languages; every pattern is bounded (no nested repetition).
 *
 * Languages: English, Traditional and Simplified Chinese, Japanese, Korean, German,
 * French, Spanish, Portuguese, Italian, Dutch, Russian, Polish, plus a few Nordic
 * forms Exchange writes.
 */

const anyOf = (parts: readonly string[], flags = "i") => new RegExp(parts.join("|"), flags);

/** Subjects of delivery failures and delays, anywhere in the subject ("[SPAM] Undeliverable: ..."). */
export const BOUNCE_SUBJECT = anyOf([
  // English
  "\\bundeliver(?:able|ed)\\b",
  "\\breturned mail\\b",
  "\\bmail delivery (?:failed|failure|problem|error)",
  "\\bdelivery (?:status notification \\((?:failure|delay)\\)|failure|failed|has failed|problem|notification: delivery has failed|error)",
  "\\bfailure notice\\b",
  "\\bnon-?delivery\\b",
  "\\bnot delivered\\b",
  "\\b(?:could|can)(?:n't| ?not) be delivered\\b",
  "\\bmail (?:system )?error\\b",
  "\\bdelayed mail\\b",
  "\\b(?:mail )?delivery warning\\b",
  "\\bfailed mail\\b",
  "\\bmail failed\\b",
  "\\breturning (?:message )?to sender\\b",
  "\\bwarning: could not send message",
  "\\bnondeliverable\\b",
  "\\bmessage (?:delivery )?(?:failure|not delivered|rejected)\\b",
  "\\bpermanent (?:delivery )?(?:error|failure)\\b",
  "\\bmailbox (?:is )?full\\b",
  "\\bover quota\\b",
  // German, French, Spanish, Portuguese, Italian, Dutch
  "\\bunzustellbar",
  "\\bnicht zustellbar",
  "\\bzustellung (?:fehlgeschlagen|gescheitert)",
  "\\bnon remis\\b",
  "\\b[ée]chec (?:de (?:la )?(?:remise|distribution|livraison))",
  "\\bnon distribuable\\b",
  "\\bno se (?:puede|pudo) entregar\\b",
  "\\bno entregado\\b",
  "\\bno (?:se ha podido|fue posible) entregar",
  "\\bn[ãa]o (?:é possível|foi possível|pôde ser) entreg",
  "\\bn[ãa]o entregue\\b",
  "\\bfalha (?:na|de) entrega\\b",
  "\\bnon recapitabile\\b",
  "\\bmancato recapito\\b",
  "\\brecapito non riuscito\\b",
  "\\bonbestelbaar\\b",
  "\\bniet (?:bezorgd|afgeleverd|bestelbaar)\\b",
  // Russian, Polish
  "недоставлен",
  "не доставлен",
  "невозможно доставить",
  "не удалось доставить",
  "\\bniedostarczon",
  "\\bniedostarczaln",
  "\\bnie można dostarczyć",
  "\\bnie dostarczono\\b",
  // Nordic (Exchange)
  "\\bkan ikke leveres\\b",
  "\\bej levererbart\\b",
  "\\bunable to deliver\\b",
  // Chinese, Japanese, Korean
  "無法傳遞",
  "無法投遞",
  "無法送達",
  "退信",
  "无法投递",
  "无法传递",
  "无法送达",
  "未送达",
  "投递失败",
  "发送失败",
  "傳送失敗",
  "配信不能",
  "配信できません",
  "配送不能",
  "送信不能",
  "メールエラー",
  "未配達",
  "배달 ?못함",
  "배달 ?실패",
  "전송 ?실패",
  "배달되지 ?않음",
]);

/** Sentences that say delivery failed (or is delayed), in the report's own text. */
export const FAILURE_PHRASE = anyOf([
  // English: Postfix, Sendmail, Exim, qmail, Exchange (5.5 to Online), GroupWise, MDaemon, Domino, ISP gateways
  "the following addresses? had (?:permanent )?(?:fatal )?(?:errors|delivery errors)",
  "del[ie]?very to the following recipients? (?:failed|was (?:unsuccessful|aborted)|has failed|has been delayed)",
  "(?:message|mail) (?:is|has been|was) delayed",
  "temporary failure",
  "failed addresses follow",
  "no valid recipients",
  "recipient addresses? that (?:were|was) incorrectly constructed",
  "could not be delivered to (?:one or more|the following|all|any)",
  "(?:message|mail|e-?mail) (?:could not|cannot|can't|couldn't|was not able to|wasn't able to) be delivered",
  "(?:couldn't|could not|cannot|can't|unable to|failed to) (?:be )?deliver",
  "the following recipients?\\(?s?\\)? (?:could not be reached|cannot be reached|failed|was not reached)",
  "did not reach the following recipient",
  "did not reach some or all of the intended recipients",
  "delivery has failed to these recipients",
  "was not delivered to",
  "not delivered to the following",
  "wasn't delivered to",
  "was undeliverable",
  "were undeliverable",
  "undeliverable (?:to|mail|message)",
  "permanent(?:ly)? (?:fatal )?(?:error|failure|failed)",
  "(?:fatal|permanent) (?:delivery )?errors?",
  "the attached message had (?:permanent|temporary) (?:fatal )?delivery errors",
  "i'm sorry to (?:have to )?inform you",
  "i'm afraid i wasn't able to deliver",
  "(?:message|mail) (?:to .{1,120} )?(?:was|has been) (?:automatically )?(?:rejected|returned|bounced|refused)",
  "there was an error delivering your mail",
  "an error (?:has )?occurred while (?:attempting to )?deliver",
  "delivery (?:to .{1,120} )?(?:has )?failed",
  "delivery failed for the following",
  "delivery (?:has been|is) delayed",
  "(?:has|have) not (?:yet )?been delivered",
  "unable to deliver (?:your |the )?(?:message|mail)",
  "this is a permanent error",
  "could not deliver (?:the|your) (?:message|mail)",
  "your message (?:to .{1,120} )?(?:was|has been|could not be|couldn't be|cannot be) (?:not )?(?:delivered|sent)",
  "your message cannot be delivered",
  "(?:recipient|mailbox|user) (?:address )?(?:unknown|not found|unavailable|does not exist|is full|rejected)",
  "no such (?:user|mailbox|recipient)",
  "not a valid (?:user|recipient|mailbox|e-?mail address|address)",
  "mailbox (?:is )?full",
  "returned to sender",
  "giving up on",
  "i'm not going to try again",
  "message will be retried",
  "did not like our",
  // German
  "konnte nicht (?:zugestellt|übermittelt|ausgeliefert) werden",
  "nicht zugestellt",
  "zustellung (?:an .{1,120} )?(?:ist )?fehlgeschlagen",
  "unzustellbar",
  // French
  "n'a pas (?:pu|été) (?:être )?(?:remis|distribué|livré|transmis)",
  "impossible de (?:remettre|distribuer|livrer)",
  "[ée]chec de (?:la )?(?:remise|distribution|livraison)",
  "n'a pas pu être remis",
  // Spanish
  "no (?:se )?(?:ha )?(?:pudo|podido|puede) (?:ser )?entreg",
  "no se pudo entregar",
  "error (?:en la|de) entrega",
  "no ha llegado a",
  // Portuguese
  "n[ãa]o (?:pôde|pode|foi possível) (?:ser )?entreg",
  "falha (?:na|de) entrega",
  "n[ãa]o foi entregue",
  // Italian
  "non (?:è stato possibile|è possibile) recapitare",
  "non (?:è stato|può essere) recapitat",
  "recapito (?:non riuscito|fallito)",
  "impossibile recapitare",
  // Dutch
  "kon niet (?:worden )?(?:bezorgd|afgeleverd)",
  "bezorging (?:is )?mislukt",
  "niet (?:worden )?(?:bezorgd|afgeleverd)",
  // Russian
  "не (?:может быть|могло быть|было) доставлен",
  "не удалось доставить",
  "невозможно доставить",
  "сбой доставки",
  "не доставлено",
  // Polish
  "nie (?:może|mogła|mogło) (?:zostać )?(?:być )?dostarczon",
  "nie została dostarczona",
  "nie można dostarczyć",
  "niepowodzenie dostarczenia",
  // Chinese (Traditional, Simplified)
  "無法傳遞",
  "無法投遞",
  "無法送達",
  "傳送失敗",
  "投遞失敗",
  "无法投递",
  "无法传递",
  "无法送达",
  "投递失败",
  "发送失败",
  "未能送达",
  "退回",
  // Japanese
  "配信できませんでした",
  "送信できませんでした",
  "配送できませんでした",
  "届けられませんでした",
  "送信に失敗",
  "配信に失敗",
  "配送に失敗",
  "宛先不明",
  // Korean
  "배달되지 ?못했습니다",
  "배달하지 ?못했",
  "전달할 수 없",
  "배달할 수 없",
  "전송(?:하지 못했| ?실패)",
  "배달 ?실패",
]);

/** Words of an error in the remote server's reply: one of them (or a code) must be in the report. */
export const ERROR_WORDS =
  /\b(?:user unknown|unknown user|no such (?:user|mailbox|address|domain|recipient)|mailbox (?:full|unavailable|not found|is full|quota|disabled)|over quota|quota exceeded|does not exist|doesn't exist|not exist|rejected|refused|denied|not found|invalid|blocked|disabled|host unknown|unknown host|unrouteable|unroutable|timed out|timeout|expired|relay(?:ing)? (?:denied|not permitted)|not allowed|unavailable|too many|spam|blacklist|blocklist|policy|exceed(?:s|ed)|malformed)\b|見つかりません|存在しません|一杯|容量|不存在|已满|已滿|없습니다/i;

/** Where the returned message (or a copy of its headers) begins: nothing after this is the report. */
export const RETURNED_MARKER = anyOf(
  [
    "^\\s{0,8}-{2,}\\s{0,3}(?:original message|unsent message|returned message|below this line|the original message|enclosed is|message header|undelivered message|original mail)",
    "^\\s{0,8}(?:\\*{2,}\\s{0,3})?(?:original message|original message headers|the original message(?: headers)?(?: was| is)?(?: follows| received)?|message headers follow|unsent message follows|returned mail follows|below is a copy of the original message|a copy of the original message (?:is )?below)[:.]?\\s{0,3}(?:\\*{2,})?\\s{0,3}$",
    "^\\s{0,8}(?:original message follows|message headers follow)\\.?",
    "^content-type: message/rfc822",
    "^return-path:",
    "^received: (?:from|by) ",
    "^\\s{0,8}-{2,}\\s{0,3}(?:ursprüngliche nachricht|message d'origine|mensaje original|mensagem original|messaggio originale|oorspronkelijk bericht|исходное сообщение|oryginalna wiadomość|原始郵件|原始邮件|元のメッセージ|원본 메시지)",
  ],
  "i",
);

/**
 * A banner a mail system sets over its report: the report's name between rules
 * ("--- Non-Delivery Report ---", "***** Undeliverable Mail *****").
 */
export const REPORT_BANNER =
  /^\s{0,8}[-=*#]{3,40}\s{0,3}(?:non-?delivery|undeliverable|delivery (?:status|failure|report|notification)|returned mail|mail delivery (?:failure|report))\b[^\n]{0,40}[-=*#]{3}\s{0,3}$/im;

/**
 * Senders that write bounces: MTAs' daemon addresses (and "ndr@", a non-delivery
 * reporter's), their display names, and the mail filters that sign their notices so
 * ("Symantec_AntiVirus_for_SMTP_Gateways@...").
 */
export const DAEMON_SENDER =
  /\b(?:mailer-daemon|mailer_daemon|mail-daemon|postmaster|post master|mail delivery (?:system|subsystem|service|agent)|mail deliver system|mail administrator|system administrator|mail system|mdaemon|mail ?router|mail ?gateway|mailerdaemon|mail-?robot|e-?mail delivery)\b|\bndr@|(?<![a-z])(?:smtp[-_ ]?gateways?|anti-?virus)(?![a-z])|メールシステム|郵件系統|邮件系统/i;

/** Local parts that are never a failed recipient: the mail system's own mailboxes. */
export const SYSTEM_LOCAL_PART = /^(?:postmaster|mailer-daemon|mailer_daemon|mail-daemon|root|abuse|hostmaster|noreply|no-reply|do-not-reply|donotreply|bounces?|bounce\+.{0,200}|mdaemon|daemon)$/i;

/** Subjects that announce a successful delivery or a read receipt: never a bounce. */
export const NOT_BOUNCE_SUBJECT = anyOf([
  "^\\s{0,8}(?:read|not read|gelesen|ungelesen|lu|non lu|leído|leido|lido|letto|gelezen|прочитано|przeczytane|przeczytano|已讀|已读|開封済み|既読|읽음|읽지 않음)\\s{0,3}[:：]",
  "^\\s{0,8}(?:delivered|relayed|zugestellt|übermittelt|remis|distribué|entregado|entregue|consegnato|recapitato|bezorgd|доставлено|dostarczono|dostarczone|已傳遞|已送達|已送达|已投递|配信済み|배달됨)\\s{0,3}[:：]",
  "\\bdelivery status notification \\((?:success|relay)\\)",
  "\\b(?:return|read) receipt\\b",
  "\\bsuccessful(?:ly)? (?:mail )?deliver",
  "\\bdelivery (?:notification|report): (?:delivered|success)",
  "^\\s{0,8}report domain:",
  "\\bdmarc (?:aggregate )?report\\b",
]);

/** Sentences of success notices: a report that says these and no failure is no bounce. */
export const SUCCESS_PHRASE =
  /\b(?:delivered successfully|successfully delivered|was delivered to|has been delivered to|delivery to (?:the following recipients?|these recipients or groups) (?:was )?(?:complete|succeeded|successful)|your message (?:was|has been) (?:read|displayed)|was read on|relayed to)\b|erfolgreich zugestellt|a été remis|entregado correctamente|recapitato correttamente|succesvol bezorgd|успешно доставлено|已成功傳遞|已成功投递|配信されました|전달되었습니다/i;

/** A person forwarding or replying to a bounce ("Fwd: Undeliverable: ..."): not the bounce itself. */
export const FORWARDED_SUBJECT = /^\s{0,8}(?:fwd?|fw|wg|tr|rv|enc|doorst|vs|vb|aw|re|sv|odp|res|rif|r|ответ|пересл|回覆|回复|轉寄|转发|답장|전달)\s{0,3}[:：]/i;
export const FORWARD_MARKER = /^[ >]{0,8}(?:-{2,} ?Forwarded message ?-{2,}|Begin forwarded message:|-{5,} ?Forwarded Message ?-{5,})/im;
