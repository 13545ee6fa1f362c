import type { ErrorDetail } from "./errors";

// The spec's Troubleshooting section, keyed by the API's error codes, so that an error arrives
// with its diagnosis and solutions.

type HintContext = { instance?: string; details?: ErrorDetail[] };

const REQUIRED_FIELDS_EXAMPLE = [
  "Required fields:",
  "  {",
  '    "name": "Required",',
  '    "authenticator_type": "Required",',
  '    "client_id": "Required",',
  '    "client_secret": "Required"',
  "  }",
];

export function hintFor(code: string, context: HintContext = {}): string[] | undefined {
  const instance = context.instance && context.instance !== "$FIBER_URL" ? context.instance : "your-instance";
  switch (code) {
    case "authenticator_not_found":
      return [
        "Diagnosis:",
        "  # Check if registered correctly",
        `  fiber list-authenticators --to-instance ${instance}`,
        "  # Verify app context",
        "  ls .fw-data/fw_app_info.json",
        "Solutions:",
        "  - Verify the authenticator exists and is active (--include-disabled lists disabled ones)",
        "  - Check the authenticator_id matches exactly (e.g. google, google-2)",
        "  - Ensure the correct instance/environment (--to-instance)",
      ];
    case "invalid_redirect_uri": {
      const expected = context.details?.find((d) => typeof d.expected === "string")?.expected as string | undefined;
      return [
        "Diagnosis:",
        `  Should be: ${expected ?? "https://your-domain.com/auth/callback/{authenticator_id}"}`,
        "Solutions:",
        "  - Leave redirect_uri out of the config: the platform fills in its own callback URL",
        "  - Add the correct callback URL in the provider's console and match it exactly",
        "  - Ensure HTTPS in production",
      ];
    }
    case "missing_required_fields":
      return REQUIRED_FIELDS_EXAMPLE;
    case "insufficient_scope":
      return [
        "Solutions:",
        "  - The API key lacks a scope this command needs: create a key with authenticators:read and",
        "    authenticators:write (API keys page), then fiber instance add <name> --url <url> --api-key <key>",
        "  - Request additional scopes in the authenticator config (fiber update-authenticator <id> --scopes=…)",
        "  - A user may need to re-authorize to grant new scopes",
        "  - Check the authenticator-specific scope requirements",
      ];
    case "unauthorized":
    case "invalid_api_key":
    case "api_key_revoked":
    case "api_key_expired":
      return [
        `Check the API key of instance "${instance}": fiber instance list`,
        "Replace it: fiber instance add <name> --url <url> --api-key <new key>",
      ];
    case "authenticator_exists":
      return ["Pick another name (--name, or \"name\" in the config file), or change the existing one:", "  fiber list-authenticators", "  fiber update-authenticator <authenticator_id> --scopes=…"];
    case "authenticator_id_taken":
      return ["Leave redirect_uri out: the platform picks a free id and answers with the redirect URI to register"];
    case "app_not_found":
    case "app_restricted":
      return ["Check the app_id in .fw-data/fw_app_info.json (fiber app link <app_id>) and that the key may use that app"];
    default:
      return undefined;
  }
}
