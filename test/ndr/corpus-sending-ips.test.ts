/** Every sending IP the evaluation expects must be stated, in those words, by the message itself. */
import fs from "node:fs";
import path from "node:path";
import { readMessage } from "../../src/ndr/message";
import { sharedCorpusDir, testWholeCorpus } from "../support/shared-data";
import { statedSendingIps } from "./corpus-sending-ips";

testWholeCorpus.each(statedSendingIps.map((stated) => [stated.file, stated]))("%s states its sending IP", async (_file, stated) => {
  const raw = fs.readFileSync(path.join(sharedCorpusDir, stated.file));
  const message = await readMessage(new Uint8Array(raw));
  const said = [raw.toString("latin1"), message.text, message.deliveryStatusText].join("\n").replace(/\s+/g, " ");
  expect(said).toContain(stated.evidence);
  expect(stated.evidence).toContain(stated.ip);
});
