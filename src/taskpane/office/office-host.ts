/**
 * The MailHost inside Outlook, on Office.js. Created after Office.onReady; throws when
 * the page is not running in Outlook so the caller can fall back to the browser host.
 */
import { DEFAULT_OFFICE_TIMEOUT_MS, officeCall, OfficeCallError } from "./async";
import { onColorSchemeChange } from "./color-scheme";
import { DropWatcher } from "./drop";
import type { DraftRequest, DropEvent, ItemReading, MailHost } from "./host";
import { isComposeItem, readItem, supportsMailbox } from "./read-item";

type OfficeApi = typeof Office;

export interface OfficeHostOptions {
  /** The Office.js namespace; the global one by default (tests pass a fake). */
  office?: OfficeApi;
  /** Per-call timeout for Outlook's callbacks. */
  timeoutMs?: number;
  /** How long to wait for Office.onReady before giving up. */
  readyTimeoutMs?: number;
  /** Quiet time after Outlook's last dragover before the pane hears that no drop came (drop.ts). */
  noDropAfterMs?: number;
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
    // Each listener names the argument type its Office event carries (Office.js passes it untyped).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly handler: (emit: (...args: A) => void, event: any) => void,
    private readonly onUnregister: () => void = () => {},
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
    try {
      mailbox.addHandlerAsync(this.eventType, this.onEvent, (result: Office.AsyncResult<void>) => {
        // An event the client knows but will not raise here answers with an error (5003): nothing to listen to.
        if (String(result?.status) !== "succeeded") this.registered = false;
      });
    } catch {
      // Office.js checks the event type before the call: one the client does not dispatch
      // throws Sys.ArgumentException ("The specified event type … is not supported") on the
      // spot (addHandlerAsync's argument check, eventDispatch.supportsEvent, in Office.js).
      this.registered = false;
    }
  }

  private unregister(): void {
    const mailbox = this.office.context.mailbox;
    this.registered = false;
    this.onUnregister();
    if (this.eventType === undefined || typeof mailbox?.removeHandlerAsync !== "function") return;
    try {
      mailbox.removeHandlerAsync(this.eventType, () => {});
    } catch {
      // Nothing was registered for it on this client.
    }
  }
}

type OfficeThemeLike = Pick<Office.OfficeTheme, "bodyBackgroundColor">;

/**
 * Reads Office's theme on each access, but returns the same object while nothing changed,
 * so views can compare by identity. Dark or light is decided from the body background:
 * `isDarkTheme` isn't supported in Outlook (@types/office-js, OfficeTheme.isDarkTheme:
 * "use the body*Color and control*Color properties instead").
 */
function themeReader(currentTheme: () => OfficeThemeLike | undefined): () => MailHost["theme"] {
  let last: MailHost["theme"] = null;
  return () => {
    const theme = currentTheme();
    if (!theme) return (last = null);
    const background = theme.bodyBackgroundColor || undefined;
    const isDark = isDarkColor(background);
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

/**
 * DragAndDropEvent is raised by Outlook on the web and the new Outlook on Windows only;
 * classic Outlook on Windows and Outlook on Mac deliver HTML5 drops instead (Microsoft
 * docs, "Drag and drop messages and attachments into the task pane of an Outlook add-in",
 * supported clients). mailbox.diagnostics.hostName tells them apart: "OutlookWebApp",
 * "newOutlookWindows", or "Outlook" for classic Windows and Mac (Office.Diagnostics).
 * Registering elsewhere would throw (see OutlookEvent.register), so it is not tried.
 */
function supportsDragAndDropEvent(office: OfficeApi): boolean {
  if (office.EventType?.DragAndDropEvent === undefined || !supportsMailbox(office, "1.5")) return false;
  let hostName: string | undefined;
  try {
    hostName = office.context.mailbox.diagnostics?.hostName;
  } catch {
    hostName = undefined;
  }
  return hostName === "OutlookWebApp" || hostName === "newOutlookWindows";
}

function waitForOutlook(office: OfficeApi, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new OfficeCallError("Office.onReady", "timeout", "Office.js did not start")), timeoutMs);
    office.onReady().then(
      (info) => {
        clearTimeout(timer);
        if (info?.host === office.HostType.Outlook && office.context?.mailbox) resolve();
        else reject(new OfficeCallError("Office.onReady", "not-outlook", `running in ${info?.host ?? "no Office host"}, not Outlook`));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(new OfficeCallError("Office.onReady", "threw", error instanceof Error ? error.message : String(error)));
      },
    );
  });
}

