/* Draws the dashboard's charts from the JSON the server embeds (json_script "dashboard-data"), with the
 * deployment's rule profile (json_script "rule-profile": full marks, grade lines, grades best first).
 * Every number arrives as a string of the server's Decimal rounded to cents; nothing is computed here.
 * Without JavaScript, or without the chart library, the page's table and figures show the same data. */
(function () {
  "use strict";

  var COLORS = { budget: "#9aa5b1", spent: "#1d4ed8", met: "#1b7f3b", not_met: "#b42318", no_data: "#9aa5b1" };
  // Grades best first: the best green, the lowest red, those between blue then amber.
  var GRADE_PALETTE = ["#1b7f3b", "#1d4ed8", "#8a6100"], LOWEST_COLOR = "#b42318";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function gradeColors(grades) {
    var colors = {};
    grades.forEach(function (grade, i) {
      colors[grade] = i === grades.length - 1 ? LOWEST_COLOR : GRADE_PALETTE[Math.min(i, GRADE_PALETTE.length - 1)];
    });
    return colors;
  }

  function shortLabel(text) {
    return text.length > 14 ? text.slice(0, 13) + "…" : text;
  }

  // A tooltip is built as text nodes, never as HTML from data: a project's name is whatever was typed
  // (issue #23: a name holding <img onerror=…> ran script in every viewer's browser).
  function tooltipBox(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      if (i) box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(line));
    });
    return box;
  }

  function chartIn(id, height, empty) {
    var el = document.getElementById(id);
    if (!el) return null;
    if (empty) {  // nothing true to draw: say so, in the element the chart would fill
      el.textContent = "";
      var note = document.createElement("p");
      note.className = "chart-empty";
      note.textContent = empty;
      el.appendChild(note);
      return null;
    }
    el.textContent = "";
    if (height) el.style.height = height + "px";
    return window.echarts.init(el, null, { renderer: "svg" });
  }

  function categoryAxis(projects) {
    // Horizontal bars: long Chinese names read along the axis; the first project on top.
    return {
      type: "category",
      inverse: true,
      data: projects.map(function (p) { return p.label; }),
      axisLabel: { formatter: shortLabel, fontSize: 11 },
    };
  }

  function budgetChart(data, height) {
    var chart = chartIn("chart-budget", height, data.empty.budget);
    if (!chart) return null;
    chart.setOption({
      aria: { enabled: true },
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" },
        formatter: function (items) {
          var p = data.projects[items[0].dataIndex];
          return tooltipBox([p.label, "预算 " + p.budget + " 万元", "支出 " + p.spent + " 万元"]);
        },
      },
      legend: { data: ["预算", "支出"], top: 0 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: "万元", nameLocation: "end" },
      yAxis: categoryAxis(data.projects),
      series: [
        { name: "预算", type: "bar", itemStyle: { color: COLORS.budget },
          data: data.projects.map(function (p) { return Number(p.budget); }) },
        { name: "支出", type: "bar", itemStyle: { color: COLORS.spent },
          data: data.projects.map(function (p) { return Number(p.spent); }) },
      ],
    });
    return chart;
  }

  function statusChart(data) {
    var chart = chartIn("chart-status", 0, data.empty.status);
    if (!chart) return null;
    chart.setOption({
      aria: { enabled: true },
      tooltip: {
        trigger: "item",
        formatter: function (item) { return tooltipBox([item.name + "：" + item.value + " 项（" + item.percent + "%）"]); },
      },
      legend: { bottom: 0 },
      series: [{
        name: "指标完成情况", type: "pie", radius: ["45%", "70%"], center: ["50%", "45%"],
        label: { formatter: "{b}\n{c} 项" },
        data: data.status.map(function (s) {
          return { name: s.label, value: s.count, itemStyle: { color: COLORS[s.key] } };
        }),
      }],
    });
    return chart;
  }

  function scoreChart(data, profile, height) {
    var chart = chartIn("chart-score", height, data.empty.score);
    if (!chart) return null;
    var colors = gradeColors(profile.grades);
    chart.setOption({
      aria: { enabled: true },
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" },
        formatter: function (items) {
          var p = data.projects[items[0].dataIndex];
          if (p.score === null) return tooltipBox([p.label, "未填报"]);
          return tooltipBox([p.label, "得分 " + p.score + "，等级 " + p.grade + (p.state ? "（" + p.state + "）" : "")]);
        },
      },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: 0, max: Number(profile.full_marks) },
      yAxis: categoryAxis(data.projects),
      series: [{
        name: "得分", type: "bar",
        label: { show: true, position: "right", formatter: function (x) { return data.projects[x.dataIndex].grade; } },
        data: data.projects.map(function (p) {
          if (p.score === null) return { value: 0, itemStyle: { color: COLORS.no_data } };
          return { value: Number(p.score), itemStyle: { color: colors[p.grade] || COLORS.spent } };
        }),
        // The deployment's grade lines (DOMAIN §4), so a bar's colour and position say the same thing.
        markLine: { silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#616e7c" },
          label: { formatter: "{c}" },
          data: profile.grade_lines.map(function (line) { return { xAxis: Number(line.score) }; }) },
      }],
    });
    return chart;
  }

  function noteHowManyShown(data) {
    var note = document.querySelector("[data-chart-note]");
    if (note && data.projects.length < data.project_count) {
      note.textContent = "（按表格顺序显示前 " + data.projects.length + " 个，共 " + data.project_count + " 个）";
    }
  }

  function enablePrintButton() {
    var button = document.querySelector("[data-print]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function start() {
    enablePrintButton();
    var data = readJson("dashboard-data"), profile = readJson("rule-profile");
    if (!data || !profile || !window.echarts) return;
    noteHowManyShown(data);
    var height = Math.max(320, 40 + data.projects.length * 30);
    var charts = [budgetChart(data, height), statusChart(data), scoreChart(data, profile, height)].filter(Boolean);
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.documentElement.dataset.chartsReady = "1";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
