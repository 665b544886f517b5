/** Entry point of the `bounce-doctor` executable (see main.ts for the commands). */
import { processIo } from "./io";
import { main } from "./main";

// A reader that stops early (`bounce-doctor parse --jsonl ... | head`) closes the pipe:
// that ends the run quietly, as it does for any Unix tool.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
