/**
 * The formatting machinery behind t(), apart from the catalogs: the pane's first paint
 * formats its ui.* strings with it without loading the guidance and status-code catalogs.
 * Pure: no Node or DOM.
 */
import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "./locale";

export type MessageParams = Record<string, string | number | Date>;
export type Catalogs = Record<Locale, Readonly<Record<string, string>>>;

export interface Translator {
  /** Whether the key exists (texts looked up by computed keys may be missing). */
  hasMessage: (key: string) => boolean;
  /** The message in `locale`, falling back to en-US, then to the key itself. */
  t: (locale: Locale, key: string, params?: MessageParams) => string;
}

/**
 * Outlook's or the browser's display language to a supported locale: the Chinese
 * variants written in Traditional characters read zh-TW, everything else en-US.
 */
export function resolveLocale(displayLanguage: string | null | undefined): Locale {
  const tag = (displayLanguage ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (/^zh-(tw|hk|mo)(-|$)/.test(tag) || /^zh-hant(-|$)/.test(tag)) return "zh-TW";
  return "en-US";
}

export function createTranslator(catalogs: Catalogs): Translator {
  const compiled = new Map<string, IntlMessageFormat>();
  const formatter = (locale: Locale, key: string, text: string): IntlMessageFormat => {
    const cacheKey = `${locale}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      // ignoreTag: "<" is plain text here ("postmaster@<domain>"); markup is never built from messages.
      format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
      compiled.set(cacheKey, format);
    }
    return format;
  };
  return {
    hasMessage: (key) => key in catalogs["en-US"],
    t(locale, key, params) {
      const text = catalogs[locale][key] ?? catalogs["en-US"][key];
      if (text === undefined) return key;
      const result = formatter(locale, key, text).format(params ?? {});
      return typeof result === "string" ? result : String(result);
    },
  };
}
