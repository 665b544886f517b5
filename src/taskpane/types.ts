/**
 * The pane's state and its contracts with the outside world, as types only: views, the
 * diagnosis reducer and the services import from here, so no module has to import
 * another's implementation to name a type (which is how the pane's import cycle formed).
 */
import type { MessageKind } from "../ndr/types";
import type { Bounce } from "../ndr/bounce";
import type { CheckReport } from "../checks/types";
import type { CheckFailure, FetchChecks } from "./checks-client";
import type { ItemReading, ItemSummary, LabeledSource } from "./office/host";

/** The parser and the guidance engine (engine.ts), loaded as a chunk of their own. */
export type Engine = typeof import("./engine");

/** What the views need from the outside world, injectable so tests can drive each path. */
export interface Services {
  loadEngine: () => Promise<Engine>;
  fetchChecks: FetchChecks;
  /** Reads a chosen or dropped file (.eml, .msg, text) into parser input. */
  readFile: (file: File, origin: "file" | "drop") => Promise<LabeledSource>;
  copyText: (text: string) => Promise<void>;
}

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
  | { status: "done"; checks: CheckReport }
  | { status: "failed"; failure: CheckFailure; detail: string };

/**
 * What the diagnosis is waiting for, if anything: the host's reading of the item, or the
 * parse of one source ("scan": the first bounce among the sources wins; "select": the
 * user chose this one).
 */
type Pending =
  | { kind: "none" }
  /** asked: the user pressed "Read selected message" (not the pane's start or ItemChanged). */
  | { kind: "reading"; asked: boolean }
  | { kind: "parsing"; index: number; mode: "scan" | "select" };

export interface DiagnosisState {
  /**
   * Numbers each request (read the item, diagnose given sources, select a source, run the
   * checks again). Answers carry the request they belong to; a late answer for an older
   * request is dropped. This replaces a generation counter kept beside the state.
   */
  request: number;
  pending: Pending;
  sources: LabeledSource[];
  /** Parse results by source index; sources after the chosen one are parsed when selected. */
  parsed: (ParseResult | undefined)[];
  active: number;
  /** The Outlook item the sources came from, when they came from one. */
  item: ItemSummary | null;
  /**
   * The user asked to read the selected message and Outlook handed over the one already
   * shown (same item id). Either nothing else was selected, or Outlook is not telling the
   * pane that the selection moved (office-js #6833: outlook.live.com keeps a pinned pane on
   * its first message, without ItemChanged); the pane says so and what to do.
   */
  sameItem: boolean;
  outcome: Outcome;
  checks: ChecksState;
  /** Loaded with the first diagnosis: the parser and the guidance engine. */
  engine: Engine | null;
}
