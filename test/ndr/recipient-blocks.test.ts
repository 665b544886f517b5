import { addressLine } from "../../src/ndr/prose";
import { indentedBlocks, recipientBlocks } from "../../src/ndr/recipient-blocks";

const report = [
  "Hello, this is the mail server.",
  "The following addresses failed:",
  "",
  "<bob@fabrikam.example>:",
  "  550 5.1.1 user unknown",
  "",
  "carol@fabrikam.example",
  "  mailbox full",
  "  try later",
  "",
  "",
  "",
  "dave@fabrikam.example",
  "--- Original message follows",
].join("\n");

describe("recipientBlocks", () => {
  test("an address line starts a block; its error lines follow; three blank lines end the list", () => {
    expect(recipientBlocks(report, { start: /addresses failed:/ })).toEqual([
      { address: "bob@fabrikam.example", head: "<bob@fabrikam.example>:", body: ["550 5.1.1 user unknown"] },
      { address: "carol@fabrikam.example", head: "carol@fabrikam.example", body: ["mailbox full", "try later"] },
    ]);
  });

  test("without a blank-line limit the list runs to the end marker", () => {
    const blocks = recipientBlocks(report, { start: /addresses failed:/, end: /^--- Original/, addressLine, maxBlankRun: Infinity });
    expect(blocks.map((block) => block.address)).toEqual(["bob@fabrikam.example", "carol@fabrikam.example", "dave@fabrikam.example"]);
  });

  test("a family's own address-line pattern decides which lines are heads", () => {
    const blocks = recipientBlocks(report.split("\n"), { addressLine: /^<[^<>\s]{1,320}>:/ });
    expect(blocks).toHaveLength(1);
    expect(blocks[0].body).toContain("carol@fabrikam.example");
  });

  test("no start line, no blocks", () => expect(recipientBlocks(report, { start: /never written/ })).toEqual([]));
});

test("indentedBlocks groups a head line with its deeper-indented continuation", () => {
  expect(indentedBlocks(["  bob@fabrikam.example", "    host mx [1.2.3.4]", "    550 no", "", "  carol@fabrikam.example", "    retry timeout exceeded"], 2)).toEqual([
    ["bob@fabrikam.example", "host mx [1.2.3.4]", "550 no"],
    ["carol@fabrikam.example", "retry timeout exceeded"],
  ]);
});
