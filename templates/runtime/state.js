/* Compact, escape-free encoding of a learner's progress in one module.
 *
 *   S2~step~seen~best~submitted~answers~checks~likert~seed~texts
 *
 * `seed` (SEED_WIDTH base-36 characters) fixes the attempt's shuffled choice order, so a
 * resumed attempt shows the same order (questions.js).
 * Every field but the last uses a closed alphabet, so only texts can contain "~"; texts
 * are length-prefixed ("5:Hello") and need no escaping. Each question type writes its own
 * answers (runtime/questions.js). The worst case is computed by
 * als_package/state_budget.py, which gives each text field its share of SCORM 1.2's
 * 4,096 characters: keep the two in step.
 */
(function (root) {
  "use strict";

  var FIXED = 9;  // fields before the texts
  var SEED_WIDTH = 4;

  /* A new attempt's shuffle seed. */
  function newSeed() {
    var seed = "";
    while (seed.length < SEED_WIDTH) { seed += Math.floor(Math.random() * 36).toString(36); }
    return seed;
  }
  var questions = typeof module === "object" && module.exports ? require("./questions.js") : root.ALS.questions;

  function emptyState(data) {
    return {
      step: 0, seen: [], best: null, submitted: false, seed: newSeed(),
      answers: data.questions.map(function () { return null; }),
      checks: {}, likert: {}, texts: {}
    };
  }

  function bitsToHex(bits, count) {
    var out = "";
    for (var i = 0; i < count; i += 4) {
      var digit = 0;
      for (var b = 0; b < 4; b++) { if (bits[i + b]) { digit |= 1 << b; } }
      out += digit.toString(16);
    }
    return out;
  }

  function hexToBits(hex, count) {
    var bits = [];
    for (var i = 0; i < count; i++) {
      var digit = parseInt(hex.charAt(i >> 2) || "0", 16);
      bits.push(Boolean(digit & (1 << (i % 4))));
    }
    return bits;
  }

  /* The bit-list codec question types use for their saved answers (questions.js). */
  var hex = { fromBits: bitsToHex, toBits: hexToBits };

  /* Length-prefixed strings ("5:Hello0:3:abc"): any character may appear, nothing is escaped. */
  function joinPrefixed(values) {
    return values.map(function (v) { return v.length + ":" + v; }).join("");
  }

  function splitPrefixed(text, count) {
    var values = [];
    var at = 0;
    for (var i = 0; i < count; i++) {
      var colon = text.indexOf(":", at);
      var length = parseInt(text.slice(at, colon), 10);
      at = colon + 1 + length;
      if (colon < 0 || isNaN(length) || at > text.length) { throw new Error("damaged length-prefixed list"); }
      values.push(text.substr(colon + 1, length));
    }
    if (at !== text.length) { throw new Error("damaged length-prefixed list"); }
    return values;
  }

  /* The fixed fields and the texts section, or null if `encoded` is not a whole state. */
  function fields(encoded) {
    var parts = [];
    var rest = encoded || "";
    for (var i = 0; i < FIXED; i++) {
      var cut = rest.indexOf("~");
      if (cut < 0) { return null; }
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    return parts[0] === codec.version ? { parts: parts, texts: rest } : null;
  }

  function encode(data, state) {
    var steps = data.steps.length;
    return [
      codec.version,
      String(state.step),
      bitsToHex(state.seen, steps),
      state.best === null ? "" : String(state.best),
      state.submitted ? "1" : "",
      data.questions.map(function (q, i) { return questions.encode(q, state.answers[i], hex); }).join("."),
      bitsToHex(data.checks.map(function (id) { return Boolean(state.checks[id]); }), data.checks.length),
      data.likert.map(function (s) { return String(state.likert[s.id] || 0); }).join(""),
      state.seed,
      joinPrefixed(data.texts.map(function (t) { return (state.texts[t.id] || "").slice(0, data.textLimit); }))
    ].join("~");
  }

  /* The saved state, or a fresh one if `text` is empty, from another version, or damaged. */
  function decode(data, text) {
    var state = emptyState(data);
    var f = fields(text);
    if (!f) { return state; }
    var parts = f.parts;
    try {
      var answers = parts[5].split(".");
      var checks = hexToBits(parts[6], data.checks.length);
      var texts = splitPrefixed(f.texts, data.texts.length);
      state.step = Math.min(Math.max(parseInt(parts[1], 10) || 0, 0), data.steps.length - 1);
      state.seen = hexToBits(parts[2], data.steps.length);
      state.best = parts[3] === "" ? null : Number(parts[3]);
      state.submitted = parts[4] === "1";
      state.answers = data.questions.map(function (q, n) { return questions.decode(q, answers[n], hex); });
      data.checks.forEach(function (id, n) { if (checks[n]) { state.checks[id] = true; } });
      data.likert.forEach(function (s, n) {
        var value = Number(parts[7].charAt(n));
        if (value > 0) { state.likert[s.id] = value; }
      });
      data.texts.forEach(function (t, n) { state.texts[t.id] = texts[n]; });
      if (/^[0-9a-z]+$/.test(parts[8]) && parts[8].length === SEED_WIDTH) { state.seed = parts[8]; }
    } catch (e) {
      return emptyState(data);
    }
    return state;
  }

  /* What the course menu needs to know of a module's saved state without the module's data:
   * its best score and how many of its `steps` were seen; null if nothing is saved. */
  function peek(encoded, steps) {
    var f = fields(encoded);
    if (!f) { return null; }
    return { best: f.parts[3] === "" ? null : Number(f.parts[3]),
      seen: hexToBits(f.parts[2], steps).filter(Boolean).length };
  }

  /* The Likert answers of a module's saved state, one digit per statement (0: none), or null:
   * the course self-assessment's come first, so the module that asks "after" can read the
   * "before" answers of the first module without its data (player.js). */
  function likertOf(encoded) {
    var f = fields(encoded);
    return f ? f.parts[7] : null;
  }

  /* The same state with every one of its `count` free-text answers emptied. */
  function withoutTexts(encoded, count) {
    var f = fields(encoded);
    var empty = [];
    while (empty.length < count) { empty.push(""); }
    return f ? f.parts.join("~") + "~" + joinPrefixed(empty) : encoded;
  }

  /* `version`, the format's name, is the first field of every state; als-build diff reads it
   * from a package's copy of this file, minified or not (als_package/release/describe.py). */
  var codec = { version: "S2", encode: encode, decode: decode, emptyState: emptyState, newSeed: newSeed, peek: peek, likertOf: likertOf, withoutTexts: withoutTexts,
    joinPrefixed: joinPrefixed, splitPrefixed: splitPrefixed };
  if (typeof module === "object" && module.exports) {
    module.exports = codec;
  } else {
    root.ALS.state = codec;
  }
})(this);
