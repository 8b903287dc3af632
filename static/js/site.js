// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // The compare picker: ask for a second role instead of submitting a one-role comparison.
  function enhanceComparePicker(form) {
    var message = document.createElement("p");
    message.className = "form-error";
    message.setAttribute("role", "alert");
    message.hidden = true;
    message.textContent = form.getAttribute("data-need-two") || "";
    form.insertBefore(message, form.querySelector("button"));
    form.addEventListener("submit", function (event) {
      var chosen = {};
      Array.prototype.forEach.call(form.querySelectorAll('input[name="roles"]'), function (box) {
        var text = box.value.trim().toLowerCase();
        if (text) { chosen[text] = true; }
      });
      if (Object.keys(chosen).length < 2) {
        event.preventDefault();
        message.hidden = false;
        form.querySelector('input[name="roles"]').focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.compare-picker"), enhanceComparePicker);
  });
})();
