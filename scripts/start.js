#!/usr/bin/env node
/*
 * npm start
 *
 * Windows and macOS with office-addin-debugging installed: sideload manifest.xml into desktop
 * Excel and start the dev server (`office-addin-debugging start manifest.xml`, as the OfficeDev
 * templates do).
 * Otherwise (Linux, where desktop Excel does not exist, or office-addin-debugging missing: it is
 * an optional dependency that does not install everywhere): start the webpack dev server on
 * https://localhost:3000/ and print how to load the add-in into Excel on the web.
 *
 *   npm start                  choose as above
 *   npm start -- --server-only the dev server and instructions, on any system
 */
"use strict";

const fs = require("fs");
const net = require("net");
const path = require("path");
const { spawn } = require("child_process");

const root = path.resolve(__dirname, "..");
const port = process.env.npm_package_config_dev_server_port || 3000;

function resolveFrom(request) {
  try {
    return require.resolve(request, { paths: [root] });
  } catch {
    return null;
  }
}

/** The office-addin-debugging CLI script, or null when the optional package is not installed. */
function officeAddinDebuggingCli() {
  const packageJson = resolveFrom("office-addin-debugging/package.json");
  if (!packageJson) return null;
  const pkg = JSON.parse(fs.readFileSync(packageJson, "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && Object.values(pkg.bin)[0];
  if (!bin) return null;
  const cli = path.resolve(path.dirname(packageJson), bin);
  return fs.existsSync(cli) ? cli : null;
}

function run(script, args, what) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: "inherit" });
  child.on("error", (error) => {
    console.error(`npm start: could not run ${what}: ${error.message}`);
    process.exitCode = 1;
  });
  child.on("exit", (code, signal) => {
    process.exitCode = signal ? 0 : code ?? 1;
  });
  // Ctrl+C reaches the child through the terminal; do not die before it has cleaned up.
  process.on("SIGINT", () => {});
}

/** Resolves to null when the port is free, else a one-line reason (the dev server would crash). */
function portProblem(portNumber) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error) =>
      resolve(
        error.code === "EADDRINUSE"
          ? `port ${portNumber} is already in use, probably by another dev server (npm start, npm run dev-server); stop it first: the manifest expects the add-in on port ${portNumber}.`
          : `cannot listen on port ${portNumber}: ${error.message}`,
      ),
    );
    probe.once("listening", () => probe.close(() => resolve(null)));
    probe.listen(Number(portNumber));
  });
}

function printWebInstructions(reason) {
  const url = `https://localhost:${port}/`;
  console.log(
    [
      "",
      `Subscription Guard: ${reason}`,
      `Starting the dev server at ${url} (Ctrl+C stops it).`,
      "",
      "To load the add-in into Excel on the web:",
      `  1. Open ${url}taskpane.html in the same browser. The localhost certificate is not`,
      "     trusted on this machine: choose Advanced > Proceed (accept the certificate) once,",
      "     or Excel cannot load the add-in's pages.",
      "  2. Open a workbook in Excel on the web (https://excel.cloud.microsoft or office.com).",
      "  3. Home > Add-ins > More add-ins (or Insert > Add-ins) > My Add-ins > Upload My Add-in,",
      `     and choose ${path.join(root, "manifest.xml")} (the development manifest, not dist/).`,
      "  4. Use Home > Check deadlines for the task pane, or type =SUBS. in a cell.",
      "",
      "Deploying for an organisation instead: docs/deployment.md.",
      "",
    ].join("\n"),
  );
}

async function main() {
  const args = process.argv.slice(2);
  const serverOnly = args.includes("--server-only");
  const desktop = process.platform === "win32" || process.platform === "darwin";
  const debuggingCli = officeAddinDebuggingCli();

  if (desktop && debuggingCli && !serverOnly) {
    console.log("Sideloading manifest.xml into desktop Excel with office-addin-debugging (npm stop ends it).");
    run(debuggingCli, ["start", "manifest.xml", ...args], "office-addin-debugging");
    return;
  }

  const reason = serverOnly
    ? "--server-only: no sideloading."
    : !desktop
      ? `desktop Excel cannot be sideloaded on ${process.platform}; serving the add-in for Excel on the web.`
      : "office-addin-debugging is not installed (an optional dependency), so desktop sideloading is skipped.";
  const webpackCli = resolveFrom("webpack-cli/bin/cli.js");
  if (!webpackCli) {
    console.error("npm start: webpack-cli is not installed; run npm ci first.");
    process.exitCode = 1;
    return;
  }
  const busy = await portProblem(port);
  if (busy) {
    console.error(`npm start: ${busy}`);
    process.exitCode = 1;
    return;
  }
  printWebInstructions(reason);
  run(webpackCli, ["serve", "--mode", "development"], "the webpack dev server");
}

main().catch((error) => {
  console.error(`npm start: ${error && error.message ? error.message : error}`);
  process.exitCode = 1;
});
