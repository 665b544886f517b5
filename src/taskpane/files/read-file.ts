/**
 * A file the user opened, dropped or that Outlook handed over, turned into parser input.
 * Shared by the task pane and the standalone page; no Office.js here.
 *
 * - .eml (or anything that starts like a mail header block): the bytes as they are;
 * - .msg (Outlook's compound file): MessageParts through @kenjiuno/msgreader;
 * - .html/.htm: MessageParts { html };
 * - other text (.txt, a pasted bounce saved to disk): MessageParts { text };
 * - other binary files and files over the size cap: a FileReadError that says why.
 */
import type { BounceSource } from "../../ndr/types";
import { isCompoundFile } from "./cfb";

/** Bounces are small; 25 MB is the largest message most mail systems accept at all. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export class FileReadError extends Error {
  override name = "FileReadError";
}

/** How the file reached us: opened by the user, dropped on the pane, or an attachment Outlook handed over. */
export type FileOrigin = "file" | "drop" | "attachment";

/** A file read as parser input, with where it came from (to the pane, a LabeledSource). */
export interface FileSource {
  origin: FileOrigin;
  name: string;
  source: BounceSource;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function checkSize(name: string, size: number): void {
  if (size > MAX_FILE_BYTES) {
    throw new FileReadError(`${name} is ${megabytes(size)}; files over ${megabytes(MAX_FILE_BYTES)} are not read`);
  }
  if (size === 0) throw new FileReadError(`${name} is empty`);
}

/** Does this look like the start of an RFC 5322 header block ("Name: value")? */
function startsWithHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200)).replace(/^\uFEFF/, "");
  return /^(From [^\n]*\n)?[!-9;-~]{1,76}:[^\n]*\r?\n/.test(head);
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  // UTF-16 text has NULs too, but comes with a byte-order mark.
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  return !utf16 && sample.includes(0);
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
}

/** Turns named bytes into a FileSource. Rejects with FileReadError when they cannot be a message. */
export async function sourceFromBytes(name: string, bytes: Uint8Array, origin: FileOrigin = "file"): Promise<FileSource> {
  checkSize(name, bytes.byteLength);
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";

  if (isCompoundFile(bytes)) {
    try {
      // The .msg reader is large and rarely needed: the pane loads it on first use.
      const { msgToParts } = await import(/* webpackChunkName: "msg-reader" */ "./msg");
      return { origin, name, source: msgToParts(bytes) };
    } catch (error) {
      throw new FileReadError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (extension === "msg") throw new FileReadError(`${name} is not an Outlook message file (it lacks the .msg signature)`);
  if (extension === "eml" || startsWithHeader(bytes)) return { origin, name, source: bytes };
  if (looksBinary(bytes)) throw new FileReadError(`${name} is neither an email (.eml, .msg) nor text`);
  const text = decodeText(bytes);
  if (extension === "html" || extension === "htm") return { origin, name, source: { kind: "parts", html: text } };
  return { origin, name, source: { kind: "parts", text } };
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === "function") return new Uint8Array(await blob.arrayBuffer());
  // Older engines (and jsdom) lack Blob.arrayBuffer.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsArrayBuffer(blob);
  });
}

/** Reads a Blob under the given name (Outlook's drag-and-drop hands over Blobs and names apart). */
export async function readBlob(blob: Blob, name: string, origin: FileOrigin = "file"): Promise<FileSource> {
  checkSize(name, blob.size);
  let bytes: Uint8Array;
  try {
    bytes = await blobBytes(blob);
  } catch (error) {
    throw new FileReadError(`${name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return sourceFromBytes(name, bytes, origin);
}

/** Reads a File chosen or dropped by the user. */
export function readFile(file: File, origin: FileOrigin = "file"): Promise<FileSource> {
  return readBlob(file, file.name || "untitled", origin);
}
