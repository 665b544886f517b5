/**
 * The MailHost inside Outlook, on Office.js. Created after Office.onReady; throws when
 * the page is not running in Outlook so the caller can fall back to the browser host.
 */
import { DEFAULT_OFFICE_TIMEOUT_MS, officeCall, OfficeCallError } from "./async";
import { onColorSchemeChange } from "./color-scheme";
import { readDroppedFiles } from "./drop";
import type { DraftRequest, ItemReading, LabeledSource, MailHost } from "./host";
import { isComposeItem, readItem, supportsMailbox } from "./read-item";

type OfficeApi = typeof Office;

export interface OfficeHostOptions {
  /** The Office.js namespace; the global one by default (tests pass a fake). */
  office?: OfficeApi;
  /** Per-call timeout for Outlook's callbacks. */
  timeoutMs?: number;
  /** How long to wait for Office.onReady before giving up. */
  readyTimeoutMs?: number;
}

type Listener<A extends unknown[]> = (...args: A) => void;

/**
 * One Outlook event handler shared by any number of listeners: registered with
 * mailbox.addHandlerAsync on the first subscription, removed after the last one leaves.
 */
class OutlookEvent<A extends unknown[]> {
  private readonly listeners = new Set<Listener<A>>();
  private registered = false;

  constructor(
    private readonly office: OfficeApi,
    private readonly eventType: Office.EventType | undefined,
    private readonly handler: (emit: (...args: A) => void, event: any) => void,
  ) {}

  subscribe(listener: Listener<A>): () => void {
    this.listeners.add(listener);
    if (!this.registered) this.register();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.registered) this.unregister();
    };
  }

  private emit = (...args: A) => {
    for (const listener of [...this.listeners]) listener(...args);
  };

  private onEvent = (event: unknown) => this.handler(this.emit, event);

  private register(): void {
    const mailbox = this.office.context.mailbox;
    if (this.eventType === undefined || typeof mailbox?.addHandlerAsync !== "function") return;
    this.registered = true;
    mailbox.addHandlerAsync(this.eventType, this.onEvent, (result: Office.AsyncResult<void>) => {
      // Clients without this event (classic Outlook has no drag-and-drop event) answer with an error: nothing to do.
      if (String(result?.status) !== "succeeded") this.registered = false;
    });
  }

  private unregister(): void {
    const mailbox = this.office.context.mailbox;
    this.registered = false;
    if (this.eventType === undefined || typeof mailbox?.removeHandlerAsync !== "function") return;
    mailbox.removeHandlerAsync(this.eventType, () => {});
  }
}

type OfficeThemeLike = Office.OfficeTheme & { isDarkTheme?: boolean };

/**
 * Reads Office's theme on each access, but returns the same object while nothing changed,
 * so views can compare by identity.
 */
function themeReader(currentTheme: () => OfficeThemeLike | undefined): () => MailHost["theme"] {
  let last: MailHost["theme"] = null;
  return () => {
    const theme = currentTheme();
    if (!theme) return (last = null);
    const background = theme.bodyBackgroundColor || undefined;
    const isDark = typeof theme.isDarkTheme === "boolean" ? theme.isDarkTheme : isDarkColor(background);
    if (last && last.isDark === isDark && last.bodyBackgroundColor === background) return last;
    return (last = { isDark, bodyBackgroundColor: background });
  };
}

function isDarkColor(color: string | undefined): boolean {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color ?? "")?.[1];
  if (!hex) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  // Perceived brightness (ITU-R BT.601 weights), 0..255.
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

function waitForOutlook(office: OfficeApi, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new OfficeCallError("Office.onReady", "Timeout", "Office.js did not start")), timeoutMs);
    office.onReady().then(
      (info) => {
        clearTimeout(timer);
        if (info?.host === office.HostType.Outlook && office.context?.mailbox) resolve();
        else reject(new OfficeCallError("Office.onReady", "NotOutlook", `running in ${info?.host ?? "no Office host"}, not Outlook`));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(new OfficeCallError("Office.onReady", "Exception", error instanceof Error ? error.message : String(error)));
      },
    );
  });
}

export async function createOfficeHost(options: OfficeHostOptions = {}): Promise<MailHost> {
  const office = options.office ?? (globalThis as { Office?: OfficeApi }).Office;
  if (!office || typeof office.onReady !== "function") throw new OfficeCallError("Office.onReady", "NotLoaded", "Office.js is not loaded");
  await waitForOutlook(office, options.readyTimeoutMs ?? DEFAULT_OFFICE_TIMEOUT_MS);
  const timeoutMs = options.timeoutMs;
  const mailbox = office.context.mailbox;
  const supports = (version: string) => supportsMailbox(office, version);
  // OfficeThemeChanged hands over the new theme; until the first change, the context's is current.
  let reportedTheme: OfficeThemeLike | undefined;
  const readTheme = themeReader(() => reportedTheme ?? (office.context.officeTheme as OfficeThemeLike | undefined));

  const itemChanged = new OutlookEvent<[]>(office, supports("1.5") ? office.EventType.ItemChanged : undefined, (emit) => emit());
  const themeChanged = new OutlookEvent<[]>(
    office,
    supports("1.14") ? office.EventType.OfficeThemeChanged : undefined,
    (emit, event: Office.OfficeThemeChangedEventArgs | undefined) => {
      if (event?.officeTheme) reportedTheme = event.officeTheme;
      emit();
    },
  );
  const dropped = new OutlookEvent<[LabeledSource[], string[]]>(office, office.EventType.DragAndDropEvent, (emit, event) => {
    void readDroppedFiles(event).then((result) => {
      if (result) emit(result.sources, result.errors);
    });
  });

  const canDraftAsync = supports("1.9") && typeof mailbox.displayNewMessageFormAsync === "function";
  const canDraftSync = supports("1.6") && typeof mailbox.displayNewMessageForm === "function";

  return {
    // A pinned pane outlives the item it opened on: ask Outlook each time.
    get mode() {
      return isComposeItem(office.context.mailbox.item) ? "compose" : "read";
    },
    displayLanguage: office.context.displayLanguage || "en-US",
    get theme() {
      return readTheme();
    },
    canDraft: canDraftAsync || canDraftSync,
    readCurrentItem: (): Promise<ItemReading> => readItem(office, { timeoutMs }),
    onItemChanged: (listener) => itemChanged.subscribe(listener),
    onThemeChanged: (listener) => {
      // A client without an Office theme leaves the pane to the system's colour scheme: follow both.
      const offOutlook = themeChanged.subscribe(listener);
      const offSystem = onColorSchemeChange(listener);
      return () => {
        offOutlook();
        offSystem();
      };
    },
    onDrop: (listener) => dropped.subscribe(listener),
    openDraft: async (draft: DraftRequest) => {
      const form = { toRecipients: draft.to, subject: draft.subject, htmlBody: draft.htmlBody };
      if (canDraftAsync) {
        await officeCall<void>("mailbox.displayNewMessageFormAsync", (cb) => mailbox.displayNewMessageFormAsync(form, cb), timeoutMs);
      } else if (canDraftSync) {
        try {
          mailbox.displayNewMessageForm(form);
        } catch (error) {
          throw new OfficeCallError("mailbox.displayNewMessageForm", "Exception", error instanceof Error ? error.message : String(error));
        }
      } else {
        throw new OfficeCallError("mailbox.displayNewMessageForm", "NotSupported", "this Outlook cannot open a new message form (Mailbox 1.6)");
      }
    },
  };
}
