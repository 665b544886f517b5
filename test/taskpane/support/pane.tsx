/**
 * Helpers for the pane's component tests: a MailHost whose item and events the test
 * controls, the real parser and guidance engine, and a recorded backend client.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { configure, render } from "@testing-library/react";
import { App } from "../../../src/taskpane/App";
import type { CheckQuery, FetchChecks } from "../../../src/taskpane/checks-client";
import type { DraftRequest, DropEvent, ItemReading, LabeledSource, MailHost } from "../../../src/taskpane/office/host";
import type { Services } from "../../../src/taskpane/types";
import * as engine from "../../../src/taskpane/engine";
import { CHECKS_SCHEMA, type Checks } from "../../../src/spf/types";
import { corpusDir } from "../../support/shared-data";

// The first render loads the engine's chunks: on a busy 2-core machine that can take
// longer than findBy's default second.
configure({ asyncUtilTimeout: 5000 });


export function corpusBounce(name: string): string {
  return readFileSync(path.join(corpusDir, `${name}.eml`), "utf8");
}

export function sample(name: string): string {
  return readFileSync(path.resolve(__dirname, "../../../src/web/samples", name), "utf8");
}

export function itemSource(source: string): LabeledSource {
  return { origin: "item", source };
}

export interface TestHost extends MailHost {
  theme: MailHost["theme"];
  reading: ItemReading;
  drafts: DraftRequest[];
  itemChanged: () => void;
  /** Outlook's DragAndDropEvent, as the adapter reports it. */
  drop: (drop: DropEvent) => void;
  /** Switches the host's theme and tells the pane, as Outlook's OfficeThemeChanged does. */
  changeTheme: (theme: MailHost["theme"]) => void;
  readCalls: number;
}

export function testHost(reading: ItemReading, overrides: Partial<MailHost> = {}): TestHost {
  const itemListeners = new Set<() => void>();
  const dropListeners = new Set<(drop: DropEvent) => void>();
  const themeListeners = new Set<() => void>();
  const host: TestHost = {
    mode: "read",
    displayLanguage: "en-US",
    theme: { isDark: false, bodyBackgroundColor: "#ffffff" },
    canDraft: true,
    reading,
    drafts: [],
    readCalls: 0,
    async readCurrentItem() {
      host.readCalls++;
      return host.reading;
    },
    onItemChanged(listener) {
      itemListeners.add(listener);
      return () => itemListeners.delete(listener);
    },
    onDrop(listener) {
      dropListeners.add(listener);
      return () => dropListeners.delete(listener);
    },
    onThemeChanged(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    async openDraft(draft) {
      host.drafts.push(draft);
    },
    itemChanged: () => itemListeners.forEach((listener) => listener()),
    drop: (drop) => dropListeners.forEach((listener) => listener(drop)),
    changeTheme(theme) {
      host.theme = theme;
      themeListeners.forEach((listener) => listener());
    },
    ...overrides,
  };
  return host;
}

/** A backend client that records queries and answers as the test says. */
export function recordedChecks(answer: (query: CheckQuery, call: number) => Promise<Checks>) {
  const queries: CheckQuery[] = [];
  const fetchChecks: FetchChecks = (query) => {
    queries.push(query);
    return answer(query, queries.length);
  };
  return { queries, fetchChecks };
}

export function testServices(fetchChecks: FetchChecks, copied: string[] = []): Services {
  return {
    loadEngine: async () => engine,
    fetchChecks,
    readFile: async (file, origin) => (await import("../../../src/taskpane/files/read-file")).readFile(file, origin),
    copyText: async (text) => {
      copied.push(text);
    },
  };
}

export function renderPane(host: MailHost, services: Services, variant: "pane" | "page" = "pane") {
  return render(<App host={host} variant={variant} services={services} />);
}

/** A backend answer: an SPF fail for the IP through a two-level include tree, DMARC p=reject. */
export function failingChecks(domain: string, ip: string | null): Checks {
  return {
    schema: CHECKS_SCHEMA,
    spf: {
      domain,
      ip,
      sender: null,
      helo: null,
      result: ip ? "fail" : null,
      decidedBy: ip ? { domain, record: "v=spf1 include:_spf.mailer.example -all", term: "-all" } : null,
      record: "v=spf1 include:_spf.mailer.example -all",
      tree: {
        domain,
        via: "root",
        record: "v=spf1 include:_spf.mailer.example -all",
        lookups: 1,
        totalLookups: 2,
        voidLookups: 0,
        children: [
          { domain: "_spf.mailer.example", via: "include", record: "v=spf1 ip4:198.51.100.0/24 include:_net.mailer.example -all", lookups: 1, totalLookups: 1, voidLookups: 0, children: [] },
        ],
      },
      lookups: { total: 2, limit: 10, voidLookups: 0, voidLimit: 2 },
      networks: { ip4: ["198.51.100.0/24"], ip6: [], addressCount4: 256 },
      problems: [{ code: "no-rua-test", severity: "warning", message: "A finding worded by the backend." }],
    },
    dmarc: {
      domain,
      orgDomain: domain,
      recordDomain: `_dmarc.${domain}`,
      record: "v=DMARC1; p=reject; rua=mailto:dmarc@example.com",
      policy: { p: "reject", sp: null, pct: 100, adkim: "r", aspf: "r", rua: ["mailto:dmarc@example.com"], ruf: [] },
      problems: [],
    },
  };
}
