/**
 * A minimal Outlook .msg writer for tests: the MAPI property streams [MS-OXMSG] needs
 * for a message with recipients, file attachments and embedded messages, packed into
 * a compound file by msgreader's own CFB writer (Burner). No public NDR .msg sample
 * with a licence that allows shipping it was at hand, so tests build theirs with this.
 */
import { burn, type Entry } from "@kenjiuno/msgreader/lib/Burner";
import { TypeEnum } from "@kenjiuno/msgreader/lib/Reader";

const ROOT = TypeEnum.ROOT;
const STORAGE = TypeEnum.DIRECTORY;
const STREAM = TypeEnum.DOCUMENT;

interface MsgRecipientSpec {
  email: string;
  name?: string;
  /** PR_SUPPLEMENTARY_INFO: where Exchange keeps the remote server's reply in a delivery report. */
  supplementaryInfo?: string;
}

type MsgAttachmentSpec =
  | { name: string; mimeType?: string; data: Uint8Array }
  | { name: string; message: MsgSpec };

export interface MsgSpec {
  messageClass?: string;
  subject?: string;
  body?: string;
  html?: string;
  /** PR_TRANSPORT_MESSAGE_HEADERS */
  headers?: string;
  senderEmail?: string;
  senderName?: string;
  recipients?: MsgRecipientSpec[];
  attachments?: MsgAttachmentSpec[];
}

const utf16 = (text: string): Uint8Array => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
};

type Props = Array<[tag: number, value: string | Uint8Array | undefined]>;

class Tree {
  readonly entries: Entry[] = [{ name: "Root Entry", type: ROOT, children: [], length: 0 }];

  add(parent: number, name: string, type: TypeEnum, data?: Uint8Array): number {
    const index = this.entries.length;
    this.entries.push(
      type === STREAM
        ? { name, type, length: data!.length, binaryProvider: () => data! }
        : { name, type, length: 0, children: [] },
    );
    this.entries[parent].children!.push(index);
    return index;
  }

  props(parent: number, props: Props): void {
    for (const [tag, value] of props) {
      if (value === undefined) continue;
      const name = `__substg1.0_${(tag >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
      this.add(parent, name, STREAM, typeof value === "string" ? utf16(value) : value);
    }
  }
}

function writeMessage(tree: Tree, folder: number, spec: MsgSpec, topLevel: boolean): void {
  const recipients = spec.recipients ?? [];
  const attachments = spec.attachments ?? [];
  if (topLevel) {
    // Fixed-size property stream: a 32-byte header with the recipient and attachment counts.
    const header = new Uint8Array(32);
    const view = new DataView(header.buffer);
    view.setUint32(8, recipients.length, true);
    view.setUint32(12, attachments.length, true);
    view.setUint32(16, recipients.length, true);
    view.setUint32(20, attachments.length, true);
    tree.add(folder, "__properties_version1.0", STREAM, header);
  }
  tree.props(folder, [
    [0x001a001f, spec.messageClass ?? "IPM.Note"],
    [0x0037001f, spec.subject],
    [0x1000001f, spec.body],
    [0x10130102, spec.html === undefined ? undefined : new TextEncoder().encode(spec.html)],
    [0x007d001f, spec.headers],
    [0x0c1f001f, spec.senderEmail],
    [0x0c1a001f, spec.senderName],
  ]);
  recipients.forEach((recipient, i) => {
    const dir = tree.add(folder, `__recip_version1.0_#${i.toString(16).toUpperCase().padStart(8, "0")}`, STORAGE);
    tree.props(dir, [
      [0x3001001f, recipient.name ?? recipient.email],
      [0x3003001f, recipient.email],
      [0x39fe001f, recipient.email],
      [0x0c1b001f, recipient.supplementaryInfo],
    ]);
  });
  attachments.forEach((attachment, i) => {
    const dir = tree.add(folder, `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, "0")}`, STORAGE);
    tree.props(dir, [
      [0x3707001f, attachment.name],
      [0x3704001f, attachment.name],
      [0x3001001f, attachment.name],
    ]);
    if ("data" in attachment) {
      tree.props(dir, [
        [0x370e001f, attachment.mimeType],
        [0x37010102, attachment.data],
      ]);
    } else {
      const inner = tree.add(dir, "__substg1.0_3701000D", STORAGE);
      writeMessage(tree, inner, attachment.message, false);
    }
  });
}

/** Builds the bytes of a .msg file. */
export function writeMsg(spec: MsgSpec): Uint8Array {
  const tree = new Tree();
  writeMessage(tree, 0, spec, true);
  return burn(tree.entries);
}
