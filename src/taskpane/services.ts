/** What the views need from the outside world, injectable so tests can drive each path. */
import type { LabeledSource } from "./office/host";
import { fetchChecks, type FetchChecks } from "./checks-client";
import { loadEngine } from "./preload";

export type Engine = typeof import("./engine");

export interface Services {
  loadEngine(): Promise<Engine>;
  fetchChecks: FetchChecks;
  /** Reads a chosen or dropped file (.eml, .msg, text) into parser input. */
  readFile(file: File, origin: "file" | "drop"): Promise<LabeledSource>;
  copyText(text: string): Promise<void>;
}

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
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}
