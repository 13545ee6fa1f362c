"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
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
import { ApiError } from "@/lib/queries/api-fetch";
import { cachedTemplate, cachedTemplateList, hasTemplate, templateListQuery, useTemplate } from "@/lib/queries/templates";
import { slugify } from "@/lib/schemas/apps";
import {
  authenticatorResolver,
  emptyFormValues,
  formValuesFrom,
  serverErrors,
  toRequest,
  type AuthenticatorFormValues,
  type FormMode,
  type TemplateContext,
} from "./authenticator-form-values";
import { ConnectionConfigFields, CustomEndpoints, TemplateEndpoints } from "./endpoint-fields";
import { FetchProblem, FormLoading, LoadingFields } from "./form-placeholder";
import { CUSTOM_TYPE, providerOptions, type PublicProviderTemplate } from "./provider-catalog";
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

/**
 * Register (create) or edit an authenticator, validated as you type with the API's own schema.
 * Templates come from the templates API: the provider list when the dialog opens, the chosen
 * provider's template once it is picked (editing waits for it, to tell overridden URLs apart).
 */
export function AuthenticatorForm(props: AuthenticatorFormProps) {
  const type = props.mode.kind === "edit" ? props.mode.authenticator.authenticator_type : undefined;
  const template = useTemplate(type);
  if (props.mode.kind === "create" || !hasTemplate(type)) return <AuthenticatorFormBody {...props} editTemplate={undefined} />;
  // A type the catalogue no longer has (404) is edited like a provider without a template.
  const gone = template.error instanceof ApiError && template.error.status === 404;
  if (template.data || gone) return <AuthenticatorFormBody {...props} editTemplate={template.data} />;
  return (
    <FormLoading onCancel={props.onCancel}>
      {template.error ? (
        <FetchProblem onRetry={() => void template.refetch()}>Couldn&apos;t load the {type} template: {template.error.message}</FetchProblem>
      ) : (
        <LoadingFields label={`Loading the ${type} template…`} />
      )}
    </FormLoading>
  );
}

