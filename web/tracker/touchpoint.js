/*
 * Touchpoint tracking script, served by `touchpoint serve` at /touchpoint.js.
 * One line on a site:
 *   <script async src="https://YOUR-SERVER/touchpoint.js" data-key="INGEST_KEY"></script>
 * It sends page views (also on single-page navigation), clicks on elements
 * marked with data-tp-event, and sessions, to the server it was loaded from.
 * First-party only: no cookies at all. The visitor id lives in the site's
 * own localStorage, the session in it too (30 minutes of inactivity end a
 * session). window.touchpoint.track(event, props) and
 * .identify(customerId) are there for the site's own code. docs/server.md
 * describes every field it sends.
 */
(function () {
  "use strict";
  if (window.touchpoint && window.touchpoint.loaded) return;
  var script = document.currentScript;
  if (!script) return;
  var endpoint = new URL(script.src).origin + "/batch";
  var key = script.getAttribute("data-key") || "";
  var channel = script.getAttribute("data-channel") || "";
  var SESSION_TIMEOUT_MS = 30 * 60 * 1000;
  var FLUSH_MS = 1000;
  var MAX_QUEUE = 50;
  var queue = [];
  var timer = null;

  function randomId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var s = "";
    for (var i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
    return s.slice(0, 8) + "-" + s.slice(8, 12) + "-" + s.slice(12, 16) + "-" + s.slice(16, 20) + "-" + s.slice(20);
  }

  // localStorage may be off (privacy modes): the ids then last for the page.
  var memory = {};
  function load(name) {
    try { return localStorage.getItem(name); } catch (e) { return memory[name] || null; }
  }
  function save(name, value) {
    try { localStorage.setItem(name, value); } catch (e) { memory[name] = value; }
  }

  function customerId() {
    var id = load("tp_customer");
    if (!id) { id = "anon-" + randomId(); save("tp_customer", id); }
    return id;
  }

  // A session ends after 30 minutes without an event, as the server's own
  // session rule (docs/metrics.md) would split it.
  function sessionId() {
    var now = Date.now();
    var last = parseInt(load("tp_session_last") || "0", 10);
    var id = load("tp_session");
    if (!id || now - last > SESSION_TIMEOUT_MS) id = randomId();
    save("tp_session", id);
    save("tp_session_last", String(now));
    return id;
  }

  function utm(name) {
    try { return new URLSearchParams(location.search).get(name) || ""; } catch (e) { return ""; }
  }

  function deviceType() {
    var w = window.innerWidth || screen.width;
    return w < 768 ? "mobile" : w < 1024 ? "tablet" : "desktop";
  }

  function mediumChannel(medium) {
    medium = (medium || "").toLowerCase();
    if (medium === "email" || medium === "newsletter") return "email";
    if (medium === "cpc" || medium === "ppc" || medium === "paid" || medium === "display") return "ads";
    if (medium === "social") return "social";
    return "";
  }

  function flush(useBeacon) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!queue.length) return;
    var body = JSON.stringify({ api_key: key, batch: queue });
    queue = [];
    // text/plain keeps the request "simple": no CORS preflight.
    if (useBeacon && navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) return;
    try {
      fetch(endpoint, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" } })
        .catch(function () {});
    } catch (e) { /* the page is going away */ }
  }

  function send(event, props) {
    var e = {
      timestamp: new Date().toISOString(),
      customer_id: customerId(),
      event: event,
      event_id: randomId(),
      session_id: sessionId(),
      channel: channel || mediumChannel(utm("utm_medium")) || "web",
      page: location.pathname,
      device: deviceType()
    };
    var campaign = utm("utm_campaign");
    if (campaign) e.campaign = campaign;
    if (document.referrer) e.referrer = document.referrer;
    var source = utm("utm_source");
    if (source) e.utm_source = source;
    for (var k in props || {}) {
      if (Object.prototype.hasOwnProperty.call(props, k) && props[k] !== undefined && props[k] !== "") e[k] = props[k];
    }
    queue.push(e);
    if (queue.length >= MAX_QUEUE) flush(false);
    else if (!timer) timer = setTimeout(function () { flush(false); }, FLUSH_MS);
  }

  var lastPath = null;
  function pageView() {
    if (location.pathname === lastPath) return;
    lastPath = location.pathname;
    send("page_view", { title: document.title });
  }

  // <button data-tp-event="signup" data-tp-plan="pro">: event "signup" with
  // property plan = "pro" (data-tp-revenue, -campaign... fill our columns).
  document.addEventListener("click", function (ev) {
    var el = ev.target;
    while (el && el !== document && !(el.hasAttribute && el.hasAttribute("data-tp-event"))) el = el.parentNode;
    if (!el || el === document) return;
    var props = {};
    for (var i = 0; i < el.attributes.length; i++) {
      var a = el.attributes[i];
      if (a.name.indexOf("data-tp-") === 0 && a.name !== "data-tp-event") props[a.name.slice(8).replace(/-/g, "_")] = a.value;
    }
    if (!props.element) props.element = (el.id || (el.textContent || "").trim().slice(0, 64));
    send(el.getAttribute("data-tp-event") || "click", props);
  }, true);

  // Single-page apps: a new path is a new page view.
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var r = original.apply(this, arguments);
      setTimeout(pageView, 0);
      return r;
    };
  });
  window.addEventListener("popstate", pageView);
  window.addEventListener("pagehide", function () { flush(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush(true);
  });

  window.touchpoint = {
    loaded: true,
    track: function (event, props) { send(String(event), props); },
    // Links this browser's anonymous id to the customer's own id (the
    // server's alias table), and uses the customer's id from now on.
    identify: function (id) {
      id = String(id);
      var anon = customerId();
      if (anon === id) return;
      queue.push({ event: "$identify", distinct_id: id, properties: { $anon_distinct_id: anon } });
      save("tp_customer", id);
      flush(false);
    },
    flush: function () { flush(false); }
  };
  pageView();
})();
