// rapport serve: live reload and the build-error overlay. Injected into
// served HTML pages only; never part of a built site.
(function () {
  "use strict";
  var site = __RAPPORT_SITE__;
  var key = "rapport-scroll:" + location.pathname;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved) {
    var xy = JSON.parse(saved);
    var restore = function () { window.scrollTo(xy[0], xy[1]); };
    restore();
    window.addEventListener("load", restore);
  }

  function reload() {
    try { sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) {}
    location.reload();
  }

  function swapStylesheets(pairs) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href") || "";
      pairs.forEach(function (pair) {
        if (href.slice(-pair[0].length) !== pair[0]) return;
        var fresh = link.cloneNode();
        fresh.setAttribute("href", href.slice(0, href.length - pair[0].length) + pair[1]);
        fresh.addEventListener("load", function () { link.remove(); });
        link.after(fresh);
      });
    });
  }

  function overlay(text) {
    var box = document.getElementById("rapport-error");
    if (text === null) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      var tmp = document.createElement("div");
      tmp.innerHTML = __RAPPORT_OVERLAY__;
      box = tmp.firstElementChild;
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
    box.querySelector("button").focus();
  }

  document.addEventListener("click", function (e) {
    if (e.target && e.target.id === "rapport-error-close") overlay(null);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") overlay(null);
  });

  var events = new EventSource("/__rapport/events");
  events.onmessage = function (message) {
    var ev = JSON.parse(message.data);
    if (ev.site !== site) {
      if (ev.css && ev.site === site + 1) {
        swapStylesheets(ev.css);
        site = ev.site;
      } else {
        reload();
        return;
      }
    }
    overlay(ev.error);
  };
})();
