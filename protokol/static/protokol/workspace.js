/* Small enhancements of the workspace; every page works without them. */
(function () {
  "use strict";
  // Quick choices fill the decision field (to be edited) instead of saving at once.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.quick-choice");
    if (!button) return;
    var form = button.form;
    var text = form.querySelector("textarea[name=text]");
    var outcome = form.querySelector("input[name=outcome]");
    if (!text || !outcome) return;
    event.preventDefault();
    var labels = Array.prototype.map.call(form.querySelectorAll("button.quick-choice"), function (b) {
      return b.dataset.label + ".";
    });
    var current = text.value.trim();
    if (current && labels.indexOf(current) < 0 && !window.confirm(button.dataset.label + "?")) return;
    text.value = button.dataset.label + ".";
    outcome.value = button.value;
    form.querySelectorAll("button.quick-choice").forEach(function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
      b.classList.remove("chosen");
    });
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  });
  // Typing something else than a quick choice's words leaves the outcome to the text.
  document.addEventListener("input", function (event) {
    var text = event.target;
    if (!(text.name === "text" && text.form && text.form.classList.contains("decision-form"))) return;
    var outcome = text.form.querySelector("input[name=outcome]");
    var chosen = text.form.querySelector("button.quick-choice[aria-pressed=true]");
    if (outcome && chosen && text.value.trim().toLowerCase().indexOf(chosen.dataset.label.toLowerCase()) !== 0) {
      outcome.value = "";
      chosen.setAttribute("aria-pressed", "false");
    }
  });
})();
