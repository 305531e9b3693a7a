// refolio serve: reloads the page after each rebuild, and shows the site's errors over it
// while there are some (the last good pages stay served). Injected by `refolio serve` only;
// never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script && script.dataset.generation);
  var overlay = null;

  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "refolio-overlay";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("aria-label", "refolio");
      var s = overlay.style;
      s.position = "fixed";
      s.inset = "0";
      s.zIndex = "2147483647";
      s.overflow = "auto";
      s.padding = "1.5rem";
      s.background = "rgba(20, 20, 20, 0.94)";
      s.color = "#fff";
      s.font = "14px/1.5 ui-monospace, monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "refolio: " + errors.length + " error(s), the last good version is shown";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    var text = document.createElement("pre");
    text.style.whiteSpace = "pre-wrap";
    // Text only: diagnostics quote candidate content, which is untrusted.
    text.textContent = errors.join("\n");
    overlay.append(close, title, text);
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var events = new EventSource("/__refolio/events");
  events.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (state.errors.length > 0) {
      show(state.errors);
    } else if (state.generation !== shown) {
      location.reload();
    } else {
      hide();
    }
  });
})();
