/* Text fields with a length limit: a counter under each, and nothing cut silently. The browser's own maxlength cuts
   a pasted text without a word; here the limit is only shown (red once exceeded) and the server refuses the save
   with its message, the typed text kept. Without JavaScript the browser's maxlength still applies. */
(function () {
  "use strict";
  function attach(field) {
    var limit = Number(field.getAttribute("maxlength"));
    if (!limit) { return; }
    field.removeAttribute("maxlength");
    field.setAttribute("data-maxlength", String(limit));
    var counter = document.createElement("div");
    counter.className = "text-counter muted small";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    function update() {
      var length = field.value.length;
      var over = length > limit;
      // Shown from 80 % of the limit on, so that a form of many short notes is not covered in counters.
      counter.textContent = over ? "已输入 " + length + " 字，超过上限 " + limit + " 字：请删减 " + (length - limit) + " 字后保存"
                                 : (length >= limit * 0.8 ? length + " / " + limit + " 字" : "");
      counter.classList.toggle("over", over);
      field.classList.toggle("over-limit", over);
    }
    field.addEventListener("input", update);
    update();
  }
  Array.prototype.forEach.call(document.querySelectorAll("textarea[maxlength], input[type=text][maxlength]"), function (field) {
    if (Number(field.getAttribute("maxlength")) >= 100) { attach(field); }  // short codes keep the browser's limit
  });
}());
