import type { AuthenticatorWarning, PublicAuthenticator } from "../../schemas/authenticators";
import type { ProviderTemplate } from "../../templates/types";
import { colours, info, success, table, warn } from "./output";

// How the authenticator verbs print for people. Scripts use --json, which bypasses all of this.

export type Authenticator = PublicAuthenticator;
export type Warning = AuthenticatorWarning;

export function renderList(authenticators: Authenticator[], appId: string, instance: string, includeDisabled: boolean) {
  if (!authenticators.length) {
    info(`No ${includeDisabled ? "" : "active "}authenticators in app ${appId} on ${instance}.`);
    info(`Register one: fiber register-authenticator google --client-id="…" --client-secret="…" --scopes="profile,email"`);
    return;
  }
  info(colours.dim(`App ${appId} on ${instance}`));
  info(
    table(authenticators, [
      { header: "ID", value: (a) => a.authenticator_id, max: 64 },
      { header: "NAME", value: (a) => a.name, max: 30 },
      { header: "TYPE", value: (a) => a.authenticator_type },
      { header: "SCOPES", value: (a) => a.scopes.join(",") || "-", max: 40 },
      {
        header: "STATUS",
        value: (a) => (a.is_active ? "active" : "disabled"),
        colour: (text, a) => (a.is_active ? colours.green(text) : colours.dim(text)),
      },
      { header: "CONNECTIONS", value: (a) => String(a.connections_count) },
    ]),
  );
}

function renderWarnings(warnings: Warning[] | undefined) {
  for (const message of new Set((warnings ?? []).map((w) => w.message))) warn(message);
}

export function renderRegistered(a: Authenticator & { warnings?: Warning[] }, instance: string, template: ProviderTemplate | undefined) {
  success(`Registered ${a.name} (${colours.bold(a.authenticator_id)}) for app ${a.app_id} on ${instance}`);
  info(`  Add this redirect URI in the provider's console: ${a.redirect_uri}`);
  if (template?.consoleUrl) info(`  Provider console: ${template.consoleUrl}`);
  info(`  Scopes: ${a.scopes.join(", ") || "(none)"}`);
  renderWarnings(a.warnings);
}

export function renderUpdated(a: Authenticator & { warnings?: Warning[] }, changed: string[]) {
  const what = changed.map((k) => (k === "client_secret" ? "client_secret (rotated)" : k === "is_active" ? (a.is_active ? "enabled" : "disabled") : k));
  success(`Updated ${a.name} (${colours.bold(a.authenticator_id)}): ${what.join(", ")}`);
  if (changed.includes("scopes")) info(`  Scopes: ${a.scopes.join(", ") || "(none)"}`);
  if (changed.includes("redirect_uri")) info(`  Add this redirect URI in the provider's console: ${a.redirect_uri}`);
  renderWarnings(a.warnings);
}
