/* The knowledge check on a module page: answers, feedback, the score and retries.
 *
 * What each question type does is in questions.js; the player (player.js) owns the state,
 * the adapter and saving, and hands them over as `page`:
 *   {data, state, adapter, startedAt, masteryScore(), save(), saved() (save, report the
 *    outcome, commit), focusWithin(element)}.
 * ALS.quiz(page) wires the form and returns what the player calls: restore() once, shown()
 * whenever the knowledge check step appears.
 */
(function (ALS) {
  "use strict";

  var questions = ALS.questions;
  var $ = ALS.$;
  var $all = ALS.$all;

  ALS.quiz = function (page) {
    var shownAt = null;  // when the learner first saw this attempt's questions (interaction latency)

    function questionBox(q) { return $("fieldset[data-question='" + q.id + "']"); }

    function readAnswer(q) { return questions.read(q, questionBox(q)); }

    function writeAnswer(q, answer) { questions.write(q, questionBox(q), answer); }

    /* The attempt's option order: kept on resume (the seed is saved), new for each try. */
    function arrange() {
      page.data.questions.forEach(function (q) { questions.arrange(q, questionBox(q), page.state.seed); });
    }

    function showFeedback(q, answer) {
      var box = questionBox(q);
      var right = questions.isCorrect(q, answer);
      var panel = $(".als-feedback", box);
      panel.hidden = false;
      $(".als-verdict", panel).textContent = ALS.t(right ? "quiz.correct" : "quiz.not_quite");
      box.classList.toggle("als-right", right);
      box.classList.toggle("als-wrong", !right);
      $all(".als-choice-feedback", box).forEach(function (p) {
        p.hidden = !(Array.isArray(answer) ? answer.indexOf(p.dataset.feedbackFor) >= 0 : answer === p.dataset.feedbackFor);
      });
      var correctText = $(".als-feedback-correct", panel);
      if (correctText) {
        correctText.hidden = !right;
        $(".als-feedback-incorrect", panel).hidden = right;
      }
    }

    function clearFeedback() {
      $all(".als-question").forEach(function (box) {
        box.classList.remove("als-right", "als-wrong");
        $(".als-feedback", box).hidden = true;
        $all(".als-choice-feedback", box).forEach(function (p) { p.hidden = true; });
      });
      $("#als-quiz-result").textContent = "";
      review().hidden = true;
      $("#als-quiz-retry").hidden = true;
      $("#als-quiz-submit").hidden = false;
    }

    /* The review under the result: one line per question, right or not, linking to it. */
    function review() {
      var list = $("#als-quiz-review");
      if (!list) {
        list = document.createElement("ol");
        list.id = "als-quiz-review";
        list.className = "als-review";
        list.setAttribute("aria-label", ALS.t("quiz.review"));
        $("#als-quiz-result").after(list);
      }
      return list;
    }

    function showReview() {
      var list = review();
      list.textContent = "";
      $all(".als-question").forEach(function (box, i) {
        var right = box.classList.contains("als-right");
        var item = document.createElement("li");
        var link = document.createElement("a");
        box.id = "als-question-" + box.dataset.question;
        link.href = "#" + box.id;
        link.textContent = ALS.t(right ? "quiz.review_right" : "quiz.review_wrong", { number: i + 1 });
        item.className = right ? "als-right" : "als-wrong";
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = false;
    }

    function showResult(score) {
      var passed = score >= page.masteryScore();
      $("#als-quiz-result").textContent = ALS.t("quiz.scored", { score: score }) + " " +
        (passed ? ALS.t("quiz.passed") : ALS.t("quiz.need", { score: page.masteryScore() }));
      $("#als-quiz-retry").hidden = false;
      $("#als-quiz-submit").hidden = true;
      showReview();
    }

    function submitQuiz(event) {
      event.preventDefault();
      var answers = page.data.questions.map(readAnswer);
      var missing = page.data.questions.filter(function (q, i) { return !questions.complete(q, answers[i]); }).length;
      if (missing) {
        $("#als-quiz-result").textContent = ALS.t("quiz.missing", { count: missing });
        return;
      }
      var now = new Date();
      var right = 0;
      page.data.questions.forEach(function (q, i) {
        var correct = questions.isCorrect(q, answers[i]);
        if (correct) { right += 1; }
        showFeedback(q, answers[i]);
        page.adapter.recordInteraction({ module: page.data.module.id, id: q.id, type: q.type, text: q.text, question: q, response: answers[i],
          correct: q.correct, result: correct, latency: (now - (shownAt || page.startedAt)) / 1000, timestamp: now });
      });
      var score = Math.round((right / page.data.questions.length) * 100);
      page.state.answers = answers;
      page.state.submitted = true;
      page.state.best = page.state.best === null ? score : Math.max(page.state.best, score);
      showResult(score);
      page.saved();
    }

    function retryQuiz() {
      page.state.answers = page.data.questions.map(function () { return null; });
      page.state.submitted = false;
      page.data.questions.forEach(function (q) { writeAnswer(q, null); });
      page.state.seed = ALS.state.newSeed();
      arrange();
      clearFeedback();
      shownAt = new Date();
      page.save();
      page.focusWithin($("fieldset.als-question input, fieldset.als-question select"));
    }

    function restoreQuiz() {
      arrange();
      page.data.questions.forEach(function (q, i) { writeAnswer(q, page.state.answers[i]); });
      if (page.state.submitted) {
        var right = 0;
        page.data.questions.forEach(function (q, i) {
          showFeedback(q, page.state.answers[i]);
          if (questions.isCorrect(q, page.state.answers[i])) { right += 1; }
        });
        showResult(Math.round((right / page.data.questions.length) * 100));
      }
    }

    var form = $("#als-quiz");
    if (form) {
      form.addEventListener("submit", submitQuiz);
      $("#als-quiz-retry").addEventListener("click", retryQuiz);
    }
    return {
      restore: restoreQuiz,
      shown: function () { if (shownAt === null) { shownAt = new Date(); } }
    };
  };
})(window.ALS);
