/**
 * Outlook's error codes, by number. Office.js localizes `error.name` and `error.message`
 * with the client's language ("Une erreur interne s'est produite" for 5001 in a French
 * Outlook: office-js #6109), so the adapter classifies a failure by its numeric `code`
 * only; the name is kept for the detail line and never compared.
 *
 * Numbers and names: Office Common API error codes
 * (https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes)
 * and Office.js's Outlook error table (`addErrorMessage(9017, "AccessRestricted", ...)` in
 * the Outlook host scripts). 9017 is Outlook's refusal of an item call: office-js #2277 and
 * #6809 show `{"name":"AccessRestricted","message":"Internal protocol error: …","code":9017}`.
 * Web and new Outlook open the pane on an NDR or an S/MIME message after a "Restricted
 * item" notice (office-js #6558, #6569), and item calls on such "system emails" were
 * reported failing (#974). That these failures carry 9017 is read from those reports; the
 * manual test (docs/manual-test.md, step 2) records the code a real client gives.
 */
const OfficeErrorCode = {
  /** Internal error (localized name). */
  InternalError: 5001,
  /** Event registration error: the event type is not supported by this object. */
  EventRegistrationError: 5003,
  InvalidAttachmentId: 9003,
  /** Restricted item (a delivery report, an S/MIME or IRM message): the item may not be read. */
  AccessRestricted: 9017,
  GenericResponseError: 9020,
  /** The selection moved while the call ran. */
  APICallFailedDueToItemChange: 9030,
  NetworkError: 9041,
  /** e.g. getAttachmentContentAsync on an embedded RTF image or a contact item. */
  AttachmentTypeNotSupported: 9043,
  ItemNotFound: 9049,
} as const;

/** Codes that mean "Outlook will not let the add-in read this item", as opposed to a fault. */
const REFUSED = new Set<number>([OfficeErrorCode.AccessRestricted]);

export function isRefusal(code: number | null): boolean {
  return code !== null && REFUSED.has(code);
}
