/*
 * Seats left per slot on a restaurant page, from the service (GET /api/availability).
 * A hint only: the page works without it, and the service decides when a hold is made.
 */
(function () {
  "use strict";
  function start() {
    var section = document.querySelector("section.slots[data-service-url]");
    if (!section || !window.fetch) { return; }
    var url = section.getAttribute("data-service-url") + "/api/availability?restaurant=" +
      encodeURIComponent(section.getAttribute("data-restaurant"));
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (body) {
      var left = {};
      ((body && body.slots) || []).forEach(function (entry) { left[entry.slotId] = entry.seatsLeft; });
      Array.prototype.forEach.call(section.querySelectorAll("a[data-slot-id]"), function (link) {
        var seats = left[link.getAttribute("data-slot-id")];
        if (typeof seats !== "number") { return; }
        link.querySelector(".slot-left").textContent = seats > 0 ? "남은 좌석 " + seats + "석" : "마감";
        if (seats === 0) { link.classList.add("slot-full"); link.setAttribute("aria-disabled", "true"); }
      });
    }).catch(function () { /* the service is unreachable: the page still lists the times */ });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
