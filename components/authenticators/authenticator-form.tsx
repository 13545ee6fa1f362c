"use client";

import { useState } from "react";
import { FormProvider, useForm, useWatch, type FieldPath } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Combobox } from "@/components/ui/combobox";
import { DialogBody, DialogFooter } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/form-field";
import {
  useRegisterAuthenticator,
  useUpdateAuthenticator,
  type DiscoveredRegistration,
  type RegisteredAuthenticator,
  type UpdatedAuthenticator,
} from "@/lib/queries/authenticators";
import { slugify } from "@/lib/schemas/apps";
import {
  authenticatorResolver,
  emptyFormValues,
  formValuesFrom,
  serverErrors,
  toRequest,
  type AuthenticatorFormValues,
  type FormMode,
} from "./authenticator-form-values";
import { ConnectionConfigFields, CustomEndpoints, TemplateEndpoints } from "./endpoint-fields";
import { CUSTOM_TYPE, getTemplate, PROVIDER_OPTIONS, providerName, TEMPLATE_COUNT } from "./provider-catalog";
import { ProviderMark } from "./provider-mark";
import { RedirectUriField } from "./redirect-uri-field";
import { ScopePicker } from "./scope-picker";
import { SecretField } from "./secret-field";

export type SavedAuthenticator =
  | { kind: "created"; authenticator: RegisteredAuthenticator }
  | { kind: "updated"; authenticator: UpdatedAuthenticator }
  | { kind: "unchanged" };

type AuthenticatorFormProps = {
  mode: FormMode;
  appId: string;
  /** `${APP_URL}/auth/callback/`, from the server: what the redirect URI will start with. */
  redirectBase: string;
  onCancel: () => void;
  onSaved: (saved: SavedAuthenticator) => void;
};

const describedBy = (id: string, error: unknown) => (error ? `${id}-error` : `${id}-hint`);