function AuthenticatorFormBody({
  mode,
  appId,
  redirectBase,
  onCancel,
  onSaved,
  editTemplate,
}: AuthenticatorFormProps & { editTemplate: PublicProviderTemplate | undefined }) {
  const queryClient = useQueryClient();
  const registerMutation = useRegisterAuthenticator(appId);
  const updateMutation = useUpdateAuthenticator(appId);
  const creating = mode.kind === "create";
  const summaries = useQuery({ ...templateListQuery(), enabled: creating });
  const [defaults] = useState(() => (mode.kind === "edit" ? formValuesFrom(mode.authenticator, editTemplate) : emptyFormValues));
  // The resolver validates with what the templates API has answered so far, read from the cache:
  // the chosen type's template, and (creating) the list of types.
  const [contextFor] = useState(() => {
    const isKnownType = (t: string) => mode.kind === "edit" || !!cachedTemplateList(queryClient)?.some((s) => s.type === t);
    return (t: string): TemplateContext => ({ template: cachedTemplate(queryClient, t), isKnownType });
  });
  const [resolver] = useState(() => authenticatorResolver(mode, appId, contextFor));
  const form = useForm<AuthenticatorFormValues>({ defaultValues: defaults, resolver, mode: "onTouched" });
  const { control, formState, register } = form;
  const { errors } = formState;
  const type = useWatch({ control, name: "authenticator_type" });
  const name = useWatch({ control, name: "name" });
  const scopes = useWatch({ control, name: "scopes" });
  const [discovered, setDiscovered] = useState<DiscoveredRegistration | null>(null);
  const templateQueryResult = useTemplate(creating ? type : undefined);
  const template = creating ? templateQueryResult.data : editTemplate;
  const isCustom = type === CUSTOM_TYPE;
  const summary = summaries.data?.find((t) => t.type === type);
  const options = useMemo(() => providerOptions(summaries.data), [summaries.data]);
  // Its connection-config fields and URLs are checked against the template: saving waits for it.
  const templateMissing = creating && hasTemplate(type) && !template;

  // A template picked while it was still loading gets its default scopes when it arrives.
  const pendingDefaults = useRef<string | null>(null);
  useEffect(() => {
    if (!template || pendingDefaults.current !== template.type || form.getValues("authenticator_type") !== template.type) return;
    pendingDefaults.current = null;
    form.setValue("scopes", template.default_scopes, { shouldDirty: true });
  }, [template, form]);

  // The form mounts after the dialog opened (its code, or the template being edited, arrived
  // later): focus its first field as the dialog would have.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const element = formRef.current;
    if (element && !element.contains(document.activeElement)) element.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, []);

  const selectType = (next: string) => {
    const cached = cachedTemplate(queryClient, next);
    const nextName = summaries.data?.find((t) => t.type === next)?.display_name;
    // The name follows the provider until the developer writes their own.
    const previous = form.getValues("authenticator_type");
    const previousDefault = previous && previous !== CUSTOM_TYPE ? summaries.data?.find((t) => t.type === previous)?.display_name : undefined;
    const currentName = form.getValues("name").trim();
    form.setValue("authenticator_type", next, { shouldDirty: true, shouldValidate: true });
    if (!currentName || currentName === previousDefault) {
      form.setValue("name", next === CUSTOM_TYPE ? "" : (nextName ?? ""));
      form.clearErrors("name");
    }
    form.setValue("scopes", cached?.default_scopes ?? [], { shouldDirty: true });
    pendingDefaults.current = hasTemplate(next) && !cached ? next : null;
    form.setValue("override_urls", false);
    form.setValue("authorize_url", "");
    form.setValue("token_url", "");
    form.setValue("configuration", { connection_config: {}, issuer: "", revocation_url: "", iss_parameter_supported: false });
    form.clearErrors(["authorize_url", "token_url", "configuration", "scopes"]);
    setDiscovered(null);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    if (templateMissing) {
      form.setError("root.server", {
        type: "template",
        message: templateQueryResult.error ? "The provider's template could not be loaded: try again above." : "Wait a moment: the provider's template is still loading.",
      });
      return;
    }
    try {
      const request = toRequest(values, mode, appId, contextFor(values.authenticator_type));
      if (request.kind === "create") {
        onSaved({ kind: "created", authenticator: await registerMutation.mutateAsync(request.input) });
      } else if (mode.kind === "edit" && Object.keys(request.input).length) {
        onSaved({ kind: "updated", authenticator: await updateMutation.mutateAsync({ id: mode.authenticator.authenticator_id, input: request.input }) });
      } else {
        onSaved({ kind: "unchanged" });
      }
    } catch (error) {
      const placed = serverErrors(error instanceof Error ? error : new Error("Could not save the authenticator"), values, template);
      placed.forEach(({ field, message }, index) =>
        form.setError(field as FieldPath<AuthenticatorFormValues>, { type: "server", message }, { shouldFocus: index === 0 && field !== "root.server" }),
      );
    }
  });

  const redirectId = isCustom ? (name?.trim() ? slugify(name) : "{id-from-name}") : type;
  const rootError = errors.root?.server?.message;

  return (
    <FormProvider {...form}>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={mode.kind === "create" ? "Add authenticator" : "Edit authenticator"} className="flex min-h-0 flex-1 flex-col">
        <DialogBody className="space-y-5">
          {rootError ? (
            <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {rootError}
            </p>
          ) : null}

          {mode.kind === "create" ? (
            <>
              <FormField
                label="Provider"
                htmlFor="provider-type"
                error={errors.authenticator_type?.message}
                hint={`${summaries.data ? summaries.data.length : "About 290"} templates fill in URLs and scopes for you. Not listed? Choose Custom provider.`}
              >
                <Combobox
                  id="provider-type"
                  options={options}
                  value={type}
                  onChange={selectType}
                  placeholder="Search providers, e.g. Google"
                  invalid={!!errors.authenticator_type}
                  describedBy={describedBy("provider-type", errors.authenticator_type)}
                  autoFocus
                  loading={summaries.isPending}
                  loadingLabel="Loading providers…"
                />
              </FormField>
              {summaries.error ? (
                <FetchProblem onRetry={() => void summaries.refetch()}>Couldn&apos;t load the provider list: {summaries.error.message}. Custom provider still works.</FetchProblem>
              ) : null}
            </>
          ) : (
            <div className="flex items-center gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
              <ProviderMark type={type} name={name} displayName={template?.display_name} />
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">{isCustom ? "Custom provider" : (template?.display_name ?? type)}</p>
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

              {templateMissing ? (
                templateQueryResult.error ? (
                  <FetchProblem onRetry={() => void templateQueryResult.refetch()}>
                    Couldn&apos;t load the {summary?.display_name ?? type} template: {templateQueryResult.error.message}
                  </FetchProblem>
                ) : (
                  <LoadingFields label={`Loading the ${summary?.display_name ?? type} template…`} rows={2} />
                )
              ) : null}
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
                template={template}
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
