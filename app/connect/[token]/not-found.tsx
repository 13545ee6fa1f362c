import { Brand } from "@/components/shell/brand";

// Every connect link that cannot be used (unknown, expired after its 30 minutes, used up, or its end
// user deleted) ends here, with a 404: the page cannot tell a guessed link from an old one, and says what to do.
export default function ConnectLinkNotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12 text-center">
      <Brand className="mb-10" />
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">This connect link can&apos;t be used</h1>
      <p className="mt-2 max-w-sm text-sm leading-6 text-slate-600">
        Connect links work for 30 minutes and a limited number of tries. Go back to the app you came from and start again to get a new link.
      </p>
    </main>
  );
}
