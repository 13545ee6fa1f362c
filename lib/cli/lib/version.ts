import { version } from "../../../package.json";

// The CLI's version is the platform's: both speak the same API (the packaged CLI inlines it at build time).
export const CLI_VERSION: string = version;
