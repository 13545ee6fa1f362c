import type { Command } from "commander";
import { createClient, type HttpClient } from "./http";
import { resolveInstance, type Instance } from "./resolve-instance";
import { withSpinner } from "./output";

// The options every API command takes, and what they open: the instance, an HTTP client, the output mode.

export type CommonOptions = { appDir?: string; toInstance?: string; json?: boolean; debug?: boolean; verbose?: boolean };

export type Session = {
  instance: Instance;
  client: HttpClient;
  json: boolean;
  debug: boolean;
  appDir: string;
  /** Run a request with a spinner on stderr (TTY only; never with --json or --debug). */
  spin<T>(label: string, work: () => Promise<T>): Promise<T>;
};

export function addCommonOptions(command: Command): Command {
  return command
    .option("--app-dir <dir>", "the app directory holding .fw-data/fw_app_info.json", ".")
    .option("--to-instance <name>", "the instance to talk to (default: fiber instance use, or $FIBER_INSTANCE)")
    .option("--json", "print the API's JSON on stdout (errors as the JSON error envelope on stderr)")
    .option("--debug", "print each HTTP request and response on stderr, secrets masked, and where the server's OAuth log is (also OAUTH_DEBUG=true)")
    .option("--verbose", "same as --debug");
}

export const isDebug = (options: CommonOptions) => !!(options.debug || options.verbose || process.env.OAUTH_DEBUG === "true");

export async function openSession(options: CommonOptions): Promise<Session> {
  const instance = await resolveInstance(options.toInstance);
  const debug = isDebug(options);
  const json = !!options.json;
  return {
    instance,
    client: createClient(instance, debug),
    json,
    debug,
    appDir: options.appDir ?? ".",
    spin: (label, work) => withSpinner(label, !json && !debug, work),
  };
}
