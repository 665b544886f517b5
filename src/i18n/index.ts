/**
 * Message catalogs and formatting. Every string the product shows a person goes
 * through t(): flat keys, ICU MessageFormat text (plurals, placeholders) per locale.
 * Pure: no Node or DOM, so the pane, the page, the backend and the CLI share it.
 */
import type { Locale } from "./locale";
import { createTranslator, type MessageParams } from "./format";
import { enUS, type MessageKey as GuidanceMessageKey } from "./messages/en-US";
import { zhTW } from "./messages/zh-TW";
import { uiEnUS, type UiMessageKey } from "./messages/ui.en-US";
import { uiZhTW } from "./messages/ui.zh-TW";
import { codesEnUS } from "./messages/codes.en-US";
import { codesZhTW } from "./messages/codes.zh-TW";

export type { Locale };
export { codeKey, type Scope } from "./code-keys";
/** Every fixed key: guidance/report/draft strings (en-US.ts) and the pane's ui.* strings (ui.en-US.ts). */
export type MessageKey = GuidanceMessageKey | UiMessageKey;
/** @internal exported for its test */
export const LOCALES: readonly Locale[] = ["en-US", "zh-TW"];

export { resolveLocale, type MessageParams } from "./format";

/** Every catalog of one locale: guidance strings, the pane's ui.* strings and the status-code texts. @internal exported for its test */
export const catalogs: Record<Locale, Readonly<Record<string, string>>> = {
  "en-US": { ...enUS, ...uiEnUS, ...codesEnUS },
  "zh-TW": { ...zhTW, ...uiZhTW, ...codesZhTW },
};

const translator = createTranslator(catalogs);

/**
 * The message `key` in `locale`, with params filled in. Falls back to en-US, then to
 * the key itself, so a missing translation shows up visibly instead of crashing.
 */
export function t(locale: Locale, key: MessageKey | (string & {}), params?: MessageParams): string {
  return translator.t(locale, key, params);
}
