/* Polls the job's small JSON (data-progress-url) and moves the progress bar, then shows the download link.
 * Everything is set as text (textContent, attributes), never as HTML built from the response. */
(function () {
  "use strict";

  var INTERVAL_MS = 1000;

  function show(id, visible) {
    var el = document.getElementById(id);
    if (el) el.hidden = !visible;
  }

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value === null || value === undefined ? "" : String(value);
  }

  function render(p) {
    text("job-state", p.state_label);
    text("job-done", p.done);
    text("job-total", p.total);
    text("job-heartbeat", p.heartbeat_at);
    show("job-heartbeat-line", !!p.heartbeat_at);
    var bar = document.getElementById("job-progress");
    if (bar) { bar.value = p.percent; bar.textContent = p.percent + "%"; }
    text("job-error", p.error);
    show("job-error", !!p.error);
    show("job-expired", !!p.expired);
    if (p.download_url) {
      document.getElementById("job-download").setAttribute("href", p.download_url);
      text("job-filename", p.filename);
      text("job-expires", p.expires_at);
    }
    show("job-ready", !!p.download_url);
  }

  function poll(url) {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (p) {
        render(p);
        if (p.state === "queued" || p.state === "running") setTimeout(function () { poll(url); }, INTERVAL_MS);
      })
      .catch(function () { setTimeout(function () { poll(url); }, INTERVAL_MS * 5); });
  }

  function start() {
    var box = document.getElementById("job");
    if (box) poll(box.dataset.progressUrl);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
