// Suggests titles under every search box that has data-autocomplete="<endpoint>". The form works without it.
(function () {
  "use strict";
  var DELAY_MS = 150;

  function attach(input) {
    var wrapper = input.parentNode;
    var list = document.createElement("ul");
    var timer = null;
    var latest = 0;
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.classList.add("autocomplete");
    wrapper.appendChild(list);
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      list.textContent = "";
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.title;
        link.setAttribute("role", "option");
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      var request = ++latest;
      if (query.length < 2) { close(); return; }
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (request === latest) { show(data.results); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
      if (event.key === "ArrowDown" && !list.hidden) { event.preventDefault(); list.querySelector("a").focus(); }
    });
    list.addEventListener("keydown", function (event) {
      var current = document.activeElement.parentNode;
      if (event.key === "ArrowDown" && current.nextSibling) { event.preventDefault(); current.nextSibling.firstChild.focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (current.previousSibling ? current.previousSibling.firstChild : input).focus(); }
      if (event.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (event) { if (!wrapper.contains(event.target)) { close(); } });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
