import type { ErrorDetail } from "../errors";
import type { DesiredAuthenticator } from "./read-spec-dir";
import { sortKeys, type RemoteAuthenticator, type SpecField } from "./spec-file";

// The difference between a folder of spec files and an app's authenticators, as the changes that
// would make the app match the folder. Pure: the secrets were already compared (by fingerprint), so
// this module never sees a stored secret and never decides anything over the network.

type ManagedField = Exclude<SpecField, "client_secret" | "authenticator_type">;

/** Compared in this order; a field the file leaves out is not managed and never compared. */
const COMPARED: readonly ManagedField[] = ["name", "client_id", "scopes", "authorize_url", "token_url", "redirect_uri", "configuration", "is_active"];

export type FieldChange =
  | { field: ManagedField; old: unknown; new: unknown }
  /** Secrets are never shown: "changed" (the fingerprint says so) or "unknown" (no fingerprint stored). */
  | { field: "client_secret"; status: "changed" | "unknown" };

/** true: the local secret is the stored one; false: it is not; null: cannot tell (no fingerprint). */
export type SecretComparison = boolean | null;

export type CreateChange = {
  action: "create";
  id: string;
  file: string;
  fields: DesiredAuthenticator["fields"];
  secretSource: string;
  /** POST body without app_id; holds the secret, so it is sent and never printed. */
  body: Record<string, unknown>;
  /** The file says "is_active": false: a PATCH follows the POST. */
  disable: boolean;
};
export type UpdateChange = {
  action: "update";
  id: string;
  file: string;
  name: string;
  changes: FieldChange[];
  /** PATCH body; holds the secret when it changes, so it is sent and never printed. */
  body: Record<string, unknown>;
};
export type DeleteChange = { action: "delete"; id: string; name: string; connections: number };
export type Change = CreateChange | UpdateChange | DeleteChange;

export type Plan = {
  /** In the order apply makes them: creates, then updates, then deletes, each by authenticator id. */
  changes: Change[];
  unchanged: Array<{ id: string; file: string }>;
  /** On the instance, not in the folder, and kept because --prune was not given. */
  kept: Array<{ id: string; name: string; connections: number }>;
  /** Files asking for what no update can do (a different authenticator_type). */
  problems: ErrorDetail[];
};

const canonical = (value: unknown) => JSON.stringify(sortKeys(value ?? null));
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function planChanges(input: {
  desired: DesiredAuthenticator[];
  current: RemoteAuthenticator[];
  secrets: ReadonlyMap<string, SecretComparison>;
  prune: boolean;
  /** The redirect URI a created authenticator gets when its file has none (it fixes the new id). */
  redirectUriFor: (id: string) => string;
}): Plan {
  const remote = new Map(input.current.map((a) => [a.authenticator_id, a]));
  const wanted = new Set(input.desired.map((d) => d.id));
  const creates: CreateChange[] = [];
  const updates: UpdateChange[] = [];
  const plan: Plan = { changes: [], unchanged: [], kept: [], problems: [] };

  for (const d of [...input.desired].sort(byId)) {
    const have = remote.get(d.id);
    if (!have) {
      const { is_active: isActive, ...fields } = d.fields;
      const body = { ...fields, client_secret: d.secret, redirect_uri: fields.redirect_uri ?? input.redirectUriFor(d.id) };
      creates.push({ action: "create", id: d.id, file: d.file, fields: d.fields, secretSource: d.secretSource, body, disable: isActive === false });
      continue;
    }
    if (d.fields.authenticator_type !== have.authenticator_type) {
      plan.problems.push({
        path: `${d.file} › authenticator_type`,
        message: `cannot change (${have.authenticator_type} → ${String(d.fields.authenticator_type)}): give the new provider a file of its own, with a new id`,
      });
      continue;
    }
    const changes: FieldChange[] = [];
    const body: Record<string, unknown> = {};
    for (const field of COMPARED) {
      if (!(field in d.fields)) continue;
      const old = field === "configuration" ? (have.configuration ?? {}) : have[field];
      if (canonical(d.fields[field]) === canonical(old)) continue;
      changes.push({ field, old, new: d.fields[field] });
      body[field] = d.fields[field];
    }
    const secret = input.secrets.get(d.id) ?? null;
    if (secret !== true) {
      changes.push({ field: "client_secret", status: secret === false ? "changed" : "unknown" });
      body.client_secret = d.secret;
    }
    // A new configuration makes the API derive a template's URLs again unless they are sent along.
    if ("configuration" in body) {
      for (const field of ["authorize_url", "token_url"] as const) if (field in d.fields) body[field] = d.fields[field];
    }
    if (changes.length) updates.push({ action: "update", id: d.id, file: d.file, name: have.name, changes, body });
    else plan.unchanged.push({ id: d.id, file: d.file });
  }

  const absent = input.current
    .filter((a) => !wanted.has(a.authenticator_id))
    .map((a) => ({ id: a.authenticator_id, name: a.name, connections: a.connections_count }))
    .sort(byId);
  const deletes: DeleteChange[] = input.prune ? absent.map((a) => ({ action: "delete", ...a })) : [];
  if (!input.prune) plan.kept = absent;
  plan.changes = [...creates, ...updates, ...deletes];
  return plan;
}

export function summarize(plan: Plan) {
  const count = (action: Change["action"]) => plan.changes.filter((c) => c.action === action).length;
  return { create: count("create"), update: count("update"), delete: count("delete"), unchanged: plan.unchanged.length, kept: plan.kept.length };
}

/** The plan for --json: every change and field, secrets as "changed"/"unknown", never a request body. */
export function planAsJson(plan: Plan) {
  return {
    changes: plan.changes.length,
    summary: summarize(plan),
    create: plan.changes.flatMap((c) =>
      c.action === "create" ? [{ authenticator_id: c.id, file: c.file, fields: { ...c.fields, client_secret: c.secretSource }, redirect_uri: c.body.redirect_uri }] : [],
    ),
    update: plan.changes.flatMap((c) => (c.action === "update" ? [{ authenticator_id: c.id, file: c.file, name: c.name, changes: c.changes }] : [])),
    delete: plan.changes.flatMap((c) => (c.action === "delete" ? [{ authenticator_id: c.id, name: c.name, connections_count: c.connections }] : [])),
    unchanged: plan.unchanged.map((u) => ({ authenticator_id: u.id, file: u.file })),
    kept: plan.kept.map((k) => ({ authenticator_id: k.id, name: k.name, connections_count: k.connections })),
  };
}
