/* Reading offline: registers the service worker and asks it to keep this reader's agendas; on a page
   seen logged out (the login page after "Log ud"), clears what it kept, and stops a sync still running. */
(function () {
  "use strict";
  var root = document.documentElement, script = document.currentScript;
  if (script && script.dataset.clear !== undefined) {
    if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ clear: true });
    }
    if ("caches" in window) caches.delete("protokol-offline").catch(function () {});
    return;
  }
  var worker = script && script.dataset.worker, list = script && script.dataset.list;
  if (!worker || !list || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(worker, { scope: script.dataset.scope }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    registration.active.postMessage({ sync: list });
  }).catch(function () {});
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data && typeof event.data.offline === "number") root.dataset.offlineKept = String(event.data.offline);
  });
})();
