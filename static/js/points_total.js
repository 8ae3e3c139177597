// 调整分值: the running total of the new 分值 with the budget line's, so a clerk sees before submitting whether they
// foot to 100.00. Only a hint: the server checks the total again and refuses what does not foot.
(function () {
  "use strict";
  var table = document.getElementById("points-lines");
  var shown = document.getElementById("points-total");
  if (!table || !shown) { return; }
  var inputs = table.querySelectorAll("input[data-points]");
  // In hundredths, so that 33.33 + 33.33 + 23.34 is 90.00 and not 89.99999.
  function cents(text) {
    var value = String(text).trim().replace(/[０-９．]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    });
    if (!/^\d+(\.\d{1,2})?$/.test(value)) { return null; }
    var parts = value.split(".");
    return parseInt(parts[0], 10) * 100 + (parts[1] ? parseInt((parts[1] + "0").slice(0, 2), 10) : 0);
  }
  function update() {
    var total = cents(table.getAttribute("data-budget-points"));
    var complete = true;
    inputs.forEach(function (input) {
      var value = cents(input.value);
      if (value === null) { complete = false; } else { total += value; }
    });
    var text = (Math.floor(total / 100)) + "." + String(total % 100).padStart(2, "0");
    if (!complete) {
      shown.textContent = "有分值未填或不是数字";
      shown.className = "flag";
    } else if (total === 10000) {
      shown.textContent = text + " 分，合计正确";
      shown.className = "";
    } else {
      shown.textContent = text + " 分，应为 100.00 分";
      shown.className = "flag";
    }
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
  update();
})();
