/*
 * A simulated Outlook host: defines window.Office the way Office.js does inside Outlook,
 * following the shapes of @types/office-js. Plain JavaScript so that the very same text
 * runs in the browser (served in place of office.js) and in node (adapter unit tests).
 * Options and the test-facing API are documented in fake-office.ts.
 */
// eslint-disable-next-line no-unused-vars
function installFakeOffice(window, options) {
  "use strict";
  var opts = options || {};
  var delay = typeof opts.callbackDelayMs === "number" ? opts.callbackDelayMs : 1;
  var failures = opts.failures || {};
  var mailboxVersion = opts.mailboxVersion || "1.14";

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

  /** Calls back later, like Outlook, with an AsyncResult-like object. */
  function answer(api, callback, asyncContext, produce) {
    if (typeof callback !== "function") return;
    setTimeout(function () {
      var failure = failures[api];
      if (failure === "never") return; // Outlook sometimes never calls back.
      if (failure) {
        callback({ status: AsyncResultStatus.Failed, value: undefined, asyncContext: asyncContext,
          error: { name: failure.name || "GenericResponseError", message: failure.message || "Simulated failure", code: failure.code || 9020 } });
        return;
      }
      var value;
      try {
        value = produce();
      } catch (e) {
        callback({ status: AsyncResultStatus.Failed, value: undefined, asyncContext: asyncContext,
          error: { name: e.name || "InvalidParameter", message: e.message, code: 9000 } });
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

  function attachmentDetails(spec, index) {
    var content = spec.base64 !== undefined ? spec.base64 : spec.content !== undefined ? spec.content : "";
    return {
      id: spec.id || "AAMkAttachment" + index,
      name: spec.name,
      contentType: spec.contentType || (spec.attachmentType === "item" ? "message/rfc822" : "application/octet-stream"),
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
      answer("body.getAsync", a.callback, a.asyncContext, function () {
        return coercion === CoercionType.Html ? (spec.bodyHtml !== undefined ? spec.bodyHtml : "") : spec.bodyText || "";
      });
    };
  }

  function getAttachmentContent(spec, attachments) {
    return withApi("getAttachmentContentAsync", function () {
      var a = splitArgs(arguments);
      var id = a.list[0];
      answer("getAttachmentContentAsync", a.callback, a.asyncContext, function () {
        var index = attachments.findIndex(function (d) { return d.id === id; });
        if (index < 0) { var e = new Error("The attachment ID was invalid."); e.name = "InvalidAttachmentId"; throw e; }
        return attachmentContent(spec.attachments[index]);
      });
    });
  }

  function readItem(spec) {
    var attachments = (spec.attachments || []).map(attachmentDetails);
    var item = {
      itemType: MailboxEnums.ItemType.Message,
      itemClass: spec.itemClass || "IPM.Note",
      itemId: spec.itemId || "AAMkFakeItem",
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
        answer("getAllInternetHeadersAsync", a.callback, a.asyncContext, function () { return spec.internetHeaders || ""; });
      }),
      getAttachmentContentAsync: getAttachmentContent(spec, attachments),
      getAsFileAsync: withApi("getAsFileAsync", function () {
        var a = splitArgs(arguments);
        answer("getAsFileAsync", a.callback, a.asyncContext, function () {
          if (spec.eml === undefined) { var e = new Error("The item could not be retrieved."); e.name = "ItemNotFound"; throw e; }
          return utf8Base64(spec.eml);
        });
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
        answer("getAttachmentsAsync", a.callback, a.asyncContext, function () { return attachments; });
      }),
      getAttachmentContentAsync: getAttachmentContent(spec, attachments),
    };
  }

  function makeItem(spec) {
    if (!spec) return null;
    return spec.kind === "compose" ? composeItem(spec) : readItem(spec);
  }

  var handlers = {};
  var draftCalls = [];
  window.__draftCalls = draftCalls;

  var mailbox = {
    item: makeItem(opts.item === undefined ? null : opts.item),
    userProfile: { displayName: "Test User", emailAddress: "user@outlook.test", timeZone: "UTC" },
    diagnostics: { hostName: "OutlookWebApp", hostVersion: "16.0", OWAView: "OneColumn" },
    addHandlerAsync: function (eventType, handler) {
      var a = splitArgs(Array.prototype.slice.call(arguments, 2));
      var supported = eventType === EventType.DragAndDropEvent ? opts.supportsDragAndDrop !== false
        : eventType === EventType.OfficeThemeChanged ? compareVersions(mailboxVersion, "1.14") >= 0
        : true;
      if (!supported) {
        if (a.callback) setTimeout(function () {
          a.callback({ status: AsyncResultStatus.Failed, value: undefined, asyncContext: a.asyncContext, error: { name: "InvalidEventType", message: "Event not supported", code: 9026 } });
        }, delay);
        return;
      }
      (handlers[eventType] = handlers[eventType] || []).push(handler);
      answer("addHandlerAsync", a.callback, a.asyncContext, function () { return undefined; });
    },
    removeHandlerAsync: function (eventType) {
      var a = splitArgs(Array.prototype.slice.call(arguments, 1));
      delete handlers[eventType];
      answer("removeHandlerAsync", a.callback, a.asyncContext, function () { return undefined; });
    },
  };
  if (compareVersions(mailboxVersion, "1.6") >= 0) {
    mailbox.displayNewMessageForm = function (parameters) {
      draftCalls.push({ api: "displayNewMessageForm", parameters: parameters });
    };
  }
  if (compareVersions(mailboxVersion, "1.9") >= 0) {
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
    officeTheme: opts.theme === null ? undefined : opts.theme || {
      bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#242424",
      controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#242424",
    },
    diagnostics: { host: host, platform: PlatformType.OfficeOnline, version: "16.0.0.0" },
    requirements: {
      isSetSupported: function (name, version) {
        if (name !== "Mailbox") return false;
        return compareVersions(mailboxVersion, version || "1.1") >= 0;
      },
    },
    mailbox: host === HostType.Outlook ? mailbox : undefined,
  };

  var readyInfo = { host: host, platform: host ? PlatformType.OfficeOnline : null };
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

  function fire(eventType, args) {
    (handlers[eventType] || []).slice().forEach(function (handler) { handler(args); });
    return (handlers[eventType] || []).length;
  }

  /** The test-facing side; see fake-office.ts. */
  window.__fakeOffice = {
    handlers: handlers,
    draftCalls: draftCalls,
    setItem: function (spec) { mailbox.item = makeItem(spec); },
    fireItemChanged: function (spec) {
      if (spec !== undefined) mailbox.item = makeItem(spec);
      return fire(EventType.ItemChanged, { type: EventType.ItemChanged });
    },
    fireThemeChanged: function (theme) {
      context.officeTheme = theme;
      return fire(EventType.OfficeThemeChanged, { type: EventType.OfficeThemeChanged, officeTheme: theme });
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
