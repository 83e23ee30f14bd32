// Counts one read of the article this page shows, for the "most read" lists (newsroom/read_counting.py): its id,
// posted to this site once the page is shown to the reader (a page the browser prerenders is counted only if it
// is then opened). Nothing else is sent, nothing is stored in the browser.
(function () {
  var script = document.currentScript;
  var url = script.getAttribute("data-url"), page = script.getAttribute("data-page");
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url, page)) return;
    if (window.fetch) fetch(url, { method: "POST", body: page, keepalive: true, credentials: "omit" }).catch(function () {});
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
