/**
 * The backend's use of the one check contract (src/spf/check-input.ts): a rejection
 * names the field as the request does ("ip" is not an IPv4 ...).
 */
import { checkInputError, validateCheckInput as validateFields, type CheckInput } from "../spf/check-input";


export type Validation = { ok: true; input: CheckInput } | { ok: false; error: string };

/** Validates raw request fields (JSON body or query parameters). */
export function validateCheckInput(raw: Record<string, unknown>): Validation {
  const result = validateFields(raw);
  return result.ok ? result : { ok: false, error: checkInputError(result, (field) => `"${field}"`) };
}
