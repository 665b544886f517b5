/**
 * The pane's diagnosis flow as a pure reducer, without React: each step of reading,
 * parsing and checking, and that an answer for an older request changes nothing.
 * The parse results come from the real parser on the page's sample bounces.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { diagnosisReducer, initialDiagnosis, bounceToCheck, type DiagnosisAction } from "../../src/taskpane/diagnosis";
import * as engine from "../../src/taskpane/engine";
import type { LabeledSource } from "../../src/taskpane/office/host";
import type { DiagnosisState, ParseResult } from "../../src/taskpane/types";
import { CHECKS_SCHEMA, type Checks } from "../../src/spf/types";

const sample = (name: string) => readFileSync(path.resolve(__dirname, "../../src/web/samples", name), "utf8");
const ORDINARY = "From: alice@example.com\nTo: bob@example.net\nSubject: FW: it bounced\n\nSee the attachment.\n";

async function parsed(source: string): Promise<ParseResult> {
  return { ok: true, bounce: await engine.parseBounce(source) };
}

const run = (state: DiagnosisState, ...actions: DiagnosisAction[]) => actions.reduce(diagnosisReducer, state);

const checks = { schema: CHECKS_SCHEMA, spf: { error: "not needed here" }, dmarc: { error: "not needed here" } } as unknown as Checks;

let gmail: ParseResult;
let postfix: ParseResult;
let ordinary: ParseResult;
const sources: LabeledSource[] = [
  { origin: "item", source: ORDINARY },
  { origin: "attachment", name: "first.eml", source: sample("gmail-unknown-user-5.1.1.eml") },
  { origin: "attachment", name: "second.eml", source: sample("postfix-mailbox-full-delay.eml") },
];
const item = { subject: "FW: it bounced", from: "Alice <alice@example.com>", date: "2026-01-05T10:00:00.000Z" };

beforeAll(async () => {
  [ordinary, gmail, postfix] = await Promise.all([parsed(ORDINARY), parsed(sources[1].source as string), parsed(sources[2].source as string)]);
  expect(gmail.ok && gmail.bounce.isBounce && gmail.bounce.senderDomain).toBeTruthy();
});

describe("reading the item", () => {
  test("reads, scans the sources until a bounce, shows it and asks for its checks", () => {
    let state = run(initialDiagnosis(false), { type: "read-item" });
    expect(state).toMatchObject({ request: 1, pending: { kind: "reading" }, outcome: { status: "working" } });

    state = run(state, { type: "item-read", request: 1, reading: { ok: true, sources, item } });
    expect(state).toMatchObject({ request: 2, item, sources, pending: { kind: "parsing", index: 0, mode: "scan" } });

    state = run(state, { type: "parsed", request: 2, index: 0, result: ordinary, engine });
    expect(state.pending).toEqual({ kind: "parsing", index: 1, mode: "scan" });
    expect(state.outcome.status).toBe("working");
    expect(state.engine).toBe(engine);

    state = run(state, { type: "parsed", request: 2, index: 1, result: gmail, engine });
    expect(state).toMatchObject({ request: 3, pending: { kind: "none" }, active: 1, outcome: { status: "diagnosed" }, checks: { status: "loading" } });
    // The third source is left for when the user selects it.
    expect(state.parsed).toEqual([ordinary, gmail]);
    expect(bounceToCheck(state)).toBe(gmail.ok && gmail.bounce);

    state = run(state, { type: "checks-done", request: 3, checks });
    expect(state.checks).toEqual({ status: "done", checks });
    expect(bounceToCheck(state)).toBeNull();
  });

  test("an item that cannot be read is blocked and keeps which item it was", () => {
    const state = run(initialDiagnosis(false), { type: "read-item" }, {
      type: "item-read",
      request: 1,
      reading: { ok: false, reason: "unreadable", detail: "AccessRestricted (9017)", item },
    });
    expect(state).toMatchObject({ pending: { kind: "none" }, sources: [], item, outcome: { status: "blocked", reason: "unreadable", detail: "AccessRestricted (9017)" } });
  });

  test("when no source is a bounce, the first one says what it is", () => {
    const state = run(
      initialDiagnosis(false),
      { type: "diagnose-sources", sources: sources.slice(0, 1) },
      { type: "parsed", request: 1, index: 0, result: ordinary, engine },
    );
    expect(state.outcome).toEqual({ status: "not-bounce", kind: "message" });
    expect(state.checks).toEqual({ status: "none" });
  });

  test("nothing to diagnose is said at once; an engine that fails to load blocks with its reason", () => {
    expect(run(initialDiagnosis(true), { type: "diagnose-sources", sources: [] }).outcome).toEqual({ status: "not-bounce", kind: "message" });
    const failed = run(initialDiagnosis(true), { type: "diagnose-sources", sources }, { type: "engine-failed", request: 1, detail: "Loading chunk engine failed" });
    expect(failed).toMatchObject({ pending: { kind: "none" }, outcome: { status: "blocked", reason: "error", detail: "Loading chunk engine failed" } });
  });
});

describe("reading the selected message on request", () => {
  const first = { id: "AAMk-first", ...item };
  const other = { id: "AAMk-other", subject: "Undeliverable: budget", from: "Microsoft Outlook", date: "2026-01-06T09:00:00.000Z" };
  const shown = run(initialDiagnosis(false), { type: "read-item" }, { type: "item-read", request: 1, reading: { ok: true, sources, item: first } });

  test("Outlook handing over the message already shown is told (office-js #6833), and only when the user asked", () => {
    const asked = run(shown, { type: "read-item", asked: true });
    expect(asked).toMatchObject({ pending: { kind: "reading", asked: true }, sameItem: false, item: first });
    const again = run(asked, { type: "item-read", request: asked.request, reading: { ok: true, sources, item: { ...first } } });
    expect(again).toMatchObject({ sameItem: true, item: first, pending: { kind: "parsing", index: 0 } });
    // ItemChanged re-reads without being asked: nothing to tell.
    const changed = run(shown, { type: "read-item" });
    expect(run(changed, { type: "item-read", request: changed.request, reading: { ok: true, sources, item: first } }).sameItem).toBe(false);
    // The next reading, a drop or a paste clears it.
    expect(run(again, { type: "diagnose-sources", sources: sources.slice(1) }).sameItem).toBe(false);
    expect(run(again, { type: "read-item" }).sameItem).toBe(false);
  });

  test("another message, a refused one, or items without ids are not taken for the same", () => {
    const asked = run(shown, { type: "read-item", asked: true });
    expect(run(asked, { type: "item-read", request: asked.request, reading: { ok: true, sources, item: other } }).sameItem).toBe(false);
    const refused = run(asked, { type: "item-read", request: asked.request, reading: { ok: false, reason: "unreadable", detail: "AccessRestricted (9017)", item: first } });
    expect(refused).toMatchObject({ sameItem: true, outcome: { status: "blocked" } });
    const withoutIds = run(initialDiagnosis(false), { type: "read-item" }, { type: "item-read", request: 1, reading: { ok: true, sources, item } }, { type: "read-item", asked: true });
    expect(run(withoutIds, { type: "item-read", request: withoutIds.request, reading: { ok: true, sources, item } }).sameItem).toBe(false);
  });
});

describe("late answers", () => {
  test("an answer for an older request changes nothing", () => {
    // The item changed twice: the first reading's answer arrives after the second was asked for.
    let state = run(initialDiagnosis(false), { type: "read-item" }, { type: "read-item" });
    const before = state;
    state = run(state, { type: "item-read", request: 1, reading: { ok: true, sources } });
    expect(state).toBe(before);

    // A parse for the previous set of sources, after new ones were dropped.
    state = run(state, { type: "item-read", request: 2, reading: { ok: true, sources } }, { type: "diagnose-sources", sources: sources.slice(2) });
    const dropped = state;
    expect(run(state, { type: "parsed", request: 3, index: 0, result: ordinary, engine })).toBe(dropped);

    // Checks for a bounce no longer shown: the selection moved on meanwhile.
    state = run(state, { type: "parsed", request: 4, index: 0, result: postfix, engine });
    expect(state.checks.status).toBe("loading");
    const moved = run(state, { type: "read-item" });
    expect(run(moved, { type: "checks-done", request: state.request, checks })).toBe(moved);
  });

  test("a parse answering another index than the one pending is ignored", () => {
    const state = run(initialDiagnosis(false), { type: "diagnose-sources", sources });
    expect(run(state, { type: "parsed", request: 1, index: 2, result: postfix, engine })).toBe(state);
  });
});

describe("selecting a source and the checks", () => {
  test("an unparsed source is parsed and shown even when it is no bounce; a parsed one is shown at once with fresh checks", () => {
    let state = run(
      initialDiagnosis(false),
      { type: "diagnose-sources", sources },
      { type: "parsed", request: 1, index: 0, result: ordinary, engine },
      { type: "parsed", request: 1, index: 1, result: gmail, engine },
    );
    state = run(state, { type: "select", index: 2 });
    expect(state).toMatchObject({ active: 2, pending: { kind: "parsing", index: 2, mode: "select" }, outcome: { status: "working" }, checks: { status: "none" } });
    state = run(state, { type: "parsed", request: state.request, index: 2, result: postfix, engine });
    expect(state).toMatchObject({ active: 2, outcome: { status: "diagnosed" }, checks: { status: "loading" } });

    state = run(state, { type: "select", index: 0 });
    expect(state).toMatchObject({ active: 0, pending: { kind: "none" }, outcome: { status: "not-bounce", kind: "message" }, checks: { status: "none" } });
    const request = state.request;
    state = run(state, { type: "select", index: 1 });
    expect(state.request).toBe(request + 1);
    expect(state).toMatchObject({ active: 1, checks: { status: "loading" } });
    // Out of range: nothing happens.
    expect(run(state, { type: "select", index: 3 })).toBe(state);
  });

  test("failed checks can be run again, as a new request", () => {
    let state = run(initialDiagnosis(false), { type: "diagnose-sources", sources: sources.slice(1, 2) }, { type: "parsed", request: 1, index: 0, result: gmail, engine });
    state = run(state, { type: "checks-failed", request: state.request, failure: "timeout", detail: "no answer within 8 s" });
    expect(state.checks).toEqual({ status: "failed", failure: "timeout", detail: "no answer within 8 s" });
    const failedAt = state.request;
    state = run(state, { type: "retry-checks" });
    expect(state).toMatchObject({ request: failedAt + 1, checks: { status: "loading" } });
    // The failed run's late answer does not count for the retry.
    expect(run(state, { type: "checks-done", request: failedAt, checks }).checks).toEqual({ status: "loading" });
  });

  test("a bounce that names no sender domain has no checks to run or retry", async () => {
    const noSender = await parsed(
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; gone@example.org\nAction: failed\nStatus: 5.1.1\n\n--b--\n",
    );
    const state = run(initialDiagnosis(false), { type: "diagnose-sources", sources: [{ origin: "paste", source: "x" }] }, { type: "parsed", request: 1, index: 0, result: noSender, engine });
    expect(state.outcome.status).toBe("diagnosed");
    expect(state.checks).toEqual({ status: "none" });
    expect(run(state, { type: "retry-checks" })).toBe(state);
  });
});
