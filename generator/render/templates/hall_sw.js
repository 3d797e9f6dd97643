// Service worker of the hall's {{ app }} (generator/render/hall.py writes it on every build).
// Its scope is this folder only: the rest of the site is never touched. Network first,
// so a connected screen always shows the newest build; when the hall's connection drops,
// the last good copy answers, marked with an X-Lx-Offline header so the screen can say so.
"use strict";
var PREFIX = "lx-{{ app }}:" + self.registration.scope + ":";
var CACHE = PREFIX + {{ version | tojson }};
var PRECACHE = {{ precache | tojson }};
var TIMEOUT = 6000;   // a connection that hangs counts as down

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE.map(function (url) { return new Request(url, { cache: "reload" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function key(url) {
  var u = new URL(url);
  return u.origin + u.pathname;   // ?idle=60, ?lang=en: the same document
}

function fromNetwork(request) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, TIMEOUT);
    var pending = request.mode === "navigate" ? fetch(request) : fetch(request.url, { cache: "no-cache" });
    pending.then(function (response) {
      clearTimeout(timer);
      if (response.ok && response.type === "basic" && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(key(request.url), copy); });
      }
      resolve(response);
    }, function (error) { clearTimeout(timer); reject(error); });
  });
}

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) { return cache.match(key(request.url)); }).then(function (hit) {
    if (!hit) return Response.error();
    var headers = new Headers(hit.headers);
    headers.set("X-Lx-Offline", "1");
    return hit.blob().then(function (body) {
      return new Response(body, { status: hit.status, statusText: hit.statusText, headers: headers });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fromNetwork(request).catch(function () { return fromCache(request); }));
});
