import { z } from "zod";
import { emailSchema } from "./auth";

export const APP_ROLES = ["owner", "developer", "member"] as const;
export type AppRoleName = (typeof APP_ROLES)[number];

export const appIdSchema = z
  .string()
  .trim()
  .min(2, { error: "app_id must be at least 2 characters" })
  .max(48, { error: "app_id must be at most 48 characters" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "app_id may contain lowercase letters, digits and single hyphens" });

/** An app as the API shows it, with the caller's role in it. */
export const publicAppSchema = z.object({
  app_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  role: z.enum(APP_ROLES),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: "App" });
export type PublicApp = z.infer<typeof publicAppSchema>;

/** GET /api/v1/apps */
export const appListSchema = z.object({ apps: z.array(publicAppSchema) });

/** A member of an app, as GET/POST /api/v1/apps/{app_id}/members answer it. */
export const publicMemberSchema = z
  .object({ user_id: z.number().int(), email: z.string(), name: z.string().nullable(), role: z.enum(APP_ROLES), added_at: z.string() })
  .meta({ id: "Member" });
export type PublicMember = z.infer<typeof publicMemberSchema>;

export const memberListSchema = z.object({ members: z.array(publicMemberSchema) });

/** PATCH /api/v1/apps/{app_id}/members/{user_id} */
export const memberRoleSchema = z.object({ user_id: z.number().int(), role: z.enum(APP_ROLES) }).meta({ id: "MemberRole" });
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const appNameSchema = z.string({ error: "Name is required" }).trim().min(1, { error: "Name is required" }).max(80);

export const createAppSchema = z.strictObject({
  name: appNameSchema,
  app_id: appIdSchema.optional(),
  description: z.string().trim().max(500).optional(),
});
export type CreateAppInput = z.infer<typeof createAppSchema>;

export const updateAppSchema = z.strictObject({
  name: appNameSchema.optional(),
  description: z.string().trim().max(500).nullable().optional(),
});
export type UpdateAppInput = z.infer<typeof updateAppSchema>;

export const addMemberSchema = z.strictObject({
  email: emailSchema,
  role: z.enum(APP_ROLES, { error: `role must be one of ${APP_ROLES.join(", ")}` }).default("member"),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const updateMemberSchema = z.strictObject({ role: z.enum(APP_ROLES) });

/** DELETE /api/v1/apps/{app_id}?confirm={app_id}: the caller repeats the app_id. */
export const deleteAppQuerySchema = z.object({ confirm: z.string().max(100).optional() });

/** Turn a display name into an app_id candidate: "My Email App!" → "my-email-app". */
export function slugify(value: string): string {
  const slug = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `app-${slug}`.replace(/-$/, "");
}
