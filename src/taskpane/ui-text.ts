/**
 * The pane's own strings (ui.*) only. The guidance and status-code catalogs come with
 * the engine chunk; the first paint carries just these.
 */
import { createTranslator, resolveLocale } from "../i18n/format";
import { uiEnUS, type UiMessageKey } from "../i18n/messages/ui.en-US";
import { uiZhTW } from "../i18n/messages/ui.zh-TW";

export const uiText = createTranslator({ "en-US": uiEnUS, "zh-TW": uiZhTW });
export { resolveLocale };

/** Whether a key computed at run time (from a backend problem's code) is one of the pane's. */
export function isUiMessageKey(key: string): key is UiMessageKey {
  return uiText.hasMessage(key);
}
