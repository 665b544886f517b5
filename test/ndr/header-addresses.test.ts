import { addressesIn, completeLocalPart } from "../../src/ndr/header-addresses";
import { FieldMap } from "../../src/ndr/header-fields";

test("completeLocalPart finds the mailbox in the returned message's To or Received", () => {
  const headers = FieldMap.parse("Received: from a by b with smtp id 1 for kijitora@example.ed.jp; Fri, 1 Oct 2010\nTo: someone@example.org\n");
  expect(completeLocalPart("kijitora", headers)).toBe("kijitora@example.ed.jp");
  expect(completeLocalPart("nobody", headers)).toBeNull();
});

test("addressesIn reads every address of a list", () => {
  expect(addressesIn(["Bob <bob@fabrikam.example>, carol@fabrikam.example", "undisclosed-recipients:;"])).toEqual(["bob@fabrikam.example", "carol@fabrikam.example"]);
});
