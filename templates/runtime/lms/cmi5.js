/* cmi5 adapter (cmi5 "Quartz" §8-11): one module page is one AU.
 *
 * Launch flow, all before the player starts (synchronous reads, see lms/xapi-queue.js):
 *  1. launch URL ?endpoint&fetch&actor&registration&activityId;
 *  2. one POST to `fetch` for the auth token, kept in sessionStorage for this session so a
 *     reload never fetches twice (§8.2);
 *  3. LMS.LaunchData from the State API (never written by the AU): contextTemplate,
 *     launchMode, masteryScore, returnURL (§10); the agent profile cmi5LearnerPreferences
 *     (§11; this course has one language and no audio, so nothing in it changes the page);
 *  4. initialized, then allowed statements (experienced, answered, suspended, resumed),
 *     passed/failed/completed only in Normal mode, terminated last.
 * Browse and Review (§10) send no outcome and store nothing: work done there cannot count
 * later, and the page says so. Statements are queued per session (ownQueue).
 * Every statement's context is built on contextTemplate (session id, publisher id);
 * cmi5-defined statements carry the cmi5 category, those with success or completion the
 * moveon category too. A LaunchData masteryScore overrides the built one (`masteryScore`)
 * and is cited in passed/failed. With a returnURL the page shows an Exit button that
 * terminates the session and goes there (§10: redirect when the AU is terminated).
 */
(function (ALS) {
  "use strict";

  var CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/";
  var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var DEFINED = { initialized: true, completed: true, passed: true, failed: true, terminated: true };
  var MOVE_ON = { completed: true, passed: true, failed: true };
  var SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
  var X = ALS.xapiStatements;

  function storedToken(fetchUrl) {
    var key = "als:cmi5:token:" + fetchUrl;
    var store = null;
    try { store = window.sessionStorage; } catch (e) { store = null; }
    var token = store && store.getItem(key);
    if (token) { return token; }
    var reply = ALS.xapiQueue.syncRequest("POST", fetchUrl, {});
    token = reply.status === 200 && reply.body && reply.body["auth-token"];
    if (!token) { return null; }
    if (store) { store.setItem(key, token); }
    return token;
  }

  function category(name) {
    return { objectType: "Activity", id: CATEGORY + name };
  }

  /* The contextTemplate plus, for cmi5-defined verbs, the cmi5 (and moveon) categories. */
  function contextFor(template) {
    return function (verb) {
      var context = JSON.parse(JSON.stringify(template || {}));
      if (!DEFINED[verb]) { return context; }
      var lists = context.contextActivities = context.contextActivities || {};
      lists.category = [].concat(lists.category || [], [category("cmi5")], MOVE_ON[verb] ? [category("moveon")] : []);
      return context;
    };
  }

  /* The session's queue: keyed by the session id of the launch (LMS.LaunchData's
   * contextTemplate), so a later session never sends this one's statements with its own
   * token (the LMS would take them as its own, or refuse them). Queues that earlier sessions
   * left behind are dropped: their outcomes are re-derived from the State document. */
  function ownQueue(lrs, p, ld) {
    var base = [p.endpoint, p.activityId, p.registration, p.actor].join("|") + "|";
    var session = ((ld.contextTemplate || {}).extensions || {})[SESSION_ID] || "";
    ALS.xapiQueue.Lrs.discardOthers(base, base + session);
    return lrs.own(base + session);
  }

  ALS.adapters.push(X.adapter("cmi5", function (data, p, adapter) {
    var actor = p.actor && X.agent(p.actor);
    if (!p.endpoint || !p.fetch || !actor || !p.activityId || !p.registration || !data.xapi) { return null; }
    var token = storedToken(p.fetch);
    if (!token) { return null; }
    var lrs = new ALS.xapiQueue.Lrs(p.endpoint, "Basic " + token);
    var agentParam = JSON.stringify(actor);
    var reply = lrs.read("activities/state", { stateId: "LMS.LaunchData", activityId: p.activityId, agent: agentParam, registration: p.registration });
    var ld = reply.status === 200 && reply.body;
    if (!ld || !ld.contextTemplate) { return null; }
    var preferences = lrs.read("agents/profile", { agent: agentParam, profileId: "cmi5LearnerPreferences" });
    adapter.preferences = preferences.status === 200 && preferences.body ? preferences.body : {};
    var au = { objectType: "Activity", id: p.activityId, definition: data.xapi.modules[data.module.id].activity.definition };
    var mastery = null;
    if (typeof ld.masteryScore === "number") {
      adapter.masteryScore = Math.round(ld.masteryScore * 10000) / 100;
      mastery = {};
      mastery[MASTERY] = ld.masteryScore;
    }
    var normal = ld.launchMode === "Normal";
    var session = new X.Session({
      lrs: ownQueue(lrs, p, ld), actor: actor, registration: p.registration, data: data, launchActivity: au,
      outcomes: normal, saves: normal, masteryExtension: mastery,
      moduleActivity: function () { return au; },
      context: contextFor(ld.contextTemplate)
    });
    session.initialized();
    if (!normal) { adapter.notice = ALS.t("lms.browse"); }
    if (ld.returnURL) { adapter.exitUrl = ld.returnURL; }
    return session;
  }));
})(window.ALS);
