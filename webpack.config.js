/*
 * Builds the add-in into dist/, in the shape of OfficeDev's Excel-Custom-Functions-Shared
 * template:
 *   dist/functions.js     the SUBS.* custom functions (entry "functions")
 *   dist/functions.json   their metadata, generated from the JSDoc in src/functions/functions.ts
 *   dist/taskpane.js      the task pane (entry "taskpane")
 *   dist/taskpane.html    the ONE page of the shared runtime: it loads functions.js AND
 *                         taskpane.js, because the manifest names this page for the Runtime,
 *                         the custom functions Page, the FunctionFile and the ribbon button
 *   dist/[name].[contenthash].js   chunks the task pane loads lazily with import()
 *   dist/assets/*, dist/manifest*.xml
 *
 * Production: every https://localhost:3000/ in the manifest becomes $ADDIN_PUBLIC_URL
 * (scripts/manifest-transform.js; docs/deployment.md).
 * Development server: https on port 3000 with office-addin-dev-certs, else plain http
 * (scripts/dev-certs.js says why).
 */
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_URL, resolvePublicUrl, transformManifest } = require("./scripts/manifest-transform");

const DEV_SERVER_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;

/**
 * dist/functions.json gets the options the generator cannot write (src/functions/metadata.ts:
 * allowErrorForDataTypeAny), then dist/functions-da.json, the Danish descriptions of the SUBS
 * functions, is derived from it. Excel localises custom functions by a second metadata file that the
 * manifest names for da-DK; the generator writes only the English one (src/functions/metadata-da.ts).
 */
function danishFunctionsMetadata() {
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap("DanishFunctionsMetadata", (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: "DanishFunctionsMetadata", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
          () => {
            const generated = compilation.getAsset("functions.json");
            if (!generated) return;
            // tsx (a dependency) loads the TypeScript modules from this CommonJS config.
            const load = (module) => require("tsx/cjs/api").require(module, __filename);
            const { withBuildOptions } = load("./src/functions/metadata.ts");
            const { danishMetadata } = load("./src/functions/metadata-da.ts");
            const english = withBuildOptions(generated.source.source().toString());
            compilation.updateAsset("functions.json", new compiler.webpack.sources.RawSource(english));
            const danish = danishMetadata(english);
            compilation.emitAsset("functions-da.json", new compiler.webpack.sources.RawSource(danish));
          },
        );
      });
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);

  let publicUrl = DEV_URL;
  if (!dev) {
    // Throws PublicUrlError for a malformed ADDIN_PUBLIC_URL: better no build than a manifest
    // that points nowhere.
    const resolved = resolvePublicUrl(process.env);
    publicUrl = resolved.url;
    if (resolved.warning) console.warn(`\nWARNING: ${resolved.warning}\n`);
  }

  const config = {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Lazy chunks (import() from the task pane) get a content hash so a host's cache never
      // serves a stale one; the entries keep fixed names because the manifest names them.
      chunkFilename: "[name].[contenthash:8].js",
      // "auto" resolves chunk URLs from the script's own address, so the same dist/ works under
      // https://localhost:3000/ and under any ADDIN_PUBLIC_URL folder.
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      // Lets TypeScript sources write ESM-style "./days.js" imports of "./days.ts".
      extensionAlias: { ".js": [".ts", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Like the template's Babel build, the bundle only transpiles; `npm run lint`
              // (tsc --noEmit) is the type check. This also lets the CustomFunctions.associate
              // calls that CustomFunctionsMetadataPlugin appends compile without global types.
              transpileOnly: true,
              compilerOptions: {
                // tsconfig.json says commonjs for jest; webpack needs ES modules to split
                // dynamic import() into chunks and to tree-shake.
                module: "es2020",
                moduleResolution: "node",
                target: "es2020",
                noEmit: false,
                declaration: false,
                sourceMap: dev,
              },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      danishFunctionsMetadata(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime has one page: the custom functions must be registered by the page
        // Excel opens for the Runtime, so it carries both entries. functions first, so
        // CustomFunctions.associate runs before the pane's UI code.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          // The pane's stylesheet, linked from taskpane.html (a file, not a <style>, for the CSP).
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // The support page the manifest's <SupportUrl> names.
          { from: "src/taskpane/support.html", to: "support.html" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : transformManifest(content.toString(), publicUrl);
            },
          },
        ],
      }),
    ],
    performance: {
      // exceljs in the lazy file-mode chunk is large by nature; it is not on the start-up path.
      hints: false,
    },
  };

  if (serving) {
    const { getDevServerHttpsOptions } = require("./scripts/dev-certs");
    const https = await getDevServerHttpsOptions();
    config.devServer = {
      port: DEV_SERVER_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      // Everything (assets and manifest included) is served from the compilation in memory.
      static: false,
      client: { overlay: { warnings: false, errors: true } },
      hot: false,
    };
  }

  return config;
};
