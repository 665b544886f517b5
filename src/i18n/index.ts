/**
 * Message catalogs and formatting. Every string the product shows a person goes
 * through t(): flat keys, ICU MessageFormat text (plurals, placeholders) per locale.
 * Pure: no Node or DOM, so the pane, the page, the backend and the CLI share it.
 */
import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "../guidance/types";
import { enUS, type MessageKey as GuidanceMessageKey } from "./messages/en-US";
import { zhTW } from "./messages/zh-TW";
import { uiEnUS, type UiMessageKey } from "./messages/ui.en-US";
import { uiZhTW } from "./messages/ui.zh-TW";
import { codesEnUS } from "./messages/codes.en-US";
import { codesZhTW } from "./messages/codes.zh-TW";

export type { Locale };
/** Every fixed key: guidance/report/draft strings (en-US.ts) and the pane's ui.* strings (ui.en-US.ts). */
export type MessageKey = GuidanceMessageKey | UiMessageKey;
export const LOCALES: readonly Locale[] = ["en-US", "zh-TW"];

export type MessageParams = Record<string, string | number | Date>;

/** Every catalog of one locale: guidance strings, the pane's ui.* strings and the status-code texts. */
export const catalogs: Record<Locale, Readonly<Record<string, string>>> = {
  "en-US": { ...enUS, ...uiEnUS, ...codesEnUS },
  "zh-TW": { ...zhTW, ...uiZhTW, ...codesZhTW },
};

/**
 * Outlook's or the browser's display language to a supported locale: the Chinese
 * variants written in Traditional characters read zh-TW, everything else en-US.
 */
export function resolveLocale(displayLanguage: string | null | undefined): Locale {
  const tag = (displayLanguage ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (/^zh-(tw|hk|mo)(-|$)/.test(tag) || /^zh-hant(-|$)/.test(tag)) return "zh-TW";
  return "en-US";
}

const compiled = new Map<string, IntlMessageFormat>();

function formatter(locale: Locale, key: string, text: string): IntlMessageFormat {
  const cacheKey = `${locale}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    // ignoreTag: "<" is plain text here ("postmaster@<domain>"); markup is never built from messages.
    format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  return format;
}

/** Whether the key exists in the catalogs (status-code texts are looked up by computed keys). */
export function hasMessage(key: string): boolean {
  return key in catalogs["en-US"];
}

/**
 * The message `key` in `locale`, with params filled in. Falls back to en-US, then to
 * the key itself, so a missing translation shows up visibly instead of crashing.
 */
export function t(locale: Locale, key: MessageKey | (string & {}), params?: MessageParams): string {
  const text = catalogs[locale][key] ?? catalogs["en-US"][key];
  if (text === undefined) return key;
  const result = formatter(locale, key, text).format(params ?? {});
  return typeof result === "string" ? result : String(result);
}
