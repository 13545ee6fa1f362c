import Link from "next/link";
import { cn } from "@/lib/utils/cn";

export type TabLink = { id: string; label: string; href: string };

type TabLinksProps = {
  tabs: readonly TabLink[];
  activeId: string;
  label: string;
  className?: string;
};

/**
 * Tabs that are plain links, so each tab has its own URL and works without JavaScript.
 * Being navigation rather than an ARIA tablist, the active tab is marked with aria-current.
 */
export function TabLinks({ tabs, activeId, label, className }: TabLinksProps) {
  return (
    <nav aria-label={label} className={cn("border-b border-slate-200", className)}>
      <ul className="-mb-px flex gap-6 overflow-x-auto">
        {tabs.map((tab) => {
          const active = tab.id === activeId;
          return (
            <li key={tab.id} className="shrink-0">
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block rounded-t-sm border-b-2 px-1 pb-3 pt-1 text-sm font-medium transition-colors",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
