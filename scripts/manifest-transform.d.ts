// Types for scripts/manifest-transform.js (plain CommonJS, loaded by webpack.config.js).

export declare const DEV_URL: string;
export declare const PUBLIC_URL_VARIABLE: string;

export declare class PublicUrlError extends Error {}

/** Returns url when it is absolute https ending in "/"; throws PublicUrlError otherwise. */
export declare function checkPublicUrl(url: string): string;

/** Reads ADDIN_PUBLIC_URL; when unset returns the dev URL and a warning to print. */
export declare function resolvePublicUrl(env?: Record<string, string | undefined>): { url: string; warning: string | undefined };

/** Replaces every occurrence of devUrl (default DEV_URL) in the manifest text with publicUrl. */
export declare function transformManifest(xml: string | Buffer, publicUrl: string, devUrl?: string): string;
