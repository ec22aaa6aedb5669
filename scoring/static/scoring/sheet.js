// The running total of a score sheet as it is filled in.
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  var output = document.getElementById("running-total");
  if (!form || !output) { return; }
  var inputs = form.querySelectorAll("input.score-input");
  // A read-only sheet has no inputs: its total is the server's, and stays.
  if (inputs.length === 0) { return; }

  function total() {
    // Work in hundredths to avoid floating-point noise (scores have at most two decimals).
    var hundredths = 0, entered = 0;
    inputs.forEach(function (input) {
      var value = parseFloat(input.value);
      if (!isNaN(value)) { hundredths += Math.round(value * 100); entered += 1; }
    });
    var text = (hundredths / 100).toFixed(2).replace(/\.?0+$/, "");
    // Nothing entered yet reads "—", as the server writes it.
    output.textContent = entered === 0 ? "—" : (text === "" ? "0" : text);
  }

  inputs.forEach(function (input) { input.addEventListener("input", total); });
  total();  // the page may hold entries that are not saved yet (after an error)
  // (The confirmation before submitting is the portal's: evalportal/site.js.)
})();
