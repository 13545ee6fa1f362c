import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { Providers } from "@/components/providers";
import { Brand } from "@/components/shell/brand";
import { getShellUser } from "@/lib/server/api/get-shell-user";
import { MainNav } from "@/components/shell/main-nav";
import { UserMenu } from "@/components/shell/user-menu";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getShellUser();
  // Every dashboard page needs an account; the API answers 401 on its own.
  if (!user) redirect("/signin");

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow-md"
      >
        Skip to content
      </a>
      <header data-testid="app-header" className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4 sm:px-6">
          <Brand />
          <UserMenu user={user} />
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col md:flex-row md:gap-10 md:px-6">
        <aside className="sticky top-14 z-20 border-b border-slate-200 bg-white md:static md:w-56 md:shrink-0 md:border-0 md:bg-transparent md:py-8">
          <div className="md:sticky md:top-22">
            <MainNav />
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-0 md:py-8">
          <Providers>{children}</Providers>
        </main>
      </div>
    </div>
  );
}
