/**
 * The pane's own strings (ui.*) only. The guidance and status-code catalogs come with
 * the engine chunk; the first paint carries just these.
 */
import { createTranslator, resolveLocale } from "../i18n/format";
import { uiEnUS } from "../i18n/messages/ui.en-US";
import { uiZhTW } from "../i18n/messages/ui.zh-TW";

export const uiText = createTranslator({ "en-US": uiEnUS, "zh-TW": uiZhTW });
export { resolveLocale };
