/* Statements and the bookmark, shared by the xAPI (lms/xapi.js) and cmi5 (lms/cmi5.js) adapters.
 *
 * A Session knows the learner, the LRS (an ALS.xapiQueue.Lrs), the activity the launch is
 * about and how each standard shapes context. It turns the player's calls into statements
 * (xAPI 1.0.3 in the subset that is also valid 2.0, XAPI-NOTES) and keeps the bookmark and
 * answers in the State API with a copy in localStorage. Activity definitions come from the
 * build (`data.xapi`, als_package/activities.py), so statements match activities.json.
 *
 * Outcome rules (cmi5 §9.3, kept for plain xAPI too so every LRS sees the same history):
 * passed, failed and completed at most once per registration and activity; failed never
 * after passed; failed only when the session (or, in the xAPI course, the module) ends
 * failed, so a cmi5 session never holds both passed and failed; completed once the module
 * or course is passed or completed or every step has been seen. An outcome counts as sent
 * only once the LRS has stored it (the State document keeps the ids still pending; the next
 * launch asks the LRS about them and derives lost ones again from the saved state).
 *
 * The xAPI course package also reports each module's outcome, about the module activity,
 * with the module's score as the learner saw it in the menu. Quiz answers carry the attempt
 * number (per module and registration); free text is sent only if the course opts in.
 */
