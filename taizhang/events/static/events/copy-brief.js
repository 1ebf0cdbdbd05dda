// 复制简报 on the event's report page (events/report.html): the text of the element a button names goes to the
// clipboard; an intranet over plain http has no navigator.clipboard, so a hidden textarea stands in.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.copyTarget).textContent.trim();
    var status = document.getElementById(button.dataset.copyStatus);
    function shown() { status.classList.remove("d-none"); }
    function byTextarea() {
      var box = document.createElement("textarea");
      box.value = text;
      box.setAttribute("readonly", "");
      box.className = "position-fixed opacity-0";
      document.body.appendChild(box);
      box.select();
      try { document.execCommand("copy"); shown(); } finally { box.remove(); }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(shown, byTextarea);
    } else {
      byTextarea();
    }
  });
});
