/* Small enhancements of the workspace; every page works without them. */
(function () {
  "use strict";
  // A quick choice saves the decision at once (as the button does without JavaScript): it writes its words
  // into an empty decision (or one holding another quick choice's words) and posts the form; htmx swaps in
  // the decision as stored. A decision the user typed is replaced only after a confirmation naming it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.quick-choice");
    if (!button || !window.htmx) return;
    var form = button.form;
    var text = form.querySelector("textarea[name=text]");
    var outcome = form.querySelector("input[name=outcome]");
    if (!text || !outcome) return;
    event.preventDefault();
    var words = button.dataset.label + ".";
    var labels = Array.prototype.map.call(form.querySelectorAll("button.quick-choice"), function (b) {
      return b.dataset.label + ".";
    });
    var current = text.value.trim();
    if (current && labels.indexOf(current) < 0) {
      var shown = current.length > 120 ? current.slice(0, 120) + "…" : current;
      var question = form.dataset.replaceQuestion
        .replace("{text}", shown)
        .replace("{choice}", words);
      if (!window.confirm(question)) return;
    }
    text.value = words;
    outcome.value = button.value;
    var block = "#decision-" + form.dataset.item;
    window.htmx.ajax("POST", form.action, {
      source: form,
      values: { quick: button.value, text: words },
      target: block,
      select: block,
      swap: "outerHTML",
      selectOOB: "#messages",
    });
  });
  // Drag an agenda item to its place (the ↑/↓ buttons do the same from the keyboard). The list follows
  // the pointer; on release the new place is posted as the buttons post theirs, and htmx swaps the list.
  var dragged = null, origin = null, dropped = false;
  function draggable(target) {
    return target && target.closest ? target.closest("#agenda > li[draggable=true]") : null;
  }
  document.addEventListener("dragstart", function (event) {
    var li = draggable(event.target);
    if (!li) return;
    dragged = li;
    origin = { next: li.nextElementSibling, index: places().indexOf(li) };
    dropped = false;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", li.id);
    li.classList.add("dragging");
  });
  document.addEventListener("dragover", function (event) {
    if (!dragged || !event.target.closest || !event.target.closest("#agenda")) return;
    event.preventDefault();
    var li = draggable(event.target);
    if (!li || li === dragged) return;
    var box = li.getBoundingClientRect();
    li.parentNode.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? li.nextSibling : li);
  });
  document.addEventListener("drop", function (event) {
    if (!dragged) return;
    event.preventDefault();
    dropped = true;
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var li = dragged, position = places().indexOf(li);
    dragged = null;
    li.classList.remove("dragging");
    if (!dropped) {
      li.parentNode.insertBefore(li, origin.next);  // let go outside the list: nothing moves
      return;
    }
    if (position === origin.index) return;
    var token = li.querySelector("input[name=csrfmiddlewaretoken]");
    window.htmx.ajax("POST", li.dataset.moveUrl, {
      target: "#agenda",
      select: "#agenda",
      swap: "outerHTML",
      values: { position: String(position), csrfmiddlewaretoken: token ? token.value : "" },
    });
  });
  // The closed item's public fields are shown only while the item is marked closed.
  function showClosedFields() {
    var fields = document.getElementById("closed-fields");
    var closed = document.querySelector("input[name=public][value='0']");
    if (fields && closed) fields.hidden = !closed.checked;
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "public") showClosedFields();
  });
  document.addEventListener("DOMContentLoaded", showClosedFields);
  function places() {
    return Array.prototype.slice.call(document.querySelectorAll("#agenda > li[draggable=true]"));
  }
})();
