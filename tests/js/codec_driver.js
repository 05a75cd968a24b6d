// Reads JSON lines {data, state} on stdin; writes {encoded, decoded} per line, using the
// runtime's own state codec (templates/runtime/state.js), so tests exercise the shipped code.
"use strict";
const path = require("path");
const readline = require("readline");
const codec = require(path.join(__dirname, "..", "..", "templates", "runtime", "state.js"));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { data, state } = JSON.parse(line);
  const encoded = codec.encode(data, state);
  process.stdout.write(JSON.stringify({ encoded, decoded: codec.decode(data, encoded) }) + "\n");
});
