"use client";

import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { cn } from "@/lib/utils/cn";
import type { AuthenticatorFormValues } from "./authenticator-form-values";

/**
 * The client secret is write-only: typed once, never shown again by the API. When editing, the
 * stored one is named by its last characters and replaced only on request.
 */
export function SecretField({ hint }: { hint: string | null | undefined }) {
  const { register, setValue, setFocus, clearErrors, formState } = useFormContext<AuthenticatorFormValues>();
  const replace = useWatch<AuthenticatorFormValues, "replace_secret">({ name: "replace_secret" });
  const [visible, setVisible] = useState(false);
  const error = formState.errors.client_secret?.message;
  const editing = hint !== undefined;

  return (
    <div className="space-y-1.5">
      {replace ? (
        <label htmlFor="client-secret" className="block text-sm font-medium text-slate-800">
          Client secret
        </label>
      ) : (
        <p className="text-sm font-medium text-slate-800">Client secret</p>
      )}
      {replace ? (
        <div className="flex gap-2">
          <input
            id="client-secret"
            type={visible ? "text" : "password"}
            autoComplete="new-password"
            spellCheck={false}
            className={cn(inputClass, "font-mono")}
            aria-invalid={!!error}
            aria-describedby={error ? "client-secret-error" : "client-secret-hint"}
            {...register("client_secret")}
          />
          <Button type="button" variant="secondary" aria-pressed={visible} onClick={() => setVisible((v) => !v)} className="shrink-0">
            {visible ? "Hide" : "Show"}
            <span className="sr-only"> client secret</span>
          </Button>
          {editing ? (
            <Button
              type="button"
              variant="ghost"
              className="shrink-0"
              onClick={() => {
                setValue("client_secret", "");
                clearErrors("client_secret");
                setValue("replace_secret", false);
              }}
            >
              Keep current
            </Button>
          ) : null}
        </div>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
          <span id="client-secret-hint" className="text-slate-700">
            {hint ? (
              <>
                Set, ends in <code className="font-mono">{hint.replace(/^…/, "")}</code>
              </>
            ) : (
              "Set"
            )}
          </span>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            onClick={() => {
              setValue("replace_secret", true);
              setTimeout(() => setFocus("client_secret"), 0);
            }}
          >
            Replace secret
          </Button>
        </div>
      )}
      {error ? (
        <p id="client-secret-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : replace ? (
        <p id="client-secret-hint" className="text-xs text-slate-500">
          Encrypted at rest and never shown again{editing ? "; the old secret stops being used as soon as you save" : ""}.
        </p>
      ) : null}
    </div>
  );
}
