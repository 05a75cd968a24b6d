/* Delivery to an LRS for the xAPI and cmi5 adapters: one ordered queue per session.
 *
 * Every write (a statement with its id, a State document) is put into localStorage before it
 * is sent, and leaves the queue only when the LRS has answered that it stored it; only then
 * are listeners told (`onStored`), so nothing is counted as sent on hope. While the page
 * lives, writes go one at a time, in order, statements with PUT ?statementId= (a resend is
 * idempotent: the LRS stores a statement once). Network errors, 408, 429 and 5xx are retried
 * with back-off (1 s doubling to 30 s), never sooner than the LRS's Retry-After; a learner's
 * click asks for a flush but never cuts a back-off short. Any other 4xx is parked with a
 * visible note (XAPI-NOTES, "Not losing statements").
 *
 * Leaving (`flushAtExit`): the page cannot wait for answers, so everything still queued goes
 * out in one POST carrying the statements in order (xAPI allows a batch; the LRS stores it in
 * order, so `terminated` stays last), including a statement whose PUT is still under way (the
 * LRS ignores a statement it already holds, so whichever arrives first, order holds). It uses
 * fetch keepalive (sendBeacon cannot send Authorization); what was not stored stays queued.
 *
 * The queue's `key` names whose statements these are (endpoint, activity, registration,
 * actor and, for cmi5, the session): a later launch only ever sends a queue with its own key,
 * so statements are never sent with another session's credentials. Credentials live only in
 * memory: the queue stores bodies, never the Authorization value.
 *
 * Reads at launch (cmi5 token, LMS.LaunchData, the bookmark) are synchronous XHRs: the
 * adapter interface is synchronous (docs/runtime.md) and the player cannot start before
 * it knows the saved state and the mastery score.
 */
