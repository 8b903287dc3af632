/*
 * Search suggestions as you type: the ARIA 1.2 combobox pattern (an editable combobox with
 * list autocomplete), fed by the JSON search API (GET /api/v1/search).
 *
 * Progressive enhancement: without this script the form is a plain GET form to the search
 * page. Keys: Down/Up move through the suggestions, Enter opens the highlighted title (or
 * submits the search when none is highlighted; in a form with data-autocomplete-pick="fill",
 * such as the compare picker, Enter writes the title's name into the box instead), Escape closes the list (a second Escape
 * clears the box), Tab leaves. Focus never leaves the text box; the highlighted option is
 * announced through aria-activedescendant, the number of suggestions through a live region.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var LIMIT = 8;
  var DELAY_MS = 150;

  function loadStyles(href) {
    if (!href || document.querySelector("link[data-search-styles]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.setAttribute("data-search-styles", "");
    document.head.appendChild(link);
  }

  function enhance(form) {
    if (form.hasAttribute("data-enhanced")) return;
    form.setAttribute("data-enhanced", "");
    if (!form.getAttribute("data-autocomplete") || !window.fetch) return;
    loadStyles(form.getAttribute("data-autocomplete-css"));
    Array.prototype.forEach.call(form.querySelectorAll('[role="combobox"]'), function (input) {
      enhanceBox(form, input);
    });
  }

  // One text box with its own list of suggestions (a form may hold several).
  function enhanceBox(form, input) {
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    var status = form.querySelector('[role="status"]');
    var endpoint = form.getAttribute("data-autocomplete");
    var fills = form.getAttribute("data-autocomplete-pick") === "fill";
    if (!listbox) return;

    var language = (document.documentElement.lang || "sv").slice(0, 2);
    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var shownFor = null;

    function isOpen() {
      return !listbox.hidden;
    }

    function open() {
      if (!options.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (index < 0 || !options[index]) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function announce(count) {
      if (!status) return;
      var message = count === 0 ? form.getAttribute("data-none")
        : count === 1 ? form.getAttribute("data-one")
        : (form.getAttribute("data-many") || "").replace("%(count)s", String(count));
      status.textContent = message || "";
    }

    function option(item, index) {
      var li = document.createElement("li");
      li.id = listbox.id + "-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-url", item.url);
      var name = document.createElement("span");
      name.className = "search-suggestion__name";
      name.textContent = item.name[language] || item.name.sv;
      li.setAttribute("data-name", name.textContent);
      li.appendChild(name);
      var matched = item.matched || {};
      if (matched.text && matched.text !== name.textContent &&
          (matched.kind !== "definition" && matched.kind !== "responsibility")) {
        var label = document.createElement("span");
        label.className = "search-suggestion__match";
        label.lang = matched.language;
        label.textContent = matched.text;
        li.appendChild(document.createTextNode(" "));
        li.appendChild(label);
      }
      return li;
    }

    function render(items) {
      listbox.textContent = "";
      options = items.map(option);
      options.forEach(function (li) { listbox.appendChild(li); });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) open(); else close();
      announce(options.length);
    }

    // Open the chosen title, or (fill mode) put its name in the box for the form to send.
    function go(li) {
      if (li && fills) {
        input.value = li.getAttribute("data-name");
        shownFor = input.value.trim();
        close();
        options = [];
        listbox.textContent = "";
        if (status) status.textContent = "";
        return;
      }
      var url = li && li.getAttribute("data-url");
      if (url) window.location.assign(url);
    }

    function update() {
      var query = input.value.trim();
      if (query === shownFor) return;
      if (controller) controller.abort();
      if (query.length < MIN_LENGTH) {
        shownFor = query;
        render([]);
        if (status) status.textContent = "";
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + "?q=" + encodeURIComponent(query) + "&limit=" + LIMIT;
      fetch(url, {
        headers: { Accept: "application/json", "Accept-Language": language },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (body) {
          shownFor = query;
          render(body.results.length ? body.results : body.suggestions);
        })
        .catch(function () { /* aborted or offline: the form still submits */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = options.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active + 1 < count ? active + 1 : 0);
          break;
        case "ArrowUp":
          if (!count) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active > 0 ? active - 1 : count - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(options[active]);
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            shownFor = null;
            render([]);
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    // Keep focus in the text box when an option is clicked, then follow it.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      go(event.target.closest('[role="option"]'));
    });
    listbox.addEventListener("mousemove", function (event) {
      var li = event.target.closest('[role="option"]');
      if (li) setActive(options.indexOf(li));
    });
    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (options.length && input.value.trim() === shownFor) open();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autocomplete]"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
