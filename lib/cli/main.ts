import { Command } from "commander";
import { registerAdminCommands } from "./commands/admin";
import { registerAppCommands } from "./commands/app";
import { registerAuthenticatorCommands } from "./commands/authenticators";
import { registerConnectSessionCommands } from "./commands/connect-session";
import { registerInstanceCommands } from "./commands/instance";
import { registerWebhookCommands } from "./commands/webhooks";
import { CliError } from "./lib/errors";
import { colours } from "./lib/output";
import { CLI_VERSION } from "./lib/version";

let jsonErrors = false;

const program = new Command()
  .name("fiber")
  .description("FiberWise OAuth authenticator platform CLI: register and manage OAuth authenticators over the HTTP API")
  .version(CLI_VERSION, "-V, --version", "print the CLI's version")
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) })
  .hook("preAction", (_, action) => {
    jsonErrors = !!action.opts().json;
  })
  .addHelpText(
    "after",
    `
Getting started:
  $ fiber instance add production --url https://fiberwise.example.com --api-key fw_live_…
  $ fiber app link email-assistant
  $ fiber register-authenticator google --client-id="…" --client-secret="$GOOGLE_CLIENT_SECRET" --scopes="profile,email"
  $ fiber list-authenticators
  $ fiber connect-session create --end-user u_123 --authenticator google
  $ fiber webhooks add https://api.example.com/webhooks/fiberwise

Every API command takes --to-instance, --json and --debug/--verbose; app commands take --app-dir.
Environment: FIBER_INSTANCE, FIBER_URL + FIBER_API_KEY (CI, no config file), FIBER_CONFIG_DIR, OAUTH_DEBUG=true, NO_COLOR.
Exit codes: 0 success, 1 usage or validation error, 2 API or network error, 3 not found
(fiber app oauth plan: 2 changes to apply, 4 API or network error).`,
  );

registerInstanceCommands(program);
registerAppCommands(program);
registerAuthenticatorCommands(program, { prefix: "fiber" });
registerConnectSessionCommands(program);
registerWebhookCommands(program);
registerAdminCommands(program);

function report(error: unknown): number {
  if (!(error instanceof CliError)) {
    process.stderr.write(`${colours.red("✖")} ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (jsonErrors) {
    process.stderr.write(`${JSON.stringify(error.toEnvelope(), null, 2)}\n`);
    return error.exitCode;
  }
  const lines = [`${colours.red("✖")} ${error.message} (${error.code})`];
  for (const detail of error.details ?? []) {
    if (error.code === "invalid_json_file" || error.message.includes(detail.message)) continue;
    lines.push(`  • ${detail.path ? `${detail.path}: ` : ""}${detail.message}`);
  }
  for (const line of error.hint ?? []) lines.push(colours.dimErr(line));
  process.stderr.write(`${lines.join("\n")}\n`);
  return error.exitCode;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = report(error);
});
