import type { Command } from "commander";
import type { Me } from "../lib/app-context";
import { CliError } from "../lib/errors";

type AddOptions = { url: string; apiKey?: string; apiKeyEnv?: string; verify: boolean; json?: boolean; debug?: boolean; verbose?: boolean };

export function registerInstanceCommands(program: Command) {
  const instance = program
    .command("instance")
    .description("Manage the FiberWise instances the CLI talks to (URL + API key)")
    .addHelpText(
      "after",
      `
Instances are stored in \${XDG_CONFIG_HOME:-~/.config}/fiberwise/instances.json (mode 0600), or in
$FIBER_CONFIG_DIR. In CI, FIBER_URL and FIBER_API_KEY together need no config file; FIBER_INSTANCE
picks a stored instance.

Examples:
  $ fiber instance add production --url https://fiberwise.example.com --api-key fw_live_…
  $ fiber instance list
  $ fiber instance use production
  $ fiber instance remove staging`,
    );

  instance
    .command("add <name>")
    .description("Add (or replace) an instance, checking its API key with GET /api/v1/me")
    .requiredOption("--url <url>", "the instance's address, e.g. https://fiberwise.example.com")
    .option("--api-key <key>", "an API key (fw_live_…); stored in the config file")
    .option("--api-key-env <VAR>", "read the key from this environment variable at use time (stores only the name)")
    .option("--no-verify", "do not call the instance to check the key")
    .option("--json", "print the result as JSON")
    .option("--debug", "print the HTTP exchange on stderr, secrets masked")
    .option("--verbose", "same as --debug")
    .addHelpText(
      "after",
      `
Examples:
  $ fiber instance add production --url https://fiberwise.example.com --api-key fw_live_…
  $ fiber instance add ci --url https://staging.example.com --api-key-env FIBER_STAGING_KEY`,
    )
    .action(async (name: string, options: AddOptions) => {
      const { INSTANCE_NAME, loadInstances, normalizeUrl, saveInstances } = await import("../lib/config");
      const { storedKey } = await import("../lib/resolve-instance");
      const { createClient } = await import("../lib/http");
      const { isDebug } = await import("../lib/session");
      const { keyPrefix } = await import("../lib/mask");
      const out = await import("../lib/output");
      if (!INSTANCE_NAME.test(name)) throw new CliError(`Invalid instance name "${name}": use letters, digits, ".", "_" and "-"`, { code: "invalid_name" });
      if (!!options.apiKey === !!options.apiKeyEnv) throw new CliError("Give exactly one of --api-key <key> or --api-key-env <VAR>", { code: "usage" });
      if (options.apiKeyEnv && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.apiKeyEnv)) {
        throw new CliError(`Invalid variable name "${options.apiKeyEnv}"`, { code: "usage" });
      }
      const stored = { url: normalizeUrl(options.url), ...(options.apiKey ? { api_key: options.apiKey } : { api_key_env: options.apiKeyEnv }) };

      let me: Me | null = null;
      if (options.verify) {
        const client = createClient({ name, url: stored.url, apiKey: storedKey(name, stored) }, isDebug(options));
        me = await out.withSpinner(`Checking ${stored.url}`, !options.json, () => client.request<Me>("GET", "/me"));
      }
      const data = await loadInstances();
      const replaced = name in data.instances;
      data.instances[name] = { ...stored, added_at: new Date().toISOString() };
      const becameDefault = !data.default || !(data.default in data.instances);
      if (becameDefault) data.default = name;
      await saveInstances(data);

      if (options.json) return out.printJson({ name, url: stored.url, default: data.default === name, me });
      out.success(`${replaced ? "Updated" : "Added"} instance ${out.colours.bold(name)} (${stored.url})${becameDefault ? ", now the default" : ""}`);
      if (me) {
        out.info(`  The key (${keyPrefix(storedKey(name, stored))}) acts for ${me.email}${me.app_id ? `, restricted to app ${me.app_id}` : ""}`);
        out.info(`  Scopes: ${me.scopes.join(", ") || "none"}`);
      } else out.info("  Not verified (--no-verify)");
    });

  instance
    .command("list")
    .description("List the stored instances (API keys shown as their prefix only)")
    .option("--json", "print as JSON")
    .action(async (options: { json?: boolean }) => {
      const { instancesPath, loadInstances } = await import("../lib/config");
      const { keyPrefix } = await import("../lib/mask");
      const out = await import("../lib/output");
      const data = await loadInstances();
      const rows = Object.entries(data.instances).map(([name, i]) => ({
        name,
        url: i.url,
        default: data.default === name,
        api_key: i.api_key ? keyPrefix(i.api_key) : `$${i.api_key_env}${process.env[i.api_key_env ?? ""] ? "" : " (not set)"}`,
      }));
      if (options.json) return out.printJson({ default: data.default ?? null, instances: rows });
      if (!rows.length) return out.info(`No instances yet (${instancesPath()}).\nAdd one: fiber instance add <name> --url <url> --api-key <key>`);
      out.info(
        out.table(rows, [
          { header: "", value: (r) => (r.default ? "*" : "") },
          { header: "NAME", value: (r) => r.name },
          { header: "URL", value: (r) => r.url, max: 80 },
          { header: "API KEY", value: (r) => r.api_key },
        ]),
      );
    });

  instance
    .command("use <name>")
    .description("Make an instance the default for commands without --to-instance")
    .action(async (name: string) => {
      const { loadInstances, saveInstances, unknownInstance } = await import("../lib/config");
      const out = await import("../lib/output");
      const data = await loadInstances();
      if (!data.instances[name]) throw unknownInstance(name, data);
      data.default = name;
      await saveInstances(data);
      out.success(`Default instance: ${name} (${data.instances[name].url})`);
    });

  instance
    .command("remove <name>")
    .alias("rm")
    .description("Forget an instance (its API key stays valid on the server: revoke it there)")
    .action(async (name: string) => {
      const { loadInstances, saveInstances, unknownInstance } = await import("../lib/config");
      const out = await import("../lib/output");
      const data = await loadInstances();
      if (!data.instances[name]) throw unknownInstance(name, data);
      delete data.instances[name];
      if (data.default === name) delete data.default;
      await saveInstances(data);
      out.success(`Removed instance ${name}${data.default ? "" : ". No default instance now: fiber instance use <name>"}`);
    });
}
