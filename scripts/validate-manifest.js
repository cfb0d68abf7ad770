#!/usr/bin/env node
/*
 * npm run validate [-- FILE...]     (default: manifest.xml, and dist/manifest.xml when built)
 *
 * 1. The schema check, when this machine has it: ../shared/tools/validate-manifest (xmllint
 *    against an offline copy of Microsoft's manifest XSDs). The project does not depend on it;
 *    when it or xmllint is missing the check is skipped and the output says so.
 * 2. The project's own structural check, always (scripts/manifest-check.js: one shared runtime
 *    resid, namespace SUBS, every resid defined, HTTPS only; no network).
 *
 * Microsoft's `office-addin-manifest validate` needs its web service, so it is not used here.
 * Exit code: 0 when every check that ran passed, 1 otherwise.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { checkManifest } = require("./manifest-check");

const root = path.resolve(__dirname, "..");
const schemaTool = path.resolve(root, "..", "shared", "tools", "validate-manifest");

function schemaCheckAvailable() {
  if (!fs.existsSync(schemaTool)) return `${path.relative(root, schemaTool)} does not exist on this machine`;
  const xmllint = spawnSync("xmllint", ["--version"], { stdio: "ignore" });
  if (xmllint.error || xmllint.status !== 0) return "xmllint is not installed (Debian: apt-get install -y libxml2-utils)";
  return null;
}

function main() {
  const files = process.argv.slice(2);
  if (!files.length) {
    files.push("manifest.xml");
    if (fs.existsSync(path.join(root, "dist", "manifest.xml"))) files.push("dist/manifest.xml");
  }
  let failed = false;

  const unavailable = schemaCheckAvailable();
  if (unavailable) {
    console.log(`Schema check (xmllint + XSD): skipped, ${unavailable}.`);
  } else {
    console.log(`Schema check (xmllint + XSD): ${path.relative(root, schemaTool)} ${files.join(" ")}`);
    const result = spawnSync("bash", [schemaTool, ...files], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) failed = true;
  }

  console.log("Structural check (scripts/manifest-check.js, offline):");
  for (const file of files) {
    let problems;
    try {
      problems = checkManifest(fs.readFileSync(path.resolve(root, file), "utf8"));
    } catch (error) {
      problems = [{ code: "read", message: error.message }];
    }
    if (problems.length) {
      failed = true;
      for (const problem of problems) console.log(`  ${file}: ${problem.code}: ${problem.message}`);
    } else {
      console.log(`  ${file}: OK`);
    }
  }
  console.log(failed ? "Manifest validation FAILED." : "Manifest validation passed.");
  return failed ? 1 : 0;
}

process.exitCode = main();
