"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField, inputClass } from "@/components/ui/form-field";
import { ApiError } from "@/lib/queries/api-fetch";
import { useDiscovery, type DiscoveredRegistration } from "@/lib/queries/authenticators";
import { cn } from "@/lib/utils/cn";
import type { AuthenticatorFormValues } from "./authenticator-form-values";
import { urlProblem } from "./authenticator-form-values";
import { connectionFields, previewUrl, type PublicProviderTemplate } from "./provider-catalog";

const readOnlyClass = cn(inputClass, "bg-slate-50 font-mono text-xs text-slate-700");

const describedBy = (id: string, error: unknown, hint = true) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

/** The per-account parts of a template's URLs (Shopify shop, Zendesk subdomain, Okta domain…). */
export function ConnectionConfigFields({ template }: { template: PublicProviderTemplate }) {
  const { register, formState } = useFormContext<AuthenticatorFormValues>();
  const fields = connectionFields(template);
  if (!fields.length) return null;
  const errors = formState.errors.configuration?.connection_config as Record<string, { message?: string } | undefined> | undefined;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((field) => {
        const id = `cc-${field.name}`;
        const error = errors?.[field.name]?.message;
        return (
          <FormField
            key={field.name}
            label={field.required ? field.label : `${field.label} (optional)`}
            htmlFor={id}
            error={error}
            hint={field.example ? `For example ${field.example}. Part of ${template.display_name}'s URLs.` : `Part of ${template.display_name}'s URLs.`}
          >
            <input
              id={id}
              placeholder={field.example}
              autoComplete="off"
              spellCheck={false}
              className={inputClass}
              aria-invalid={!!error}
              aria-describedby={describedBy(id, error)}
              {...register(`configuration.connection_config.${field.name}`)}
            />
          </FormField>
        );
      })}
    </div>
  );
}

/** A template's endpoints, shown read-only (with per-account parts filled in) unless overridden. */
export function TemplateEndpoints({ template }: { template: PublicProviderTemplate }) {
  const { register, setValue, getValues, clearErrors, formState } = useFormContext<AuthenticatorFormValues>();
  const override = useWatch<AuthenticatorFormValues, "override_urls">({ name: "override_urls" });
  const config = useWatch<AuthenticatorFormValues, "configuration.connection_config">({ name: "configuration.connection_config" }) ?? {};
  const { errors } = formState;

  const toggle = () => {
    if (override) {
      clearErrors(["authorize_url", "token_url"]);
      setValue("override_urls", false, { shouldDirty: true });
      return;
    }
    const values = getValues("configuration.connection_config");
    setValue("authorize_url", previewUrl(template.authorize_url, values));
    setValue("token_url", previewUrl(template.token_url, values));
    setValue("override_urls", true, { shouldDirty: true });
  };

  return (
    <section aria-labelledby="endpoints-heading" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="endpoints-heading" className="text-sm font-medium text-slate-800">
          Endpoints {override ? <span className="font-normal text-amber-700">(overridden)</span> : <span className="font-normal text-slate-500">(from the {template.display_name} template)</span>}
        </h3>
        <Button type="button" variant="secondary" size="sm" onClick={toggle}>
          {override ? "Use template URLs" : "Override URLs"}
        </Button>
      </div>
      {(["authorize_url", "token_url"] as const).map((name) => {
        const id = `endpoint-${name}`;
        const label = name === "authorize_url" ? "Authorize URL" : "Token URL";
        const error = override ? errors[name]?.message : undefined;
        return override ? (
          <FormField key={name} label={label} htmlFor={id} error={error} hint="https:// (http:// only for a local development server)">
            <input id={id} type="url" spellCheck={false} className={cn(inputClass, "font-mono text-xs")} aria-invalid={!!error} aria-describedby={describedBy(id, error)} {...register(name)} />
          </FormField>
        ) : (
          <FormField key={name} label={label} htmlFor={id}>
            <input id={id} readOnly value={previewUrl(name === "authorize_url" ? template.authorize_url : template.token_url, config)} className={readOnlyClass} />
          </FormField>
        );
      })}
    </section>
  );
}

