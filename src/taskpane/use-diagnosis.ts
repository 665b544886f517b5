/**
 * The pane's state machine: read the item (or take dropped/pasted sources), parse
 * each candidate until one is a bounce, then ask the backend for SPF/DMARC facts.
 * Parsing and guidance never wait for the backend: a slow or absent backend only
 * leaves the authentication panel in its loading or failed state.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Bounce, MessageKind } from "../ndr/types";
import type { Checks } from "../spf/types";
import { CheckError, checkQueryFor, type CheckFailure } from "./checks-client";
import type { ItemReading, LabeledSource } from "./office/host";
import type { Engine, Services } from "./services";

export type ParseResult = { ok: true; bounce: Bounce } | { ok: false; error: string };

export type Outcome =
  /** Nothing asked yet (the standalone page before a paste, drop or file). */
  | { status: "idle" }
  | { status: "working" }
  /** The item could not be read at all. */
  | { status: "blocked"; reason: Extract<ItemReading, { ok: false }>["reason"]; detail: string }
  /** Read, but not a bounce (or not a message at all). */
  | { status: "not-bounce"; kind: MessageKind | "unparsable"; detail?: string }
  | { status: "diagnosed"; bounce: Bounce };

export type ChecksState =
  /** The bounce names no sender domain: there is nothing to check. */
  | { status: "none" }
  | { status: "loading" }
  | { status: "done"; checks: Checks }
  | { status: "failed"; failure: CheckFailure; detail: string };

export interface DiagnosisState {
  sources: LabeledSource[];
  /** Parse results by source index; sources after the chosen one are parsed when selected. */
  parsed: (ParseResult | undefined)[];
  active: number;
  outcome: Outcome;
  checks: ChecksState;
  /** Loaded with the first diagnosis: the parser and the guidance engine. */
  engine: Engine | null;
}

const initialState = (idle: boolean): DiagnosisState => ({
  sources: [],
  parsed: [],
  active: 0,
  outcome: idle ? { status: "idle" } : { status: "working" },
  checks: { status: "none" },
  engine: null,
});

