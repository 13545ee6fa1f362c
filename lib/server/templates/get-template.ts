import "server-only";
import type { PublicProviderTemplate } from "../../schemas/templates";
import { getTemplate } from "../../templates/catalog";
import { NotFoundError } from "../errors";
import { serializeTemplate } from "./serialize-template";

/** One template as the API answers it, or 404 template_not_found. */
export function getTemplateOrThrow(type: string): PublicProviderTemplate {
  const template = getTemplate(type);
  if (!template) {
    throw new NotFoundError(`No template for "${type}"; GET /api/v1/oauth/templates lists them, or use "custom"`, "template_not_found");
  }
  return serializeTemplate(template);
}
