/* protokol's offline reader: keeps the pages the server lists ({% url 'workspace:offline_list' %}) and serves
   them when the network is gone. Network first, so a reader online always gets the current page and rights. */
"use strict";
var CACHE = "protokol-offline";
var FALLBACK = "{% url 'workspace:offline' %}";
// Bumped by every clear (a logout): a sync still running when the reader logged out must not put back
// what it fetched before, so it checks this before each write and clears the cache if it changed.
var generation = 0;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function sync(listUrl) {
  var mine = generation;
  return fetch(listUrl, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    if (!response.ok || response.redirected) return caches.delete(CACHE).then(function () { return 0; });
    return response.json().then(function (data) {
      var wanted = new Set(data.urls.map(function (u) { return new URL(u, self.location.href).href; }));
      return caches.open(CACHE).then(function (cache) {
        return cache.keys().then(function (kept) {
          // What the reader may no longer read (an ended membership, a withdrawn file) goes first.
          return Promise.all(kept.filter(function (r) { return !wanted.has(r.url); }).map(function (r) { return cache.delete(r); }));
        }).then(function () {
          return Promise.all(Array.from(wanted).map(function (url) {
            return fetch(url, { credentials: "same-origin" }).then(function (r) {
              if (generation !== mine) return undefined;
              if (r.ok && !r.redirected) return cache.put(url, r);
              return cache.delete(url);
            }).catch(function () {});
          }));
        }).then(function () {
          if (generation !== mine) return caches.delete(CACHE).then(function () { return 0; });
          return wanted.size;
        });
      });
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.sync) done = sync(data.sync);
  else if (data.clear) {
    generation += 1;
    done = caches.delete(CACHE).then(function () { return 0; });
  }
  if (!done) return;
  event.waitUntil(done.then(function (count) {
    return self.clients.matchAll().then(function (clients) {
      clients.forEach(function (c) { c.postMessage({ offline: count }); });
    });
  }).catch(function () {}));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        if (hit) return hit;
        return request.mode === "navigate" ? cache.match(FALLBACK).then(function (f) { return f || Response.error(); }) : Response.error();
      });
    });
  }));
});
