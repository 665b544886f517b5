/**
 * Outlook on the web and the new Outlook hand messages dragged onto a pinned pane to the
 * add-in as files (messages become .eml files) through Office.EventType.DragAndDropEvent.
 * The page never sees an HTML5 drop for them, so this event is the only way in.
 */
import { readBlob } from "../files/read-file";
import type { LabeledSource } from "./host";

export interface DropResult {
  sources: LabeledSource[];
  /** Files that could not be read, with the reason ("report.pdf is neither an email (.eml, .msg) nor text"). */
  errors: string[];
}

/** Reads the files of a DragAndDropEvent; null for the dragover events that precede a drop. */
export async function readDroppedFiles(event: Office.DragAndDropEventArgs): Promise<DropResult | null> {
  const data = event?.dragAndDropEventData;
  if (!data || data.type !== "drop") return null;
  const result: DropResult = { sources: [], errors: [] };
  for (const file of data.dataTransfer?.files ?? []) {
    try {
      result.sources.push(await readBlob(file.fileContent, file.name || "dropped message.eml", "drop"));
    } catch (error) {
      result.errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return result;
}
