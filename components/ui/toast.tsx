"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export type ToastTone = "success" | "error" | "info";
export type ToastInput = { title: string; description?: ReactNode; tone?: ToastTone; /** ms; errors stay until dismissed when 0 */ duration?: number };
type Toast = ToastInput & { id: number; tone: ToastTone };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

/** Show a toast from anywhere under a ToastProvider. */
export function useToast() {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error("useToast must be used inside <ToastProvider>");
  return toast;
}

const tones: Record<ToastTone, { box: string; icon: string; path: string }> = {
  success: { box: "border-emerald-200", icon: "text-emerald-600", path: "M5 10.5 8.5 14 15 6.5" },
  error: { box: "border-red-200", icon: "text-red-600", path: "M10 6v5m0 3h.01" },
  info: { box: "border-slate-200", icon: "text-brand-600", path: "M10 9v5m0-8h.01" },
};

/**
 * Toasts in two always-present live regions (polite for success/info, assertive for errors), so
 * screen readers announce them. They stack bottom-right (full width on phones).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (input: ToastInput) => {
      const id = ++nextId.current;
      const tone = input.tone ?? "success";
      setToasts((list) => [...list.slice(-3), { ...input, tone, id }]);
      const duration = input.duration ?? (tone === "error" ? 10_000 : 6_000);
      if (duration > 0) setTimeout(() => dismiss(id), duration);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);

  const region = (polite: boolean) => (
    <div aria-live={polite ? "polite" : "assertive"} className="flex flex-col gap-2">
      {toasts
        .filter((t) => (t.tone === "error") !== polite)
        .map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            className={cn("pointer-events-auto flex items-start gap-3 rounded-lg border bg-white p-4 shadow-lg", tones[t.tone].box)}
          >
            <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className={cn("mt-0.5 size-5 shrink-0", tones[t.tone].icon)} aria-hidden="true">
              <circle cx="10" cy="10" r="8" />
              <path d={tones[t.tone].path} />
            </svg>
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium text-slate-900">{t.title}</p>
              {t.description ? <div className="mt-1 break-words text-slate-600">{t.description}</div> : null}
            </div>
            <button type="button" onClick={() => dismiss(t.id)} className="-m-1 shrink-0 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600">
              <span className="sr-only">Dismiss notification</span>
              <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
                <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
              </svg>
            </button>
          </div>
        ))}
    </div>
  );

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col gap-2 sm:left-auto sm:right-6 sm:w-96">
        {region(true)}
        {region(false)}
      </div>
    </ToastContext.Provider>
  );
}
