"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useAddMember, useMembers, useRemoveMember } from "@/lib/queries/apps";
import { addMemberSchema, APP_ROLES, type AddMemberInput } from "@/lib/schemas/apps";

export function MembersPanel({ appId, canManage }: { appId: string; canManage: boolean }) {
  const members = useMembers(appId);
  const add = useAddMember(appId);
  const remove = useRemoveMember(appId);
  const form = useForm<z.input<typeof addMemberSchema>, unknown, AddMemberInput>({ resolver: zodResolver(addMemberSchema), defaultValues: { email: "", role: "member" } });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await add.mutateAsync(values);
      form.reset({ email: "", role: values.role });
    } catch (error) {
      form.setError("email", { message: error instanceof Error ? error.message : "Could not add the member" });
    }
  });

  return (
    <div className="space-y-3 border-t border-slate-100 pt-4" data-testid={`members-${appId}`}>
      <h3 className="text-sm font-semibold text-slate-900">Members</h3>
      {members.isPending ? <div className="h-10 animate-pulse rounded bg-slate-100" /> : null}
      {members.error ? <p role="alert" className="text-sm text-red-600">{members.error.message}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm">
        {members.data?.map((m) => (
          <li key={m.user_id} className="flex items-center justify-between gap-3 py-2">
            <span className="min-w-0 truncate">
              {m.email} <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{m.role}</span>
            </span>
            {canManage ? (
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => remove.mutate(m.user_id)} disabled={remove.isPending}>
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {remove.error ? <p role="alert" className="text-sm text-red-600">{remove.error.message}</p> : null}
      {canManage ? (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start" aria-label="Add member">
          <div className="flex-1">
            <input aria-label="Member email" placeholder="teammate@example.com" className={inputClass} {...form.register("email")} />
            {form.formState.errors.email ? (
              <p role="alert" className="mt-1 text-sm text-red-600">{form.formState.errors.email.message}</p>
            ) : null}
          </div>
          <select aria-label="Role" className={`${inputClass} sm:w-36`} {...form.register("role")}>
            {APP_ROLES.map((role) => (
              <option key={role} value={role}>{role}</option>
            ))}
          </select>
          <Button type="submit" variant="secondary" pending={add.isPending}>Add member</Button>
        </form>
      ) : null}
    </div>
  );
}
