"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateApp } from "@/lib/queries/apps";
import { createAppSchema, slugify, type CreateAppInput } from "@/lib/schemas/apps";

export function CreateAppForm() {
  const create = useCreateApp();
  const form = useForm<CreateAppInput>({ resolver: zodResolver(createAppSchema), mode: "onTouched" });
  const { errors } = form.formState;
  const name = useWatch({ control: form.control, name: "name" }) ?? "";

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      form.reset({ name: "", app_id: undefined });
    } catch (error) {
      const detail = error instanceof ApiError ? error.details[0] : undefined;
      const field = detail?.path === "app_id" ? "app_id" : "name";
      form.setError(field, { message: error instanceof Error ? error.message : "Could not create the app" });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create app" className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <FormField label="App name" htmlFor="app-name" error={errors.name?.message}>
        <input id="app-name" placeholder="My email assistant" className={inputClass} aria-invalid={!!errors.name} {...form.register("name")} />
      </FormField>
      <FormField
        label="app_id (optional)"
        htmlFor="app-id"
        error={errors.app_id?.message}
        hint={name ? `Leave empty for "${slugify(name)}"` : "A stable slug used by the API and the CLI"}
      >
        <input id="app-id" placeholder={name ? slugify(name) : "my-email-assistant"} className={inputClass} aria-invalid={!!errors.app_id} {...form.register("app_id", { setValueAs: (v: string) => v.trim() || undefined })} />
      </FormField>
      <Button type="submit" pending={create.isPending} className="sm:mt-7">
        Create app
      </Button>
    </form>
  );
}
