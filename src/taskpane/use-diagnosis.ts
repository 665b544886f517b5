/**
 * The diagnosis reducer (diagnosis.ts) wired to the world: each effect does one piece of
 * work the state asks for and dispatches its answer with the request it belongs to.
 * React's effect clean-up drops work that no longer matters (the item changed, the user
 * chose another source): the checks' fetch is aborted, other answers are ignored.
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import { cleanStrings } from "../text/sanitize";
import { CheckError, checkQueryFor } from "./checks-client";
import { bounceToCheck, diagnosisReducer, initialDiagnosis } from "./diagnosis";
import type { ItemReading, LabeledSource } from "./office/host";
import type { DiagnosisState, Engine, ParseResult, Services } from "./types";

async function parseOne(engine: Engine, source: LabeledSource): Promise<ParseResult> {
  try {
    // Bounce text is remote: its controls go here, once, before any view or the guidance sees it.
    return { ok: true, bounce: cleanStrings(await engine.parseBounce(source.source)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface Diagnosis {
  state: DiagnosisState;
  /** Read the host's current item and diagnose it; asked: the user pressed "Read selected message". */
  readItem: (asked?: boolean) => void;
  /** Diagnose sources the user gave (paste, file, drop). */
  diagnoseSources: (sources: LabeledSource[]) => void;
  /** Show another of the item's sources. */
  select: (index: number) => void;
  retryChecks: () => void;
}

export interface DiagnosisOptions {
  /** The standalone page waits for input; the pane reads its item at once. */
  startIdle: boolean;
  /** A reading of the item already under way (started before the first render); used for the first read only. */
  initialReading?: Promise<ItemReading>;
}

export function useDiagnosis(readCurrentItem: () => Promise<ItemReading>, services: Services, options: DiagnosisOptions): Diagnosis {
  const [state, dispatch] = useReducer(diagnosisReducer, options.startIdle, initialDiagnosis);
  const firstReading = useRef(options.initialReading);
  const { request, pending, engine } = state;

  // Reading the item; the engine chunk loads meanwhile (a failure is reported when it is needed).
  useEffect(() => {
    if (pending.kind !== "reading") return;
    let current = true;
    services.loadEngine().catch(() => {});
    const reading = firstReading.current ?? readCurrentItem();
    firstReading.current = undefined;
    void reading
      .catch((error: unknown): ItemReading => ({ ok: false, reason: "error", detail: message(error) }))
      .then((result) => current && dispatch({ type: "item-read", request, reading: result }));
    return () => {
      current = false;
    };
  }, [request, pending.kind, readCurrentItem, services]);

  // Parsing one source.
  const parsing = pending.kind === "parsing" ? pending.index : null;
  const source = parsing === null ? undefined : state.sources[parsing];
  useEffect(() => {
    if (parsing === null || !source) return;
    let current = true;
    (engine ? Promise.resolve(engine) : services.loadEngine()).then(
      async (loaded) => {
        const result = await parseOne(loaded, source);
        if (current) dispatch({ type: "parsed", request, index: parsing, result, engine: loaded });
      },
      (error: unknown) => current && dispatch({ type: "engine-failed", request, detail: message(error) }),
    );
    return () => {
      current = false;
    };
  }, [request, parsing, source, engine, services]);

  // The live checks of the bounce shown.
  const bounce = bounceToCheck(state);
  useEffect(() => {
    const query = bounce && checkQueryFor(bounce);
    if (!query) return;
    const abort = new AbortController();
    services.fetchChecks(query, { signal: abort.signal }).then(
      (checks) => !abort.signal.aborted && dispatch({ type: "checks-done", request, checks }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const failure = error instanceof CheckError ? error.failure : "unreachable";
        dispatch({ type: "checks-failed", request, failure, detail: message(error) });
      },
    );
    return () => abort.abort();
  }, [request, bounce, services]);

  const readItem = useCallback((asked = false) => dispatch({ type: "read-item", asked }), []);
  const diagnoseSources = useCallback((sources: LabeledSource[]) => dispatch({ type: "diagnose-sources", sources }), []);
  const select = useCallback((index: number) => dispatch({ type: "select", index }), []);
  const retryChecks = useCallback(() => dispatch({ type: "retry-checks" }), []);
  return { state, readItem, diagnoseSources, select, retryChecks };
}
