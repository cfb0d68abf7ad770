/** Waits for the background build of global-setup.js, if one was started and is still running. */
module.exports = async function globalTeardown() {
  await globalThis.__subguardPrebuild;
};
