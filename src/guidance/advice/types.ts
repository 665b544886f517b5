/** What the advice builders work from and what they return: message keys, not text yet. */
import type { BounceRecipient } from "../../ndr/types";
import type { Bounce } from "../../ndr/bounce";
import type { CheckReport, LiveChecks } from "../../checks/types";
import type { DmarcReport, SpfReport } from "../../spf/types";
import type { MessageKey, MessageParams, Scope } from "../../i18n";
import type { CodeEntry } from "../codes";
import type { Actor, Reason } from "../types";

export interface AdviceContext {
  bounce: Bounce;
  recipient: BounceRecipient | null;
  scope: Scope;
  code: string | null;
  entry: CodeEntry | null;
  reason: Reason;
  checks: CheckReport | null;
  /** The live checks beside SPF, when the bounce called for any. */
  live: LiveChecks | null;
  /** The SPF report when the check ran, else null (see spfError). */
  spf: SpfReport | null;
  spfError: string | null;
  dmarc: DmarcReport | null;
  dmarcError: string | null;
  senderDomain: string | null;
  recipientDomain: string | null;
  ip: string | null;
}

export interface StepKey {
  actor: Actor;
  key: MessageKey;
  params?: MessageParams;
}

export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

export interface Advice {
  steps: StepKey[];
  /** A title and summary more precise than the reason's own (a named blocklist, say); else the reason's are used. */
  headline?: { title: MessageRef; summary: MessageRef };
  /** Extra sentences for "what happened", after the code's meaning. */
  findings: MessageRef[];
}

export const step = (actor: Actor, key: MessageKey, params?: MessageParams): StepKey => ({ actor, key, params });