async function parseOne(engine: Engine, source: LabeledSource): Promise<ParseResult> {
  try {
    return { ok: true, bounce: await engine.parseBounce(source.source) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function outcomeOf(result: ParseResult): Outcome {
  if (!result.ok) return { status: "not-bounce", kind: "unparsable", detail: result.error };
  if (!result.bounce.isBounce) return { status: "not-bounce", kind: result.bounce.kind };
  return { status: "diagnosed", bounce: result.bounce };
}

export interface Diagnosis {
  state: DiagnosisState;
  /** Read the host's current item and diagnose it; `pending` is a reading already under way. */
  readItem(pending?: Promise<ItemReading>): Promise<void>;
  /** Diagnose sources the user gave (paste, file, drop). */
  diagnoseSources(sources: LabeledSource[]): Promise<void>;
  /** Show another of the item's sources. */
  select(index: number): Promise<void>;
  retryChecks(): void;
}

export function useDiagnosis(
  readCurrentItem: () => Promise<ItemReading>,
  services: Services,
  options: { startIdle: boolean },
): Diagnosis {
  const [state, setState] = useState(() => initialState(options.startIdle));
  const stateRef = useRef(state);
  stateRef.current = state;
  // Each new request supersedes the previous one: late answers for an old item are dropped.
  const generation = useRef(0);
  const checksAbort = useRef<AbortController | null>(null);
  const enginePromise = useRef<Promise<Engine> | null>(null);
  const servicesRef = useRef(services);
  servicesRef.current = services;

  const loadEngine = useCallback(() => {
    enginePromise.current ??= servicesRef.current.loadEngine().catch((error: unknown) => {
      // A chunk that failed to load (network, deployment in between) is tried again next time.
      enginePromise.current = null;
      throw error;
    });
    return enginePromise.current;
  }, []);

  const runChecks = useCallback((bounce: Bounce, gen: number) => {
    checksAbort.current?.abort();
    const query = checkQueryFor(bounce);
    if (!query) {
      setState((s) => ({ ...s, checks: { status: "none" } }));
      return;
    }
    const abort = new AbortController();
    checksAbort.current = abort;
    setState((s) => ({ ...s, checks: { status: "loading" } }));
    servicesRef.current.fetchChecks(query, { signal: abort.signal }).then(
      (checks) => {
        if (gen === generation.current) setState((s) => ({ ...s, checks: { status: "done", checks } }));
      },
      (error: unknown) => {
        if (gen !== generation.current || abort.signal.aborted) return;
        const failure = error instanceof CheckError ? error.failure : "unreachable";
        const detail = error instanceof Error ? error.message : String(error);
        setState((s) => ({ ...s, checks: { status: "failed", failure, detail } }));
      },
    );
  }, []);

  /** Shows source `index`, parsing it first if needed, and starts its checks. */
  const show = useCallback(
    async (engine: Engine, sources: LabeledSource[], parsed: (ParseResult | undefined)[], index: number, gen: number) => {
      const result = parsed[index] ?? (await parseOne(engine, sources[index]));
      if (gen !== generation.current) return;
      const nextParsed = [...parsed];
      nextParsed[index] = result;
      const outcome = outcomeOf(result);
      setState({ sources, parsed: nextParsed, active: index, outcome, checks: { status: "none" }, engine });
      if (outcome.status === "diagnosed") runChecks(outcome.bounce, gen);
      else checksAbort.current?.abort();
    },
    [runChecks],
  );

  const diagnoseSources = useCallback(
    async (sources: LabeledSource[]) => {
      const gen = ++generation.current;
      checksAbort.current?.abort();
      setState((s) => ({ ...s, sources, parsed: [], active: 0, outcome: { status: "working" }, checks: { status: "none" } }));
      if (sources.length === 0) {
        setState((s) => ({ ...s, outcome: { status: "not-bounce", kind: "message" } }));
        return;
      }
      let engine: Engine;
      try {
        engine = await loadEngine();
      } catch (error) {
        if (gen !== generation.current) return;
        const detail = error instanceof Error ? error.message : String(error);
        setState((s) => ({ ...s, outcome: { status: "blocked", reason: "error", detail } }));
        return;
      }
      const parsed: (ParseResult | undefined)[] = [];
      let chosen = 0;
      for (let i = 0; i < sources.length; i++) {
        parsed[i] = await parseOne(engine, sources[i]);
        if (gen !== generation.current) return;
        const result = parsed[i]!;
        if (result.ok && result.bounce.isBounce) {
          chosen = i;
          break;
        }
      }
      await show(engine, sources, parsed, chosen, gen);
    },
    [loadEngine, show],
  );

  const readItem = useCallback(async (pending?: Promise<ItemReading>) => {
    const gen = ++generation.current;
    checksAbort.current?.abort();
    setState((s) => ({ ...s, outcome: { status: "working" }, checks: { status: "none" } }));
    // Start fetching the engine while Outlook reads the item (a failure is reported when it is needed).
    loadEngine().catch(() => {});
    let reading: ItemReading;
    try {
      reading = await (pending ?? readCurrentItem());
    } catch (error) {
      reading = { ok: false, reason: "error", detail: error instanceof Error ? error.message : String(error) };
    }
    if (gen !== generation.current) return;
    if (!reading.ok) {
      setState((s) => ({ ...s, sources: [], parsed: [], outcome: { status: "blocked", reason: reading.reason, detail: reading.detail } }));
      return;
    }
    await diagnoseSources(reading.sources);
  }, [readCurrentItem, diagnoseSources, loadEngine]);

  const select = useCallback(
    async (index: number) => {
      const current = stateRef.current;
      if (index < 0 || index >= current.sources.length || !current.engine) return;
      const gen = ++generation.current;
      await show(current.engine, current.sources, current.parsed, index, gen);
    },
    [show],
  );

  const retryChecks = useCallback(() => {
    const current = stateRef.current;
    if (current.outcome.status === "diagnosed") runChecks(current.outcome.bounce, generation.current);
  }, [runChecks]);

  useEffect(() => () => checksAbort.current?.abort(), []);

  return { state, readItem, diagnoseSources, select, retryChecks };
}
