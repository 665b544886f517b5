/** The pane's locale, chosen once from the host's display language, and a t() bound to it. */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "../i18n";
import type { MessageParams } from "../i18n/format";
import type { UiMessageKey } from "../i18n/messages/ui.en-US";
import { uiText } from "./ui-text";

const LocaleContext = createContext<Locale>("en-US");

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** Only the pane's own keys: a mistyped or guidance-only key fails tsc. */
export type Translate = (key: UiMessageKey, params?: MessageParams) => string;

export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => (key: UiMessageKey, params?: MessageParams) => uiText.t(locale, key, params), [locale]);
}
