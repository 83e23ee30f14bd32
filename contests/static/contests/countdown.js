// Counts down to the contest's next moment (opening or deadline) each second; the server's text stays if
// scripts are off. The server still decides: an entry sent after the deadline is refused whatever this shows.
(function () {
  function label(ms) {
    var total = Math.max(Math.floor(ms / 1000), 0);
    var days = Math.floor(total / 86400), hours = Math.floor(total % 86400 / 3600);
    var minutes = Math.floor(total % 3600 / 60), seconds = total % 60;
    if (days) return days + " ngày " + hours + " giờ";
    if (hours) return hours + " giờ " + minutes + " phút " + seconds + " giây";
    if (minutes) return minutes + " phút " + seconds + " giây";
    return seconds + " giây";
  }
  document.querySelectorAll("time[data-countdown]").forEach(function (element) {
    var target = Date.parse(element.getAttribute("datetime"));
    function tick() {
      var left = target - Date.now();
      element.textContent = left > 0 ? label(left) : "đã hết giờ, vui lòng tải lại trang";
      if (left > 0) setTimeout(tick, 1000);
    }
    tick();
  });
})();
