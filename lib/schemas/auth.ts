import { z } from "zod";

// Client-safe: read by the sign-up form, the sign-up route, next-auth's authorize() and the CLI.

export const emailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254));

// A short deny-list of the passwords attackers try first; length does most of the work.
const COMMON_PASSWORDS = new Set([
  "password", "password1", "password123", "passw0rd", "1234567890", "12345678910", "qwertyuiop", "iloveyou",
  "letmein123", "welcome123", "administrator", "changeme123", "abcdefghij", "0987654321", "qwerty1234",
]);

export const PASSWORD_MIN_LENGTH = 10;

export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(128, { error: "Use at most 128 characters" })
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), { error: "This password is too common; choose another" })
  .refine((p) => new Set(p).size >= 4, { error: "Use a less repetitive password" });

export const signUpSchema = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().max(100).optional(),
  })
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0]!), {
    error: "The password must not contain your email name",
    path: ["password"],
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Password is required" }).max(128),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** /signin?callbackUrl=…: where to go afterwards; the safe-path rule (lib/schemas/redirects) decides whether it is followed. */
export const signInPageQuerySchema = z.object({ callbackUrl: z.string().max(2048).optional() });

/** An account as POST /api/v1/auth/signup answers it. */
export const publicUserSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string().nullable(), is_admin: z.boolean(), created_at: z.string() })
  .meta({ id: "User" });
export type PublicUser = z.infer<typeof publicUserSchema>;

/** GET /api/v1/me: who the session or API key acts for. */
export const meSchema = z
  .object({
    user_id: z.number().int(),
    email: z.string(),
    is_admin: z.boolean(),
    via: z.enum(["session", "api_key", "system", "connect_session"]),
    /** The app an API key is restricted to; null for a session or an unrestricted key. */
    app_id: z.string().nullable(),
    scopes: z.array(z.string()),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof meSchema>;

/** The signed-in user as the dashboard shell shows them. */
export type ShellUser = { name?: string | null; email: string };
