/* Draws the bureau page's two distributions from the JSON the server embeds (json_script "bureau-data"): how many
 * projects fall in each score band and each execution-rate band. Counts and labels come computed from the server;
 * tooltips are plain text (richText), never HTML built from data. Without JavaScript the table says the same. */
(function () {
  "use strict";

  var BAR = "#1d4ed8", LOW = "#b42318";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function chartIn(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    el.textContent = "";
    return window.echarts.init(el, null, { renderer: "svg" });
  }

  function spread(id, band, name) {
    var chart = chartIn(id);
    if (!chart) return null;
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" },
        valueFormatter: function (v) { return v + " 个项目"; } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: band.labels, axisLabel: { fontSize: 11, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1, name: "项目数" },
      series: [{
        name: name, type: "bar", label: { show: true, position: "top" },
        data: band.counts.map(function (count, i) {
          return { value: count, itemStyle: { color: i < band.low ? LOW : BAR } };
        }),
      }],
    });
    return chart;
  }

  function start() {
    var data = readJson("bureau-data");
    if (!data || !window.echarts) return;
    var note = document.querySelector("[data-time-progress]");
    if (note) note.textContent = "（序时进度 " + data.execution.time_progress + "%" +
      (data.execution.no_budget ? "；预算为 0 的 " + data.execution.no_budget + " 个项目不计" : "") + "）";
    // The bands the server marks low (scores under the lowest grade line) are drawn red.
    var charts = [
      spread("chart-score-spread", data.score, "得分"),
      spread("chart-execution-spread", data.execution, "执行率"),
    ].filter(Boolean);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.documentElement.dataset.chartsReady = "1";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
