/* Question types: the one place in the runtime that knows each type.
 *
 * TYPES says how the player reads an answer from its fieldset and writes it back, when it
 * is complete and correct, and how the saved state writes it in a closed alphabet (state.js;
 * the worst-case width is in als_package/state_budget.py). One table per standard says how
 * that standard names the interaction type and writes a response or correct answer; likert
 * and free-text answers are reported through the same tables. Adding a question type = an
 * entry in TYPES and in each standard's table, plus its block in
 * templates/pages/steps.html.j2.
 *
 * `arrange` puts a question's options in the attempt's shuffled order (questions with
 * `shuffle: false` keep the page's order; pinned choices keep their source place). Only the
 * display changes: answers, the saved state and every report use the author's ids.
 *
 * Answers in the player's terms: single and true-false a choice id ("true"/"false"),
 * multiple a list of choice ids in source order, matching {pair id: target number},
 * ordering the item id at each position (null where none is chosen); null when nothing is
 * answered.
 */
(function (root) {
  "use strict";

  /* Single-character identifiers: SCORM 1.2 responses (RTE 3.4.2.3.5) and the saved state. */
  var LETTERS = "abcdefgh";

  function letter(ids, id) { return LETTERS.charAt(ids.indexOf(id)); }

  /* ---- the player's side ---- */

  function checkedOne(q, box) {
    var picked = box.querySelector("input:checked");
    return picked ? picked.value : null;
  }

  function checkInputs(q, box, answer) {
    Array.prototype.forEach.call(box.querySelectorAll("input"), function (input) {
      input.checked = answer !== null && (Array.isArray(answer) ? answer.indexOf(input.value) >= 0 : answer === input.value);
    });
  }

  /* The select of each pair (matching: "q.pair") or position (ordering: "q.1"), in order. */
  function selects(q, box, keys) {
    return keys.map(function (k) { return box.querySelector("select[name='" + q.id + "." + k + "']"); });
  }

  function positions(q) { return q.items.map(function (_, i) { return i + 1; }); }

  /* A seeded generator (mulberry32 over an FNV-1a hash of the attempt's seed and the question
   * id): the same attempt always gives the same order, and each question its own. */
  function generator(seed, salt) {
    var h = 2166136261;
    var text = seed + ":" + salt;
    for (var i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 16777619); }
    return function () {
      h = (h + 0x6D2B79F5) | 0;
      var t = Math.imul(h ^ (h >>> 15), h | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* `ids` in a random order (Fisher-Yates); pinned ids keep their own places. */
  function shuffled(ids, pinned, random) {
    var free = ids.filter(function (id) { return pinned.indexOf(id) < 0; });
    for (var i = free.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = free[i];
      free[i] = free[j];
      free[j] = swap;
    }
    return ids.map(function (id) { return pinned.indexOf(id) >= 0 ? id : free.shift(); });
  }

  /* Every select of a question lists its options (after the empty "Choose…") in `order`. */
  function orderOptions(selectList, order) {
    selectList.forEach(function (select) {
      order.forEach(function (value) { select.appendChild(select.querySelector("option[value='" + value + "']")); });
    });
  }

  /* Each choice's row and its feedback move together, before the question's feedback panel. */
  function orderChoices(q, box, random) {
    var panel = box.querySelector(".als-feedback");
    shuffled(q.choices, q.pinned, random).forEach(function (id) {
      box.insertBefore(box.querySelector("input[value='" + id + "']").parentNode, panel);
      box.insertBefore(box.querySelector("[data-feedback-for='" + id + "']"), panel);
    });
  }

  var oneChoice = {
    read: checkedOne,
    write: checkInputs,
    arrange: orderChoices,
    complete: function () { return true; },
    isCorrect: function (q, answer) { return answer === q.correct; }
  };

  function extend(base, own) {
    var out = {};
    [base, own].forEach(function (o) { Object.keys(o).forEach(function (k) { out[k] = o[k]; }); });
    return out;
  }

  var TYPES = {
    single: extend(oneChoice, {
      encode: function (q, answer) { return letter(q.choices, answer); },
      decode: function (q, text) { return q.choices[LETTERS.indexOf(text)] || null; }
    }),
    "true-false": extend(oneChoice, {
      arrange: function () {},
      encode: function (q, answer) { return answer === "true" ? "t" : "f"; },
      decode: function (q, text) { return text === "t" ? "true" : "false"; }
    }),
    multiple: {
      /* In source order, whatever order the choices are shown in. */
      read: function (q, box) {
        var ids = q.choices.filter(function (id) { return box.querySelector("input[value='" + id + "']").checked; });
        return ids.length ? ids : null;
      },
      write: checkInputs,
      arrange: orderChoices,
      complete: function () { return true; },
      isCorrect: function (q, answer) { return answer.slice().sort().join(",") === q.correct.slice().sort().join(","); },
      encode: function (q, answer, hex) {
        return hex.fromBits(q.choices.map(function (c) { return answer.indexOf(c) >= 0; }), q.choices.length);
      },
      decode: function (q, text, hex) {
        var bits = hex.toBits(text, q.choices.length);
        return q.choices.filter(function (c, i) { return bits[i]; });
      }
    },
    matching: {
      read: function (q, box) {
        var pairs = {};
        selects(q, box, q.pairs).forEach(function (select, i) { if (select.value) { pairs[q.pairs[i]] = select.value; } });
        return Object.keys(pairs).length ? pairs : null;
      },
      write: function (q, box, answer) {
        selects(q, box, q.pairs).forEach(function (select, i) { select.value = (answer && answer[q.pairs[i]]) || ""; });
      },
      arrange: function (q, box, random) {
        var targets = [];
        while (targets.length < q.targets) { targets.push(String(targets.length + 1)); }
        orderOptions(selects(q, box, q.pairs), shuffled(targets, [], random));
      },
      complete: function (q, answer) { return q.pairs.every(function (p) { return answer[p]; }); },
      isCorrect: function (q, answer) { return q.pairs.every(function (p) { return answer[p] === q.correct[p]; }); },
      encode: function (q, answer) { return q.pairs.map(function (p) { return answer[p] || "0"; }).join(""); },
      decode: function (q, text) {
        var pairs = {};
        q.pairs.forEach(function (p, i) { if (text.charAt(i) && text.charAt(i) !== "0") { pairs[p] = text.charAt(i); } });
        return pairs;
      }
    },
    ordering: {
      read: function (q, box) {
        var order = selects(q, box, positions(q)).map(function (select) { return select.value || null; });
        return order.some(Boolean) ? order : null;
      },
      write: function (q, box, answer) {
        selects(q, box, positions(q)).forEach(function (select, i) { select.value = (answer && answer[i]) || ""; });
      },
      arrange: function (q, box, random) { orderOptions(selects(q, box, positions(q)), shuffled(q.items, [], random)); },
      complete: function (q, answer) { return answer.every(Boolean); },
      isCorrect: function (q, answer) { return answer.join(",") === q.correct.join(","); },
      encode: function (q, answer) { return answer.map(function (id) { return id ? letter(q.items, id) : "-"; }).join(""); },
      decode: function (q, text) { return q.items.map(function (_, i) { return q.items[LETTERS.indexOf(text.charAt(i))] || null; }); }
    }
  };

  /* ---- the standards' side: interaction type and response format per answer kind ---- */

  function plain(q, value) { return String(value); }

  /* "a[,]b" lists and "source[.]target" pairs: SCORM 2004 RTE 4.2.9 and xAPI 1.0.3 §2.4.8.1.1. */
  function pairsList(q, value) {
    return q.pairs.filter(function (p) { return value[p]; }).map(function (p) { return p + "[.]" + value[p]; }).join("[,]");
  }

  /* SCORM 1.2 (RTE 3.4.2.3): letters for identifiers, "," between them, "." in a pair;
   * free text on one line, at most 255 characters. */
  var SCORM12 = {
    single: { type: "choice", format: function (q, value) { return letter(q.choices, value); } },
    multiple: { type: "choice", format: function (q, value) {
      return q.choices.map(function (c, i) { return value.indexOf(c) >= 0 ? LETTERS.charAt(i) : null; }).filter(Boolean).join(",");
    } },
    "true-false": { type: "true-false", format: function (q, value) { return value === "true" ? "t" : "f"; } },
    matching: { type: "matching", format: function (q, value) {
      return q.pairs.filter(function (p) { return value[p]; }).map(function (p) { return letter(q.pairs, p) + "." + value[p]; }).join(",");
    } },
    ordering: { type: "sequencing", format: function (q, value) {
      return value.map(function (id) { return letter(q.items, id); }).join(",");
    } },
    likert: { type: "likert", format: plain },
    "fill-in": { type: "fill-in", format: function (q, value) { return String(value).replace(/\s+/g, " ").slice(0, 255); } }
  };

  /* SCORM 2004 (RTE 4.2.9): the source ids themselves; free text is shaped by the adapter,
   * which picks fill-in or long-fill-in by length. */
  var SCORM2004 = {
    single: { type: "choice", format: plain },
    multiple: { type: "choice", format: function (q, value) {
      return q.choices.filter(function (c) { return value.indexOf(c) >= 0; }).join("[,]");
    } },
    "true-false": { type: "true-false", format: plain },
    matching: { type: "matching", format: pairsList },
    ordering: { type: "sequencing", format: function (q, value) { return value.join("[,]"); } },
    likert: { type: "likert", format: plain }
  };

  /* xAPI result.response (XAPI-NOTES); the interactionType is in the build's activity
   * definitions (als_package/activities.py). */
  function idList(q, value) { return value.filter(Boolean).join("[,]"); }
  var XAPI = {
    single: { format: plain },
    multiple: { format: idList },
    "true-false": { format: plain },
    matching: { format: pairsList },
    ordering: { format: idList },
    likert: { format: plain },
    "fill-in": { format: plain }
  };

  var api = {
    read: function (q, box) { return TYPES[q.type].read(q, box); },
    write: function (q, box, answer) { TYPES[q.type].write(q, box, answer); },
    /* Show the question's options in the order `seed` (the attempt's, state.js) gives. */
    arrange: function (q, box, seed) { if (q.shuffle) { TYPES[q.type].arrange(q, box, generator(seed, q.id)); } },
    complete: function (q, answer) { return answer !== null && TYPES[q.type].complete(q, answer); },
    isCorrect: function (q, answer) { return answer !== null && TYPES[q.type].isCorrect(q, answer); },
    /* The saved form of an answer ("" for none); `hex` is state.js's bit-list codec. */
    encode: function (q, answer, hex) { return answer === null || answer === undefined ? "" : TYPES[q.type].encode(q, answer, hex); },
    decode: function (q, text, hex) { return text ? TYPES[q.type].decode(q, text, hex) : null; },
    scorm12: SCORM12,
    scorm2004: SCORM2004,
    xapi: XAPI
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.ALS.questions = api;
  }
})(this);
