// The share links' buttons (templates/components/share_links.html), shown only where the browser can do what they
// say: the device's share sheet (Zalo and the other apps installed) and copying the page's address. Without
// scripts, the address stays in its field, selected on focus, for the reader to copy.
(function () {
  document.querySelectorAll("[data-share]").forEach(function (block) {
    var field = block.querySelector("[data-share-url]");
    var status = block.querySelector("[data-share-status]");
    var sheet = block.querySelector("[data-share-sheet]");
    var copy = block.querySelector("[data-share-copy]");
    field.addEventListener("focus", function () { field.select(); });
    if (navigator.share) {
      sheet.hidden = false;
      sheet.addEventListener("click", function () {
        // A reader who closes the sheet has not failed at anything: nothing to say then.
        navigator.share({ title: sheet.dataset.title, url: field.value }).catch(function () {});
      });
    }
    if (navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () { status.textContent = "Đã sao chép đường dẫn."; },
          function () {
            field.focus();
            status.textContent = "Chưa sao chép được: đường dẫn đã được chọn, hãy sao chép bằng bàn phím (Ctrl+C).";
          }
        );
      });
    }
  });
})();
