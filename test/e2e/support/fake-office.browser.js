/*
 * A simulated Outlook host: defines window.Office the way Office.js does inside Outlook,
 * following the shapes of @types/office-js. Plain JavaScript so that the very same text
 * runs in the browser (served in place of office.js) and in node (adapter unit tests).
 * Options and the test-facing API are documented in fake-office.ts.
 */
 
/* exported installFakeOffice -- called by the script fake-office.ts builds around this file */
function installFakeOffice(window, options) {
  "use strict";
  var opts = options || {};
  var delay = typeof opts.callbackDelayMs === "number" ? opts.callbackDelayMs : 1;
  var failures = opts.failures || {};
  var mailboxVersion = opts.mailboxVersion || "1.14";
  var language = opts.displayLanguage || "en-US";
  // Which Outlook: mailbox.diagnostics.hostName is "OutlookWebApp", "newOutlookWindows", or
  // "Outlook" for classic Windows and Mac (Office.Diagnostics); the new Outlook reports the
  // OfficeOnline platform (office-js #6899).
  var client = opts.client || "web";
  var CLIENTS = {
    web: { hostName: "OutlookWebApp", platform: "OfficeOnline", dragAndDropEvent: true },
    "new-windows": { hostName: "newOutlookWindows", platform: "OfficeOnline", dragAndDropEvent: true },
    "classic-windows": { hostName: "Outlook", platform: "PC", dragAndDropEvent: false },
    mac: { hostName: "Outlook", platform: "Mac", dragAndDropEvent: false },
  };
  var clientInfo = CLIENTS[client];
  if (!clientInfo) throw new Error("unknown client " + client);

  var HostType = { Outlook: "Outlook", Word: "Word", Excel: "Excel", PowerPoint: "PowerPoint", OneNote: "OneNote", Project: "Project", Access: "Access" };
  var PlatformType = { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" };
  var AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  var CoercionType = { Text: "text", Html: "html" };
  var EventType = {
    ItemChanged: "olkItemSelectedChanged",
    DragAndDropEvent: "olkDragAndDropEvent",
    OfficeThemeChanged: "officeThemeChanged",
    AttachmentsChanged: "olkAttachmentsChanged",
  };
  var MailboxEnums = {
    AttachmentType: { File: "file", Item: "item", Cloud: "cloud", Base64: "base64" },
    AttachmentContentFormat: { Base64: "base64", Url: "url", Eml: "eml", ICalendar: "iCalendar" },
    ItemType: { Message: "message", Appointment: "appointment" },
    BodyType: { Text: "text", Html: "html" },
  };

  function compareVersions(a, b) {
    var pa = String(a).split("."), pb = String(b).split(".");
    for (var i = 0; i < Math.max(pa.length, pb.length); i++) {
      var d = (Number(pa[i]) || 0) - (Number(pb[i]) || 0);
      if (d !== 0) return d;
    }
    return 0;
  }

  function utf8Base64(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary);
  }

  /*
   * Outlook's errors as Office.js reports them: a numeric code, a name and a message
   * (Office.js's Outlook error table; Office Common API error codes). Generic errors come
   * with localized names and messages (office-js #6109: "Une erreur interne s'est
   * produite", code 5001), and 9017 with an empty message: the adapter must go by code.
   */
  var ERRORS = {
    5001: { name: { "en-US": "Internal Error", "zh-TW": "內部錯誤" }, message: { "en-US": "An internal error has occurred.", "zh-TW": "發生內部錯誤。" } },
    9003: { name: "InvalidAttachmentId", message: "The attachment ID was invalid." },
    9017: { name: "AccessRestricted", message: "" },
    9020: { name: "GenericResponseError", message: "" },
    9030: { name: "APICallFailedDueToItemChange", message: "The selected item has been changed." },
    9041: { name: "NetworkError", message: "The user is no longer connected to the network." },
    9043: { name: "AttachmentTypeNotSupported", message: "The attachment type is not supported." },
    9049: { name: "ItemNotFound", message: "The item could not be found." },
  };
  function localized(value) {
    return typeof value === "string" ? value : value[language] || value["en-US"];
  }
  function officeError(code, name, message) {
    var known = ERRORS[code] || { name: "GenericResponseError", message: "" };
    return { code: code, name: name !== undefined ? name : localized(known.name), message: message !== undefined ? message : localized(known.message) };
  }
  /** An error a simulated API throws to fail its call with an Outlook code. */
  function failWith(code) {
    var e = new Error("simulated");
    e.officeCode = code;
    return e;
  }

  /** Calls back later, like Outlook, with an AsyncResult-like object. */
  function answer(api, callback, asyncContext, produce) {
    if (typeof callback !== "function") return;
    setTimeout(function () {
      var failure = failures[api];
      if (failure === "never") return; // Outlook sometimes never calls back.
      if (failure) {
        callback({ status: AsyncResultStatus.Failed, value: undefined, asyncContext: asyncContext,
          error: officeError(failure.code || 9020, failure.name, failure.message) });
        return;
      }
      var value;
      try {
        value = produce();
      } catch (e) {
        if (!e.officeCode) throw e;
        callback({ status: AsyncResultStatus.Failed, value: undefined, asyncContext: asyncContext, error: officeError(e.officeCode) });
        return;
      }
      callback({ status: AsyncResultStatus.Succeeded, value: value, asyncContext: asyncContext, error: undefined });
    }, delay);
  }

  /** Office.js methods accept (callback), (options, callback) or (arg, options, callback). */
  function splitArgs(args) {
    var list = Array.prototype.slice.call(args);
    var callback = typeof list[list.length - 1] === "function" ? list.pop() : undefined;
    var maybeOptions = list[list.length - 1];
    var asyncContext = maybeOptions && typeof maybeOptions === "object" && "asyncContext" in maybeOptions ? maybeOptions.asyncContext : undefined;
    return { list: list, callback: callback, asyncContext: asyncContext };
  }

  /*
   * AttachmentDetails.contentType is "a direct lookup of the attachment's extension"
   * (@types/office-js, deprecated): never what the content is. An attached Outlook item
   * has no extension to look up.
   */
  var EXTENSION_TYPES = {
    txt: "text/plain", eml: "message/rfc822", msg: "application/vnd.ms-outlook", htm: "text/html", html: "text/html",
    pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", ics: "text/calendar",
    zip: "application/x-zip-compressed", csv: "text/csv", xml: "text/xml",
  };
  function extensionType(name) {
    var match = /\.([a-z0-9]+)$/i.exec(name || "");
    return (match && EXTENSION_TYPES[match[1].toLowerCase()]) || "application/octet-stream";
  }

  function attachmentDetails(spec, index) {
    var content = spec.base64 !== undefined ? spec.base64 : spec.content !== undefined ? spec.content : "";
    return {
      id: spec.id || "AAMkAttachment" + index,
      name: spec.name,
      contentType: extensionType(spec.name),
      size: typeof spec.size === "number" ? spec.size : content.length,
      attachmentType: spec.attachmentType || "file",
      isInline: Boolean(spec.isInline),
    };
  }

  function attachmentContent(spec) {
    var type = spec.attachmentType || "file";
    if (type === "cloud") return { format: "url", content: spec.url || "https://example.invalid/" + encodeURIComponent(spec.name) };
    if (type === "item") return { format: spec.format || "eml", content: spec.content || "" };
    if (spec.format === "iCalendar") return { format: "iCalendar", content: spec.content || "" };
    return { format: "base64", content: spec.base64 !== undefined ? spec.base64 : utf8Base64(spec.content || "") };
  }

  /**
   * A restricted item (an NDR, an S/MIME message) in web and new Outlook: the pane opens
   * after a "Restricted item" notice (office-js #6558, #6569), and here every item call
   * then fails (#974: no Outlook API works on system emails) with 9017 AccessRestricted,
   * the code and name Outlook gives for a refused item (#2277, #6809).
   */
  function guard(spec, produce) {
    return function () {
      if (spec.restricted) throw failWith(9017);
      return produce.apply(null, arguments);
    };
  }

  function withApi(name, fn) {
    // An API absent at this Mailbox version is absent from the object, as in Outlook.
    var minimum = { getAsFileAsync: "1.14", getAllInternetHeadersAsync: "1.8", getAttachmentContentAsync: "1.8", getAttachmentsAsync: "1.8" }[name];
    return !minimum || compareVersions(mailboxVersion, minimum) >= 0 ? fn : undefined;
  }

  // Shared by read and compose items: the body as text or HTML, and attachment contents.
  function getBody(spec) {
    return function () {
      var a = splitArgs(arguments);
      var coercion = a.list[0];
      answer("body.getAsync", a.callback, a.asyncContext, guard(spec, function () {
        return coercion === CoercionType.Html ? (spec.bodyHtml !== undefined ? spec.bodyHtml : "") : spec.bodyText || "";
      }));
    };
  }

  function getAttachmentContent(spec, attachments) {
    return withApi("getAttachmentContentAsync", function () {
      var a = splitArgs(arguments);
      var id = a.list[0];
      answer("getAttachmentContentAsync", a.callback, a.asyncContext, guard(spec, function () {
        var index = attachments.findIndex(function (d) { return d.id === id; });
        if (index < 0) throw failWith(9003);
        return attachmentContent(spec.attachments[index]);
      }));
    });
  }

  // Each message Outlook hands over has its own id; one made twice from a spec is two messages.
  var itemCount = 0;
  function readItem(spec) {
    var attachments = (spec.attachments || []).map(attachmentDetails);
    var item = {
      itemType: MailboxEnums.ItemType.Message,
      itemClass: spec.itemClass || "IPM.Note",
      itemId: spec.itemId || "AAMkFakeItem" + ++itemCount,
      subject: spec.subject || "",
      normalizedSubject: spec.subject || "",
      internetMessageId: spec.internetMessageId || "<fake@outlook.test>",
      dateTimeCreated: new Date(spec.dateTimeCreated || "2026-01-05T10:00:00Z"),
      from: { displayName: (spec.from && spec.from.displayName) || "Mail Delivery System", emailAddress: (spec.from && spec.from.emailAddress) || "postmaster@outlook.test" },
      to: [],
      cc: [],
      attachments: attachments,
      body: { getAsync: getBody(spec) },
      getAllInternetHeadersAsync: withApi("getAllInternetHeadersAsync", function () {
        var a = splitArgs(arguments);
        answer("getAllInternetHeadersAsync", a.callback, a.asyncContext, guard(spec, function () { return spec.internetHeaders || ""; }));
      }),
      getAttachmentContentAsync: getAttachmentContent(spec, attachments),
      getAsFileAsync: withApi("getAsFileAsync", function () {
        var a = splitArgs(arguments);
        answer("getAsFileAsync", a.callback, a.asyncContext, guard(spec, function () {
          if (spec.eml === undefined) throw failWith(9020);
          return utf8Base64(spec.eml);
        }));
      }),
    };
    return item;
  }

  function composeItem(spec) {
    var attachments = (spec.attachments || []).map(attachmentDetails);
    function getter(api, value) {
      return { getAsync: function () { var a = splitArgs(arguments); answer(api, a.callback, a.asyncContext, function () { return value; }); } };
    }
    return {
      itemType: MailboxEnums.ItemType.Message,
      subject: getter("subject.getAsync", spec.subject || ""),
      to: getter("to.getAsync", []),
      body: {
        getAsync: getBody(spec),
        setAsync: function () { throw new Error("The simulated host is read-only."); },
      },
      getAttachmentsAsync: withApi("getAttachmentsAsync", function () {
        var a = splitArgs(arguments);
        answer("getAttachmentsAsync", a.callback, a.asyncContext, guard(spec, function () { return attachments; }));
      }),
      getAttachmentContentAsync: getAttachmentContent(spec, attachments),
    };
  }

  function makeItem(spec) {
    if (!spec) return null;
    return spec.kind === "compose" ? composeItem(spec) : readItem(spec);
  }

  function outlookTheme(theme) {
    return { bodyBackgroundColor: theme.bodyBackgroundColor, bodyForegroundColor: theme.bodyForegroundColor,
      controlBackgroundColor: theme.controlBackgroundColor, controlForegroundColor: theme.controlForegroundColor };
  }

  var handlers = {};
  var draftCalls = [];
  window.__draftCalls = draftCalls;

  /*
   * The events this client dispatches. DragAndDropEvent: Outlook on the web and the new
   * Outlook only (Microsoft docs, "Drag and drop messages and attachments into the task
   * pane"); ItemChanged from Mailbox 1.5, OfficeThemeChanged from 1.14.
   */
  function dispatches(eventType) {
    if (eventType === EventType.DragAndDropEvent) return clientInfo.dragAndDropEvent && compareVersions(mailboxVersion, "1.5") >= 0;
    if (eventType === EventType.ItemChanged) return compareVersions(mailboxVersion, "1.5") >= 0;
    if (eventType === EventType.OfficeThemeChanged) return compareVersions(mailboxVersion, "1.14") >= 0;
    return false;
  }

  var initialItem = opts.item === undefined ? null : opts.item;
  /*
   * Add-ins are not activated on a delivery report or notification, message class
   * IPM.Report.* (Microsoft docs, "Outlook add-ins overview", mailbox items available to
   * add-ins; an NDR is REPORT.IPM.Note.NDR): classic Outlook and Outlook on Mac offer no
   * button there, so no pane opens on one. Web and new Outlook open it anyway, after a
   * "Restricted item" notice (office-js #6558, #6569); `restricted` says whether item calls
   * then fail (#974) or work (as #6558's reporter found).
   */
  if (initialItem && !clientInfo.dragAndDropEvent && /^(REPORT\.IPM|IPM\.Report)\./i.test(initialItem.itemClass || "")) {
    throw new Error("classic Outlook and Outlook on Mac do not open an add-in on " + initialItem.itemClass);
  }
  // A pane opened on a draft stays a compose pane, and one opened on a received message a read pane.
  var paneMode = initialItem && initialItem.kind === "compose" ? "compose" : "read";

  var mailbox = {
    item: makeItem(initialItem),
    userProfile: { displayName: "Test User", emailAddress: "user@outlook.test", timeZone: "UTC" },
    diagnostics: { hostName: clientInfo.hostName, hostVersion: "16.0", OWAView: client === "web" ? "OneColumn" : undefined },
    addHandlerAsync: function (eventType, handler) {
      // Office.js checks the arguments before the call: an event type the client does not
      // dispatch throws Sys.ArgumentException at once (addHandlerAsync's eventType check,
      // eventDispatch.supportsEvent, in Office.js), no callback.
      if (!dispatches(eventType)) {
        var error = new Error("Sys.ArgumentException: The specified event type " + eventType + " is not supported.\nParameter name: eventType");
        error.name = "Sys.ArgumentException";
        throw error;
      }
      var a = splitArgs(Array.prototype.slice.call(arguments, 2));
      (handlers[eventType] = handlers[eventType] || []).push(handler);
      answer("addHandlerAsync", a.callback, a.asyncContext, function () { return undefined; });
    },
    removeHandlerAsync: function (eventType) {
      var a = splitArgs(Array.prototype.slice.call(arguments, 1));
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by event type, as Office.js keeps it
      delete handlers[eventType];
      answer("removeHandlerAsync", a.callback, a.asyncContext, function () { return undefined; });
    },
  };
  // displayNewMessageForm(Async): "Applicable Outlook mode: Read" (@types/office-js, Mailbox).
  if (paneMode === "read" && compareVersions(mailboxVersion, "1.6") >= 0) {
    mailbox.displayNewMessageForm = function (parameters) {
      draftCalls.push({ api: "displayNewMessageForm", parameters: parameters });
    };
  }
  if (paneMode === "read" && compareVersions(mailboxVersion, "1.9") >= 0) {
    mailbox.displayNewMessageFormAsync = function (parameters) {
      var a = splitArgs(Array.prototype.slice.call(arguments, 1));
      draftCalls.push({ api: "displayNewMessageFormAsync", parameters: parameters });
      answer("displayNewMessageFormAsync", a.callback, a.asyncContext, function () { return undefined; });
    };
  }

  var host = opts.host === undefined ? HostType.Outlook : opts.host;
  var context = {
    displayLanguage: opts.displayLanguage || "en-US",
    contentLanguage: opts.displayLanguage || "en-US",
    // Mailbox 1.14 and later; isDarkTheme "isn't supported in Outlook" (@types/office-js, OfficeTheme).
    officeTheme: opts.theme === null || compareVersions(mailboxVersion, "1.14") < 0 ? undefined : outlookTheme(opts.theme || {
      bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#242424",
      controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#242424",
    }),
    platform: host ? clientInfo.platform : null,
    diagnostics: { host: host, platform: host ? clientInfo.platform : null, version: "16.0.0.0" },
    requirements: {
      isSetSupported: function (name, version) {
        if (name !== "Mailbox") return false;
        return compareVersions(mailboxVersion, version || "1.1") >= 0;
      },
    },
    mailbox: host === HostType.Outlook ? mailbox : undefined,
  };

  var readyInfo = { host: host, platform: host ? clientInfo.platform : null };
  var Office = {
    HostType: HostType,
    PlatformType: PlatformType,
    AsyncResultStatus: AsyncResultStatus,
    CoercionType: CoercionType,
    EventType: EventType,
    MailboxEnums: MailboxEnums,
    context: context,
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (typeof callback === "function") callback(readyInfo);
          resolve(readyInfo);
        }, delay);
      });
    },
    initialize: undefined,
  };
  window.Office = Office;

  /** "Pinning isn't supported across different modes" (Microsoft docs, "Implement a pinnable task pane in Outlook"). */
  function sameMode(spec) {
    var mode = spec && spec.kind === "compose" ? "compose" : "read";
    if (spec && mode !== paneMode) throw new Error("a pinned " + paneMode + " pane is never handed a " + mode + " item");
    return spec;
  }

  function fire(eventType, args) {
    (handlers[eventType] || []).slice().forEach(function (handler) { handler(args); });
    return (handlers[eventType] || []).length;
  }

  /** The test-facing side; see fake-office.ts. */
  window.__fakeOffice = {
    handlers: handlers,
    draftCalls: draftCalls,
    setItem: function (spec) { mailbox.item = makeItem(sameMode(spec)); },
    fireItemChanged: function (spec) {
      if (spec !== undefined) mailbox.item = makeItem(sameMode(spec));
      return fire(EventType.ItemChanged, { type: EventType.ItemChanged });
    },
    fireThemeChanged: function (theme) {
      context.officeTheme = outlookTheme(theme);
      return fire(EventType.OfficeThemeChanged, { type: EventType.OfficeThemeChanged, officeTheme: context.officeTheme });
    },
    /** A drop whose data Outlook left out (an attached Outlook item, office-js #6541). */
    fireEmptyDrop: function () {
      return fire(EventType.DragAndDropEvent, { type: EventType.DragAndDropEvent, dragAndDropEventData: null });
    },
    fireDragOver: function () {
      return fire(EventType.DragAndDropEvent, { type: EventType.DragAndDropEvent,
        dragAndDropEventData: { type: "dragover", pageX: 10, pageY: 10, taskPaneX: 10, taskPaneY: 10 } });
    },
    fireDrop: function (files) {
      var dropped = (files || []).map(function (f) {
        var bytes;
        if (f.base64 !== undefined) {
          var binary = atob(f.base64);
          bytes = new Uint8Array(binary.length);
          for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        } else {
          bytes = new TextEncoder().encode(f.content || "");
        }
        var type = f.type || (/\.eml$/i.test(f.name) ? "message/rfc822" : "application/octet-stream");
        return { name: f.name, type: type, fileContent: new Blob([bytes], { type: type }) };
      });
      return fire(EventType.DragAndDropEvent, { type: EventType.DragAndDropEvent,
        dragAndDropEventData: { type: "drop", pageX: 10, pageY: 10, taskPaneX: 10, taskPaneY: 10, dataTransfer: { files: dropped } } });
    },
  };
}
