// The browser's own file button speaks the browser's language ("Choose File"); this one says 选择文件 and shows
// the chosen name. Without JavaScript the native input stays as it is.
(function () {
  "use strict";
  document.querySelectorAll("input[type=file][data-picker]").forEach(function (input) {
    var button = document.createElement("button");
    var name = document.createElement("span");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "选择文件";
    name.className = "muted file-name";
    name.textContent = "未选择文件";
    input.classList.add("picker-hidden");
    input.insertAdjacentElement("afterend", name);
    input.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      name.textContent = input.files.length ? input.files[0].name : "未选择文件";
    });
  });
})();
