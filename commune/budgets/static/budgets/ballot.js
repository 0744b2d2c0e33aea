/* The ballot's live counter: adds up the projects ticked (or the points given) as the
   resident chooses, and says when the ballot goes over the limit. The page works without
   it: the server adds up, refuses a ballot over the budget and says why. */
(function () {
  "use strict";
  function setUp(fieldset) {
    var output = document.getElementById("ballot-total");
    if (!output) { return; }
    var kind = fieldset.getAttribute("data-ballot-kind");
    var limit = parseInt(fieldset.getAttribute("data-limit"), 10) || 0;
    var maxChoices = parseInt(fieldset.getAttribute("data-max-choices"), 10) || 0;
    var locale = document.documentElement.lang || "fr";
    var numbers = new Intl.NumberFormat(locale);
    var moneyTemplate = output.getAttribute("data-money-template") || "__AMOUNT__";
    var totalTemplate = output.getAttribute("data-total-template") || "__TOTAL__";
    var overText = output.getAttribute("data-over-text") || "";

    function add() {
      var total = 0;
      var count = 0;
      var inputs = fieldset.querySelectorAll("input[data-cost]");
      for (var i = 0; i < inputs.length; i++) {
        var input = inputs[i];
        if (kind === "cumulative") {
          var points = parseInt(input.value, 10);
          if (points > 0) { total += points; count += 1; }
        } else if (input.checked) {
          total += parseInt(input.getAttribute("data-cost"), 10) || 0;
          count += 1;
        }
      }
      var shown = kind === "cumulative" ? numbers.format(total)
        : moneyTemplate.replace("__AMOUNT__", numbers.format(total));
      var over = kind === "k_approval" ? (maxChoices > 0 && count > maxChoices) : total > limit;
      output.textContent = totalTemplate.replace("__TOTAL__", shown);
      if (over) {
        var strong = document.createElement("strong");
        strong.textContent = " " + overText;
        output.appendChild(strong);
      }
      output.classList.toggle("ballot-over", over);
      output.setAttribute("data-total", String(total));
    }
    fieldset.addEventListener("change", add);
    fieldset.addEventListener("input", add);
    add();
  }
  var ballots = document.querySelectorAll("fieldset.ballot");
  for (var i = 0; i < ballots.length; i++) { setUp(ballots[i]); }
})();
