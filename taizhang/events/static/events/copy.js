// A button that copies a text box's value (the private link of a sign-up):
//   <button data-copy="#input-id" data-copied="已复制">复制链接</button>
// Without the clipboard API (plain http on an intranet), the text is selected and copied the old way.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) return;
    var label = button.textContent;
    function done() {
      button.textContent = button.getAttribute("data-copied") || label;
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function selectAndCopy() {
      input.focus();
      input.select();
      if (document.execCommand && document.execCommand("copy")) done();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, selectAndCopy);
    } else {
      selectAndCopy();
    }
  });
})();
