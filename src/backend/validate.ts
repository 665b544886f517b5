/**
 * The backend's use of the one check contract (src/spf/check-input.ts): a rejection
 * names the field as the request does ("ip" is not an IPv4 ...).
 */
import { readLiveRequest } from "../checks/request";
import type { LiveCheckRequest } from "../checks/types";
import { checkInputError, validateCheckInput as validateFields, type CheckInput } from "../spf/check-input";


export type Validation = { ok: true; input: CheckInput; live: LiveCheckRequest | null } | { ok: false; error: string };

/** Validates raw request fields (JSON body or query parameters): the SPF contract, and the live checks asked for. */
export function validateCheckInput(raw: Record<string, unknown>): Validation {
  const live = readLiveRequest(raw);
  if (!live.ok) return { ok: false, error: `"${live.field}" ${live.problem}` };
  const result = validateFields(live.rest);
  if (!result.ok) return { ok: false, error: checkInputError(result, (field) => `"${field}"`) };
  // The live checks ask about the same sending IP the SPF check does.
  return { ok: true, input: result.input, live: live.live && { ...live.live, ...(result.input.ip ? { ip: result.input.ip } : {}) } };
}
