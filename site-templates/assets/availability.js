/*
 * Seats left per slot on a restaurant page, from the service (GET /api/availability), and
 * slots that are gone: a start in the past by the browser's clock ("지난 시간"), or a slot the
 * live availability no longer lists ("마감"). A hint only: the page works without it, and the
 * service decides when a hold is made.
 */
(function () {
  "use strict";
  // A closed time is no longer a link: a tap must not open a booking page for a time that is
  // gone (the booking page would refuse it, but only after the guest picked a party and typed).
  function close(link, label) {
    link.querySelector(".slot-left").textContent = label;
    link.classList.add("slot-full");
    link.setAttribute("aria-disabled", "true");
    link.removeAttribute("href");
  }
  function start() {
    var section = document.querySelector("section.slots");
    if (!section) { return; }
    var links = section.querySelectorAll("a[data-slot-id]");
    // A static page outlives its slots: re-check the clock while the page stays open.
    function closeStarted() {
      var now = Date.now();
      Array.prototype.forEach.call(links, function (link) {
        var startsAt = Number(link.getAttribute("data-starts-at"));
        if (startsAt > 0 && startsAt <= now) { close(link, "지난 시간"); }
      });
    }
    closeStarted();
    setInterval(closeStarted, 30000);
    if (!section.hasAttribute("data-service-url") || !window.fetch) { return; }
    var url = section.getAttribute("data-service-url") + "/api/availability?restaurant=" +
      encodeURIComponent(section.getAttribute("data-restaurant"));
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (body) {
      if (!body || !Array.isArray(body.slots)) { return; }
      var left = {};
      body.slots.forEach(function (entry) { left[entry.slotId] = entry.seatsLeft; });
      Array.prototype.forEach.call(links, function (link) {
        if (link.hasAttribute("aria-disabled")) { return; }
        var seats = left[link.getAttribute("data-slot-id")];
        // The service lists every slot it still sells; one it does not list is gone.
        if (seats === undefined) { close(link, "마감"); return; }
        if (typeof seats !== "number") { return; }
        if (seats > 0) { link.querySelector(".slot-left").textContent = "남은 좌석 " + seats + "석"; } else { close(link, "마감"); }
      });
    }).catch(function () { /* the service is unreachable: the page still lists the times */ });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