(function (ALS) {
  "use strict";

  var VERB_BASE = "http://adlnet.gov/expapi/verbs/";
  var PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile";
  var STATE_ID = "als.progress";
  var PLATFORM = "ALS Course Packager runtime";
  var EXIT_WAIT = 5000;  // ms the Exit button waits for terminated to be stored before leaving

  function uuid() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  /* The launch `actor`, also in the 0.95 form with arrays ({"name":["…"],"mbox":["…"]}). */
  function agent(json) {
    var raw;
    try { raw = JSON.parse(json); } catch (e) { return null; }
    if (!raw || typeof raw !== "object") { return null; }
    var first = function (v) { return Array.isArray(v) ? v[0] : v; };
    var out = { objectType: "Agent" };
    if (first(raw.name)) { out.name = first(raw.name); }
    var account = first(raw.account);
    if (first(raw.mbox)) { out.mbox = first(raw.mbox); }
    else if (first(raw.mbox_sha1sum)) { out.mbox_sha1sum = first(raw.mbox_sha1sum); }
    else if (first(raw.openid)) { out.openid = first(raw.openid); }
    else if (account) {
      out.account = { homePage: account.homePage || account.accountServiceHomePage, name: account.name || account.accountName };
    } else { return null; }
    return out;
  }

  /* The player's answer → xAPI response string (runtime/questions.js). */
  function response(x) {
    return ALS.questions.xapi[x.type].format(x.question, x.response);
  }

  /* `template` (cmi5 contextTemplate) wins over `ours`; activity lists are joined. */
  function mergeContext(template, ours) {
    var out = JSON.parse(JSON.stringify(template || {}));
    Object.keys(ours).forEach(function (key) {
      if (key === "contextActivities") {
        var lists = out.contextActivities = out.contextActivities || {};
        Object.keys(ours.contextActivities).forEach(function (name) {
          var have = lists[name] ? [].concat(lists[name]) : [];
          ours.contextActivities[name].forEach(function (a) {
            if (!have.some(function (h) { return h.id === a.id; })) { have.push(a); }
          });
          lists[name] = have;
        });
      } else if (key === "extensions") {
        out.extensions = Object.assign({}, ours.extensions, out.extensions || {});
      } else if (out[key] === undefined) {
        out[key] = ours[key];
      }
    });
    return out;
  }

  /* options: {lrs, actor, registration, data, launchActivity, moduleActivity(id),
   *           context(verb) → extra context for that verb, outcomes: bool (passed, failed,
   *           completed may be sent), saves: bool (progress may be stored), masteryExtension} */
  function Session(options) {
    this.o = options;
    this.data = options.data;
    this.startedAt = new Date();
    this.ended = false;
    this.failures = {};       // outcome key prefix → {score, object, parent} of a failure to report when it ends
    this.submissions = {};    // module id → time of the check submission being reported
    this.lastTime = 0;
    this.doc = { location: "", state: "", sent: {}, pending: {}, attempts: {}, saved: "" };
    this.localKey = "als:xapi:state:" + [options.lrs.endpoint, options.launchActivity.id, options.registration || "",
      JSON.stringify(options.actor)].join("|");
    options.lrs.onStored = this.stored.bind(this);
  }

  Session.prototype.stateParams = function () {
    return { activityId: this.o.launchActivity.id, agent: JSON.stringify(this.o.actor),
      registration: this.o.registration, stateId: STATE_ID };
  };

  Session.prototype.context = function (verb, parent) {
    var xapi = this.data.xapi;
    var ours = {
      platform: PLATFORM,
      language: this.data.course.language,
      contextActivities: { category: [{ objectType: "Activity", id: xapi.profile, definition: { type: PROFILE_TYPE } }] }
    };
    if (this.o.registration) { ours.registration = this.o.registration; }
    if (parent) { ours.contextActivities.parent = [parent]; }
    if (parent || this.o.launchActivity.id !== xapi.course.id) {
      ours.contextActivities.grouping = [{ objectType: "Activity", id: xapi.course.id, definition: { type: xapi.course.definition.type } }];
    }
    return mergeContext(this.o.context(verb), ours);
  };

  /* Timestamps strictly increase within a session: order is by timestamp (cmi5 §9.3), and
   * statements made in one call (failed, suspended, terminated) must not tie. */
  Session.prototype.timestamp = function () {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  };

  /* Build and queue one statement and return its id; nothing is sent after terminated. */
  Session.prototype.send = function (verb, object, result, parent, extensions) {
    if (this.ended) { return null; }
    var context = this.context(verb, parent);
    if (extensions) { context.extensions = Object.assign({}, extensions, context.extensions || {}); }
    var statement = {
      id: uuid(), timestamp: this.timestamp(), actor: this.o.actor,
      verb: { id: VERB_BASE + verb, display: { "en-US": verb } },
      object: object, context: context
    };
    if (result) { statement.result = result; }
    this.o.lrs.statement(statement);
    if (verb === "terminated") { this.ended = true; }
    return statement.id;
  };

  Session.prototype.elapsed = function () {
    return ALS.isoDuration((new Date() - this.startedAt) / 1000);
  };

  /* ---- outcomes: each at most once per registration, counted only once stored ---- */

  /* An outcome (key: "passed", or "MODULE/passed" for a module in the xAPI package) that is
   * stored, or queued and not yet known to be lost. */
  Session.prototype.already = function (key) {
    return Boolean(this.doc.sent[key] || this.doc.pending[key]);
  };

  /* Send an outcome and remember its id until the LRS confirms it (see stored). */
  Session.prototype.record = function (key, verb, object, result, parent, extensions) {
    var id = this.send(verb, object, result, parent, extensions);
    if (id) { this.doc.pending[key] = id; }
    return Boolean(id);
  };

  /* The LRS stored statement `id`: if it was an outcome, it now counts as sent. */
  Session.prototype.stored = function (id) {
    var pending = this.doc.pending;
    var key = Object.keys(pending).filter(function (k) { return pending[k] === id; })[0];
    if (!key) { return; }
    delete pending[key];
    this.doc.sent[key] = true;
    this.store();
  };

  /* Outcomes a previous launch queued but never saw stored: asked of the LRS. Stored ones
   * count; lost ones are forgotten, so this session derives them again from the saved
   * state; those still queued here (xAPI) or unknown (LRS unreachable) stay pending. */
  Session.prototype.checkPending = function () {
    var doc = this.doc;
    var queued = this.o.lrs.queuedIds();
    var lrs = this.o.lrs;
    Object.keys(doc.pending).forEach(function (key) {
      var id = doc.pending[key];
      var held = queued.indexOf(id) >= 0 ? null : lrs.holds(id);
      if (held !== null) { delete doc.pending[key]; }
      if (held) { doc.sent[key] = true; }
    });
  };

  function score(percent) {
    return { scaled: percent / 100, raw: percent, min: 0, max: 100 };
  }

  /* A player outcome for `object` (keys prefixed with `prefix`): passed and completed now;
   * a failure is remembered and reported when the module or session ends. */
  Session.prototype.settle = function (prefix, object, parent, o) {
    var changed = false;
    if (o.status === "passed" && !this.already(prefix + "passed")) {
      changed = this.record(prefix + "passed", "passed", object, { score: score(o.score), success: true, duration: this.elapsed() },
        parent, this.o.masteryExtension);
    }
    if (!this.already(prefix + "completed") && (o.status === "passed" || o.status === "completed" || o.progress >= 1)) {
      changed = this.record(prefix + "completed", "completed", object, { completion: true, duration: this.elapsed() }, parent) || changed;
    }
    this.failures[prefix] = o.status === "failed" ? { score: o.score, object: object, parent: parent } : null;
    if (changed) { this.store(); }
  };

  /* failed, once, never after passed: at the end of a module or session that ended failed. */
  Session.prototype.reportFailure = function (prefix) {
    var failure = this.failures[prefix];
    if (!failure || this.already(prefix + "passed") || this.already(prefix + "failed")) { return; }
    this.record(prefix + "failed", "failed", failure.object, { score: score(failure.score), success: false, duration: this.elapsed() },
      failure.parent, this.o.masteryExtension);
    this.failures[prefix] = null;
  };

  /* ---- what the adapters forward from the player ---- */

  Session.prototype.module = function (id) {
    return this.data.xapi.modules[id];
  };

  Session.prototype.stepShown = function (step) {
    var module = this.module(step.module);
    var activity = module && module.steps[step.id];
    if (activity) { this.send("experienced", activity, null, this.o.moduleActivity(step.module)); }
  };

  /* Attempt number of the check submission reported at `time` (every question of one
   * submission shares its time), counted across sessions of the registration. */
  Session.prototype.attempt = function (moduleId, time) {
    var attempts = this.doc.attempts;
    if (this.submissions[moduleId] !== +time) {
      this.submissions[moduleId] = +time;
      attempts[moduleId] = (attempts[moduleId] || 0) + 1;
    }
    return attempts[moduleId];
  };

  /* Free text is the learner's own writing: by default the statement says that it was
   * answered, not what was written (course.yaml `free_text_in_statements` opts in). */
  Session.prototype.interaction = function (x) {
    var module = this.module(x.module);
    var part = x.type === "likert" ? "likert" : (x.type === "fill-in" ? "texts" : "questions");
    var activity = module && module[part][x.id];
    if (!activity) { return; }
    var result = { duration: ALS.isoDuration(x.latency) };
    if (part !== "texts" || this.data.xapi.freeText) { result.response = response(x); }
    if (x.result !== null) { result.success = x.result; }
    var extensions = null;
    if (part === "questions") {
      extensions = {};
      extensions[this.data.xapi.extensions.attempt] = this.attempt(x.module, x.timestamp);
    }
    this.send("answered", activity, result, this.o.moduleActivity(x.module), extensions);
  };

  /* The launch activity's outcome (the module in cmi5, the course in xAPI). */
  Session.prototype.outcome = function (o) {
    if (this.o.outcomes) { this.settle("", this.o.launchActivity, null, o); }
  };

  /* A module's own outcome inside the xAPI course package, about the module activity. */
  Session.prototype.moduleOutcome = function (id, o) {
    if (this.o.outcomes) { this.settle(id + "/", this.o.moduleActivity(id), this.o.launchActivity, o); }
  };

  Session.prototype.moduleClosed = function (id) {
    this.reportFailure(id + "/");
  };

  Session.prototype.initialized = function () {
    this.send("initialized", this.o.launchActivity);
    this.o.lrs.flush();
  };

  /* End of the session: failures not followed by a pass, suspended if unfinished, terminated
   * last; all of it leaves in one ordered request. */
  Session.prototype.finish = function (finished) {
    var self = this;
    Object.keys(this.failures).sort().reverse().forEach(function (prefix) { self.reportFailure(prefix); });
    if (!finished) { this.send("suspended", this.o.launchActivity); }
    this.send("terminated", this.o.launchActivity, { duration: this.elapsed() });
    this.store();
    this.o.lrs.flushAtExit();
  };

  /* ---- bookmark and answers: State API, with a copy in this browser ---- */

  /* The newer of the LRS's and this browser's document; sends resumed when there is one. */
  Session.prototype.resume = function () {
    var fromLrs = this.o.lrs.read("activities/state", this.stateParams());
    var copy = null;
    var store = ALS.localStorage();
    try { copy = JSON.parse((store && store.getItem(this.localKey)) || "null"); } catch (e) { copy = null; }
    var remote = fromLrs.status === 200 && fromLrs.body && typeof fromLrs.body === "object" ? fromLrs.body : null;
    var doc = remote && (!copy || (remote.saved || "") >= (copy.saved || "")) ? remote : copy;
    if (!doc) { return null; }
    this.doc = { location: doc.location || "", state: doc.state || "", sent: doc.sent || {}, pending: doc.pending || {},
      attempts: doc.attempts || {}, saved: doc.saved || "" };
    this.checkPending();
    if (!doc.state) { return null; }
    this.send("resumed", this.o.launchActivity);
    return doc.state;
  };

  Session.prototype.save = function (location, state) {
    this.doc.location = location;
    this.doc.state = state;
    this.store();
  };

  /* Browse and Review sessions store nothing: their work must not count later (cmi5 §10). */
  Session.prototype.store = function () {
    if (!this.o.saves) { return; }
    this.doc.saved = new Date().toISOString();
    var store = ALS.localStorage();
    try { if (store) { store.setItem(this.localKey, JSON.stringify(this.doc)); } } catch (e) { /* the LRS copy still counts */ }
    this.o.lrs.put("activities/state", this.stateParams(), this.doc, "state");
  };

  /* ---- the adapter object (docs/runtime.md), the same for both standards ---- */

  function launchParams() {
    var params = {};
    new URLSearchParams(window.location.search).forEach(function (value, key) { params[key] = value; });
    return params;
  }

  /* An adapter named `name` whose connect() calls start(data, launch parameters, adapter),
   * which returns the Session, or null when this is not its kind of launch. */
  function adapter(name, start) {
    var session = null;
    var self = {
      name: name,
      connect: function (data) {
        session = start(data, launchParams(), self);
        self.learnerName = session ? session.o.actor.name || "" : "";  // shown on the certificate only
        return Boolean(session);
      },
      resume: function () { return session.resume(); },
      saveProgress: function (location, state) { session.save(location, state); },
      reportOutcome: function (outcome) { session.outcome(outcome); },
      recordInteraction: function (x) { session.interaction(x); },
      stepShown: function (step) { session.stepShown(step); },
      moduleOutcome: function (id, outcome) { session.moduleOutcome(id, outcome); },
      moduleClosed: function (id) { session.moduleClosed(id); },
      commit: function () {
        session.o.lrs.flush();
        return !session.o.lrs.stalled();
      },
      finish: function (finished) { session.finish(finished); },
      whenStored: function (done) { session.o.lrs.whenStored(EXIT_WAIT, done); }
    };
    return self;
  }

  ALS.xapiStatements = { Session: Session, adapter: adapter, agent: agent, uuid: uuid };
})(window.ALS);
