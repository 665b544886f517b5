/**
 * The host outside Outlook (the standalone page, or the pane opened in a plain browser):
 * there is no current item and no new-message form; files come in through the views'
 * own HTML5 drop zone and file picker.
 */
import { onColorSchemeChange } from "./color-scheme";
import type { ItemReading, MailHost } from "./host";

const noop = () => {};

export function createBrowserHost(language: string = globalThis.navigator?.language ?? "en-US"): MailHost {
  return {
    mode: "none",
    displayLanguage: language,
    theme: null,
    canDraft: false,
    readCurrentItem: async (): Promise<ItemReading> => ({
      ok: false,
      reason: "no-item",
      detail: "Not running in Outlook: open, drop or paste a bounce instead.",
    }),
    onItemChanged: () => noop,
    // No Office theme here: the pane follows the system's colour scheme.
    onThemeChanged: (listener) => onColorSchemeChange(listener),
    onDrop: () => noop,
    openDraft: async () => {
      throw new Error("A new message form needs Outlook; copy the draft instead.");
    },
  };
}
