// 复制 on the progress brief (renewal/progress/brief.html): the brief's text to the clipboard.
document.getElementById("copy-brief").addEventListener("click", function () {
  var text = document.getElementById("brief-text").textContent.trim();
  function done() { document.getElementById("copy-done").classList.remove("d-none"); }
  function fallback() {  // an intranet over plain http has no navigator.clipboard
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } finally { document.body.removeChild(area); }
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
});
