/**
 * tsx scripts/import-flufl-bounce.ts EXTRACTED_DEB_ROOT
 * Builds test/fixtures/collections/flufl-bounce/ from Debian's python3-flufl.bounce
 * (`apt-get download python3-flufl.bounce && dpkg -x python3-flufl.bounce_*.deb ROOT`):
 * copies its test messages and turns the project's own labels (the DATA table of
 * flufl/bounce/testing/helpers.py: detector, file, the addresses it must find, and
 * whether they are temporary failures) into expected.json. A message's recipients are
 * the union of what its detectors must find. The few messages DATA gives no address for
 * are labelled by hand in HAND_LABELS below, and the few DATA labels that name another
 * address than the one the message reports failed are changed in CORRECTIONS, each with
 * its reason; the README says so.
 */
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./lib/paths";

const PACKAGE = "usr/lib/python3/dist-packages/flufl/bounce";

/** Messages DATA names with no address, or not at all, labelled by reading them. */
const HAND_LABELS: Record<string, { isBounce: boolean; note: string; recipients?: { address: string }[] }> = {
  "bounce_01.txt": { isBounce: true, note: "not in DATA; a JetMail mailbox-full bounce naming only a local part, dylan (hand label: a bounce, no recipient)", recipients: [] },
  "dumbass_01.txt": { isBounce: true, note: "DATA's comment: a bounce in which no address can be detected (hand label: a bounce, no recipient)", recipients: [] },
  "groupwise_03.txt": { isBounce: false, note: "DATA's comment: not a bounce but has confused groupwise" },
  "qmail_08.txt": { isBounce: false, note: "a Spanish auto-reply (Precedence: auto_reply); DATA expects no address (hand label: not a bounce)" },
  "simple_42.txt": {
    isBounce: true,
    note: "Exim DSN whose address was shortened to david...@gmail.com by whoever published it; DATA only says simplematch finds none (hand label: the recipient as the text and the DSN state it)",
    recipients: [{ address: "david...@gmail.com" }],
  },
  "simple_43.txt": { isBounce: true, note: "'Mail delivery failed' naming no recipient; the returned list post's To is the list, not the failed recipient; DATA expects none (hand label: a bounce, no recipient)", recipients: [] },
};

/**
 * Messages whose DATA addresses are changed, each with its reason: where flufl.bounce,
 * built to find a list's subscriber, names the address the list sent to while the
 * message reports another mailbox as failed (an alias's target: the pane names the
 * Final-Recipient, the mailbox delivery failed for, RFC 3464 §2.3.2), and where DATA
 * adds a domain the message does not state.
 */
const CORRECTIONS: Record<string, { isBounce: boolean; note: string; recipients: { address: string }[] }> = {
  "aol_01.txt": {
    isBounce: true,
    note: "AOL's notice names only the screen name 'screenname'; DATA's screenname@aol.com adds a domain the message does not state (AOL also hosted aim.com, cs.com, netscape.net): a bounce, no recipient",
    recipients: [],
  },
  "yale_01.txt": {
    isBounce: true,
    note: "Yale's notice names only 'userx'; DATA's userx@cs.yale.edu and userx@yale.edu are built by flufl's Yale detector from Yale's domains: a bounce, no recipient",
    recipients: [],
  },
  "dsn_04.txt": {
    isBounce: true,
    note: "PMDF DSN: Original-recipient userx@example.ch (DATA's), Final-recipient HAASM@yogi.urz.example.ch, whose disk quota was exceeded: the final recipient",
    recipients: [{ address: "HAASM@yogi.urz.example.ch" }],
  },
  "dsn_17.txt": {
    isBounce: true,
    note: "Postfix delay (DATA: a temporary failure) for xxx@example.fi, 'expanded from' userx@example.fi (DATA's; the DSN's Original-Recipient): the final recipient",
    recipients: [{ address: "xxx@example.fi" }],
  },
  "sendmail_01.txt": {
    isBounce: true,
    note: "Sendmail: 'zzzzz@shaft.coal.nl (expanded from: zzzzz@nfg.nl)' had the fatal error (too many hops); DATA names the address before expansion: the final recipient",
    recipients: [{ address: "zzzzz@shaft.coal.nl" }],
  },
};

interface Entry {
  file: string;
  addresses: string[];
  temporary: boolean;
}

/** Reads DATA's tuples: ('module', 'file.txt', [b'a@x', ...]) or with a trailing True. */
function readData(helpers: string): Entry[] {
  const data = helpers.slice(helpers.indexOf("DATA = ("));
  const tuple = /\(\s*'(\w+)',\s*'([\w.]+)',\s*\[([^\]]*)\](\s*,\s*True)?\s*\)/g;
  return [...data.matchAll(tuple)].map((m) => ({
    file: m[2],
    addresses: [...m[3].matchAll(/b'([^']+)'/g)].map((a) => a[1]),
    temporary: m[4] !== undefined,
  }));
}

function main() {
  const root = process.argv[2];
  if (!root) throw new Error("usage: tsx scripts/import-flufl-bounce.ts EXTRACTED_DEB_ROOT");
  const pkg = path.join(root, PACKAGE);
  const entries = readData(fs.readFileSync(path.join(pkg, "testing/helpers.py"), "utf8"));
  const out = path.join(repoRoot, "test/fixtures/collections/flufl-bounce");
  fs.mkdirSync(out, { recursive: true });
  const files = fs.readdirSync(path.join(pkg, "tests/data")).filter((f) => f.endsWith(".txt")).sort();
  const messages: Record<string, unknown> = {};
  for (const file of files) {
    fs.copyFileSync(path.join(pkg, "tests/data", file), path.join(out, file));
    const mine = entries.filter((e) => e.file === file);
    const addresses = [...new Set(mine.flatMap((e) => e.addresses))];
    const temporary = mine.some((e) => e.temporary && e.addresses.length > 0);
    if (HAND_LABELS[file]) messages[file] = HAND_LABELS[file];
    else if (CORRECTIONS[file]) messages[file] = CORRECTIONS[file];
    else if (addresses.length === 0) throw new Error(`${file}: no address in DATA and no hand label`);
    else
      messages[file] = {
        isBounce: true,
        recipients: addresses.map((address) => ({ address })),
        ...(temporary ? { note: "DATA: a temporary failure (delay warning)" } : {}),
      };
  }
  const expected = {
    collection: "flufl-bounce",
    source: "Debian python3-flufl.bounce 4.0-3, flufl/bounce/tests/data/ (bounces Mailman received from many servers, 2000-2020)",
    licence: "LGPL-3 (LICENSE)",
    labelled_by: "the project's own tests: DATA in flufl/bounce/testing/helpers.py gives the failed addresses per message (converted by scripts/import-flufl-bounce.ts); it states no status, so status is not scored here; six messages without addresses in DATA are labelled by hand and five of DATA's labels corrected (see README and each label's note)",
    messages,
  };
  fs.writeFileSync(path.join(out, "expected.json"), `${JSON.stringify(expected, null, 2)}\n`);
  console.log(`${files.length} messages -> ${path.relative(repoRoot, out)}`);
}

main();