(function (ALS) {
  "use strict";

  var VERSION = "1.0.3";
  var PREFIX = "als:xapi:queue:";
  var RETRY = { first: 1000, max: 30000, stalledAfter: 3, retryAfterMax: 300000 };

  function query(params) {
    return Object.keys(params || {}).filter(function (k) { return params[k] !== undefined && params[k] !== null; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
  }

  /* A synchronous request: {status, body} (status 0 when the network failed). */
  function syncRequest(method, url, headers, body) {
    var xhr = new XMLHttpRequest();
    try {
      xhr.open(method, url, false);
      Object.keys(headers || {}).forEach(function (name) { xhr.setRequestHeader(name, headers[name]); });
      xhr.send(body === undefined ? null : body);
    } catch (e) {
      return { status: 0, body: null };
    }
    var parsed = null;
    try { parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { parsed = null; }
    return { status: xhr.status, body: parsed };
  }

  function retryable(status) {
    return status === 0 || status === 408 || status === 429 || status >= 500;
  }

  /* Retry-After in milliseconds (seconds or an HTTP date, RFC 9110 §10.2.3), 0 when absent.
   * Capped, so a wrong date cannot stop delivery for good. */
  function retryAfter(header) {
    if (!header) { return 0; }
    var wait = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
    return isNaN(wait) ? 0 : Math.min(Math.max(wait, 0), RETRY.retryAfterMax);
  }

  /* The LRS at `endpoint` (a URL ending in "/"), authorised with `auth`. It only reads until
   * `own(key)` gives it its queue. */
  function Lrs(endpoint, auth) {
    this.endpoint = endpoint.charAt(endpoint.length - 1) === "/" ? endpoint : endpoint + "/";
    this.auth = auth;
    this.key = null;
    this.pending = [];
    this.inFlight = null;     // the entry being sent one at a time
    this.timer = null;        // a back-off in progress: nothing is sent before it ends
    this.batch = false;       // the exit batch is under way: nothing else is sent meanwhile
    this.notBefore = 0;       // the LRS's Retry-After, as a time
    this.failures = 0;
    this.onStored = function () {};
    this.waiters = [];        // callbacks waiting for the statements to be stored
  }

  /* Forget queues of other sessions of the same learner and activity (keys starting with
   * `prefix`): they can only be sent with their own session's credentials, which are gone. */
  Lrs.discardOthers = function (prefix, own) {
    var store = ALS.localStorage();
    if (!store) { return; }
    Object.keys(store).filter(function (k) { return k.indexOf(PREFIX + prefix) === 0 && k.indexOf(PREFIX + own) !== 0; })
      .forEach(function (k) { store.removeItem(k); });
  };

  Lrs.prototype.headers = function (json) {
    var headers = { "X-Experience-API-Version": VERSION };
    if (this.auth) { headers.Authorization = this.auth; }
    if (json) { headers["Content-Type"] = "application/json"; }
    return headers;
  };

  Lrs.prototype.url = function (path, params) {
    var q = query(params);
    return this.endpoint + path + (q ? "?" + q : "");
  };

  /* GET a document now (launch reads): {status, body}. */
  Lrs.prototype.read = function (path, params) {
    return syncRequest("GET", this.url(path, params), this.headers(false));
  };

  /* Whether the LRS holds the statement `id`: true, false, or null when it cannot say. */
  Lrs.prototype.holds = function (id) {
    var reply = this.read("statements", { statementId: id });
    if (reply.status === 200) { return Boolean(reply.body && reply.body.id === id); }
    return reply.status === 404 ? false : null;
  };

  /* Take the queue kept under `key` in localStorage, with what earlier launches left in it. */
  Lrs.prototype.own = function (key) {
    this.key = PREFIX + key;
    this.pending = this.load();
    return this;
  };

  Lrs.prototype.load = function () {
    var store = ALS.localStorage();
    try { return JSON.parse((store && store.getItem(this.key)) || "[]"); } catch (e) { return []; }
  };

  Lrs.prototype.persist = function () {
    var store = ALS.localStorage();
    try {
      if (store) { store.setItem(this.key, JSON.stringify(this.pending)); }
    } catch (e) { /* full or private: the in-memory queue still delivers this session */ }
  };

  /* Queue a PUT of `body` to `path`. A queued entry with the same `replaces` key that is not
   * being sent is replaced (a State document: only the latest matters). */
  Lrs.prototype.put = function (path, params, body, replaces) {
    var entry = { path: path, params: params, body: JSON.stringify(body), replaces: replaces || null };
    var index = -1;
    for (var i = 0; replaces && i < this.pending.length; i++) {
      if (this.pending[i].replaces === replaces && this.pending[i] !== this.inFlight) { index = i; }
    }
    if (index >= 0) { this.pending[index] = entry; } else { this.pending.push(entry); }
    this.persist();
  };

  Lrs.prototype.statement = function (statement) {
    this.put("statements", { statementId: statement.id }, statement, null);
  };

  /* The queued statement ids, oldest first. */
  Lrs.prototype.queuedIds = function () {
    return this.pending.filter(isStatement).map(function (entry) { return entry.params.statementId; });
  };

  function isStatement(entry) {
    return entry.path === "statements";
  }

  /* One request; resolves to {status, wait}: `wait` is the LRS's Retry-After in ms. */
  Lrs.prototype.request = function (method, url, body) {
    var options = { method: method, headers: this.headers(true), body: body, keepalive: true, credentials: "omit", cache: "no-store" };
    try {
      return fetch(url, options).then(function (response) {
        return { status: response.status, wait: retryAfter(response.headers.get("Retry-After")) };
      }, function () { return { status: 0, wait: 0 }; });
    } catch (e) {
      return Promise.resolve({ status: 0, wait: 0 });  // e.g. over the keepalive size limit
    }
  };

  /* Entries leave the queue once stored; listeners hear of each statement. */
  Lrs.prototype.stored = function (entries) {
    var self = this;
    this.pending = this.pending.filter(function (entry) { return entries.indexOf(entry) < 0; });
    this.persist();
    entries.filter(isStatement).forEach(function (entry) { self.onStored(entry.params.statementId); });
    if (!this.queuedIds().length) { this.settle(); }
  };

  /* Statements: 409 means the LRS already holds a statement with this id. */
  function settled(entry, status) {
    return (status >= 200 && status < 300) || (status === 409 && isStatement(entry));
  }

  Lrs.prototype.park = function (entry, status) {
    this.pending.splice(this.pending.indexOf(entry), 1);
    this.persist();
    var store = ALS.localStorage();
    try {
      var parked = JSON.parse((store && store.getItem(this.key + ":parked")) || "[]");
      parked.push({ entry: entry, status: status });
      if (store) { store.setItem(this.key + ":parked", JSON.stringify(parked)); }
    } catch (e) { /* nothing more to do: the note below tells the learner */ }
    ALS.notify(ALS.t("lms.refused", { status: status }));
  };

  /* Wait before the next try: our back-off, or longer if the LRS said so. */
  Lrs.prototype.backOff = function (wait) {
    var self = this;
    this.failures += 1;
    var delay = Math.max(Math.min(RETRY.first * Math.pow(2, this.failures - 1), RETRY.max), wait);
    this.notBefore = Date.now() + wait;
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, delay);
  };

  /* Send the oldest write, then the next, in order. Does nothing while a write is under way
   * or a back-off runs, so a learner's clicks cannot hurry the LRS. */
  Lrs.prototype.flush = function () {
    var self = this;
    if (this.inFlight || this.timer || this.batch || !this.pending.length) { return; }
    var entry = this.inFlight = this.pending[0];
    this.request("PUT", this.url(entry.path, entry.params), entry.body).then(function (reply) {
      self.inFlight = null;
      if (self.pending.indexOf(entry) < 0) { self.flush(); return; }  // stored meanwhile by the exit batch
      if (settled(entry, reply.status)) {
        self.failures = 0;
        self.stored([entry]);
        self.flush();
      } else if (retryable(reply.status)) {
        self.backOff(reply.wait);
      } else {
        self.park(entry, reply.status);
        self.flush();
      }
    });
  };

  /* The page is going away: every queued statement in one ordered POST, and the latest State
   * document, now (keepalive), unless the LRS asked us to wait (Retry-After): then they stay
   * queued. What the LRS confirms before the page is gone leaves the queue. */
  Lrs.prototype.flushAtExit = function () {
    var self = this;
    if (Date.now() < this.notBefore) { return; }
    var statements = this.pending.filter(isStatement);
    var others = this.pending.filter(function (entry) { return !isStatement(entry) && entry !== self.inFlight; });
    clearTimeout(this.timer);
    this.timer = null;
    if (statements.length) {
      var batch = "[" + statements.map(function (entry) { return entry.body; }).join(",") + "]";
      this.batch = true;
      this.request("POST", this.url("statements"), batch).then(function (reply) {
        self.batch = false;
        if (reply.status === 200) { self.stored(statements); self.flush(); } else { self.backOff(reply.wait); }
      });
    }
    others.forEach(function (entry) {
      self.request("PUT", self.url(entry.path, entry.params), entry.body).then(function (reply) {
        if (settled(entry, reply.status)) { self.stored([entry]); }
      });
    });
  };

  /* Call `done` once every queued statement is stored, or after `limit` ms, whichever is first. */
  Lrs.prototype.whenStored = function (limit, done) {
    var once = function () { if (done) { var call = done; done = null; call(); } };
    if (!this.queuedIds().length) { once(); return; }
    this.waiters.push(once);
    setTimeout(once, limit);
  };

  Lrs.prototype.settle = function () {
    var waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(function (call) { call(); });
  };

  /* True while the LRS keeps failing: the player then tells the learner. */
  Lrs.prototype.stalled = function () {
    return this.failures >= RETRY.stalledAfter;
  };

  ALS.xapiQueue = { Lrs: Lrs, syncRequest: syncRequest };
})(window.ALS);
