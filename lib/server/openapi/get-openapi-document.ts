import "server-only";
import { buildOpenApiDocument } from "../../openapi/build-document";
import { appUrl } from "../env";

let cached: string | null = null;

/** The document as JSON text, built from the schemas once per process (about 50 ms) and served from memory after. */
export function getOpenApiDocument(): string {
  cached ??= JSON.stringify(buildOpenApiDocument({ serverUrl: appUrl() }));
  return cached;
}
