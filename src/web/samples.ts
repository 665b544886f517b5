import type { UiMessageKey } from "../i18n/messages/ui.en-US";

/** Sample bounces written for the standalone page (invented addresses under example domains). */
export interface Sample {
  /** File under dist/samples/ (copied from src/web/samples/). */
  file: string;
  /** Catalog key of the button label. */
  labelKey: UiMessageKey;
}

export const samples: Sample[] = [
  { file: "exchange-online-spf-5.7.23.eml", labelKey: "ui.samples.exchangeSpf" },
  { file: "gmail-unknown-user-5.1.1.eml", labelKey: "ui.samples.gmailUnknownUser" },
  { file: "postfix-mailbox-full-delay.eml", labelKey: "ui.samples.postfixMailboxFull" },
  { file: "exim-550-relay-denied.eml", labelKey: "ui.samples.exim550" },
];
