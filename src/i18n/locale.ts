/** The languages the product speaks; Outlook's display language picks one (resolveLocale). */
export type Locale = "en-US" | "zh-TW";
