"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ApiError } from "@/lib/queries/api-fetch";
import { createWebhookSchema, WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type Webhook } from "@/lib/schemas/webhooks";

// The API's own schema (the fields a person edits) validates the form before the round trip.
const formSchema = createWebhookSchema.pick({ url: true, description: true, events: true });
type FormInput = z.input<typeof formSchema>;
export type WebhookFormValues = z.output<typeof formSchema>;

type WebhookFormProps = {
  initial?: Webhook;
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: WebhookFormValues) => Promise<void>;
  onCancel: () => void;
};

/** Add or edit an endpoint: its URL, a note, and which events it receives ("all events" by default). */
export function WebhookForm({ initial, submitLabel, pending, onSubmit, onCancel }: WebhookFormProps) {
  const [allEvents, setAllEvents] = useState(!initial?.events.length);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, WebhookFormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { url: initial?.url ?? "", description: initial?.description ?? "", events: initial?.events ?? [] },
  });
  const { errors } = form.formState;
  const prefix = initial ? `edit-${initial.id}` : "new-webhook";

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    if (!allEvents && !values.events?.length) {
      form.setError("events", { message: "Choose at least one event, or receive all events" });
      return;
    }
    try {
      await onSubmit({ ...values, events: allEvents ? [] : values.events });
    } catch (error) {
      if (error instanceof ApiError) {
        for (const detail of error.details) if (detail.path === "url" || detail.path === "description") form.setError(detail.path, { message: detail.message });
        if (!error.details.some((d) => d.path === "url" || d.path === "description")) setFormError(error.message);
      } else {
        setFormError("Could not save the endpoint. Try again.");
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={initial ? "Edit webhook" : "Add webhook"} className="space-y-4">
      <FormField label="Endpoint URL" htmlFor={`${prefix}-url`} error={errors.url?.message} hint="An https URL of your backend; FiberWise POSTs signed JSON to it.">
        <input id={`${prefix}-url`} type="url" inputMode="url" placeholder="https://api.example.com/webhooks/fiberwise" className={inputClass} aria-invalid={!!errors.url} {...form.register("url")} />
      </FormField>
      <FormField label="Description (optional)" htmlFor={`${prefix}-description`} error={errors.description?.message}>
        <input id={`${prefix}-description`} placeholder="CRM sync" className={inputClass} aria-invalid={!!errors.description} {...form.register("description")} />
      </FormField>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="flex flex-col gap-2 text-sm sm:flex-row sm:gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" name={`${prefix}-mode`} checked={allEvents} onChange={() => setAllEvents(true)} />
            All events (also types added later)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${prefix}-mode`} checked={!allEvents} onChange={() => setAllEvents(false)} />
            Only the events I choose
          </label>
        </div>
        {!allEvents ? (
          <div className="grid gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm">
                <input type="checkbox" value={type} className="mt-0.5" {...form.register("events")} />
                <span>
                  <code className="text-xs font-semibold">{type}</code>
                  <span className="block text-xs text-slate-600">{WEBHOOK_EVENT_DESCRIPTIONS[type]}</span>
                </span>
              </label>
            ))}
          </div>
        ) : null}
        {errors.events ? <p role="alert" className="text-sm text-red-600">{errors.events.message ?? "Choose known event types"}</p> : null}
      </fieldset>
      {formError ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>{submitLabel}</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
