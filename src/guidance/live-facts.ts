/**
 * The live checks' deciding facts as sentences, one per check, in the order the checks
 * matter for the bounce: the lines the pane leads its live-check section with.
 */
import type { CheckKind, CheckReport } from "../checks/types";
import { type Locale, t } from "../i18n";
import { singleLine } from "../text/sanitize";
import { liveFact } from "./advice/live";

export interface LiveFactLine {
  kind: CheckKind;
  text: string;
}

export function liveFactLines(checks: CheckReport | null, locale: Locale): LiveFactLine[] {
  const live = checks?.live;
  if (!live) return [];
  return live.checks.flatMap((kind) => {
    const fact = liveFact(live, kind);
    if (!fact) return [];
    const params = fact.params && Object.fromEntries(Object.entries(fact.params).map(([k, v]) => [k, typeof v === "string" ? singleLine(v, 300) : v]));
    return [{ kind, text: t(locale, fact.key, params) }];
  });
}
