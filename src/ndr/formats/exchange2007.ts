/**
 * Microsoft Exchange Server on premises, 2007 to 2019: the same NDR layout as
 * Exchange Online ("Diagnostic information for administrators", "#550 5.1.1 ... ##"
 * or "Remote Server returned '...'") written by the organisation's own servers.
 * Runs after exchange-online, which claims Microsoft's hosted service.
 */
import { extractExchange, looksLikeExchangeNdr } from "./exchange-text";
import { defineFormat } from "./format";

export const exchange2007 = defineFormat({
  name: "exchange2007",
  recognise: looksLikeExchangeNdr,
  extract: extractExchange,
});
