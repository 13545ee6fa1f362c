import type { Command } from "commander";
import type { RegisterFlags, UpdateFlags } from "../lib/registration";
import type { Authenticator, Warning } from "../lib/render-authenticators";
import type { DiscoveredRegistration } from "../../schemas/authenticator-fields";
import { addCommonOptions, type CommonOptions } from "../lib/session";

// The authenticator verbs. The same commands hang under `fiber app oauth …` (the spec's long
// forms) and directly under `fiber …` (the short forms); modules load inside the actions so that
// `fiber --help` stays fast.

type Registered = Authenticator & { warnings?: Warning[] };
const path = (id: string) => `/oauth/authenticators/${encodeURIComponent(id)}`;

async function register(type: string | undefined, options: CommonOptions & RegisterFlags) {
  const { buildRegistration } = await import("../lib/registration");
  const { openSession } = await import("../lib/session");
  const { resolveAppId } = await import("../lib/app-context");
  const { data, template } = await buildRegistration(type, options);
  const session = await openSession(options);
  const appId = data.app_id ?? (await resolveAppId(session.appDir, session.client));
  const created = await session.spin(`Registering ${data.name} on ${session.instance.name}`, () =>
    session.client.request<Registered>("POST", "/oauth/authenticators", { body: { ...data, app_id: appId } }),
  );
  const { printJson } = await import("../lib/output");
  if (session.json) return printJson(created);
  const { renderRegistered } = await import("../lib/render-authenticators");
  renderRegistered(created, session.instance.name, template);
}

async function list(options: CommonOptions & { includeDisabled?: boolean }) {
  const { openSession } = await import("../lib/session");
  const { resolveAppId } = await import("../lib/app-context");
  const session = await openSession(options);
  const appId = await resolveAppId(session.appDir, session.client);
  const result = await session.spin(`Listing authenticators of ${appId}`, () =>
    session.client.request<{ authenticators: Authenticator[] }>("GET", "/oauth/authenticators", {
      query: { app_id: appId, include_disabled: options.includeDisabled ? "true" : undefined },
    }),
  );
  const { printJson } = await import("../lib/output");
  if (session.json) return printJson(result);
  const { renderList } = await import("../lib/render-authenticators");
  renderList(result.authenticators, appId, session.instance.name, !!options.includeDisabled);
}

async function remove(id: string, options: CommonOptions) {
  const { openSession } = await import("../lib/session");
  const session = await openSession(options);
  await session.spin(`Deleting ${id}`, () => session.client.request("DELETE", path(id)));
  const { printJson, success } = await import("../lib/output");
  if (session.json) return printJson({ authenticator_id: id, deleted: true });
  success(`Deleted authenticator ${id} from ${session.instance.name} (its connections went with it)`);
}

async function update(id: string, options: CommonOptions & UpdateFlags) {
  const { buildUpdate } = await import("../lib/registration");
  const { openSession } = await import("../lib/session");
  const body = await buildUpdate(options);
  const session = await openSession(options);
  const updated = await session.spin(`Updating ${id}`, () => session.client.request<Registered>("PATCH", path(id), { body }));
  const { printJson } = await import("../lib/output");
  if (session.json) return printJson(updated);
  const { renderUpdated } = await import("../lib/render-authenticators");
  renderUpdated(updated, Object.keys(body));
}

/**
 * Discovery answers in the registration's shape: printed as a config file for register-authenticator,
 * with the name and type added and the client id and secret as ${VAR}s read from the environment.
 */
async function discover(issuer: string, options: CommonOptions & { name?: string }) {
  const { openSession } = await import("../lib/session");
  const { printJson } = await import("../lib/output");
  const session = await openSession(options);
  const found = await session.spin(`Reading ${issuer}'s metadata`, () =>
    session.client.request<DiscoveredRegistration>("POST", "/oauth/discovery", { body: { issuer } }),
  );
  const name = options.name ?? new URL(found.configuration.issuer).hostname;
  const variable = name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "PROVIDER";
  printJson({ name, authenticator_type: "custom", client_id: `\${${variable}_CLIENT_ID}`, client_secret: `\${${variable}_CLIENT_SECRET}`, ...found });
}

