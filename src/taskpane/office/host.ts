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

/**
 * Which Outlook item a reading came from, as the pane shows it ("Diagnosis for …"): a
 * pinned pane may not hear that the selection moved (ItemChanged does not fire onto an
 * NDR, office-js #974), so the pane must say what it shows. Untrusted text; null when
 * the client did not say.
 */
export interface ItemSummary {
  /**
   * Outlook's id for the item (read mode), to tell whether a second reading is the same
   * message: on outlook.live.com a pinned pane keeps being handed the message it opened on,
   * with no ItemChanged (office-js #6833). Absent when the client did not say.
   */
  id?: string;
  subject: string | null;
  /** Display name and address of the sender ("Mail Delivery System <postmaster@…>"). */
  from: string | null;
  /** ISO 8601. */
  date: string | null;
}

export type ItemReading =
  | { ok: true; sources: LabeledSource[]; item?: ItemSummary }
  | {
      ok: false;
      /** no-item: nothing selected; unreadable: the client refused (restricted item, IRM, ...); error: an API call failed. */
      reason: "no-item" | "unreadable" | "error";
      detail: string;
      item?: ItemSummary;
    };

/**
 * What came of a drag onto the pane through Outlook's DragAndDropEvent.
 * - files: the dropped messages (as .eml) and files, and why some could not be read;
 * - empty: a drop that carried no data (Outlook-item attachments, office-js #6541);
 * - no-drop: dragover events and then no drop (the message open in the reading pane
 *   raises only dragover, office-js #6370).
 */
export type DropEvent =
  | { kind: "files"; sources: LabeledSource[]; errors: string[] }
  | { kind: "empty" }
  | { kind: "no-drop" };

export interface DraftRequest {
  to: string[];
  subject: string;
  /** HTML body; every untrusted string in it is already escaped. */
  htmlBody: string;
}

export interface MailHost {
  /**
   * "read" on a received item, "compose" in a draft/forward, "none" outside Outlook. Fixed
   * for the pane's life: a pinned pane never crosses between read and compose (Microsoft
   * docs, "Implement a pinnable task pane in Outlook": pinning isn't supported across modes).
   */
  readonly mode: "read" | "compose" | "none";
  /** Outlook's display language (e.g. "zh-TW"), or the browser's outside Outlook. */
  readonly displayLanguage: string;
  /** Office theme, when the host gives one. */
  readonly theme: { isDark: boolean; bodyBackgroundColor?: string } | null;
  /**
   * Called when the theme the pane should follow may have changed: Outlook's theme (read
   * `theme` again), or the system's colour scheme. Returns an unsubscribe function.
   */
  onThemeChanged: (listener: () => void) => () => void;
  /** Read the current item into parser input(s). */
  readCurrentItem: () => Promise<ItemReading>;
  /** Pinned pane: called when the user selects another item. Returns an unsubscribe function. */
  onItemChanged: (listener: () => void) => () => void;
  /**
   * Drags onto the pane through Outlook's DragAndDropEvent (web and new Outlook only;
   * classic Windows and Mac deliver ordinary HTML5 drops, which the views handle).
   */
  onDrop: (listener: (drop: DropEvent) => void) => () => void;
  /** Whether openDraft can work here (read mode, Mailbox 1.6+). */
  readonly canDraft: boolean;
  /** Open a new message form pre-filled with the draft. */
  openDraft: (draft: DraftRequest) => Promise<void>;
}