/** A custom provider's endpoints: typed in, or discovered from its issuer's metadata. */
export function CustomEndpoints({ onDiscovered }: { onDiscovered: (result: DiscoveredRegistration) => void }) {
  const { register, setValue, getValues, setError, clearErrors, formState } = useFormContext<AuthenticatorFormValues>();
  const discovery = useDiscovery();
  const { errors } = formState;
  const issuerError = errors.configuration?.issuer?.message;

  const discover = async () => {
    const issuer = getValues("configuration.issuer").trim();
    let problem = issuer ? urlProblem(issuer) : "Enter the issuer URL first, e.g. https://login.example.com";
    if (!problem && !URL.canParse(issuer)) problem = "Enter an absolute URL, e.g. https://login.example.com";
    if (problem) {
      setError("configuration.issuer", { type: "discovery", message: problem }, { shouldFocus: true });
      return;
    }
    clearErrors("configuration.issuer");
    try {
      const found = await discovery.mutateAsync(issuer);
      const opts = { shouldValidate: true, shouldDirty: true, shouldTouch: true } as const;
      setValue("configuration.issuer", found.configuration.issuer, opts);
      setValue("authorize_url", found.authorize_url, opts);
      setValue("token_url", found.token_url, opts);
      setValue("configuration.revocation_url", found.configuration.revocation_url ?? "", opts);
      setValue("configuration.iss_parameter_supported", found.configuration.authorization_response_iss_parameter_supported, opts);
      onDiscovered(found);
    } catch (error) {
      const message = error instanceof ApiError ? (error.details.find((d) => d.path === "issuer")?.message ?? error.message) : "Discovery failed";
      setError("configuration.issuer", { type: "discovery", message }, { shouldFocus: true });
    }
  };

  return (
    <section aria-labelledby="endpoints-heading" className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <h3 id="endpoints-heading" className="text-sm font-medium text-slate-800">
        Endpoints
      </h3>
      <div className="space-y-1.5">
        <label htmlFor="custom-issuer" className="block text-sm font-medium text-slate-800">
          Issuer URL <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="custom-issuer"
            type="url"
            spellCheck={false}
            placeholder="https://login.example.com"
            className={cn(inputClass, "font-mono text-xs")}
            aria-invalid={!!issuerError}
            aria-describedby={issuerError ? "custom-issuer-error" : "custom-issuer-hint"}
            {...register("configuration.issuer")}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                void discover();
              }
            }}
          />
          <Button type="button" variant="secondary" pending={discovery.isPending} onClick={() => void discover()} className="shrink-0">
            Discover from issuer
          </Button>
        </div>
        {issuerError ? (
          <p id="custom-issuer-error" role="alert" className="text-sm text-red-600">
            {issuerError}
          </p>
        ) : (
          <p id="custom-issuer-hint" className="text-xs text-slate-500">
            Reads the provider&apos;s OpenID Connect or OAuth metadata and fills the URLs below. Saved as the issuer, so ID tokens are checked against it.
          </p>
        )}
        {discovery.data && !issuerError ? (
          <p role="status" className="text-xs text-emerald-700">
            Found the metadata of {discovery.data.configuration.issuer}
            {discovery.data.scopes.length ? `; ${discovery.data.scopes.length} advertised scopes are offered below.` : "."}
          </p>
        ) : null}
      </div>
      {(["authorize_url", "token_url"] as const).map((name) => {
        const id = `endpoint-${name}`;
        const error = errors[name]?.message;
        return (
          <FormField key={name} label={name === "authorize_url" ? "Authorize URL" : "Token URL"} htmlFor={id} error={error} hint="https:// (http:// only for a local development server)">
            <input
              id={id}
              type="url"
              spellCheck={false}
              placeholder={name === "authorize_url" ? "https://provider.example/oauth/authorize" : "https://provider.example/oauth/token"}
              className={cn(inputClass, "font-mono text-xs")}
              aria-invalid={!!error}
              aria-describedby={describedBy(id, error)}
              {...register(name)}
            />
          </FormField>
        );
      })}
      <FormField
        label="Revocation URL (optional)"
        htmlFor="custom-revocation"
        error={errors.configuration?.revocation_url?.message}
        hint="Where FiberWise revokes a user's tokens when they disconnect (RFC 7009)."
      >
        <input
          id="custom-revocation"
          type="url"
          spellCheck={false}
          className={cn(inputClass, "font-mono text-xs")}
          aria-invalid={!!errors.configuration?.revocation_url}
          aria-describedby={describedBy("custom-revocation", errors.configuration?.revocation_url)}
          {...register("configuration.revocation_url")}
        />
      </FormField>
    </section>
  );
}
