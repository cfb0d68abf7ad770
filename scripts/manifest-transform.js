/*
 * The production manifest transform: every occurrence of the development address is replaced
 * by the address where dist/ will be hosted. Used by webpack.config.js (CopyWebpackPlugin) and
 * tested in test/build/manifest.test.ts. Plain CommonJS so webpack and node load it unbuilt.
 */
"use strict";

/** The address every URL in manifest.xml starts with during development (webpack dev server). */
const DEV_URL = "https://localhost:3000/";

/** The environment variable that names the production address of dist/. */
const PUBLIC_URL_VARIABLE = "ADDIN_PUBLIC_URL";

/** A named error for a bad ADDIN_PUBLIC_URL, so the build prints one line instead of a trace. */
class PublicUrlError extends Error {
  constructor(message) {
    super(message);
    this.name = "PublicUrlError";
    // A setting mistake, not a bug: webpack-cli prints the stack, so keep it to the one line.
    this.stack = `${this.name}: ${message}`;
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Checks a production address: absolute https, ending with "/" (the manifest appends paths
 * such as "taskpane.html" directly to it). Returns the address; throws PublicUrlError.
 */
function checkPublicUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new PublicUrlError(`${PUBLIC_URL_VARIABLE}="${url}" is not an absolute URL; expected e.g. https://addins.example.com/subscription-guard/`);
  }
  if (parsed.protocol !== "https:") {
    throw new PublicUrlError(`${PUBLIC_URL_VARIABLE}="${url}" must use https: Office loads add-ins only over HTTPS.`);
  }
  if (!url.endsWith("/")) {
    throw new PublicUrlError(`${PUBLIC_URL_VARIABLE}="${url}" must end with "/" (the manifest appends file names to it); try "${url}/".`);
  }
  if (parsed.search || parsed.hash) {
    throw new PublicUrlError(`${PUBLIC_URL_VARIABLE}="${url}" must not have a query or fragment.`);
  }
  return url;
}

/**
 * Reads the production address from the environment. When it is unset the dev address is kept
 * (the output then only works against a local server) and a warning says so.
 * @returns {{ url: string, warning: string | undefined }}
 */
function resolvePublicUrl(env = process.env) {
  const value = (env[PUBLIC_URL_VARIABLE] || "").trim();
  if (!value) {
    return {
      url: DEV_URL,
      warning:
        `${PUBLIC_URL_VARIABLE} is not set: dist/manifest.xml keeps the development address ${DEV_URL}. ` +
        `To deploy, build with ${PUBLIC_URL_VARIABLE}=https://your-host/path/ npm run build (see docs/deployment.md).`,
    };
  }
  return { url: checkPublicUrl(value), warning: undefined };
}

function escapeXmlAttribute(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/**
 * Replaces every occurrence of the dev address in a manifest's text with publicUrl.
 * The dev URLs sit in attribute values, so the new address is XML-escaped; a function
 * replacement keeps a "$" in it literal (a string replacement would expand "$&").
 */
function transformManifest(xml, publicUrl, devUrl = DEV_URL) {
  const pattern = new RegExp(escapeRegExp(devUrl), "g");
  const replacement = escapeXmlAttribute(publicUrl);
  return String(xml).replace(pattern, () => replacement);
}

module.exports = { DEV_URL, PUBLIC_URL_VARIABLE, PublicUrlError, checkPublicUrl, resolvePublicUrl, transformManifest };
