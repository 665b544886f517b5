/** Entry point of the `bounce-doctor` executable (see main.ts for the commands). */
import { processIo } from "./io";
import { main } from "./main";

main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
