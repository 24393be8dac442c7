/*
 * The booking management page (/booking/#ORDERID). Reads the booking from the service with the
 * guest key this browser keeps (set by the booking page), shows it, and cancels it on request.
 * Everything is written with textContent: nothing from the service is parsed as HTML.
 */
(function () {
  "use strict";
  var GUEST_KEY_STORAGE = "yeyak.customerKey";
  var ORDER_ID = /^[A-Za-z0-9_-]{6,64}$/;

  function $(id) { return document.getElementById(id); }

  function show(id, text) {
    var element = $(id);
    element.textContent = text;
    element.hidden = false;
  }

  function status(text, isError) {
    var element = $("manage-status");
    element.textContent = text;
    element.className = isError ? "message message-error" : "message";
  }

  function guestKey() {
    try { return window.localStorage.getItem(GUEST_KEY_STORAGE); } catch (e) { return null; }
  }

  function render(booking) {
    $("manage-facts").hidden = false;
    show("fact-order", booking.orderId);
    show("fact-restaurant", booking.restaurantName || booking.slot.restaurant);
    show("fact-when", booking.slot.startsAtText);
    show("fact-party", booking.partySize + "명");
    show("fact-amount", booking.amountText);
    show("fact-state", booking.stateText + (booking.refundAmountText ? " (환불 " + booking.refundAmountText + ")" : ""));
    if (booking.refundPolicy) {
      $("manage-policy").hidden = false;
      show("policy-text", booking.refundPolicy);
      if (booking.refundIfCancelledNowText) {
        show("refund-now", "지금 취소하시면 " + booking.refundIfCancelledNowText + "을 돌려드립니다.");
      }
    }
    var button = $("cancel-booking");
    button.hidden = !(booking.state === "PAID" || booking.state === "READY");
    status(booking.state === "PAID" ? "예약이 확정되었습니다." : booking.stateText + " 상태의 예약입니다.", false);
  }

  function start() {
    var root = $("manage");
    if (!root) { return; }
    var serviceURL = root.getAttribute("data-service-url");
    var orderId = decodeURIComponent((window.location.hash || "").replace(/^#/, ""));
    var key = guestKey();
    if (!ORDER_ID.test(orderId)) { status("예약번호가 주소에 없습니다. 결제 완료 화면의 '예약 확인 · 취소' 링크로 들어와 주세요.", true); return; }
    if (!key) { status("이 브라우저에서 만든 예약이 아닙니다. 예약한 기기와 브라우저에서 열어 주세요.", true); return; }
    var url = serviceURL + "/api/bookings/" + encodeURIComponent(orderId);

    function load() {
      return fetch(url, { headers: { "X-Customer-Key": key } }).then(function (response) {
        if (response.status === 404) { status("예약을 찾을 수 없습니다. 예약한 기기와 브라우저에서 열어 주세요.", true); return; }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json().then(render);
      }).catch(function () { status("예약 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.", true); });
    }

    $("cancel-booking").addEventListener("click", function () {
      if (!window.confirm("예약을 취소하시겠습니까? 환불 규정에 따라 예약금이 환불됩니다.")) { return; }
      var button = $("cancel-booking");
      button.disabled = true;
      fetch(url + "/cancel", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ customerKey: key })
      }).then(function (response) {
        return response.json().then(function (body) {
          if (response.status === 202) {
            // The refund is recorded and Toss has not shown it yet: not cancelled until it does.
            render(body); status("취소 요청을 접수했습니다. 토스페이먼츠에서 환불이 확인되면 취소가 완료됩니다.", false); return;
          }
          if (response.ok) { render(body); status("예약이 취소되었습니다.", false); return; }
          status((body && body.error && body.error.message) || "취소하지 못했습니다.", true);
          button.disabled = false;
        });
      }).catch(function () {
        status("예약 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.", true);
        button.disabled = false;
      });
    });
    load();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
