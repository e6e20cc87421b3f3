/* Formatting of sections, decisions and protokoltilførsler: a small toolbar over an editable copy of
 * each textarea[data-richtext]. The textarea stays the form's field (and the server sanitises what it
 * gets): without this script it takes plain text or the allowed HTML as typed. No build step. */
(function () {
  "use strict";
  var ALLOWED = /<\/?(p|br|strong|b|em|i|ul|ol|li|table|thead|tbody|tr|th|td|a)(\s[^<>]*)?\/?>/i;
  var valueOf = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  // Stored plain text shows as it does on the portal: paragraphs at blank lines, breaks at newlines.
  function asHtml(value) {
    if (!value.trim()) return "";
    if (ALLOWED.test(value)) return value;
    return value.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/).filter(function (p) { return p.trim(); })
      .map(function (p) { return "<p>" + escapeText(p.trim()).replace(/\n/g, "<br>") + "</p>"; }).join("");
  }
  function cellOf(node) {
    while (node && node.nodeType !== 1) node = node.parentNode;
    return node && node.closest ? node.closest("td, th") : null;
  }
  function newTable(columns, bodyRows) {
    var head = "", body = "", r, c;
    for (c = 0; c < columns; c++) head += "<th><br></th>";
    for (r = 0; r < bodyRows; r++) {
      body += "<tr>";
      for (c = 0; c < columns; c++) body += "<td><br></td>";
      body += "</tr>";
    }
    return "<table><thead><tr>" + head + "</tr></thead><tbody>" + body + "</tbody></table><p><br></p>";
  }

  function enhance(textarea) {
    var labels = textarea.labels && textarea.labels.length ? textarea.labels[0].textContent.trim() : "";
    var toolbar = document.createElement("div");
    toolbar.className = "richtext-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", textarea.dataset.toolbarLabel || "Formatering");
    var editor = document.createElement("div");
    editor.className = "richtext-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (labels) editor.setAttribute("aria-label", labels);
    editor.dataset.for = textarea.name;
    var syncing = false;
    function show(value) { editor.innerHTML = asHtml(value || ""); }
    // Text without formatting (paragraphs and line breaks only) is stored as plain text, as typed
    // without the toolbar: blank lines between paragraphs, newlines for line breaks.
    function plainText() {
      var paragraphs = [], simple = true;
      Array.prototype.forEach.call(editor.childNodes, function (node) {
        if (node.nodeType === 3) { paragraphs.push(node.textContent); return; }
        if (node.nodeType !== 1 || (node.tagName !== "P" && node.tagName !== "DIV")) { simple = false; return; }
        if (node.querySelector("*:not(br)")) { simple = false; return; }
        var lines = [], line = "";
        Array.prototype.forEach.call(node.childNodes, function (child) {
          if (child.nodeType === 1) { lines.push(line); line = ""; } else { line += child.textContent; }
        });
        lines.push(line);
        paragraphs.push(lines.join("\n").replace(/\n+$/, ""));
      });
      if (!simple) return null;
      var text = paragraphs.map(function (p) { return p.replace(/\u00a0/g, " ").trim(); })
        .filter(function (p) { return p; }).join("\n\n");
      // Text that would read as markup ("<b>" typed as text) goes as HTML, where it is escaped.
      return /<[A-Za-z!\/?]/.test(text) ? null : text;
    }
    function sync() {
      syncing = true;
      var plain = plainText();
      // An editor left with only an empty paragraph or line break holds no text.
      valueOf.set.call(textarea, plain !== null ? plain : editor.innerHTML);
      syncing = false;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    // Another script setting the textarea (the decision's quick choices) shows in the editor too.
    Object.defineProperty(textarea, "value", {
      configurable: true,
      get: function () { return valueOf.get.call(this); },
      set: function (v) { valueOf.set.call(this, v); if (!syncing) show(v); },
    });
    show(valueOf.get.call(textarea));

    function command(name, arg) {
      editor.focus();
      document.execCommand(name, false, arg);
      sync();
    }
    // A table of a header row and two rows after the paragraph the caret is in (in place of an empty
    // one), a paragraph after it to go on writing, and the caret in its first cell.
    function insertTable() {
      var selection = window.getSelection();
      var holder = document.createElement("div");
      holder.innerHTML = newTable(2, 2);
      var table = holder.firstChild, after = holder.lastChild;
      var block = selection.rangeCount ? selection.getRangeAt(0).startContainer : null;
      while (block && block.parentNode !== editor) block = block.parentNode;
      if (!block) {
        editor.appendChild(table);
      } else if (block.nodeType === 1 && block.tagName === "P" && !block.textContent.trim()) {
        editor.replaceChild(table, block);
      } else {
        editor.insertBefore(table, block.nextSibling);
      }
      if (!table.nextSibling || table.nextSibling.tagName !== "P") editor.insertBefore(after, table.nextSibling);
      var range = document.createRange();
      range.selectNodeContents(table.querySelector("th"));
      range.collapse(true);
      selection.removeAllRanges();
      selection.addRange(range);
      editor.focus();
      sync();
    }
    var actions = [
      ["bold", textarea.dataset.labelBold || "Fed", function () { command("bold"); }],
      ["italic", textarea.dataset.labelItalic || "Kursiv", function () { command("italic"); }],
      ["ul", textarea.dataset.labelUl || "Punktopstilling", function () { command("insertUnorderedList"); }],
      ["ol", textarea.dataset.labelOl || "Nummereret liste", function () { command("insertOrderedList"); }],
      ["table", textarea.dataset.labelTable || "Tabel", insertTable],
      ["row", textarea.dataset.labelRow || "Ny række", function () {
        var cell = cellOf(window.getSelection().anchorNode);
        if (!cell || !editor.contains(cell)) return;
        var row = cell.parentNode, copy = document.createElement("tr");
        Array.prototype.forEach.call(row.children, function () {
          var td = document.createElement("td");
          td.appendChild(document.createElement("br"));
          copy.appendChild(td);
        });
        var section = row.parentNode;
        if (section.tagName === "THEAD") {
          section = section.parentNode.querySelector("tbody") || section.parentNode.appendChild(document.createElement("tbody"));
          section.insertBefore(copy, section.firstChild);
        } else {
          section.insertBefore(copy, row.nextSibling);
        }
        sync();
      }],
      ["column", textarea.dataset.labelColumn || "Ny kolonne", function () {
        var cell = cellOf(window.getSelection().anchorNode);
        if (!cell || !editor.contains(cell)) return;
        var index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
        Array.prototype.forEach.call(cell.closest("table").querySelectorAll("tr"), function (tr) {
          var added = document.createElement(tr.parentNode.tagName === "THEAD" ? "th" : "td");
          added.appendChild(document.createElement("br"));
          tr.insertBefore(added, tr.children[index + 1] || null);
        });
        sync();
      }],
      ["link", textarea.dataset.labelLink || "Link", function () {
        var url = window.prompt(textarea.dataset.promptLink || "Adresse (https://…)", "https://");
        if (!url || !/^(https?:|mailto:)/i.test(url.trim())) return;
        command("createLink", url.trim());
      }],
    ];
    actions.forEach(function (a) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "richtext-" + a[0];
      button.textContent = a[1];
      // Keep the selection in the editor when the button is pressed.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", a[2]);
      toolbar.appendChild(button);
    });
    editor.addEventListener("input", sync);
    // Tab moves to the next table cell; in the last cell it adds a row.
    editor.addEventListener("keydown", function (event) {
      if (event.key !== "Tab" || event.shiftKey) return;
      var cell = cellOf(window.getSelection().anchorNode);
      if (!cell) return;
      event.preventDefault();
      var cells = Array.prototype.slice.call(cell.closest("table").querySelectorAll("th, td"));
      var next = cells[cells.indexOf(cell) + 1];
      if (!next) {
        actions[5][2]();
        cells = Array.prototype.slice.call(cell.closest("table").querySelectorAll("th, td"));
        next = cells[cells.indexOf(cell) + 1];
      }
      var range = document.createRange();
      range.selectNodeContents(next);
      range.collapse(true);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    });
    if (textarea.labels) {
      Array.prototype.forEach.call(textarea.labels, function (label) {
        label.addEventListener("click", function (event) { event.preventDefault(); editor.focus(); });
      });
    }
    // The editor is the field the reader sees and the label names; the hidden textarea only carries the
    // value, so it gives up its id (and with it the label) to leave one field by that name.
    textarea.removeAttribute("id");
    if (textarea.form) textarea.form.addEventListener("submit", sync);
    textarea.required = false;  // the server says so; a hidden field cannot show the browser's message
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-richtext]"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
