/**
 * Outlook on the web and the new Outlook hand what is dragged onto the pane to the
 * add-in through Office.EventType.DragAndDropEvent: messages arrive as .eml files,
 * attachments in their own format (Microsoft docs, "Drag and drop messages and
 * attachments into the task pane of an Outlook add-in"). The page never sees an HTML5
 * drop for them. Classic Outlook on Windows (.msg) and Mac (.eml) deliver ordinary HTML5
 * drops instead, which the views handle.
 *
 * Reported gaps the pane must not be silent about:
 * - an Outlook-item attachment makes `dragAndDropEventData` null (office-js #6541);
 * - the message open in the reading pane raises only "dragover", never "drop" (office-js #6370);
 * - a message with large attachments can take seconds before its "drop" arrives, once
 *   Outlook has prepared it all (office-js #6607): a drop after the "no-drop" is still read.
 */
import { readBlob } from "../files/read-file";
import type { DropEvent } from "./host";

/** Quiet time after the last dragover before the pane says that no drop came. */
const NO_DROP_AFTER_MS = 2500;

/** How many dropped files are read at most; the rest are named as skipped. */
const MAX_DROPPED_FILES = 20;

interface DroppedFile {
  name?: string;
  fileContent?: Blob;
}

/** The event's payload, as loosely as clients send it. */
interface DragAndDropEventLike {
  dragAndDropEventData?: { type?: string; dataTransfer?: { files?: DroppedFile[] } | null } | null;
}

/** Reads the files of a "drop"; "empty" when Outlook sent none. */
async function readDrop(event: DragAndDropEventLike): Promise<DropEvent> {
  const files = event.dragAndDropEventData?.dataTransfer?.files ?? [];
  if (files.length === 0) return { kind: "empty" };
  const result: Extract<DropEvent, { kind: "files" }> = { kind: "files", sources: [], errors: [] };
  for (const [index, file] of files.entries()) {
    const name = file?.name || "dropped message.eml";
    if (index >= MAX_DROPPED_FILES) {
      result.errors.push(`${name} was not read: at most ${MAX_DROPPED_FILES} files are read from one drop`);
      continue;
    }
    if (!(file?.fileContent instanceof Blob)) {
      result.errors.push(`${name} arrived without its content`);
      continue;
    }
    try {
      result.sources.push(await readBlob(file.fileContent, name, "drop"));
    } catch (error) {
      result.errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return result;
}

/**
 * Turns Outlook's DragAndDropEvent stream into DropEvents: every "drop" (with or without
 * data) is read and passed on; a run of "dragover" events that no "drop" follows within
 * NO_DROP_AFTER_MS becomes one "no-drop".
 */
export class DropWatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: (drop: DropEvent) => void,
    private readonly quietMs = NO_DROP_AFTER_MS,
  ) {}

  handle = (event: DragAndDropEventLike | null | undefined): void => {
    const data = event?.dragAndDropEventData;
    if (data?.type === "dragover") {
      this.restartTimer();
      return;
    }
    // A drop, or an event whose data is null (office-js #6541): either way the drag is over.
    this.stopTimer();
    void readDrop(event ?? {}).then(this.emit);
  };

  dispose(): void {
    this.stopTimer();
  }

  private restartTimer(): void {
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.emit({ kind: "no-drop" });
    }, this.quietMs);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
