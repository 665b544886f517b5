/**
 * Reads the Outlook item in front of the user into parser inputs, best source first:
 *
 * 1. bounces attached to it (an .eml item attachment, an .eml or .msg file): a bounce
 *    forwarded as an attachment is the likely target, so these come first;
 * 2. the item itself: its whole MIME through getAsFileAsync (Mailbox 1.14) when the
 *    client has it, otherwise its parts (body text and HTML, internet headers and
 *    attachment contents, Mailbox 1.8 where available). A bounce forwarded inline is
 *    read from this body too;
 * 3. in a draft (a Forward of the bounce), the body with the quoted bounce.
 *
 * Every newer API is feature-detected: the manifest only asks for Mailbox 1.1.
 */
import type { MessageParts, SourceAttachment } from "../../ndr/types";
import { MAX_FILE_BYTES, sourceFromBytes } from "../files/read-file";
import { base64ToBytes } from "./base64";
import { officeCall, OfficeCallError } from "./async";
import type { ItemReading, LabeledSource } from "./host";

type OfficeApi = typeof Office;
type AnyItem = Office.MessageRead & Office.MessageCompose;
/** What both read mode (AttachmentDetails) and compose mode (AttachmentDetailsCompose) tell about an attachment. */
type AttachmentInfo = Pick<Office.AttachmentDetails, "id" | "name" | "size" | "attachmentType"> & { contentType?: string };

export interface ReadOptions {
  timeoutMs?: number;
}

/** Outlook's own error names that mean "you may not read this", as opposed to a fault. */
const REFUSALS = new Set(["PermissionDenied", "ItemNotFound", "InvalidItem", "AccessRestricted", "InvalidAttachmentId", "ItemNotSupported"]);

export function supportsMailbox(office: OfficeApi, version: string): boolean {
  try {
    return Boolean(office.context.requirements?.isSetSupported("Mailbox", version));
  } catch {
    return false;
  }
}

/** In compose mode the subject is an object with getAsync; in read mode it is a string. */
export function isComposeItem(item: unknown): boolean {
  const subject = (item as { subject?: unknown } | null)?.subject;
  return typeof subject === "object" && subject !== null && typeof (subject as { getAsync?: unknown }).getAsync === "function";
}

function isMessageName(name: string): boolean {
  return /\.(eml|msg)$/i.test(name);
}

class ItemReader {
  private readonly timeoutMs: number | undefined;
  constructor(
    readonly office: OfficeApi,
    private readonly item: AnyItem,
    options: ReadOptions,
  ) {
    this.timeoutMs = options.timeoutMs;
  }

  private supports(version: string): boolean {
    return supportsMailbox(this.office, version);
  }

  bodyAs(coercion: Office.CoercionType): Promise<string> {
    return officeCall<string>(`item.body.getAsync(${coercion})`, (cb) => this.item.body.getAsync(coercion, cb), this.timeoutMs);
  }

  async attachments(): Promise<AttachmentInfo[]> {
    if (isComposeItem(this.item)) {
      if (!this.supports("1.8") || typeof this.item.getAttachmentsAsync !== "function") return [];
      return officeCall<AttachmentInfo[]>("item.getAttachmentsAsync", (cb) => this.item.getAttachmentsAsync(cb), this.timeoutMs);
    }
    return (this.item.attachments ?? []) as AttachmentInfo[];
  }

  canReadAttachments(): boolean {
    return this.supports("1.8") && typeof this.item.getAttachmentContentAsync === "function";
  }

  attachmentContent(attachment: AttachmentInfo): Promise<Office.AttachmentContent> {
    return officeCall<Office.AttachmentContent>(
      `item.getAttachmentContentAsync(${attachment.name})`,
      (cb) => this.item.getAttachmentContentAsync(attachment.id, cb),
      this.timeoutMs,
    );
  }

  /** The whole message as .eml bytes, where the client offers it. */
  async wholeMime(): Promise<Uint8Array | null> {
    if (!this.supports("1.14") || typeof this.item.getAsFileAsync !== "function") return null;
    const base64 = await officeCall<string>("item.getAsFileAsync", (cb) => this.item.getAsFileAsync(cb), this.timeoutMs);
    return base64ToBytes(base64);
  }

  async internetHeaders(): Promise<string | undefined> {
    if (!this.supports("1.8") || typeof this.item.getAllInternetHeadersAsync !== "function") return undefined;
    return officeCall<string>("item.getAllInternetHeadersAsync", (cb) => this.item.getAllInternetHeadersAsync(cb), this.timeoutMs);
  }
}

