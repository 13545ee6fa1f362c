import type { Command } from "commander";
import { addCommonOptions, type CommonOptions } from "../lib/session";

type CreateOptions = CommonOptions & {
  endUser: string;
  authenticator: string[];
  origin: string[];
  returnTo?: string;
  email?: string;
  displayName?: string;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `fiber connect-session create`: a connect link for one of the app's end users (e.g. to send by hand or test the flow). */
export function registerConnectSessionCommands(program: Command) {
  const group = program.command("connect-session").description("Connect sessions: let one of your app's end users connect accounts");
  addCommonOptions(
    group
      .command("create")
      .description("Mint a 30-minute connect session for an end user and print its connect URL")
      .requiredOption("--end-user <id>", "your app's id for the end user (1–255 printable characters)")
      .option("--authenticator <id>", "an authenticator the end user may connect (repeat; default: all enabled)", collect, [])
      .option("--origin <origin>", "an origin of your app's pages that may use the session from the browser (repeat)", collect, [])
      .option("--return-to <url>", "where the browser goes afterwards (an URL on one of the origins)")
      .option("--email <email>", "the end user's email, shown in the dashboard")
      .option("--display-name <name>", "the end user's name, shown in the dashboard"),
  )
    .addHelpText(
      "after",
      `
Examples:
  $ fiber connect-session create --end-user u_123 --authenticator google
  $ fiber connect-session create --end-user u_123 --authenticator google --origin https://app.example.com --return-to https://app.example.com/settings --json`,
    )
    .action(async (options: CreateOptions) => {
      const { createConnectSessionSchema } = await import("../../schemas/end-users");
      const { CliError } = await import("../lib/errors");
      const { openSession } = await import("../lib/session");
      const { resolveAppId } = await import("../lib/app-context");
      const out = await import("../lib/output");
      const body = {
        end_user: { id: options.endUser, ...(options.email ? { email: options.email } : {}), ...(options.displayName ? { display_name: options.displayName } : {}) },
        ...(options.authenticator.length ? { allowed_authenticators: options.authenticator } : {}),
        ...(options.origin.length ? { allowed_origins: options.origin } : {}),
        ...(options.returnTo ? { return_to: options.returnTo } : {}),
      };
      const parsed = createConnectSessionSchema.safeParse(body);
      if (!parsed.success) {
        throw new CliError("The connect session is invalid", {
          code: "validation_error",
          details: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        });
      }
      const session = await openSession(options);
      const appId = await resolveAppId(session.appDir, session.client);
      const created = await session.spin(`Creating a connect session for ${options.endUser}`, () =>
        session.client.request<{ connect_url: string; expires_at: string; token: string; allowed_authenticators: string[] }>("POST", "/connect/sessions", {
          body: { ...parsed.data, app_id: appId },
        }),
      );
      if (session.json) return out.printJson(created);
      out.success(`Connect session for ${options.endUser} (${created.allowed_authenticators.join(", ")}), valid until ${created.expires_at}`);
      process.stdout.write(`${created.connect_url}\n`);
    });
}
