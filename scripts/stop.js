#!/usr/bin/env node
/*
 * npm stop
 *
 * With office-addin-debugging installed: `office-addin-debugging stop manifest.xml` ends the
 * desktop sideloading session that `npm start` began (closes Excel's debug session, removes the
 * sideloaded manifest, stops its dev server).
 * Without it there is nothing sideloaded to stop: the dev server that `npm start` runs in the
 * foreground stops with Ctrl+C in its terminal.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");

function officeAddinDebuggingCli() {
  let packageJson;
  try {
    packageJson = require.resolve("office-addin-debugging/package.json", { paths: [root] });
  } catch {
    return null;
  }
  const pkg = JSON.parse(fs.readFileSync(packageJson, "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && Object.values(pkg.bin)[0];
  const cli = bin && path.resolve(path.dirname(packageJson), bin);
  return cli && fs.existsSync(cli) ? cli : null;
}

function main() {
  const cli = officeAddinDebuggingCli();
  if (!cli) {
    console.log(
      "npm stop: office-addin-debugging is not installed, so nothing was sideloaded and there is nothing to stop.\n" +
        "The dev server started by npm start runs in its terminal: press Ctrl+C there.\n" +
        "An add-in uploaded to Excel on the web stays in My Add-ins until you remove it there.",
    );
    return 0;
  }
  const result = spawnSync(process.execPath, [cli, "stop", "manifest.xml", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
  if (result.error) {
    console.error(`npm stop: could not run office-addin-debugging: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`npm stop: ${error && error.message ? error.message : error}`);
  process.exitCode = 1;
}
