/** The pane's real services: the engine chunk, the backend client, file reading, the clipboard. */
import { fetchChecks } from "./checks-client";
import { loadEngine } from "./preload";
import type { Services } from "./types";

export const defaultServices: Services = {
  loadEngine,
  fetchChecks,
  // The .msg reader is sizeable and rarely needed: load it with the first file.
  readFile: async (file, origin) => (await import(/* webpackChunkName: "files" */ "./files/read-file")).readFile(file, origin),
  copyText,
};

/** The Clipboard API where allowed; Outlook's add-in frames may refuse it, so fall back to a selection copy. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  // The fallback for webviews that refuse navigator.clipboard; it has no replacement.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}
