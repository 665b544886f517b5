/**
 * Reads the Outlook item in front of the user into parser inputs, best source first:
 *
 * 1. messages attached to it (an attached Outlook item, an .eml or .msg file, told by
 *    content): a bounce forwarded as an attachment is the likely target, so these come first;
 * 2. the item itself: its whole MIME through getAsFileAsync (Mailbox 1.14) when the
 *    client has it, otherwise its parts (body text and HTML, internet headers and
 *    attachment contents, Mailbox 1.8 where available). A bounce forwarded inline is
 *    read from this body too;
 * 3. in a draft (a Forward of the bounce), the body with the quoted bounce.
 *
 * Every newer API is feature-detected: the manifest only asks for Mailbox 1.1. Failures
 * are told apart by Outlook's numeric error code (errors.ts), never by name.
 */
import type { MessageParts, SourceAttachment } from "../../ndr/types";
import { contentTypeOf } from "../files/content-type";
import { MAX_FILE_BYTES, sourceFromBytes } from "../files/read-file";
import { base64ToBytes } from "./base64";
import { officeCall, OfficeCallError } from "./async";
import { isRefusal } from "./errors";
import type { ItemReading, ItemSummary, LabeledSource } from "./host";

type OfficeApi = typeof Office;
type AnyItem = Office.MessageRead & Office.MessageCompose;
/**
 * What both read mode (AttachmentDetails) and compose mode (AttachmentDetailsCompose) tell
 * about an attachment. Not its contentType: that is only a lookup on the extension and is
 * deprecated, so the content decides (files/content-type.ts).
 */
type AttachmentInfo = Pick<Office.AttachmentDetails, "id" | "name" | "size" | "attachmentType"> & { isInline?: boolean };

/** How many attachments are fetched at most; a bounce carries two or three. */
const MAX_ATTACHMENTS_READ = 20;

export interface ReadOptions {
  timeoutMs?: number;
}

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
    return (this.item.attachments ?? []);
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

/** One fetched attachment: the parser's view of it, and whether it is a message of its own. */
interface FetchedAttachment {
  part: SourceAttachment;
  /** A message (a forwarded bounce) as its own source, when the content is one. */
  message: LabeledSource | null;
}

/** Turns fetched content into a part and, for a message, a source; null for cloud links. */
async function fetched(attachment: AttachmentInfo, content: Office.AttachmentContent): Promise<FetchedAttachment | null> {
  const name = attachment.name;
  switch (String(content.format)) {
    case "eml":
      // An attached Outlook item, handed over as .eml text.
      return { part: { name, contentType: "message/rfc822", content: content.content }, message: { origin: "attachment", name, source: content.content } };
    case "iCalendar":
      return { part: { name, contentType: "text/calendar", content: content.content }, message: null };
    case "base64": {
      const bytes = base64ToBytes(content.content);
      const contentType = contentTypeOf(bytes);
      const isMessage = contentType === "message/rfc822" || contentType === "application/vnd.ms-outlook";
      let message: LabeledSource | null = null;
      if (isMessage) {
        try {
          message = await sourceFromBytes(name, bytes, "attachment");
        } catch {
          // Not readable as a message after all (a damaged .msg): it stays a part.
        }
      }
      return { part: { name, contentType, content: bytes }, message };
    }
    default:
      // "url": a cloud attachment; its content is a link the pane does not fetch.
      return null;
  }
}

/** Fetches the attachments worth reading (not inline images, not oversize, at most MAX_ATTACHMENTS_READ). */
async function fetchAttachments(reader: ItemReader, attachments: AttachmentInfo[]): Promise<FetchedAttachment[]> {
  if (!reader.canReadAttachments()) return [];
  const wanted = attachments.filter((a) => !a.isInline && String(a.attachmentType) !== "cloud" && a.size <= MAX_FILE_BYTES).slice(0, MAX_ATTACHMENTS_READ);
  const result: FetchedAttachment[] = [];
  for (const attachment of wanted) {
    try {
      const one = await fetched(attachment, await reader.attachmentContent(attachment));
      if (one) result.push(one);
    } catch {
      // One attachment Outlook will not hand over (9043 AttachmentTypeNotSupported, 9017 on a
      // restricted item) leaves the rest readable; a restricted body is reported below.
    }
  }
  return result;
}

/** The item as MessageParts, from whatever this client offers. */
async function itemParts(reader: ItemReader, attachments: FetchedAttachment[]): Promise<MessageParts> {
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
  if (attachments.length) parts.attachments = attachments.map((a) => a.part);
  return parts;
}

/** What the pane shows as "Diagnosis for": read-mode properties, each read defensively (a restricted item may refuse any). */
function summaryOf(item: AnyItem): ItemSummary {
  const read = <T>(get: () => T): T | null => {
    try {
      return get() ?? null;
    } catch {
      return null;
    }
  };
  const subject = read(() => (typeof item.subject === "string" ? item.subject : null));
  const from = read(() => {
    const sender = item.from;
    if (!sender) return null;
    const name = sender.displayName?.trim();
    const address = sender.emailAddress?.trim();
    return name && address && name !== address ? `${name} <${address}>` : name || address || null;
  });
  const date = read(() => {
    const created = item.dateTimeCreated as Date | string | undefined;
    const time = created instanceof Date ? created : created ? new Date(created) : null;
    return time && !Number.isNaN(time.getTime()) ? time.toISOString() : null;
  });
  const id = read(() => (typeof item.itemId === "string" && item.itemId ? item.itemId : null));
  return id ? { id, subject, from, date } : { subject, from, date };
}

function failure(error: unknown, itemClass: string | undefined, item: ItemSummary | undefined): ItemReading {
  const code = error instanceof OfficeCallError ? error.code : null;
  const detail = error instanceof Error ? error.message : String(error);
  // Add-ins are documented not to activate on delivery reports (IPM.Report.*); where a
  // client opens the pane anyway, a failed call on one is the same refusal.
  if (isRefusal(code) || /^report\./i.test(itemClass ?? "")) {
    return {
      ok: false,
      reason: "unreadable",
      detail: `Outlook did not let the add-in read this item (${detail}). Forward the bounce as an attachment, or drag it onto the pinned pane.`,
      item,
    };
  }
  return { ok: false, reason: "error", detail, item };
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
  const summary = compose ? undefined : summaryOf(item);
  let itemClass: string | undefined;
  try {
    itemClass = compose ? undefined : item.itemClass;
  } catch {
    itemClass = undefined;
  }
  try {
    const attachments = await fetchAttachments(reader, await reader.attachments().catch(() => [] as AttachmentInfo[]));
    const sources = attachments.flatMap((a) => (a.message ? [a.message] : []));

    if (compose) {
      // A draft has no MIME yet: what matters is the bounce quoted in its body.
      sources.push({ origin: "body", source: await itemParts(reader, []) });
      return { ok: true, sources };
    }

    let whole: Uint8Array | null = null;
    try {
      whole = await reader.wholeMime();
    } catch {
      // getAsFileAsync is refused on some items (e.g. protected ones); the parts may still be readable.
    }
    sources.push({ origin: "item", source: whole ?? (await itemParts(reader, attachments)) });
    return { ok: true, sources, item: summary };
  } catch (error) {
    return failure(error, itemClass, summary);
  }
}
