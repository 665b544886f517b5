/**
 * The pane's diagnosis flow as a pure reducer: read the item (or take dropped, pasted or
 * opened sources), parse each candidate until one is a bounce, then ask the backend for
 * the live checks. No React, no I/O: the effects in use-diagnosis.ts do the work that
 * `pending` and `checks: loading` ask for, and report back with actions carrying the
 * request they belong to, so a late answer for an older request changes nothing.
 * Parsing and guidance never wait for the backend: a slow or absent backend only leaves
 * the checks in their loading or failed state.
 */
import type { Bounce } from "../ndr/bounce";
import type { Checks } from "../spf/types";
import { checkQueryFor, type CheckFailure } from "./checks-client";
import type { ItemReading, ItemSummary, LabeledSource } from "./office/host";
import type { ChecksState, DiagnosisState, Engine, Outcome, ParseResult } from "./types";

export type DiagnosisAction =
  /** Read the host's current item (pane start, ItemChanged; asked: "Read selected message"). */
  | { type: "read-item"; asked?: boolean }
  | { type: "item-read"; request: number; reading: ItemReading }
  /** Diagnose sources the user gave (paste, file, drop). */
  | { type: "diagnose-sources"; sources: LabeledSource[] }
  | { type: "select"; index: number }
  | { type: "parsed"; request: number; index: number; result: ParseResult; engine: Engine }
  | { type: "engine-failed"; request: number; detail: string }
  | { type: "retry-checks" }
  | { type: "checks-done"; request: number; checks: Checks }
  | { type: "checks-failed"; request: number; failure: CheckFailure; detail: string };

export function initialDiagnosis(idle: boolean): DiagnosisState {
  return {
    request: 0,
    pending: { kind: "none" },
    sources: [],
    parsed: [],
    active: 0,
    item: null,
    sameItem: false,
    outcome: idle ? { status: "idle" } : { status: "working" },
    checks: { status: "none" },
    engine: null,
  };
}

function outcomeOf(result: ParseResult): Outcome {
  if (!result.ok) return { status: "not-bounce", kind: "unparsable", detail: result.error };
  if (!result.bounce.isBounce) return { status: "not-bounce", kind: result.bounce.kind };
  return { status: "diagnosed", bounce: result.bounce };
}

/** Checks start as soon as a bounce is shown; a bounce that names no sender domain has none to run. */
function checksFor(outcome: Outcome): ChecksState {
  return outcome.status === "diagnosed" && checkQueryFor(outcome.bounce) ? { status: "loading" } : { status: "none" };
}

/** Shows source `index` (already parsed) as the answer of a new request, so the checks start afresh. */
function show(state: DiagnosisState, index: number, parsed: (ParseResult | undefined)[]): DiagnosisState {
  const outcome = outcomeOf(parsed[index]!);
  return { ...state, request: state.request + 1, pending: { kind: "none" }, parsed, active: index, outcome, checks: checksFor(outcome) };
}

/** Both readings came from the same Outlook item (by its id; without ids nothing can be told). */
function isSameItem(before: ItemSummary | null, after: ItemSummary | null): boolean {
  return Boolean(before?.id && after?.id && before.id === after.id);
}

/** A new set of sources: scan them from the first. */
function withSources(state: DiagnosisState, sources: LabeledSource[], item: ItemSummary | null): DiagnosisState {
  const base = { ...state, request: state.request + 1, sources, parsed: [], active: 0, item, sameItem: false, checks: { status: "none" } as const };
  if (sources.length === 0) return { ...base, pending: { kind: "none" }, outcome: { status: "not-bounce", kind: "message" } };
  return { ...base, pending: { kind: "parsing", index: 0, mode: "scan" }, outcome: { status: "working" } };
}

export function diagnosisReducer(state: DiagnosisState, action: DiagnosisAction): DiagnosisState {
  switch (action.type) {
    case "read-item":
      // The previous diagnosis stays in view until the new reading replaces it; its checks stop.
      return {
        ...state,
        request: state.request + 1,
        pending: { kind: "reading", asked: action.asked === true },
        sameItem: false,
        outcome: { status: "working" },
        checks: { status: "none" },
      };

    case "item-read": {
      if (action.request !== state.request || state.pending.kind !== "reading") return state;
      const { reading } = action;
      const item = reading.item ?? null;
      // state.item is still the message shown before this reading.
      const sameItem = state.pending.asked && isSameItem(state.item, item);
      if (!reading.ok) {
        const outcome: Outcome = { status: "blocked", reason: reading.reason, detail: reading.detail };
        return { ...state, pending: { kind: "none" }, sources: [], parsed: [], active: 0, item, sameItem, outcome };
      }
      return { ...withSources(state, reading.sources, item), sameItem };
    }

    case "diagnose-sources":
      return withSources(state, action.sources, null);

    case "select": {
      const { index } = action;
      if (index < 0 || index >= state.sources.length || index === state.active && state.pending.kind === "none") return state;
      if (state.parsed[index]) return show(state, index, state.parsed);
      return { ...state, request: state.request + 1, pending: { kind: "parsing", index, mode: "select" }, active: index, outcome: { status: "working" }, checks: { status: "none" } };
    }

    case "parsed": {
      const { pending } = state;
      if (action.request !== state.request || pending.kind !== "parsing" || pending.index !== action.index) return state;
      const parsed = [...state.parsed];
      parsed[action.index] = action.result;
      const next = { ...state, engine: action.engine };
      const isBounce = action.result.ok && action.result.bounce.isBounce;
      const isLast = action.index === state.sources.length - 1;
      if (pending.mode === "select" || isBounce) return show(next, action.index, parsed);
      // No source is a bounce: show the first, which says what it is instead.
      if (isLast) return show(next, 0, parsed);
      return { ...next, parsed, pending: { kind: "parsing", index: action.index + 1, mode: "scan" } };
    }

    case "engine-failed":
      if (action.request !== state.request || state.pending.kind !== "parsing") return state;
      return { ...state, pending: { kind: "none" }, outcome: { status: "blocked", reason: "error", detail: action.detail } };

    case "retry-checks":
      if (state.outcome.status !== "diagnosed" || !checkQueryFor(state.outcome.bounce)) return state;
      return { ...state, request: state.request + 1, checks: { status: "loading" } };

    case "checks-done":
      if (action.request !== state.request || state.checks.status !== "loading") return state;
      return { ...state, checks: { status: "done", checks: action.checks } };

    case "checks-failed":
      if (action.request !== state.request || state.checks.status !== "loading") return state;
      return { ...state, checks: { status: "failed", failure: action.failure, detail: action.detail } };
  }
}

/** The bounce whose checks the state asks for, or null. */
export function bounceToCheck(state: DiagnosisState): Bounce | null {
  return state.checks.status === "loading" && state.outcome.status === "diagnosed" ? state.outcome.bounce : null;
}
