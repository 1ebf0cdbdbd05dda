// On a phone the project's tabs (renewal/_tabs.html) scroll sideways: bring the current one into view.
(function () {
  var active = document.querySelector("#project-tabs .active");
  if (active) { var bar = active.closest("ul"); bar.scrollLeft = active.offsetLeft - (bar.clientWidth - active.offsetWidth) / 2; }
})();
