import "server-only";
import type { AppRole } from "../../generated/prisma/client";
import type { PublicApp } from "../../schemas/apps";

export type { PublicApp };

export function serializeApp(
  app: { appId: string; name: string; description: string | null; createdAt: Date; updatedAt: Date },
  role: AppRole,
): PublicApp {
  return {
    app_id: app.appId,
    name: app.name,
    description: app.description,
    role,
    created_at: app.createdAt.toISOString(),
    updated_at: app.updatedAt.toISOString(),
  };
}
