import { CopyButton } from "@/components/ui/copy-button";
import type { PublicProviderTemplate } from "./provider-catalog";

/** The redirect URI to register at the provider, with a copy button and a link to its console. */
export function RedirectUriField({ uri, predicted, template }: { uri: string; predicted: boolean; template?: PublicProviderTemplate }) {
  return (
    <div className="space-y-1.5">
      <p id="redirect-uri-label" className="text-sm font-medium text-slate-800">
        Redirect URI {predicted ? <span className="font-normal text-slate-500">(predicted)</span> : null}
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <code aria-labelledby="redirect-uri-label" data-testid="redirect-uri" className="block min-w-0 flex-1 break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800">
          {uri}
        </code>
        <CopyButton value={uri} label="Copy" className="shrink-0" />
      </div>
      <p className="text-xs leading-5 text-slate-500">
        {predicted
          ? "Paste this in the provider's console as the authorized redirect (callback) URL. The exact URI is confirmed once you register; it gets a -2 suffix if the ID is already taken."
          : "Paste this in the provider's console as the authorized redirect (callback) URL."}{" "}
        {template?.console_url ? (
          <a href={template.console_url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 hover:underline">
            Open the {template.display_name} console
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : null}
      </p>
    </div>
  );
}
