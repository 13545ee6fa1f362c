"use client";

import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useCreateApiKey } from "@/lib/queries/api-keys";
import { useApps } from "@/lib/queries/apps";
import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, createApiKeySchema, type CreateApiKeyInput } from "@/lib/schemas/api-keys";
import type { CreatedApiKey } from "@/lib/schemas/api-keys";

type FormValues = { name: string; app_id: string; scopes: string[]; expires_in_days: string };

export function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const apps = useApps();
  const form = useForm<FormValues>({
    defaultValues: { name: "", app_id: "", scopes: [...API_KEY_SCOPES], expires_in_days: "90" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const input: CreateApiKeyInput = {
      name: values.name,
      app_id: values.app_id || null,
      scopes: values.scopes as CreateApiKeyInput["scopes"],
      expires_in_days: values.expires_in_days ? Number(values.expires_in_days) : null,
    };
    // The same schema the API uses, so the form shows the API's messages before the round trip.
    const parsed = createApiKeySchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) form.setError(String(issue.path[0] ?? "name") as keyof FormValues, { message: issue.message });
      return;
    }
    try {
      onCreated(await create.mutateAsync(input));
      form.reset();
    } catch (error) {
      form.setError("name", { message: error instanceof Error ? error.message : "Could not create the key" });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create API key" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField label="Name" htmlFor="key-name" error={errors.name?.message}>
          <input id="key-name" placeholder="CI deploys" className={inputClass} {...form.register("name")} />
        </FormField>
        <FormField label="App" htmlFor="key-app" hint="Restrict the key to one app, or leave it for all of yours">
          <select id="key-app" className={inputClass} {...form.register("app_id")}>
            <option value="">All my apps</option>
            {apps.data?.map((app) => (
              <option key={app.app_id} value={app.app_id}>{app.name} ({app.app_id})</option>
            ))}
          </select>
        </FormField>
        <FormField label="Expires" htmlFor="key-expiry">
          <select id="key-expiry" className={inputClass} {...form.register("expires_in_days")}>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
            <option value="">Never</option>
          </select>
        </FormField>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm">
              <input type="checkbox" value={scope} className="mt-0.5" {...form.register("scopes")} />
              <span>
                <code className="text-xs font-semibold">{scope}</code>
                <span className="block text-xs text-slate-500">{API_KEY_SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes ? <p role="alert" className="text-sm text-red-600">{errors.scopes.message}</p> : null}
      </fieldset>
      <Button type="submit" pending={create.isPending}>Create API key</Button>
    </form>
  );
}
