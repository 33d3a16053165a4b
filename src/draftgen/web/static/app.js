// draftgen's pages: the errors of the live preview beside their fields, focus after a row is added.
// Everything else is htmx (vendored, htmx.min.js) and plain HTML forms.
(function () {
  "use strict";
  var touched = {};

  function touchedUnder(path) {
    return Object.keys(touched).some(function (k) {
      return k === path || k.indexOf(path + ".") === 0 || k.indexOf(path + "[") === 0;
    });
  }

  function form() { return document.getElementById("doc-form"); }

  function showErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.hidden = !summary.textContent.trim(); }
    var data = document.getElementById("problems-data");
    var f = form();
    if (!data || !f) { return; }
    var byPath = JSON.parse(data.getAttribute("data-problems") || "{}");
    var all = f.getAttribute("data-show-all") === "true";
    f.querySelectorAll("[data-error-for]").forEach(function (p) {
      var id = p.getAttribute("data-error-for");
      var el = document.getElementById(id);
      var path = el ? (el.getAttribute("name") || el.getAttribute("data-path") || "") : "";
      var messages = byPath[path] || [];
      var shown = messages.length > 0 && (all || touchedUnder(path));
      p.textContent = shown ? messages.join(" ") : "";
      if (el) {
        if (shown) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
      }
    });
  }

  // the A4 sheets (210 mm wide) scaled to the width of the preview column
  function fitPreview() {
    var box = document.getElementById("preview-pages");
    var sheets = box && box.querySelector(".dg-pages");
    if (!sheets) { return; }
    var a4 = 210 * 96 / 25.4 + 24;
    sheets.style.zoom = String(Math.min(1, box.clientWidth / a4));
  }
  window.addEventListener("resize", fitPreview);

  // a form sent back with its errors (the "Kiểm tra" button, a download refused): the list of errors first
  document.addEventListener("DOMContentLoaded", function () {
    var f = form();
    var summary = document.getElementById("error-summary");
    if (f && summary && f.getAttribute("data-show-all") === "true" && summary.textContent.trim()) {
      summary.focus();
    }
  });

  document.addEventListener("input", function (e) {
    if (e.target && e.target.name) { touched[e.target.name] = true; }
  });
  document.addEventListener("submit", function (e) {
    var f = form();
    if (f) { f.setAttribute("data-show-all", "true"); }
    if (e.target && e.target.id === "batch-form") { zipProgress(e.target); }
  });

  // the batch ZIP is a plain download: a progress bar until the server's cookie says it has been sent
  function zipProgress(batch) {
    var token = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    batch.querySelector("input[name=_token]").value = token;
    var busy = document.getElementById("zip-busy");
    busy.innerHTML = "Đang tạo các văn bản… <progress aria-label=\"Đang tạo các văn bản\"></progress>";
    var timer = setInterval(function () {
      if (document.cookie.indexOf("dg-zip=" + token) !== -1) {
        clearInterval(timer);
        busy.textContent = "Đã tạo xong; tệp ZIP đã được tải về.";
      }
    }, 400);
  }
  document.addEventListener("htmx:afterSettle", function (e) {
    showErrors();
    fitPreview();
    var fields = document.getElementById("fields");
    var focus = fields && fields.getAttribute("data-focus");
    if (focus && e.detail && e.detail.target && e.detail.target.id === "fields") {
      var el = document.getElementById(focus);
      var input = el && (el.matches("input,textarea,select") ? el : el.querySelector("input,textarea,select"));
      if (input) { input.focus(); }
      fields.setAttribute("data-focus", "");
    }
  });
})();
