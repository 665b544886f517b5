/**
 * Office.js reports through callbacks with an AsyncResult. One wrapper turns each call
 * into a promise that settles exactly once: with the value, with an OfficeCallError that
 * names the call and Outlook's error, or with a timeout when Outlook never calls back
 * (some clients drop the callback when the item changes mid-call).
 */

export const DEFAULT_OFFICE_TIMEOUT_MS = 15_000;

/**
 * How a call failed: Outlook answered with an error (`failed`, with its numeric code),
 * never answered (`timeout`), threw on the spot (`threw`), or could not be made here
 * (`not-loaded`, `not-outlook`, `not-supported`).
 */
export type OfficeFailure = "failed" | "timeout" | "threw" | "not-loaded" | "not-outlook" | "not-supported";

export class OfficeCallError extends Error {
  override name = "OfficeCallError";
  constructor(
    /** The API that failed, e.g. "item.getAllInternetHeadersAsync". */
    readonly call: string,
    readonly failure: OfficeFailure,
    message: string,
    /** Outlook's numeric error code (see errors.ts), when Outlook gave one: the only thing failures are classified by. */
    readonly code: number | null = null,
    /** Outlook's error name as reported; localized by some clients, so shown, never compared. */
    readonly officeName?: string,
  ) {
    super(`${call} failed: ${message}`);
  }
}

/** The fields of Office.AsyncResult this code relies on. */
export interface AsyncResultLike<T> {
  status: Office.AsyncResultStatus | "succeeded" | "failed";
  value: T;
  error?: { name?: string; message?: string; code?: number } | null;
}

function succeeded(result: AsyncResultLike<unknown>): boolean {
  // Office.AsyncResultStatus.Succeeded is the string "succeeded".
  return String(result.status) === "succeeded";
}

/**
 * Runs `invoke(callback)` and resolves with the callback's value.
 * `call` names the API in error messages.
 */
export function officeCall<T>(
  call: string,
  invoke: (callback: (result: AsyncResultLike<T>) => void) => void,
  timeoutMs = DEFAULT_OFFICE_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new OfficeCallError(call, "timeout", `Outlook did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    try {
      invoke((result) =>
        settle(() => {
          if (result && succeeded(result)) resolve(result.value);
          else {
            const error = result?.error;
            const code = typeof error?.code === "number" ? error.code : null;
            const detail = error?.message || error?.name || "Outlook reported a failure";
            reject(new OfficeCallError(call, "failed", code === null ? detail : `${detail} (${code})`, code, error?.name));
          }
        }),
      );
    } catch (error) {
      // Some clients throw synchronously (e.g. an API missing on this item type).
      settle(() => reject(new OfficeCallError(call, "threw", error instanceof Error ? error.message : String(error))));
    }
  });
}
