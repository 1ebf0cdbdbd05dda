// A link marked data-pdf shows "正在生成…" from the click until its file starts to arrive, and ignores further
// clicks meanwhile (a busy server takes seconds to lay out a long report). The link gets ?download_token=…; the
// response sets a cookie of that value (core.middleware.DownloadCookieMiddleware), which this script watches for.
// Without the cookie (an error page, a blocked cookie) the link comes back after a minute.
(function () {
  "use strict";
  var GIVE_UP_MS = 60000;
  var POLL_MS = 250;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? match[1] : "";
  }

  function restore(link) {
    link.innerHTML = link.dataset.pdfLabel;
    link.removeAttribute("aria-disabled");
    link.classList.remove("disabled");
    delete link.dataset.pdfBusy;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pdf]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (link.dataset.pdfBusy) {
      event.preventDefault();
      return;
    }
    var token = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("download_token", token);
    link.href = url.toString();
    link.dataset.pdfBusy = "1";
    link.dataset.pdfLabel = link.innerHTML;
    link.setAttribute("aria-disabled", "true");
    link.classList.add("disabled");
    link.innerHTML =
      '<span class="spinner-border spinner-border-sm me-1" role="status" aria-hidden="true"></span>正在生成…';
    var started = Date.now();
    var timer = window.setInterval(function () {
      if (cookie("download_token") === token || Date.now() - started > GIVE_UP_MS) {
        window.clearInterval(timer);
        restore(link);
      }
    }, POLL_MS);
  });

  // Coming back with the browser's back button shows the page as it was left: never with a link stuck busy.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("a[data-pdf][data-pdf-busy]").forEach(restore);
  });
})();
