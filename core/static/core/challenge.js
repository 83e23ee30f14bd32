// Solves the form's puzzle (core/challenges.py) in the background: a number whose SHA-256 hash with the puzzle
// starts with the required zero bits. A form sent before it is solved waits for it, then goes.
(function () {
  var encoder = new TextEncoder();
  function leadingZeroBits(bytes, bits) {
    for (var i = 0; i < bits; i++) {
      if (bytes[i >> 3] & (0x80 >> (i & 7))) return false;
    }
    return true;
  }
  async function solve(puzzle, bits) {
    for (var n = 0; ; n++) {
      var digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(puzzle + ":" + n)));
      if (leadingZeroBits(digest, bits)) return String(n);
    }
  }
  document.querySelectorAll("form[data-challenge-bits]").forEach(function (form) {
    var puzzle = form.querySelector("input[name=puzzle]");
    var answer = form.querySelector("input[name=puzzle_answer]");
    if (!puzzle || !answer || !window.crypto || !crypto.subtle) return;
    var waiting = false;
    var solved = solve(puzzle.value, parseInt(form.getAttribute("data-challenge-bits"), 10)).then(function (value) {
      answer.value = value;
    });
    form.addEventListener("submit", function (event) {
      if (answer.value) return;
      event.preventDefault();
      if (waiting) return;
      waiting = true;
      solved.then(function () { form.submit(); });
    });
  });
})();
