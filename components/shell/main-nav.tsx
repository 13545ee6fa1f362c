"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

type NavItem = { label: string; href: string; icon: string };
type NavGroup = { label: string; items: NavItem[] };

// Icons are single outline paths on a 24×24 grid, drawn with currentColor.
const groups: NavGroup[] = [
  {
    label: "Settings",
    items: [
      {
        label: "OAuth Authenticators",
        href: "/settings/oauth-authenticators",
        icon: "M12 3 19 6v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6l7-3ZM9 12l2 2 4-4",
      },
      {
        label: "Webhooks",
        href: "/settings/webhooks",
        icon: "M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2M6 17l3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06M12 6l3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8",
      },
    ],
  },
  {
    label: "Developers",
    items: [
      { label: "Apps", href: "/apps", icon: "M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z" },
      {
        label: "End users",
        href: "/end-users",
        icon: "M16 20v-1.5a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4V20M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM22 20v-1.5a4 4 0 0 0-3-3.87M16 4.13a3.5 3.5 0 0 1 0 6.74",
      },
      {
        label: "API keys",
        href: "/api-keys",
        icon: "M10.5 13.5 20 4m-3 3 3 3M11 16a4 4 0 1 1-8 0 4 4 0 0 1 8 0Z",
      },
    ],
  },
  {
    label: "Observability",
    items: [
      { label: "Monitoring", href: "/monitoring", icon: "M3 12h4l3-8 4 16 3-8h4" },
      { label: "Audit log", href: "/audit-log", icon: "M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" },
    ],
  },
];

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav() {
  const pathname = usePathname();

  return (
    <nav aria-label="Main" data-testid="main-nav" className="overflow-x-auto">
      {/* A single scrolling row on small screens; grouped sidebar sections from md up. */}
      <div className="flex w-max gap-1 px-4 py-2 sm:px-6 md:w-auto md:flex-col md:gap-6 md:p-0">
        {groups.map((group) => (
          <div key={group.label} className="flex gap-1 md:flex-col">
            <p className="hidden px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500 md:block">
              {group.label}
            </p>
            {group.items.map((item) => {
              const active = isActive(pathname, item.href);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2.5 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors",
                    active
                      ? "bg-brand-50 text-brand-700"
                      : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                  )}
                >
                  <svg
                    viewBox="0 0 24 24"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth={1.75}
                    strokeLinecap="round"
                    strokeLinejoin="round"
                    className={cn("hidden size-4 shrink-0 md:block", active ? "text-brand-600" : "text-slate-400")}
                    aria-hidden="true"
                  >
                    <path d={item.icon} />
                  </svg>
                  {item.label}
                </Link>
              );
            })}
          </div>
        ))}
      </div>
    </nav>
  );
}
