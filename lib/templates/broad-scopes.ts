// The broad-scope rule, apart from the catalogue so the browser's registration form can apply it to
// a template it fetched from the API (lib/templates/catalog.ts applies it by type on the server).

/** A template scope as far as this rule cares; the camelCase catalogue and the API's JSON both fit. */
export type DescribedScope = { name: string; description: string; broad?: boolean };

/** Scope shapes that grant broad access at any provider; matched case-insensitively. */
export const BROAD_SCOPE_PATTERNS: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /^admin$|^admin:|:admin$/i, reason: "Administrative access" },
  { pattern: /^all$|^all:|:all$/i, reason: "Access to everything the account can reach" },
  { pattern: /\.all$/i, reason: "Access to every resource of this kind in the organisation, not only the user's own" },
  { pattern: /^full_access$/i, reason: "Full access to the account" },
  { pattern: /^\*$|^\*:\*$|[:.]\*$/, reason: "Wildcard scope: every permission in its group" },
];

/** Warnings for scopes that grant broad access: the template's own broad scopes, then generic shapes. */
export function broadScopeWarningsFor(templateScopes: readonly DescribedScope[], scopes: readonly string[]): Array<{ scope: string; reason: string }> {
  const warnings: Array<{ scope: string; reason: string }> = [];
  for (const scope of new Set(scopes.map((s) => s.trim()).filter(Boolean))) {
    const known = templateScopes.find((s) => s.name === scope) ?? templateScopes.find((s) => s.name.toLowerCase() === scope.toLowerCase());
    const reason = known?.broad ? known.description : BROAD_SCOPE_PATTERNS.find(({ pattern }) => pattern.test(scope))?.reason;
    if (reason) warnings.push({ scope, reason });
  }
  return warnings;
}
