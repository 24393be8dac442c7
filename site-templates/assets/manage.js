/*
 * The booking pages: "예약 확인 · 취소" (/booking/#ORDERID) and "예약 조회" (/lookup/).
 *
 * A booking is reached one of two ways:
 *   - key: the order id from the URL fragment and the guest key this browser keeps (set by the
 *     booking page): GET /api/bookings/ID, POST /api/bookings/ID/cancel;
 *   - code: the booking code and the phone number the guest types, on any device:
 *     POST /api/lookup, POST /api/lookup/cancel.
 * The manage page tries the key and falls back to the lookup form when this browser has none
 * (another phone, KakaoTalk's in-app browser) or the service does not know it.
 *
 * Everything is written with textContent: nothing from the service is parsed as HTML. What is
 * shown is redrawn from the service's answer each time (after a cancel too), so no stale button
 * or refund sentence stays on screen; a button is shown only once it does something.
 */
(function () {
  "use strict";
  var GUEST_KEY_STORAGE = "yeyak.customerKey";
  var ORDER_ID = /^[A-Za-z0-9_-]{6,64}$/;
  var CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  var UNREACHABLE = "예약 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.";

  function $(id) { return document.getElementById(id); }

  function setText(id, text) {
    var element = $(id);
    element.textContent = text;
    element.hidden = !text;
  }

  function status(text, isError) {
    var element = $("manage-status");
    element.textContent = text;
    element.className = isError ? "message message-error" : "message";
    element.hidden = !text;
  }

  function guestKey() {
    try { return window.localStorage.getItem(GUEST_KEY_STORAGE); } catch (e) { return null; }
  }

  /* The service's rule (BookingCode.normalize): any case, dashes and spaces ignored, full-width
     letters and digits read as ASCII; null unless 8 characters of the alphabet. */
  function normalizeCode(text) {
    var folded = (text || "").normalize ? text.normalize("NFKC") : (text || "");
    var out = "";
    folded = folded.toUpperCase();
    for (var i = 0; i < folded.length; i++) {
      var c = folded.charAt(i);
      if (c === "-" || c === " " || c === "\t") { continue; }
      if (CODE_ALPHABET.indexOf(c) < 0 || out.length >= 8) { return null; }
      out += c;
    }
    return out.length === 8 ? out : null;
  }

  /* A first check of the phone number (the service applies GuestFieldRules): spaces, dots and
     brackets dropped, then digits with single hyphens, 9 to 11 digits from 0. */
  function normalizePhone(text) {
    var value = (text || "").replace(/[\s.()]/g, "");
    if (!/^[0-9]+(-[0-9]+)*$/.test(value)) { return null; }
    var digits = value.replace(/-/g, "");
    return /^0[0-9]{8,10}$/.test(digits) ? digits : null;
  }

  function start() {
    var root = $("manage");
    if (!root) { return; }
    var serviceURL = root.getAttribute("data-service-url");
    var mode = root.getAttribute("data-mode");
    /* How the booking on screen is reached: {url, body} for its cancel, set once it is shown. */
    var access = null;
    var current = null;

    function cancellable(booking) {
      return booking.state === "READY" || (booking.state === "PAID" && typeof booking.refundIfCancelledNow === "number");
    }

    function hideCancel() {
      $("cancel-actions").hidden = true;
      $("cancel-confirm").hidden = true;
    }

    function render(booking) {
      current = booking;
      $("manage-facts").hidden = false;
      setText("fact-code", booking.codeText || booking.orderId);
      setText("fact-restaurant", booking.restaurantName || booking.slot.restaurant);
      setText("fact-when", booking.slot.startsAtText);
      setText("fact-party", booking.partySize + "명");
      setText("fact-amount", booking.amountText);
      setText("fact-state", booking.stateText + (booking.refundAmountText ? " (환불 " + booking.refundAmountText + ")" : ""));
      $("manage-policy").hidden = !booking.refundPolicy;
      setText("policy-text", booking.refundPolicy || "");
      setText("refund-now", booking.state === "PAID" && booking.refundIfCancelledNowText
        ? "지금 취소하시면 " + booking.refundIfCancelledNowText + "을 돌려드립니다." : "");
      hideCancel();
      $("cancel-actions").hidden = !cancellable(booking);
      $("cancel-booking").disabled = false;
      status(booking.state === "PAID" ? "예약이 확정되었습니다." : booking.stateText + " 상태의 예약입니다.", false);
    }

    function clearBooking() {
      current = null;
      access = null;
      $("manage-facts").hidden = true;
      $("manage-policy").hidden = true;
      hideCancel();
    }

    function errorMessage(body, fallback) {
      return (body && body.error && body.error.message) || fallback;
    }

    // MARK: the lookup form

    function fieldError(name, text) {
      var input = $("lookup-" + name);
      setText("lookup-" + name + "-error", text);
      if (text) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }

    function showLookup(reason) {
      $("lookup-section").hidden = false;
      $("lookup-form").hidden = false;
      if (reason) { status(reason, false); }
    }

    function lookup(code, phone) {
      var button = $("lookup-button");
      button.disabled = true;
      setText("lookup-error", "");
      return fetch(serviceURL + "/api/lookup", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: code, phone: phone })
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          button.disabled = false;
          if (response.ok && body) {
            access = { url: serviceURL + "/api/lookup/cancel", body: { code: code, phone: phone } };
            render(body);
            if (mode === "manage") { $("lookup-section").hidden = true; }
            // On a phone the booking is below the form: bring its first line into view.
            var found = $("manage-status");
            if (found.scrollIntoView) { found.scrollIntoView({ block: "start" }); }
            return;
          }
          clearBooking();
          status("", false);
          if (body && body.error && body.error.field) { fieldError(body.error.field === "phone" ? "phone" : "code", body.error.message); return; }
          setText("lookup-error", errorMessage(body, "조회하지 못했습니다. 잠시 후 다시 시도해 주세요."));
        });
      }).catch(function () {
        button.disabled = false;
        setText("lookup-error", UNREACHABLE);
      });
    }

    $("lookup-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var code = normalizeCode($("lookup-code").value);
      var phone = normalizePhone($("lookup-phone").value);
      fieldError("code", code ? "" : "예약번호 8자리를 K7QX-2M9P처럼 입력해 주세요.");
      fieldError("phone", phone ? "" : "예약할 때 입력한 전화번호를 010-1234-5678처럼 입력해 주세요.");
      if (!code) { $("lookup-code").focus(); return; }
      if (!phone) { $("lookup-phone").focus(); return; }
      lookup(code, phone);
    });

    // MARK: cancelling

    $("cancel-booking").addEventListener("click", function () {
      if (!current || !access) { return; }
      var refund = current.state === "PAID" && current.refundIfCancelledNowText
        ? "취소하시면 예약금 " + current.refundIfCancelledNowText + "을 돌려드립니다." : "결제 전인 예약이라 청구된 금액은 없습니다.";
      setText("cancel-confirm-text", "이 예약을 취소하시겠습니까? " + refund);
      $("cancel-actions").hidden = true;
      $("cancel-confirm").hidden = false;
      $("cancel-yes").focus();
    });

    $("cancel-no").addEventListener("click", function () {
      $("cancel-confirm").hidden = true;
      $("cancel-actions").hidden = !(current && cancellable(current));
      $("cancel-booking").focus();
    });

    $("cancel-yes").addEventListener("click", function () {
      if (!access) { return; }
      var yes = $("cancel-yes");
      yes.disabled = true;
      status("취소하고 있습니다…", false);
      fetch(access.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(access.body)
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          yes.disabled = false;
          if (response.status === 202 && body) {
            // The refund is recorded and Toss has not shown it yet: not cancelled until it does.
            render(body); status("취소 요청을 접수했습니다. 토스페이먼츠에서 환불이 확인되면 취소가 완료됩니다.", false); return;
          }
          if (response.ok && body) {
            render(body);
            status(body.refundAmountText && body.refundAmount > 0
              ? "예약이 취소되었습니다. 예약금 " + body.refundAmountText + "을 돌려드립니다." : "예약이 취소되었습니다.", false);
            return;
          }
          $("cancel-confirm").hidden = true;
          $("cancel-actions").hidden = !(current && cancellable(current));
          status(errorMessage(body, "취소하지 못했습니다."), true);
        });
      }).catch(function () {
        yes.disabled = false;
        status(UNREACHABLE, true);
      });
    });

    // MARK: the start

    if (mode === "lookup") {
      showLookup("");
      $("lookup-code").focus();
      return;
    }
    // A mangled link (a messenger cutting it mid-escape) must not leave the page stuck loading.
    var orderId = "";
    try { orderId = decodeURIComponent((window.location.hash || "").replace(/^#/, "")); } catch (error) { orderId = ""; }
    var key = guestKey();
    if (!ORDER_ID.test(orderId) || !key) {
      status("", false);
      showLookup(!ORDER_ID.test(orderId)
        ? "예약번호와 예약할 때 입력한 전화번호로 예약을 찾을 수 있습니다."
        : "이 브라우저에는 이 예약의 정보가 없습니다. 예약번호와 전화번호로 조회해 주세요.");
      return;
    }
    var url = serviceURL + "/api/bookings/" + encodeURIComponent(orderId);
    fetch(url, { headers: { "X-Customer-Key": key } }).then(function (response) {
      if (response.status === 404) {
        showLookup("이 브라우저에서는 이 예약을 찾을 수 없습니다. 예약번호와 전화번호로 조회해 주세요.");
        return;
      }
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json().then(function (body) {
        access = { url: url + "/cancel", body: { customerKey: key } };
        render(body);
      });
    }).catch(function () { status(UNREACHABLE, true); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
