// PLACEHOLDER from the build engineer; the task pane engineer replaces this file.
Office.onReady(() => {
  const app = document.getElementById("app");
  if (app) app.textContent = "Subscription Guard is loaded.";
});
