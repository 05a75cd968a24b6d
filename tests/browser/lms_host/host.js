/*
 * A minimal LMS player page for the browser tests.
 *
 * It plays the LMS side of a launch the way Moodle-style players do: it creates the SCORM
 * run-time API with scorm-again (the independent implementation of the LMS side), loads
 * the learner's stored data, puts the API where a SCO's discovery algorithm finds it
 * (`window.API` for SCORM 1.2, `window.API_1484_11` for SCORM 2004), and opens the SCO in
 * an iframe. Every API call the SCO makes is recorded with its arguments, its return value
 * and the error code the API reports right after it.
 *
 * Ending the attempt navigates the iframe away, so the SCO unloads as it does when a learner
 * closes it in an LMS; the test then reads back the calls and the data the LMS holds.
 *
 * Driven from Python (tests/browser/lms.py) through `window.lmsHost`.
 */
(function () {
  "use strict";

  var STANDARDS = {
    scorm12: {
      global: "API",
      constructorName: "Scorm12API",
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      initialize: "LMSInitialize",
      finish: "LMSFinish",
      commit: "LMSCommit",
      getLastError: "LMSGetLastError",
      // SCORM 1.2 RTE 3.4.4: 101 = General Exception (1.2 has no commit-specific code).
      commitFailureCode: "101"
    },
    scorm2004: {
      global: "API_1484_11",
      constructorName: "Scorm2004API",
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
                "GetLastError", "GetErrorString", "GetDiagnostic"],
      initialize: "Initialize",
      finish: "Terminate",
      commit: "Commit",
      getLastError: "GetLastError",
      // SCORM 2004 RTE 3.1.7.6: 391 = General Commit Failure.
      commitFailureCode: "391"
    }
  };

  var state = null;

  function clone(value) {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  }

  function cmiSnapshot(api) {
    var rendered = api.renderCMIToJSONObject();
    var snapshot = { cmi: clone(rendered.cmi !== undefined ? rendered.cmi : rendered) };
    if (rendered.adl !== undefined) snapshot.adl = clone(rendered.adl);
    try {
      // What an LMS would store as the learner's accumulated time after this session.
      snapshot.total_time_now = api.cmi.getCurrentTotalTime();
    } catch (e) {
      snapshot.total_time_now = null;
    }
    return snapshot;
  }

  function describeError(err) {
    return { name: err && err.name ? String(err.name) : "Error",
             message: err && err.message ? String(err.message) : String(err) };
  }

  /* The commit failure a test asks for (on purpose: the real API never fails). */
  function injectedCommitFailure(st) {
    var plan = st.commitFailure;
    if (!plan) return null;
    if (plan.times !== null && plan.times !== undefined && st.commitAttempts > plan.times) return null;
    return plan.mode; // "false" or "throw"
  }

  /* The API object the SCO sees: each method records the call and forwards it to scorm-again.
   * `st` is this launch's record, so a SCO left over from an earlier launch cannot write
   * into a later one. */
  function wrap(api, spec, st) {
    var facade = {};
    spec.methods.forEach(function (name) {
      var original = api[name];
      facade[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var entry = { seq: st.calls.length, method: name, args: clone(args) };
        st.calls.push(entry);
        if (name === spec.commit) {
          st.commitAttempts += 1;
          var failure = injectedCommitFailure(st);
          if (failure === "throw") {
            api.lastErrorCode = spec.commitFailureCode;
            entry.threw = { name: "Error", message: "mock LMS: commit request failed" };
            entry.error = spec.commitFailureCode;
            entry.injected = "throw";
            throw new Error("mock LMS: commit request failed");
          }
          if (failure === "false") {
            api.lastErrorCode = spec.commitFailureCode;
            entry.result = "false";
            entry.error = spec.commitFailureCode;
            entry.injected = "false";
            return "false";
          }
        }
        var result;
        try {
          result = original.apply(api, args);
        } catch (err) {
          entry.threw = describeError(err);
          entry.error = String(api[spec.getLastError]());
          throw err;
        }
        entry.result = clone(result);
        entry.error = String(api[spec.getLastError]());
        if ((name === spec.commit || name === spec.finish) && String(result) === "true") {
          // What the LMS has persisted: the state at the last successful commit.
          st.committed = cmiSnapshot(api);
          st.committedAt = entry.seq;
        }
        return result;
      };
    });
    return facade;
  }

  function scoFrame() {
    var frame = document.getElementById("sco");
    if (!frame) {
      frame = document.createElement("iframe");
      frame.id = frame.name = "sco";
      frame.title = "Course content";
      document.querySelector("main").appendChild(frame);
    }
    return frame;
  }

  function launch(config) {
    if (state && !state.ended) {
      // One attempt at a time: end the running one first, as an LMS would.
      return end().then(function () { return launch(config); });
    }
    var spec = STANDARDS[config.standard];
    if (!spec) throw new Error("unknown standard " + config.standard);
    var Ctor = window[spec.constructorName];
    if (typeof Ctor !== "function") throw new Error(spec.constructorName + " is not loaded");

    var st = state = {
      config: clone(config),
      spec: spec,
      calls: [],
      log: [],
      committed: null,
      committedAt: null,
      commitAttempts: 0,
      commitFailure: config.commitFailure || null,
      api: null,
      loadErrors: [],
      ended: false
    };

    var settings = Object.assign({
      autocommit: false,
      // Report what the SCO sets; an LMS-side rewrite of lesson_status from the score
      // would hide the SCO's own behaviour from the tests.
      mastery_override: false,
      logLevel: 1,
      onLogMessage: function (level, message) {
        st.log.push({ level: level, message: String(message) });
      }
    }, config.settings || {});

    var api = new Ctor(settings);
    if (config.stored) {
      var before = st.log.length;
      if (config.storedFormat === "flattened") api.loadFromFlattenedJSON(config.stored);
      else api.loadFromJSON(config.stored);
      st.loadErrors = st.log.slice(before).filter(function (m) {
        return m.level === 4 || m.level === "ERROR";
      });
    }
    st.api = api;
    window.lmsApi = api; // the raw scorm-again object, for tests that must look inside

    Object.keys(STANDARDS).forEach(function (key) { delete window[STANDARDS[key].global]; });
    if (config.installApi !== false) {
      window[spec.global] = wrap(api, spec, st);
    }

    st.mode = config.mode || "frame";
    if (st.mode === "popup") {
      // A new window, as LMSs do for "open in a new window": the SCO finds the API
      // through window.opener.
      st.popup = window.open(config.launchUrl, "als-sco");
      return until(function () {
        return st.popup.location.href !== "about:blank" && st.popup.document.readyState === "complete";
      });
    }
    var frame = scoFrame();
    return new Promise(function (resolve) {
      frame.addEventListener("load", function onLoad() {
        frame.removeEventListener("load", onLoad);
        resolve(true);
      });
      frame.src = st.mode === "nested"
        ? "/__lms__/nest.html?launch=" + encodeURIComponent(config.launchUrl)
        : config.launchUrl;
    });
  }

  /* Resolve once test() is true (polled; used only where no event says it). */
  function until(test) {
    return new Promise(function (resolve) {
      (function poll() {
        var ok = false;
        try { ok = test(); } catch (e) { ok = false; }
        if (ok) resolve(true); else setTimeout(poll, 20);
      })();
    });
  }

  function results() {
    if (!state) return null;
    return {
      standard: state.config.standard,
      calls: clone(state.calls),
      log: clone(state.log),
      loadErrors: clone(state.loadErrors),
      current: cmiSnapshot(state.api),
      committed: clone(state.committed),
      committedAt: state.committedAt,
      ended: state.ended
    };
  }

  /* End the attempt as an LMS does: navigate the SCO's frame away so that it unloads. */
  function end(how) {
    var frame = scoFrame();
    return new Promise(function (resolve) {
      function done() {
        state.ended = true;
        resolve(results());
      }
      if (state.mode === "popup") {
        // Navigate the SCO's window away (it unloads), then close it. Closing alone is
        // asynchronous: `closed` turns true before the SCO's pagehide handlers have run.
        var popup = state.popup;
        popup.location.href = "/__lms__/after.html";
        until(function () {
          return popup.location.pathname === "/__lms__/after.html" && popup.document.readyState === "complete";
        }).then(function () { popup.close(); done(); });
        return;
      }
      if (how === "remove") {
        frame.parentNode.removeChild(frame);
        done();
        return;
      }
      frame.addEventListener("load", function onLoad() {
        frame.removeEventListener("load", onLoad);
        done();
      });
      frame.src = "/__lms__/after.html";
    });
  }

  window.lmsHost = { launch: launch, end: end, results: results };
})();