/** An attachment's content as the parser's SourceAttachment; null for cloud links and oversize files. */
function toSourceAttachment(attachment: AttachmentInfo, content: Office.AttachmentContent): SourceAttachment | null {
  switch (String(content.format)) {
    case "base64":
      return { name: attachment.name, contentType: attachment.contentType || undefined, content: base64ToBytes(content.content) };
    case "eml":
      return { name: attachment.name, contentType: "message/rfc822", content: content.content };
    case "iCalendar":
      return { name: attachment.name, contentType: "text/calendar", content: content.content };
    default:
      // "url": a cloud attachment; its content is a link the pane does not fetch.
      return null;
  }
}

/** Attachments that are themselves messages become their own sources (forwarded bounces). */
async function attachedMessages(reader: ItemReader, attachments: AttachmentInfo[]): Promise<{ sources: LabeledSource[]; failures: OfficeCallError[] }> {
  const sources: LabeledSource[] = [];
  const failures: OfficeCallError[] = [];
  if (!reader.canReadAttachments()) return { sources, failures };
  for (const attachment of attachments) {
    const isItem = String(attachment.attachmentType) === "item";
    if (!isItem && !isMessageName(attachment.name)) continue;
    if (attachment.size > MAX_FILE_BYTES) continue;
    try {
      const content = await reader.attachmentContent(attachment);
      if (String(content.format) === "eml") {
        sources.push({ origin: "attachment", name: attachment.name, source: content.content });
      } else if (String(content.format) === "base64") {
        sources.push(await sourceFromBytes(attachment.name, base64ToBytes(content.content), "attachment"));
      }
    } catch (error) {
      // One unreadable attachment (an .msg that is not one, a refused item) must not hide the rest.
      if (error instanceof OfficeCallError) failures.push(error);
    }
  }
  return { sources, failures };
}

/** The item as MessageParts, from whatever this client offers. */
async function itemParts(reader: ItemReader, attachments: AttachmentInfo[]): Promise<MessageParts> {
  const parts: MessageParts = { kind: "parts" };
  // Text and HTML both: some bounces (Exchange) carry their details only in the HTML.
  const [text, html, headers] = await Promise.allSettled([
    reader.bodyAs(reader.office.CoercionType.Text),
    reader.bodyAs(reader.office.CoercionType.Html),
    reader.internetHeaders(),
  ]);
  if (text.status === "fulfilled") parts.text = text.value;
  if (html.status === "fulfilled") parts.html = html.value;
  if (headers.status === "fulfilled" && headers.value) parts.headers = headers.value;
  if (text.status === "rejected" && html.status === "rejected") throw text.reason;

  if (reader.canReadAttachments()) {
    const contents: SourceAttachment[] = [];
    for (const attachment of attachments) {
      if (attachment.size > MAX_FILE_BYTES) continue;
      try {
        const converted = toSourceAttachment(attachment, await reader.attachmentContent(attachment));
        if (converted) contents.push(converted);
      } catch {
        // An attachment Outlook will not hand over leaves the rest of the message readable.
      }
    }
    if (contents.length) parts.attachments = contents;
  }
  return parts;
}

function failure(error: unknown, itemClass: string | undefined): ItemReading {
  const code = error instanceof OfficeCallError ? error.code : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (REFUSALS.has(code) || /^report\./i.test(itemClass ?? "")) {
    return {
      ok: false,
      reason: "unreadable",
      detail: `Outlook did not let the add-in read this item (${detail}). Forward the bounce as an attachment, or drag it onto the pinned pane.`,
    };
  }
  return { ok: false, reason: "error", detail };
}

/** Reads the current item. Never throws: failures come back as { ok: false }. */
export async function readItem(office: OfficeApi, options: ReadOptions = {}): Promise<ItemReading> {
  const item = office.context?.mailbox?.item as AnyItem | null | undefined;
  if (!item) {
    return {
      ok: false,
      reason: "no-item",
      detail: "No message is open. Select a bounce, or drag one onto the pinned pane.",
    };
  }
  const reader = new ItemReader(office, item, options);
  const compose = isComposeItem(item);
  const itemClass = compose ? undefined : item.itemClass;
  try {
    const attachments = await reader.attachments().catch(() => [] as AttachmentInfo[]);
    const { sources } = await attachedMessages(reader, attachments);

    if (compose) {
      // A draft has no MIME yet: what matters is the bounce quoted in its body.
      const parts = await itemParts(reader, []);
      sources.push({ origin: "body", source: parts });
      return { ok: true, sources };
    }

    let whole: Uint8Array | null = null;
    try {
      whole = await reader.wholeMime();
    } catch {
      // getAsFileAsync is refused on some items (e.g. protected ones); the parts may still be readable.
    }
    if (whole) {
      sources.push({ origin: "item", source: whole });
    } else {
      const source = await itemParts(reader, attachments);
      sources.push({ origin: "item", source });
    }
    return { ok: true, sources };
  } catch (error) {
    return failure(error, itemClass);
  }
}
