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
