// Reads JSON lines {data, state} (or {data, saved}: a string to decode) on stdin; writes
// {encoded, decoded} per line, using the runtime's own state codec
// (templates/runtime/state.js), so tests exercise the shipped code.
"use strict";
const path = require("path");
const readline = require("readline");
const codec = require(path.join(__dirname, "..", "..", "templates", "runtime", "state.js"));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { data, state, saved } = JSON.parse(line);
  const encoded = saved === undefined ? codec.encode(data, state) : saved;
  process.stdout.write(JSON.stringify({ encoded, decoded: codec.decode(data, encoded) }) + "\n");
});