export async function createOfficeHost(options: OfficeHostOptions = {}): Promise<MailHost> {
  const office = options.office ?? (globalThis as { Office?: OfficeApi }).Office;
  if (!office || typeof office.onReady !== "function") throw new OfficeCallError("Office.onReady", "not-loaded", "Office.js is not loaded");
  await waitForOutlook(office, options.readyTimeoutMs ?? DEFAULT_OFFICE_TIMEOUT_MS);
  const timeoutMs = options.timeoutMs;
  const mailbox = office.context.mailbox;
  const supports = (version: string) => supportsMailbox(office, version);
  // OfficeThemeChanged hands over the new theme; until the first change, the context's is current.
  let reportedTheme: OfficeThemeLike | undefined;
  const readTheme = themeReader(() => reportedTheme ?? (office.context.officeTheme));

  const itemChanged = new OutlookEvent<[]>(office, supports("1.5") ? office.EventType.ItemChanged : undefined, (emit) => emit());
  const themeChanged = new OutlookEvent<[]>(
    office,
    supports("1.14") ? office.EventType.OfficeThemeChanged : undefined,
    (emit, event: Office.OfficeThemeChangedEventArgs | undefined) => {
      if (event?.officeTheme) reportedTheme = event.officeTheme;
      emit();
    },
  );
  // One watcher turns Outlook's dragover/drop stream into DropEvents (drop.ts).
  let dropWatcher: DropWatcher | null = null;
  const dropped = new OutlookEvent<[DropEvent]>(
    office,
    supportsDragAndDropEvent(office) ? office.EventType.DragAndDropEvent : undefined,
    (emit, event: Parameters<DropWatcher["handle"]>[0]) => {
      dropWatcher ??= new DropWatcher(emit, options.noDropAfterMs);
      dropWatcher.handle(event);
    },
    () => {
      dropWatcher?.dispose();
      dropWatcher = null;
    },
  );

  // Read mode only (@types/office-js, Mailbox.displayNewMessageForm(Async): "Applicable
  // Outlook mode: Read"). The pane's mode never changes while it lives (see MailHost.mode).
  const mode: MailHost["mode"] = isComposeItem(mailbox.item) ? "compose" : "read";
  const canDraftAsync = mode === "read" && supports("1.9") && typeof mailbox.displayNewMessageFormAsync === "function";
  const canDraftSync = mode === "read" && supports("1.6") && typeof mailbox.displayNewMessageForm === "function";

  return {
    mode,
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
      // officeCall's timeout matters here: a pinned pane in classic Outlook on Windows (Version
      // 2606) was seen never to get displayNewMessageFormAsync's callback, and the synchronous
      // form to open nothing without an error (office-js #6806). The pane then offers the email to copy.
      const form = { toRecipients: draft.to, subject: draft.subject, htmlBody: draft.htmlBody };
      if (canDraftAsync) {
        await officeCall("mailbox.displayNewMessageFormAsync", (cb) => mailbox.displayNewMessageFormAsync(form, cb), timeoutMs);
      } else if (canDraftSync) {
        try {
          mailbox.displayNewMessageForm(form);
        } catch (error) {
          throw new OfficeCallError("mailbox.displayNewMessageForm", "threw", error instanceof Error ? error.message : String(error));
        }
      } else {
        const why = mode === "compose" ? "a new message form opens from read mode only" : "this Outlook cannot open a new message form (Mailbox 1.6)";
        throw new OfficeCallError("mailbox.displayNewMessageForm", "not-supported", why);
      }
    },
  };
}
