// Small behaviours any page may ask for by attribute, so that no template carries inline script (the
// Content-Security-Policy allows scripts from static files only):
//   data-history-back   a link that goes back one page (返回上一页, 取消)
//   data-print          a button that prints the page
//   data-submit-on-change  a select whose form is submitted when it changes
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-history-back], [data-print]");
    if (!target) return;
    event.preventDefault();
    if (target.hasAttribute("data-print")) window.print();
    else window.history.back();
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("[data-submit-on-change]");
    if (select && select.form) select.form.requestSubmit();
  });
})();
