/* Delivery to an LRS for the xAPI and cmi5 adapters: one queue, so nothing is written twice.
 *
 * Every write (a statement PUT with its id, a State document PUT) is put into localStorage
 * before it is sent, and leaves the queue only when the LRS has taken it. Sending is one
 * request at a time, in order; network errors, 408, 429 and 5xx are retried with back-off
 * (XAPI-NOTES, "Not losing statements"); any other 4xx is parked with a visible note. A
 * statement is sent with PUT ?statementId=, so a resend (after a lost answer, from the next
 * launch, or twice during page hide) is idempotent: the LRS answers 204 and stores it once.
 * On page hide everything left goes out with fetch keepalive (sendBeacon cannot send the
 * Authorization header). Credentials live only in memory: the queue stores bodies, never
 * the Authorization value.
 *
 * Reads at launch (cmi5 token, LMS.LaunchData, the bookmark) are synchronous XHRs: the
 * adapter interface is synchronous (docs/runtime.md) and the player cannot start before
 * it knows the saved state and the mastery score.
 */
(function (ALS) {
  "use strict";

  var VERSION = "1.0.3";
  var RETRY = { first: 1000, max: 30000, stalledAfter: 3 };

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

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

  /* The LRS at `endpoint` (a URL ending in "/"), authorised with `auth`; pending writes are
   * kept under `key` in localStorage. */
  function Lrs(endpoint, auth, key) {
    this.endpoint = endpoint.charAt(endpoint.length - 1) === "/" ? endpoint : endpoint + "/";
    this.auth = auth;
    this.key = "als:xapi:queue:" + key;
    this.pending = this.load();
    this.sending = false;
    this.failures = 0;
    this.timer = null;
  }

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

  Lrs.prototype.load = function () {
    var store = storage();
    try { return JSON.parse((store && store.getItem(this.key)) || "[]"); } catch (e) { return []; }
  };

  Lrs.prototype.persist = function () {
    var store = storage();
    try {
      if (store) { store.setItem(this.key, JSON.stringify(this.pending)); }
    } catch (e) { /* full or private: the in-memory queue still delivers this session */ }
  };

  /* Queue a PUT of `body` to `path`. Entries with the same `replaces` key that are not yet
   * being sent are replaced (a State document: only the latest matters). */
  Lrs.prototype.put = function (path, params, body, replaces) {
    var entry = { path: path, params: params, body: JSON.stringify(body), replaces: replaces || null };
    var index = -1;
    for (var i = this.sending ? 1 : 0; replaces && i < this.pending.length; i++) {
      if (this.pending[i].replaces === replaces) { index = i; }
    }
    if (index >= 0) { this.pending[index] = entry; } else { this.pending.push(entry); }
    this.persist();
  };

  Lrs.prototype.statement = function (statement) {
    this.put("statements", { statementId: statement.id }, statement, null);
  };

  Lrs.prototype.send = function (entry, keepalive) {
    return fetch(this.url(entry.path, entry.params), {
      method: "PUT", headers: this.headers(true), body: entry.body, keepalive: Boolean(keepalive),
      credentials: "omit", cache: "no-store"
    }).then(function (response) { return response.status; }, function () { return 0; });
  };

  Lrs.prototype.remove = function (entry) {
    var index = this.pending.indexOf(entry);
    if (index >= 0) { this.pending.splice(index, 1); this.persist(); }
  };

  /* Statements: 409 means the LRS already holds a statement with this id. */
  Lrs.prototype.settled = function (entry, status) {
    return (status >= 200 && status < 300) || (status === 409 && entry.path === "statements");
  };

  Lrs.prototype.park = function (entry, status) {
    this.remove(entry);
    var store = storage();
    try {
      var parked = JSON.parse((store && store.getItem(this.key + ":parked")) || "[]");
      parked.push({ entry: entry, status: status });
      if (store) { store.setItem(this.key + ":parked", JSON.stringify(parked)); }
    } catch (e) { /* nothing more to do: the note below tells the learner */ }
    ALS.notify("Your learning record store refused part of your progress (HTTP " + status + "). Please tell your administrator.");
  };

  /* Send what is pending, in order. With `keepalive` (page hide) everything goes at once
   * and what succeeds is dropped; the rest stays for the next launch. */
  Lrs.prototype.flush = function (keepalive) {
    var self = this;
    clearTimeout(this.timer);
    if (keepalive) {
      this.pending.slice().forEach(function (entry) {
        self.send(entry, true).then(function (status) { if (self.settled(entry, status)) { self.remove(entry); } });
      });
      return;
    }
    if (this.sending || !this.pending.length) { return; }
    this.sending = true;
    var entry = this.pending[0];
    this.send(entry, false).then(function (status) {
      self.sending = false;
      if (self.settled(entry, status)) {
        self.failures = 0;
        self.remove(entry);
        self.flush(false);
      } else if (retryable(status)) {
        self.failures += 1;
        var delay = Math.min(RETRY.first * Math.pow(2, self.failures - 1), RETRY.max);
        self.timer = setTimeout(function () { self.flush(false); }, delay);
      } else {
        self.park(entry, status);
        self.flush(false);
      }
    });
  };

  /* True while the LRS keeps failing: the player then tells the learner. */
  Lrs.prototype.stalled = function () {
    return this.failures >= RETRY.stalledAfter;
  };

  ALS.xapiQueue = { Lrs: Lrs, syncRequest: syncRequest };
})(window.ALS);
