// Counts the attempt's time down each second and sends the answers when it runs out. The server's clock still
// decides: it took the time left from the deadline it keeps, and refuses answers sent well after it.
(function () {
  var clock = document.querySelector("[data-seconds-left]");
  var form = document.querySelector("[data-attempt-form]");
  if (!clock || !form) return;
  var deadline = Date.now() + parseInt(clock.getAttribute("data-seconds-left"), 10) * 1000;
  var sent = false;
  form.addEventListener("submit", function () { sent = true; });
  function label(seconds) {
    var minutes = Math.floor(seconds / 60), rest = seconds % 60;
    return (minutes ? minutes + " phút " : "") + rest + " giây";
  }
  function tick() {
    var left = Math.max(Math.round((deadline - Date.now()) / 1000), 0);
    clock.textContent = label(left);
    if (left > 0) { setTimeout(tick, 1000); return; }
    if (!sent) { sent = true; form.submit(); }
  }
  tick();
})();