const credentialOptions = (command: Command, update = false) =>
  command
    .option("--name <name>", update ? "a new display name" : "display name (default: the template's, e.g. \"Google\")")
    .option("--client-id <id>", "the OAuth client id from the provider's console")
    .option("--client-secret <secret>", `${update ? "rotate to a new" : "the"} client secret (prefer --client-secret="$GOOGLE_CLIENT_SECRET")`)
    .option("--scopes <scopes>", `${update ? "replace the scopes: " : ""}comma or space separated, e.g. "profile,email"`)
    .option("--authorize-url <url>", "authorization endpoint (custom providers; templates fill it in)")
    .option("--token-url <url>", "token endpoint (custom providers; templates fill it in)")
    .option("--redirect-uri <uri>", update ? "a new callback URL on this platform" : "callback URL (default: {platform}/auth/callback/{authenticator_id})");

export function registerAuthenticatorCommands(parent: Command, { prefix }: { prefix: string }) {
  addCommonOptions(
    credentialOptions(
      parent
        .command("register-authenticator [type]")
        .alias("add-provider")
        .description("Register an OAuth authenticator from a JSON config file, or from a provider type and flags")
        .option("--authenticator-config <file>", "a JSON config file as in the guide; \"${VAR}\" values are read from the environment"),
    ),
  )
    .addHelpText(
      "after",
      `
Flags override the config file's fields. The type's template fills in the URLs, default scopes and
name; the redirect URI defaults to the platform's own callback. Validation is the API's: every
problem is listed before anything is sent.

Examples:
  $ ${prefix} register-authenticator --authenticator-config ./google-authenticator.json --to-instance production
  $ ${prefix} register-authenticator google --client-id="123-abc.apps.googleusercontent.com" \\
      --client-secret="$GOOGLE_CLIENT_SECRET" --scopes="profile,email,https://www.googleapis.com/auth/gmail.readonly"
  $ OAUTH_DEBUG=true ${prefix} add-provider github --client-id=… --client-secret=… --debug

Config file ("client_secret": "\${GOOGLE_CLIENT_SECRET}" keeps the secret out of the file):
  { "name": "Google", "authenticator_type": "google", "client_id": "…", "client_secret": "\${GOOGLE_CLIENT_SECRET}",
    "scopes": ["openid", "profile", "email"] }`,
    )
    .action(register);

  addCommonOptions(
    parent
      .command("list-authenticators")
      .description("List the app's authenticators (ID, name, type, scopes, status, connections)")
      .option("--include-disabled", "also list disabled authenticators"),
  )
    .addHelpText("after", `\nExamples:\n  $ ${prefix} list-authenticators --app-dir ./my-app --to-instance development\n  $ ${prefix} list-authenticators --json | jq '.authenticators[].authenticator_id'`)
    .action(list);

  addCommonOptions(
    parent
      .command("discover-authenticator <issuer>")
      .description("Read a custom provider's OpenID Connect / OAuth metadata and print it as a config file for register-authenticator")
      .option("--name <name>", "display name (default: the issuer's host); also names the ${NAME_CLIENT_ID} / ${NAME_CLIENT_SECRET} variables"),
  )
    .addHelpText(
      "after",
      `
The output is the registration's own shape (authorize_url, token_url, the advertised scopes, and
configuration: issuer, revocation and userinfo endpoints, RFC 9207's iss): trim the scopes to what the
app needs, set the two variables, and register it.

Example:
  $ ${prefix} discover-authenticator https://login.acme.example --name Acme > acme.json
  $ ACME_CLIENT_ID=… ACME_CLIENT_SECRET=… ${prefix} register-authenticator --authenticator-config acme.json`,
    )
    .action(discover);

  addCommonOptions(parent.command("delete-authenticator <authenticator_id>").description("Delete an authenticator and its users' connections"))
    .addHelpText("after", `\nExample:\n  $ ${prefix} delete-authenticator google --to-instance production`)
    .action(remove);

  addCommonOptions(
    credentialOptions(parent.command("update-authenticator <authenticator_id>").description("Change scopes, rotate the client secret, rename, disable or enable"), true)
      .option("--disable", "stop offering it to users (connections are kept)")
      .option("--enable", "offer it again"),
  )
    .addHelpText(
      "after",
      `\nExamples:\n  $ ${prefix} update-authenticator google --scopes="openid,email,profile"\n  $ ${prefix} update-authenticator google --client-secret="$NEW_GOOGLE_CLIENT_SECRET"\n  $ ${prefix} update-authenticator google --disable`,
    )
    .action(update);
}
