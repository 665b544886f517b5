/**
 * Which Bounce Doctor reasons count as agreeing with each reason Sisimai gives in the corpus.
 *
 * Sisimai's reasons are finer or cut differently than ours, so the mapping below lists,
 * for each Sisimai reason, the Bounce Doctor reasons that count as agreement:
 *   userunknown, hasmoved          -> unknown-user
 *   suspend                        -> unknown-user (account disabled: the address does not work)
 *   mailboxfull                    -> mailbox-full
 *   systemfull                     -> mailbox-full (the receiving system is out of storage)
 *   mesgtoobig, exceedlimit        -> message-too-large
 *   hostunknown                    -> domain-not-found
 *   notaccept                      -> domain-not-found (null MX, host accepts no mail)
 *   norelaying                     -> relay-denied
 *   toomanyconn                    -> rate-limited
 *   expired                        -> expired
 *   networkerror                   -> expired, domain-not-found (connection or DNS failure)
 *   spamdetected, virusdetected, contenterror -> spam-or-content
 *   policyviolation                -> spam-or-content, sender-blocked, dmarc-policy
 *   blocked                        -> sender-blocked, rate-limited, and the authentication reasons
 *                                     (Sisimai files IP/domain blocks, including failed SPF/DMARC, here)
 *   rejected                       -> sender-blocked, unknown-user (Sisimai: "rejected" = sender refused,
 *                                     also group posting refusals)
 *   filtered                       -> spam-or-content, unknown-user, sender-blocked (Sisimai: refused
 *                                     after DATA by a filter; many are "User unknown" at DATA)
 *   securityerror, authfailure     -> authentication-required, spf-failure, dkim-failure, dmarc-policy,
 *                                     tls-required
 *   requireptr                     -> sender-blocked
 *   systemerror, mailererror, syntaxerror, onhold -> other
 */
import type { Reason } from "../src/guidance/types";

export const SISIMAI_TO_REASONS: Record<string, Reason[]> = {
  userunknown: ["unknown-user"],
  hasmoved: ["unknown-user"],
  suspend: ["unknown-user"],
  mailboxfull: ["mailbox-full"],
  systemfull: ["mailbox-full"],
  mesgtoobig: ["message-too-large"],
  exceedlimit: ["message-too-large"],
  hostunknown: ["domain-not-found"],
  notaccept: ["domain-not-found"],
  norelaying: ["relay-denied"],
  toomanyconn: ["rate-limited"],
  expired: ["expired"],
  networkerror: ["expired", "domain-not-found"],
  spamdetected: ["spam-or-content"],
  virusdetected: ["spam-or-content"],
  contenterror: ["spam-or-content"],
  policyviolation: ["spam-or-content", "sender-blocked", "dmarc-policy"],
  blocked: ["sender-blocked", "rate-limited", "spf-failure", "dkim-failure", "dmarc-policy", "authentication-required"],
  rejected: ["sender-blocked", "unknown-user"],
  filtered: ["spam-or-content", "unknown-user", "sender-blocked"],
  securityerror: ["authentication-required", "spf-failure", "dkim-failure", "dmarc-policy", "tls-required"],
  authfailure: ["spf-failure", "dkim-failure", "dmarc-policy"],
  requireptr: ["sender-blocked"],
  systemerror: ["other"],
  mailererror: ["other"],
  syntaxerror: ["other"],
  onhold: ["other"],
};
