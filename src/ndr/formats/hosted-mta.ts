/**
 * Providers that run a stock MTA and only change who signs the bounce: Yandex's
 * Postfix, Mail.Ru's Exim, Bigfoot's Sendmail. The MTA family reads the message;
 * the provider is named so the report says whose server wrote it.
 */
import type { MailMessage } from "../message";
import { exim } from "./exim";
import type { FormatModule } from "./format";
import { postfix } from "./postfix";
import { sendmail } from "./sendmail";

function hostedOn<Name extends string>(name: Name, mta: FormatModule, signedBy: (message: MailMessage) => boolean): FormatModule<Name> {
  return {
    name,
    recognise: (message) => signedBy(message) && mta.recognise(message),
    extract: (message) => mta.extract(message),
  };
}

const daemonOf = (domain: RegExp) => (message: MailMessage) => domain.test(message.from);

export const yandex = hostedOn("yandex", postfix, daemonOf(/mailer-daemon@(?:[\w-]{1,40}\.){0,3}yandex\.(?:ru|com|net|ua|by|kz)\b/i));
export const mailRu = hostedOn("mailru", exim, daemonOf(/mailer-daemon@(?:[\w-]{1,40}\.){0,3}(?:mail\.ru|inbox\.ru|list\.ru|bk\.ru)\b/i));
export const bigfoot = hostedOn("bigfoot", sendmail, daemonOf(/mailer-daemon@(?:[\w-]{1,40}\.){0,3}bigfoot\.com\b/i));
