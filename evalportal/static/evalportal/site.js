// The portal's behaviour on every page (no inline script: the Content-Security-Policy forbids
// it). Every page works without it; it only adds what a browser can do better.
(function () {
  "use strict";

  // A button or form marked data-confirm asks before it does something that cannot be undone.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (!button || button.disabled) { return; }
    // A form the browser will refuse (a required box unticked) is not asked about: the
    // browser says what is missing first.
    if (button.form && !button.form.noValidate && !button.form.checkValidity()) { return; }
    if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
  });

  // While a PDF renders, poll the small list of renderings instead of reloading the page, so
  // that nothing being typed elsewhere on the page is lost.
  function poll(element) {
    if (element.getAttribute("data-active") !== "1") { return; }
    window.setTimeout(function () {
      fetch(element.getAttribute("data-poll"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html.trim();
          var fresh = holder.firstElementChild;
          if (!fresh) { return; }
          element.replaceWith(fresh);
          if (fresh.getAttribute("data-active") !== "1") {
            document.querySelectorAll("[data-enable-when-rendered]").forEach(function (b) {
              b.disabled = false;
            });
          }
          poll(fresh);
        })
        .catch(function () { poll(element); });
    }, 3000);
  }
  document.querySelectorAll("[data-poll]").forEach(poll);

  // "Back" links (the error pages) go back in the browser's history when there is one.
  document.querySelectorAll("a[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) { event.preventDefault(); window.history.back(); }
    });
  });
})();
