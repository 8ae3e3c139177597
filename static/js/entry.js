/* The entry page: Enter moves down the column, and the server's preview (rules layer) updates status and points
   as the clerk types. No rule is computed here; without JavaScript the form still submits and is checked as usual. */
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }

  function focusable() {
    return Array.prototype.filter.call(form.querySelectorAll("input, select, textarea, button"), function (el) {
      return el.type !== "hidden" && !el.disabled && el.tabIndex >= 0 && el.offsetParent !== null;
    });
  }

  // Enter moves down the column, as in Excel (Tab still walks across the row): from a value to the next line's value
  // (a 定性 line's tier counts as its value), from a 说明 to the next 说明. Past the last line, or where no line below
  // has that column, it moves on like Tab. Enter never submits a half-filled form. An input method that is still
  // composing (拼音) uses Enter to commit the characters: leave that alone.
  var VALUE_COLUMN = { value: "value", tier: "value" };

  function column(field) {
    var name = field.name || "";
    var part = name.slice(name.lastIndexOf("-") + 1);
    return VALUE_COLUMN[part] || part;
  }

  function below(field) {
    var row = field.closest("[data-line]");
    if (!row) { return null; }
    var wanted = column(field);
    var rows = Array.prototype.slice.call(form.querySelectorAll("[data-line]"));
    for (var i = rows.indexOf(row) + 1; i < rows.length; i++) {
      var candidates = rows[i].querySelectorAll("input:not([type=hidden]), select, textarea");
      for (var j = 0; j < candidates.length; j++) {
        var el = candidates[j];
        if (!el.disabled && column(el) === wanted && el.offsetParent !== null) { return el; }
      }
    }
    return null;
  }

  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) { return; }
    var field = event.target;
    if (field.tagName === "TEXTAREA" || field.tagName === "BUTTON" || field.type === "submit") { return; }
    event.preventDefault();
    var fields = focusable();
    var next = below(field) || fields[fields.indexOf(field) + 1];
    if (next) {
      next.focus();
      if (next.tagName === "INPUT" && next.select) { next.select(); }
    }
  });

  var url = form.getAttribute("data-preview-url");
  if (!url || !window.fetch || !window.FormData) { return; }

  function text(root, selector, value) {
    var el = root.querySelector(selector);
    if (el) { el.textContent = value; }
  }

  function hint(cell, line, extra) {
    var el = cell.querySelector(".hint");
    if (!el) { return; }
    var message = "", kind = "";
    if (line.error) { message = line.error; kind = "error"; }
    else if (line.needs_reason) { message = "同一截至日期已有填报：保存即更正原值，请填写更正原因。"; kind = "warning"; }
    else if (line.typed) { message = extra; }
    el.textContent = message;
    el.className = "hint" + (kind ? " " + kind : "");
  }

  function showLine(key, line) {
    var row = document.getElementById(key);
    var cell = form.querySelector('[data-preview="' + key + '"]');
    if (!row || !cell) { return; }
    row.classList.toggle("typed", line.typed);
    row.classList.toggle("needs-reason", line.needs_reason);
    var badge = cell.querySelector(".badge");
    if (badge) {
      badge.className = "badge " + line.status;
      badge.textContent = line.label;
    }
    text(cell, ".points", line.points);
    hint(cell, line, line.explanation);
  }

  function show(data) {
    Object.keys(data.lines).forEach(function (key) { showLine(key, data.lines[key]); });
    var spent = data.expenditure, cell = form.querySelector('[data-preview="exp"]');
    if (cell) {
      text(cell, ".rate", spent.rate);
      text(cell, ".points", spent.points);
      hint(cell, spent, spent.explanation);
      var row = document.getElementById("exp");
      if (row) { row.classList.toggle("needs-reason", spent.needs_reason); row.classList.toggle("typed", spent.typed); }
    }
    text(document, "#total", data.total);
    var grade = document.getElementById("grade");
    if (grade) { grade.className = "badge grade-" + data.grade; grade.textContent = data.grade; }
    text(document, "#counts", data.met + " / " + data.not_met + " / " + data.no_data);
    text(document, "#execution", spent.rate);
    var typed = spent.typed || Object.keys(data.lines).some(function (key) { return data.lines[key].typed; });
    text(document, "#score-label", typed ? "自评总分（预览，未保存）" : "自评总分（已保存）");
    var note = document.getElementById("preview-note");
    if (note) { note.hidden = !typed; }
  }

  var timer = null, asked = 0;
  function refresh() {
    var mine = ++asked;
    fetch(url, {
      method: "POST",
      body: new FormData(form),  // carries csrfmiddlewaretoken
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && mine === asked) { show(data); form.setAttribute("data-previewed", String(mine)); }
    }).catch(function () { /* the preview is a help; saving still checks everything */ });
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 250);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  // A page sent back with refusals still holds what was typed: show what it would score.
  var inputs = form.querySelectorAll("td.input input:not([type=hidden]), td.input select, #id_exp-amount");
  if (Array.prototype.some.call(inputs, function (el) { return el.value.trim() !== ""; })) { refresh(); }
})();
