import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Overview" };

const levels = [
  {
    step: "1",
    title: "Developers register authenticators",
    description:
      "An authenticator holds the OAuth client for one provider (its client ID, secret, scopes and endpoints) and belongs to one of your apps.",
  },
  {
    step: "2",
    title: "End users connect accounts",
    description:
      "Your users sign in to the provider through an authenticator. FiberWise stores their tokens encrypted and refreshes them before they expire.",
  },
];

const sections = [
  {
    href: "/settings/oauth-authenticators",
    title: "OAuth Authenticators",
    description: "Register and manage OAuth clients, and see the accounts connected through them.",
  },
  { href: "/apps", title: "Apps", description: "Group authenticators, keys and connections by product." },
  { href: "/api-keys", title: "API keys", description: "Create keys for your backend to call the FiberWise API." },
  { href: "/monitoring", title: "Monitoring", description: "Watch token refreshes and provider errors." },
];

export default function OverviewPage() {
  return (
    <div className="space-y-8">
      <PageHeader
        title="Overview"
        description="FiberWise connects your product to third-party APIs over OAuth and keeps your users' tokens safe and fresh."
      />

      <section aria-labelledby="how-it-works" className="space-y-3">
        <h2 id="how-it-works" className="text-sm font-semibold text-slate-900">
          How it works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-2">
          {levels.map((level) => (
            <li key={level.step}>
              <Card className="flex h-full gap-4">
                <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
                  {level.step}
                </span>
                <div>
                  <CardTitle>{level.title}</CardTitle>
                  <CardDescription>{level.description}</CardDescription>
                </div>
              </Card>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="get-started" className="space-y-3">
        <h2 id="get-started" className="text-sm font-semibold text-slate-900">
          Get started
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {sections.map((section) => (
            <li key={section.href}>
              <Link href={section.href} className="group block h-full rounded-xl">
                <Card className="h-full transition-colors group-hover:border-brand-300">
                  <CardTitle className="flex items-center justify-between gap-2">
                    {section.title}
                    <span aria-hidden="true" className="text-slate-400 transition-transform group-hover:translate-x-0.5 group-hover:text-brand-600">
                      →
                    </span>
                  </CardTitle>
                  <CardDescription>{section.description}</CardDescription>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