/** Register (create) or edit an authenticator, validated as you type with the API's own schema. */
export function AuthenticatorForm({ mode, appId, redirectBase, onCancel, onSaved }: AuthenticatorFormProps) {
  const registerMutation = useRegisterAuthenticator(appId);
  const updateMutation = useUpdateAuthenticator(appId);
  const form = useForm<AuthenticatorFormValues>({
    defaultValues: mode.kind === "edit" ? formValuesFrom(mode.authenticator) : emptyFormValues,
    resolver: authenticatorResolver(mode, appId),
    mode: "onTouched",
  });
  const { control, formState, register } = form;
  const { errors } = formState;
  const type = useWatch({ control, name: "authenticator_type" });
  const name = useWatch({ control, name: "name" });
  const scopes = useWatch({ control, name: "scopes" });
  const [discovered, setDiscovered] = useState<DiscoveredRegistration | null>(null);
  const template = type && type !== CUSTOM_TYPE ? getTemplate(type) : undefined;
  const isCustom = type === CUSTOM_TYPE;

  const selectType = (next: string) => {
    const nextTemplate = getTemplate(next);
    // The name follows the provider until the developer writes their own.
    const previous = form.getValues("authenticator_type");
    const previousDefault = previous && previous !== CUSTOM_TYPE ? getTemplate(previous)?.displayName : undefined;
    const currentName = form.getValues("name").trim();
    form.setValue("authenticator_type", next, { shouldDirty: true, shouldValidate: true });
    if (!currentName || currentName === previousDefault) {
      form.setValue("name", next === CUSTOM_TYPE ? "" : (nextTemplate?.displayName ?? ""));
      form.clearErrors("name");
    }
    form.setValue("scopes", nextTemplate?.defaultScopes ?? [], { shouldDirty: true });
    form.setValue("override_urls", false);
    form.setValue("authorize_url", "");
    form.setValue("token_url", "");
    form.setValue("configuration", { connection_config: {}, issuer: "", revocation_url: "", iss_parameter_supported: false });
    form.clearErrors(["authorize_url", "token_url", "configuration", "scopes"]);
    setDiscovered(null);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const request = toRequest(values, mode, appId);
      if (request.kind === "create") {
        onSaved({ kind: "created", authenticator: await registerMutation.mutateAsync(request.input) });
      } else if (mode.kind === "edit" && Object.keys(request.input).length) {
        onSaved({ kind: "updated", authenticator: await updateMutation.mutateAsync({ id: mode.authenticator.authenticator_id, input: request.input }) });
      } else {
        onSaved({ kind: "unchanged" });
      }
    } catch (error) {
      const placed = serverErrors(error instanceof Error ? error : new Error("Could not save the authenticator"), values);
      placed.forEach(({ field, message }, index) =>
        form.setError(field as FieldPath<AuthenticatorFormValues>, { type: "server", message }, { shouldFocus: index === 0 && field !== "root.server" }),
      );
    }
  });

  const redirectId = isCustom ? (name?.trim() ? slugify(name) : "{id-from-name}") : type;
  const rootError = errors.root?.server?.message;

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label={mode.kind === "create" ? "Add authenticator" : "Edit authenticator"} className="flex min-h-0 flex-1 flex-col">
        <DialogBody className="space-y-5">
          {rootError ? (
            <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {rootError}
            </p>
          ) : null}

          {mode.kind === "create" ? (
            <FormField
              label="Provider"
              htmlFor="provider-type"
              error={errors.authenticator_type?.message}
              hint={`${TEMPLATE_COUNT} templates fill in URLs and scopes for you. Not listed? Choose Custom provider.`}
            >
              <Combobox
                id="provider-type"
                options={PROVIDER_OPTIONS}
                value={type}
                onChange={selectType}
                placeholder="Search providers, e.g. Google"
                invalid={!!errors.authenticator_type}
                describedBy={describedBy("provider-type", errors.authenticator_type)}
                autoFocus
              />
            </FormField>
          ) : (
            <div className="flex items-center gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
              <ProviderMark type={type} name={name} />
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">{isCustom ? "Custom provider" : providerName(type)}</p>
                <p className="text-xs text-slate-500">
                  Type <code>{type}</code> · ID <code>{mode.authenticator.authenticator_id}</code>. The type can&apos;t change; register a new authenticator for another provider.
                </p>
              </div>
            </div>
          )}

          {type ? (
            <>
              <FormField label="Name" htmlFor="authenticator-name" error={errors.name?.message} hint="Shown to your users on the Connections tab.">
                <input
                  id="authenticator-name"
                  autoComplete="off"
                  className={inputClass}
                  aria-invalid={!!errors.name}
                  aria-describedby={describedBy("authenticator-name", errors.name)}
                  data-autofocus={mode.kind === "edit" || undefined}
                  {...register("name")}
                />
              </FormField>

              {template ? <ConnectionConfigFields template={template} /> : null}
              {template ? <TemplateEndpoints template={template} /> : null}
              {isCustom ? <CustomEndpoints onDiscovered={setDiscovered} /> : null}

              <RedirectUriField
                uri={mode.kind === "edit" ? mode.authenticator.redirect_uri : `${redirectBase}${redirectId}`}
                predicted={mode.kind === "create"}
                template={template}
              />

              <FormField label="Client ID" htmlFor="client-id" error={errors.client_id?.message} hint="From the OAuth app you created in the provider's console.">
                <input
                  id="client-id"
                  autoComplete="off"
                  spellCheck={false}
                  className={`${inputClass} font-mono`}
                  aria-invalid={!!errors.client_id}
                  aria-describedby={describedBy("client-id", errors.client_id)}
                  {...register("client_id")}
                />
              </FormField>

              <SecretField hint={mode.kind === "edit" ? mode.authenticator.client_secret_hint : undefined} />

              <ScopePicker
                id="scopes-input"
                type={type}
                value={scopes ?? []}
                onChange={(next) => form.setValue("scopes", next, { shouldDirty: true, shouldValidate: true })}
                suggestions={discovered?.scopes}
                error={errors.scopes?.message}
              />
            </>
          ) : null}
        </DialogBody>
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" pending={formState.isSubmitting}>
            {mode.kind === "create" ? (formState.isSubmitting ? "Registering…" : "Register authenticator") : formState.isSubmitting ? "Saving…" : "Save changes"}
          </Button>
        </DialogFooter>
      </form>
    </FormProvider>
  );
}
