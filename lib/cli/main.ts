import { Command } from "commander";
import { registerAdminCommands } from "./commands/admin";

const program = new Command()
  .name("fiber")
  .description("FiberWise OAuth authenticator platform CLI")
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerAdminCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
