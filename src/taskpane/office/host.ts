/**
 * The task pane's view of its host. The Office implementation (the only code that
 * touches Office.js) lives beside this file; outside Outlook a browser host stands in.
 * The views depend on this interface only.
 */
import type { BounceSource } from "../../ndr/types";

/**
 * One candidate bounce: the item itself, an attachment, a quoted body, a file, a drop or
 * pasted text. It says what it is, not how to show it: the views word the label in the
 * pane's language ("Attachment: Undeliverable.eml", "附件：Undeliverable.eml").
 */
export interface LabeledSource {
  origin: "item" | "attachment" | "body" | "drop" | "file" | "paste";
  /** The attachment's, file's or dropped message's name, as the bounce or the user gave it (untrusted text). */
  name?: string;
  source: BounceSource;
}

export type ItemReading =
  | { ok: true; sources: LabeledSource[] }
  | {
      ok: false;
      /** no-item: nothing selected; unreadable: the client refused (restricted item, IRM, ...); error: an API call failed. */
      reason: "no-item" | "unreadable" | "error";
      detail: string;
    };

export interface DraftRequest {
  to: string[];
  subject: string;
  /** HTML body; every untrusted string in it is already escaped. */
  htmlBody: string;
}

export interface MailHost {
  /** "read" on a received item, "compose" in a draft/forward, "none" outside Outlook. */
  readonly mode: "read" | "compose" | "none";
  /** Outlook's display language (e.g. "zh-TW"), or the browser's outside Outlook. */
  readonly displayLanguage: string;
  /** Office theme, when the host gives one. */
  readonly theme: { isDark: boolean; bodyBackgroundColor?: string } | null;
  /**
   * Called when the theme the pane should follow may have changed: Outlook's theme (read
   * `theme` again), or the system's colour scheme. Returns an unsubscribe function.
   */
  onThemeChanged(listener: () => void): () => void;
  /** Read the current item into parser input(s). */
  readCurrentItem(): Promise<ItemReading>;
  /** Pinned pane: called when the user selects another item. Returns an unsubscribe function. */
  onItemChanged(listener: () => void): () => void;
  /**
   * Messages dropped onto the pane through Outlook's drag-and-drop event.
   * `errors` names the dropped files that could not be read, and why (Outlook's host always passes it).
   */
  onDrop(listener: (sources: LabeledSource[], errors?: string[]) => void): () => void;
  /** Whether openDraft can work here. */
  readonly canDraft: boolean;
  /** Open a new message form pre-filled with the draft. */
  openDraft(draft: DraftRequest): Promise<void>;
}
