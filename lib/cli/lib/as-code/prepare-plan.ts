import { resolveAppId } from "../app-context";
import { CliError, EXIT } from "../errors";
import { secretMatchesFingerprint } from "../secret-fingerprint";
import { openSession, type CommonOptions, type Session } from "../session";
import { planChanges, type Plan, type SecretComparison } from "./plan";
import { readSpecDir, type DesiredAuthenticator } from "./read-spec-dir";
import type { RemoteAuthenticator } from "./spec-file";

// What plan and apply share: read and check the folder (before any request), read the app's
// authenticators, compare the secrets by fingerprint, and work out the changes.

export type AsCodeOptions = CommonOptions & { dir: string; prune?: boolean; yes?: boolean };
export type Prepared = { session: Session; appId: string; plan: Plan; files: number };

/** The app's authenticators, disabled ones included (a disabled one is still in the folder's scope). */
export async function fetchAuthenticators(session: Session, appId: string): Promise<RemoteAuthenticator[]> {
  const { authenticators } = await session.spin(`Reading the authenticators of ${appId} on ${session.instance.name}`, () =>
    session.client.request<{ authenticators: RemoteAuthenticator[] }>("GET", "/oauth/authenticators", { query: { app_id: appId, include_disabled: "true" } }),
  );
  return authenticators;
}

/** Each local secret against its authenticator's fingerprint (scrypt, on the thread pool, in parallel). */
async function compareSecrets(desired: DesiredAuthenticator[], current: RemoteAuthenticator[]): Promise<Map<string, SecretComparison>> {
  const remote = new Map(current.map((a) => [a.authenticator_id, a]));
  const pairs = desired.filter((d) => remote.has(d.id));
  const results = await Promise.all(pairs.map((d) => secretMatchesFingerprint(d.secret, remote.get(d.id)!.client_secret_fingerprint)));
  return new Map(pairs.map((d, i) => [d.id, results[i]!]));
}

export async function preparePlan(options: AsCodeOptions): Promise<Prepared> {
  const desired = await readSpecDir(options.dir);
  if (!desired.length && options.prune) {
    throw new CliError(`${options.dir} holds no *.json files: refusing --prune, which would delete every authenticator of the app`, {
      code: "usage",
      hint: ["Check --dir; to delete authenticators one by one: fiber app oauth delete-authenticator <authenticator_id>"],
    });
  }
  const session = await openSession(options);
  const appId = await resolveAppId(session.appDir, session.client);
  const current = await fetchAuthenticators(session, appId);
  const secrets = await session.spin(`Comparing secrets with their fingerprints`, () => compareSecrets(desired, current));
  const origin = new URL(session.instance.url).origin;
  const plan = planChanges({ desired, current, secrets, prune: !!options.prune, redirectUriFor: (id) => `${origin}/auth/callback/${id}` });
  if (plan.problems.length) {
    throw new CliError(`${options.dir} asks for changes no update can make; nothing was sent`, { code: "invalid_spec_files", exitCode: EXIT.usage, details: plan.problems });
  }
  return { session, appId, plan, files: desired.length };
}
