/*
 * HTTPS options for the webpack dev server on https://localhost:3000/.
 *
 * Office only loads add-ins over HTTPS, so the dev server wants a localhost certificate:
 *  - Windows and macOS: office-addin-dev-certs makes one and trusts its CA (it may ask for
 *    your password once), as the OfficeDev templates do.
 *  - Linux: there is no system store Office could use, and trusting needs sudo, so we only
 *    make (or reuse) the certificate in ~/.office-addin-dev-certs and you accept it in the
 *    browser once (open https://localhost:3000/taskpane.html and proceed past the warning).
 *  - If no certificate can be made at all, the server falls back to plain http and says so.
 * Set ADDIN_DEV_HTTP=1 to choose plain http directly.
 */
"use strict";

const fs = require("fs");

function readCertificateFiles(defaults) {
  const files = [defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath];
  if (!files.every((file) => fs.existsSync(file))) return null;
  return {
    ca: fs.readFileSync(defaults.caCertificatePath),
    cert: fs.readFileSync(defaults.localhostCertificatePath),
    key: fs.readFileSync(defaults.localhostKeyPath),
  };
}

function firstLine(error) {
  return String((error && error.message) || error).split("\n")[0];
}

/** Resolves to { ca, cert, key } for https, or null for the http fallback. Never throws. */
async function getDevServerHttpsOptions({ platform = process.platform, log = console.log } = {}) {
  if (process.env.ADDIN_DEV_HTTP === "1") {
    log("ADDIN_DEV_HTTP=1: serving over plain http (Excel will not load the add-in from http; use this only for the browser).");
    return null;
  }
  let devCerts;
  let defaults;
  try {
    devCerts = require("office-addin-dev-certs");
    defaults = require("office-addin-dev-certs/lib/defaults");
  } catch (error) {
    log(`office-addin-dev-certs is not available (${firstLine(error)}); serving over plain http.`);
    return null;
  }

  if (platform === "win32" || platform === "darwin") {
    try {
      const options = await devCerts.getHttpsServerOptions();
      return { ca: options.ca, cert: options.cert, key: options.key };
    } catch (error) {
      log(`Could not install a trusted localhost certificate (${firstLine(error)}).`);
      // Fall through: an untrusted certificate is still better than http.
    }
  }

  try {
    let options = readCertificateFiles(defaults);
    if (!options) {
      await devCerts.generateCertificates();
      options = readCertificateFiles(defaults);
    }
    if (options) {
      log(
        `Serving https with the localhost certificate in ${defaults.certificateDirectory}. ` +
          "It is not trusted on this machine: open https://localhost:" +
          (process.env.npm_package_config_dev_server_port || 3000) +
          "/taskpane.html once in the browser you use for Excel on the web and accept the warning.",
      );
      return options;
    }
  } catch (error) {
    log(`Could not make a localhost certificate (${firstLine(error)}).`);
  }
  log("Serving over plain http: Excel will not load the add-in until https works (see docs/deployment.md).");
  return null;
}

module.exports = { getDevServerHttpsOptions };
