/**
 * The work one check may cause, bounded whatever the records say: every check's DNS goes
 * through a Resolver made here, which counts the lookups asked and the answer bytes
 * received, and cancels the rest of the check (queued and in-flight questions) once
 * either budget is spent or the request is given up. RFC 7208 section 4.6.4 bounds
 * check_host() to 10 DNS-querying terms and 10 names per MX or PTR lookup; the analyzer
 * explains the whole tree, so it may ask more, but never more than this.
 */
import type { ContextResolver } from "../dns/resolver";
import { AbortedError } from "../dns/transport";
import type { LookupResult, RecordData, RecordType, Resolver } from "../spf/types";

export interface CheckBudget {
  /** Lookups one check may ask (cached answers included: the count does not depend on what others asked). */
  maxQuestions: number;
  /** Characters of DNS answer data one check may receive. */
  maxAnswerBytes: number;
}

/** The abort reason of a check's signal (given, so that aborting builds no DOMException). */
const ENDED = new AbortedError();

/** A check stopped because it needed more than its budget; the request gets 504. */
export class OverBudgetError extends Error {
  override name = "OverBudgetError";
}

/** Characters of record data in an answer (names, addresses, text). */
function answerSize(result: LookupResult<unknown>): number {
  if (result.status !== "ok") return 0;
  let size = 0;
  for (const record of result.records as Array<RecordData[RecordType]>) {
    if (typeof record === "string") size += record.length;
    else if (Array.isArray(record)) for (const text of record) size += text.length;
    else if ("exchange" in record) size += 2 + record.exchange.length;
    else size += 3 + record.data.length;
  }
  return size;
}

export interface BudgetedResolver {
  resolver: Resolver;
  /** Rejects with OverBudgetError once the budget is spent (never resolves otherwise). */
  exceeded: Promise<never>;
  /** Ends the check's DNS work: pending lookups answer at once, nothing new is asked. */
  cancel: () => void;
}

/** A Resolver for one check of `client`, drawing on `dns` within `budget`, given up when `signal` aborts. */
export function budgetedResolver(dns: ContextResolver, budget: CheckBudget, client: string, signal?: AbortSignal): BudgetedResolver {
  // The check's own signal follows the request's. (Plain listeners: AbortSignal.any and an
  // abort() without a reason, which builds a DOMException, cost more than the rest of a warm check.)
  const controller = new AbortController();
  const checkSignal = controller.signal;
  const followRequest = () => controller.abort(ENDED);
  if (signal?.aborted) followRequest();
  else signal?.addEventListener("abort", followRequest, { once: true });
  let questions = 0;
  let answerBytes = 0;
  let fail: (error: OverBudgetError) => void = () => undefined;
  const exceeded = new Promise<never>((_, reject) => (fail = reject));
  exceeded.catch(() => undefined); // a check that nobody races against must not leave an unhandled rejection
  const stop = (reason: string) => {
    if (controller.signal.aborted) return;
    controller.abort(ENDED);
    fail(new OverBudgetError(reason));
  };

  const resolver: Resolver = {
    async lookup<T extends RecordType>(name: string, type: T): Promise<LookupResult<RecordData[T]>> {
      if (checkSignal.aborted) return { status: "error", message: new AbortedError().message };
      questions += 1;
      if (questions > budget.maxQuestions) {
        stop(`the check needed more than ${budget.maxQuestions} DNS lookups`);
        return { status: "error", message: new AbortedError().message };
      }
      const result = await dns.lookup(name, type, { signal: checkSignal, client });
      answerBytes += answerSize(result);
      if (answerBytes > budget.maxAnswerBytes) stop(`the check received more than ${budget.maxAnswerBytes} bytes of DNS answers`);
      return checkSignal.aborted ? { status: "error", message: new AbortedError().message } : result;
    },
  };
  return {
    resolver,
    exceeded,
    cancel: () => {
      signal?.removeEventListener("abort", followRequest);
      if (!controller.signal.aborted) controller.abort(ENDED);
    },
  };
}
