/* Learning Locker's statement validator (@learninglocker/xapi-validation) as a filter:
 * reads a JSON array of statements on stdin, prints a JSON array with one list of problems
 * per statement (empty when valid). Used by tests/lrs/validators.py. */
"use strict";

const validate = require("@learninglocker/xapi-validation").default;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const statements = JSON.parse(input);
  const problems = statements.map((statement) =>
    validate(statement).map((w) => `${(w.path || []).join(".")}: ${w.message || w.constructor.name}`));
  process.stdout.write(JSON.stringify(problems));
});
