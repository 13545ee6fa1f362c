"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ApiError, apiFetch } from "@/lib/queries/api-fetch";
import { PASSWORD_MIN_LENGTH, signUpSchema, type SignUpInput } from "@/lib/schemas/auth";

export function SignUpForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignUpInput>({ resolver: zodResolver(signUpSchema), mode: "onTouched" });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await apiFetch("/api/v1/auth/signup", { method: "POST", json: values });
    } catch (error) {
      if (error instanceof ApiError && error.details.length) {
        for (const detail of error.details) {
          const field = detail.path as keyof SignUpInput;
          if (field === "email" || field === "password" || field === "name") form.setError(field, { message: detail.message });
        }
      }
      setFormError(error instanceof ApiError ? error.message : "Sign-up failed. Try again.");
      return;
    }
    const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.push(result?.error ? "/signin" : "/apps");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign up">
      {formError ? (
        <p role="alert" data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <FormField label="Name (optional)" htmlFor="name" error={errors.name?.message}>
        <input id="name" autoComplete="name" className={inputClass} {...form.register("name")} />
      </FormField>
      <FormField label="Email" htmlFor="email" error={errors.email?.message}>
        <input id="email" type="email" autoComplete="email" className={inputClass} aria-invalid={!!errors.email} {...form.register("email")} />
      </FormField>
      <FormField
        label="Password"
        htmlFor="password"
        error={errors.password?.message}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase is easiest to remember.`}
      >
        <input id="password" type="password" autoComplete="new-password" className={inputClass} aria-invalid={!!errors.password} {...form.register("password")} />
      </FormField>
      <Button type="submit" pending={isSubmitting} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
