import type { Command } from "commander";
import { addCommonOptions, type CommonOptions } from "../lib/session";
import { registerAsCodeCommands } from "./as-code";
import { registerAuthenticatorCommands } from "./authenticators";

type LinkOptions = CommonOptions & { verify: boolean };

export function registerAppCommands(program: Command) {
  const app = program.command("app").description("Work with the app in the current directory (or --app-dir)");

  addCommonOptions(
    app
      .command("link <app_id>")
      .description("Link a directory to an app: writes .fw-data/fw_app_info.json (checks the app exists first)")
      .option("--no-verify", "write the file without asking the instance"),
  )
    .addHelpText(
      "after",
      `
Examples:
  $ fiber app link email-assistant
  $ fiber app link email-assistant --app-dir ./my-email-app --to-instance production`,
    )
    .action(async (appId: string, options: LinkOptions) => {
      const { appIdSchema } = await import("../../schemas/apps");
      const { writeAppInfo } = await import("../lib/app-context");
      const { CliError } = await import("../lib/errors");
      const out = await import("../lib/output");
      const parsed = appIdSchema.safeParse(appId);
      if (!parsed.success) throw new CliError(`Invalid app_id "${appId}": ${parsed.error.issues[0]?.message}`, { code: "validation_error" });

      let app: { app_id: string; name: string } | null = null;
      let instance: string | null = null;
      if (options.verify) {
        const { openSession } = await import("../lib/session");
        const session = await openSession(options);
        instance = session.instance.name;
        app = await session.spin(`Looking up ${parsed.data}`, () =>
          session.client.request<{ app_id: string; name: string }>("GET", `/apps/${encodeURIComponent(parsed.data)}`),
        );
      }
      const { file, info } = await writeAppInfo(options.appDir ?? ".", parsed.data);
      if (options.json) return out.printJson({ file, ...info, ...(app ? { app } : {}) });
      out.success(`Linked ${file} to app ${app ? `"${app.name}" (${app.app_id})` : parsed.data}${instance ? ` on ${instance}` : ""}`);
    });

  const oauth = app
    .command("oauth")
    .description("Manage the app's OAuth authenticators")
    .addHelpText(
      "after",
      `
Examples:
  $ fiber app oauth register-authenticator --authenticator-config ./google-authenticator.json --to-instance production
  $ fiber app oauth list-authenticators --app-dir ./my-app --to-instance development
  $ fiber app oauth delete-authenticator google --to-instance production
  $ fiber app oauth export --dir ./oauth           # one <authenticator_id>.json each, secrets as \${VAR}s
  $ fiber app oauth plan --dir ./oauth [--prune]   # exit 0: in sync, 2: changes
  $ fiber app oauth apply --dir ./oauth [--prune] [--yes]`,
    );
  registerAuthenticatorCommands(oauth, { prefix: "fiber app oauth" });
  registerAsCodeCommands(oauth);
}
