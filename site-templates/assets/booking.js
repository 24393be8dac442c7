/*
 * Yeyak booking page: hold seats with the service, then pay the deposit with the Toss payment
 * widget (SDK v2), in the order Toss documents:
 *   TossPayments(clientKey).widgets({customerKey}) -> setAmount -> renderPaymentMethods
 *   -> renderAgreement -> requestPayment({orderId, orderName, successUrl, failUrl, ...}).
 *
 * The flow (`startBooking`) takes everything it touches as `deps` (fetch, TossPayments, storage,
 * crypto, location, view), so Tests/SiteBuilderTests/js runs it in node with a stand-in SDK.
 *
 * Field rules (the service enforces the same ones; see docs/site.md):
 *   name     1-50 characters after trimming
 *   phone    Korean mobile or landline, digits with single hyphens between groups; without
 *            hyphens: 01[016789]+7-8 digits, 02+7-8, 0[3-6][1-5]+7-8, or 070+8 digits
 *   comment  at most 500 characters
 *   party    1 up to the chosen slot's table seats (and the seats left, when known)
 *   slot     not started by the browser's clock, and still listed by the live availability
 *            (when it answered): a static page outlives its slots
 * The amount paid is always the one the service answers with, never the page's own total.
 */
(function (root) {
  "use strict";

  var NAME_MAX = 50;
  var COMMENT_MAX = 500;
  var GUEST_KEY_STORAGE = "yeyak.customerKey";
  var CUSTOMER_KEY_PATTERN = /^[A-Za-z0-9\-_=.@]{2,50}$/;
  var PHONE_DIGITS = /^(01[016789][0-9]{7,8}|02[0-9]{7,8}|0[3-6][1-5][0-9]{7,8}|070[0-9]{8})$/;

  var MESSAGES = {
    slotRequired: "예약할 날짜와 시간을 골라 주세요.",
    slotGone: "이 시간은 예약할 수 없습니다. 다른 시간을 골라 주세요.",
    slotStarted: "지난 시간입니다. 다른 시간을 골라 주세요.",
    slotClosed: "이 시간은 마감되었습니다.",
    partySize: "인원을 다시 골라 주세요.",
    nameRequired: "예약자 이름을 입력해 주세요.",
    nameTooLong: "이름은 50자 이내로 입력해 주세요.",
    phoneRequired: "연락처를 입력해 주세요.",
    phoneInvalid: "연락처는 010-1234-5678 또는 02-123-4567 형식으로 입력해 주세요.",
    commentTooLong: "요청 사항은 500자 이내로 입력해 주세요.",
    soldOut: "남은 좌석이 부족합니다.",
    tooManyHolds: "진행 중인 예약이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
    unreachable: "예약 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
    invalid: "입력한 내용을 다시 확인해 주세요.",
    sdkMissing: "결제 모듈을 불러오지 못했습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.",
    sdkFailed: "결제창을 준비하지 못했습니다. 잠시 후 다시 시도해 주세요.",
    payFailed: "결제를 시작하지 못했습니다. 다시 시도해 주세요."
  };

  /** The service names fields as in its JSON; the page's element ids differ for two of them. */
  var FIELD_IDS = { slotId: "slot", partySize: "party-size", name: "name", phone: "phone", comment: "comment" };

  // MARK: - Pure helpers

  function formatWon(amount) {
    return String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "원";
  }

  /** Digits only ("01012345678"), or null when it is not a Korean phone number. */
  function normalizedPhone(raw) {
    var text = String(raw == null ? "" : raw).trim();
    if (!/^[0-9]+(-[0-9]+)*$/.test(text)) return null;
    var digits = text.replace(/-/g, "");
    return PHONE_DIGITS.test(digits) ? digits : null;
  }

  /** Characters as the guest sees them (code points), like Swift's count. */
  function length(text) { return Array.from(text).length; }

  /** {field: message} for every refused field; empty when the form may be sent. */
  function validate(values, slot) {
    var errors = {};
    if (!slot) errors.slotId = MESSAGES.slotRequired;
    var size = Number(values.partySize);
    if (!Number.isInteger(size) || size < 1 || (slot && size > slot.maxParty)) errors.partySize = MESSAGES.partySize;
    var name = String(values.name || "").trim();
    if (name.length === 0 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) errors.name = MESSAGES.nameRequired;
    else if (length(name) > NAME_MAX) errors.name = MESSAGES.nameTooLong;
    var phone = String(values.phone || "").trim();
    if (phone.length === 0) errors.phone = MESSAGES.phoneRequired;
    else if (normalizedPhone(phone) === null) errors.phone = MESSAGES.phoneInvalid;
    if (length(String(values.comment || "")) > COMMENT_MAX) errors.comment = MESSAGES.commentTooLong;
    return errors;
  }

  /** 144 random bits as base64url (24 characters), inside Toss's customerKey alphabet. */
  function newGuestKey(crypto) {
    var bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var key = "";
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      key += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
    }
    return "guest-" + key;
  }

  /** The guest's key from localStorage, made and kept on the first visit. */
  function guestKey(storage, crypto) {
    var stored = null;
    try { stored = storage && storage.getItem(GUEST_KEY_STORAGE); } catch (e) { stored = null; }
    if (stored && CUSTOMER_KEY_PATTERN.test(stored) && stored.length >= 28) return stored;
    var key = newGuestKey(crypto);
    try { if (storage) storage.setItem(GUEST_KEY_STORAGE, key); } catch (e) { /* private mode: key lives for this page */ }
    return key;
  }

  function slotFromQuery(location) {
    var search = (location && location.search) || "";
    var match = /[?&]slot=([^&#]*)/.exec(search);
    return match ? decodeURIComponent(match[1].replace(/\+/g, " ")) : null;
  }

  async function readJSON(response) {
    try { return await response.json(); } catch (e) { return null; }
  }

  // MARK: - The flow

  /**
   * deps: { fetch, TossPayments, storage, crypto, location, now (optional, ms like Date.now),
   * config: {serviceURL, clientKey, restaurant},
   * data: {slots: [{id, date, time, tableName, maxParty, deposit, startsAt (ms)}]}, view }.
   * view: { selectSlot(id), setPartySizes(max, selected), setTotal(text), setSeatsLeft(text),
   * showErrors({field: message}), showMessage(text, kind), setBusy(bool), showPayment(summary),
   * markGone({id: "started" | "closed"}) (optional) }.
   */
  function startBooking(deps) {
    var view = deps.view;
    var config = deps.config;
    var serviceURL = String(config.serviceURL || "").replace(/\/+$/, "");
    var slots = (deps.data && deps.data.slots) || [];
    var slotsById = {};
    slots.forEach(function (slot) { slotsById[slot.id] = slot; });
    var seatsLeft = {};
    var now = deps.now || Date.now;
    /** The slot ids the live availability lists, once it answered; null until then. */
    var listed = null;
    var key = guestKey(deps.storage, deps.crypto);
    var state = { slotId: null, partySize: 1, hold: null, widgets: null, rendered: false, guest: null };

    function currentSlot() { return slotsById[state.slotId] || null; }

    /** "started" (by the browser's clock), "closed" (the live availability no longer lists it) or null. */
    function gone(slot) {
      if (typeof slot.startsAt === "number" && slot.startsAt <= now()) return "started";
      if (listed && !listed[slot.id]) return "closed";
      return null;
    }

    function maxParty(slot) {
      if (!slot) return 1;
      var left = seatsLeft[slot.id];
      return Math.max(1, typeof left === "number" && left > 0 ? Math.min(slot.maxParty, left) : slot.maxParty);
    }

    function refresh() {
      var slot = currentSlot();
      var max = maxParty(slot);
      if (state.partySize > max) state.partySize = max;
      view.setPartySizes(max, state.partySize);
      view.setTotal(slot ? formatWon(slot.deposit * state.partySize) : "");
      var left = slot ? seatsLeft[slot.id] : undefined;
      var reason = slot ? gone(slot) : null;
      if (view.markGone) {
        var goneIds = {};
        slots.forEach(function (each) { var why = gone(each); if (why) goneIds[each.id] = why; });
        view.markGone(goneIds);
      }
      if (reason) view.setSeatsLeft(reason === "started" ? MESSAGES.slotStarted : MESSAGES.slotClosed);
      else view.setSeatsLeft(typeof left === "number" ? (left > 0 ? "남은 좌석 " + left + "석" : MESSAGES.slotClosed) : "");
      // A slot known to be full or gone cannot be held: the guest picks another time instead of
      // sending the same request into the same 409.
      if (!state.hold) view.setBusy(left === 0 || reason !== null);
    }

    function selectSlot(id) {
      var open = slots.filter(function (slot) { return !gone(slot); })[0] || slots[0];
      state.slotId = slotsById[id] ? id : (open ? open.id : null);
      view.selectSlot(state.slotId);
      refresh();
    }

    function setPartySize(size) {
      state.partySize = Math.max(1, Number(size) || 1);
      refresh();
    }

    /** Seats left per slot, when the service is reachable; the page works without it. */
    async function loadAvailability() {
      if (!deps.fetch || !serviceURL) return;
      try {
        var response = await deps.fetch(serviceURL + "/api/availability?restaurant=" + encodeURIComponent(config.restaurant),
                                        { method: "GET", headers: { Accept: "application/json" }, cache: "no-store" });
        if (!response.ok) return;
        var body = await readJSON(response);
        if (!body || !Array.isArray(body.slots)) return;
        listed = {};
        body.slots.forEach(function (entry) {
          if (entry && typeof entry.seatsLeft === "number") seatsLeft[entry.slotId] = entry.seatsLeft;
          if (entry) listed[entry.slotId] = true;
        });
        refresh();
      } catch (e) { /* availability is a hint only */ }
    }

    function fieldErrorsFrom(body) {
      var error = (body && body.error) || {};
      var errors = {};
      if (error.field && FIELD_IDS[error.field]) errors[error.field] = error.message || MESSAGES.invalid;
      return { errors: errors, message: error.message };
    }

    async function submit(values) {
      var slot = slotsById[values.slotId] || null;
      var errors = validate(values, slot);
      if (slot && gone(slot)) errors.slotId = MESSAGES.slotGone;
      view.showErrors(errors);
      if (Object.keys(errors).length > 0) {
        view.showMessage(MESSAGES.invalid, "error");
        return { status: "invalid", errors: errors };
      }
      view.showMessage("", "info");
      view.setBusy(true);
      var request = {
        slotId: slot.id,
        partySize: Number(values.partySize),
        customerKey: key,
        name: String(values.name).trim(),
        phone: String(values.phone).trim(),
        comment: String(values.comment || "")
      };
      var response;
      try {
        response = await deps.fetch(serviceURL + "/api/reservations", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(request)
        });
      } catch (e) {
        view.setBusy(false);
        view.showMessage(MESSAGES.unreachable, "error");
        return { status: "unreachable" };
      }
      var body = await readJSON(response);
      if (response.status === 201 && body && body.orderId && body.amount > 0) {
        state.guest = { name: request.name, phone: normalizedPhone(request.phone) };
        return startPayment(body);
      }
      view.setBusy(false);
      if (response.status === 409) {
        var left = body && body.error && typeof body.error.seatsLeft === "number" ? body.error.seatsLeft
          : (body && typeof body.seatsLeft === "number" ? body.seatsLeft : null);
        if (left !== null) { seatsLeft[slot.id] = left; refresh(); }
        var detail = left === null ? "" : (left > 0 ? " 이 시간에 남은 좌석은 " + left + "석입니다. 인원을 줄이거나 다른 시간을 골라 주세요."
          : " 이 시간은 마감되었습니다. 다른 시간을 골라 주세요.");
        view.showMessage(MESSAGES.soldOut + detail, "error");
        return { status: "soldOut", seatsLeft: left };
      }
      if (response.status === 400 || response.status === 422) {
        var refused = fieldErrorsFrom(body);
        view.showErrors(refused.errors);
        view.showMessage(refused.message || MESSAGES.invalid, "error");
        return { status: "invalid", errors: refused.errors };
      }
      if (response.status === 429) {
        view.showMessage((body && body.error && body.error.message) || MESSAGES.tooManyHolds, "error");
        return { status: "tooManyHolds" };
      }
      view.showMessage(MESSAGES.unreachable, "error");
      return { status: "unreachable" };
    }

    /** The widget calls, in Toss's documented order; the amount is the service's. */
    async function startPayment(hold) {
      var TossPayments = deps.TossPayments;
      if (typeof TossPayments !== "function") {
        view.setBusy(false);
        view.showMessage(MESSAGES.sdkMissing, "error");
        return { status: "sdkMissing" };
      }
      try {
        var customerKey = hold.customerKey || key;
        if (!state.widgets || state.widgetsKey !== customerKey) {
          var tp = TossPayments(config.clientKey);
          state.widgets = tp.widgets({ customerKey: customerKey });
          state.widgetsKey = customerKey;
          state.rendered = false;
        }
        await state.widgets.setAmount({ currency: "KRW", value: hold.amount });
        if (!state.rendered) {
          await state.widgets.renderPaymentMethods({ selector: "#payment-method", variantKey: "DEFAULT" });
          await state.widgets.renderAgreement({ selector: "#agreement", variantKey: "AGREEMENT" });
          state.rendered = true;
        }
      } catch (e) {
        view.setBusy(false);
        view.showMessage(MESSAGES.sdkFailed, "error");
        return { status: "sdkFailed" };
      }
      state.hold = hold;
      view.setBusy(false);
      view.showPayment((hold.orderName || "") + " · 예약금 " + formatWon(hold.amount));
      return { status: "ready", hold: hold };
    }

    async function pay() {
      var hold = state.hold;
      if (!hold || !state.widgets) return { status: "noHold" };
      var request = {
        orderId: hold.orderId,
        orderName: hold.orderName,
        successUrl: serviceURL + "/restaurant/confirm/success/",
        failUrl: serviceURL + "/restaurant/confirm/failed/",
        customerName: state.guest.name
      };
      if (state.guest.phone) request.customerMobilePhone = state.guest.phone;
      try {
        await state.widgets.requestPayment(request);
        return { status: "requested" };
      } catch (e) {
        view.showMessage(MESSAGES.payFailed, "error");
        return { status: "payFailed", error: e };
      }
    }

    selectSlot(slotFromQuery(deps.location));
    var availability = loadAvailability();

    return {
      guestKey: key,
      availability: availability,
      selectSlot: selectSlot,
      refresh: refresh,
      setPartySize: setPartySize,
      submit: submit,
      pay: pay,
      get state() { return state; }
    };
  }

  // MARK: - The page

  function domView(document) {
    function byId(id) { return document.getElementById(id); }
    return {
      selectSlot: function (id) { if (id) byId("slot").value = id; },
      setPartySizes: function (max, selected) {
        var select = byId("party-size");
        select.textContent = "";
        for (var size = 1; size <= max; size++) {
          var option = document.createElement("option");
          option.value = String(size);
          option.textContent = size + "명";
          if (size === selected) option.selected = true;
          select.appendChild(option);
        }
      },
      setTotal: function (text) { byId("deposit-total").textContent = text; },
      setSeatsLeft: function (text) { byId("slot-seats").textContent = text; },
      showErrors: function (errors) {
        Object.keys(FIELD_IDS).forEach(function (field) {
          var input = byId(FIELD_IDS[field]);
          var message = byId(FIELD_IDS[field] + "-error");
          if (!input || !message) return;
          if (errors[field]) {
            input.setAttribute("aria-invalid", "true");
            message.textContent = errors[field];
            message.hidden = false;
          } else {
            input.removeAttribute("aria-invalid");
            message.textContent = "";
            message.hidden = true;
          }
        });
        var first = Object.keys(FIELD_IDS).filter(function (field) { return errors[field]; })[0];
        if (first) byId(FIELD_IDS[first]).focus();
      },
      showMessage: function (text, kind) {
        var message = byId("form-message");
        message.textContent = text;
        message.hidden = !text;
        message.className = kind === "error" ? "message message-error" : "message";
      },
      setBusy: function (busy) { byId("hold-button").disabled = busy; },
      markGone: function (goneIds) {
        Array.prototype.forEach.call(byId("slot").options, function (option) {
          var why = goneIds[option.value];
          if (!why || option.disabled) return;
          option.disabled = true;
          option.textContent += why === "started" ? " · 지난 시간" : " · 마감";
        });
      },
      showPayment: function (summary) {
        byId("hold-summary").textContent = summary;
        byId("payment").hidden = false;
        byId("payment-title").focus();
      }
    };
  }

  function bootFromDocument(window) {
    var document = window.document;
    var form = document.getElementById("booking-form");
    if (!form) return null;
    var storage = null;
    try { storage = window.localStorage; } catch (e) { storage = null; }
    var booking = startBooking({
      fetch: window.fetch ? window.fetch.bind(window) : null,
      TossPayments: window.TossPayments,
      storage: storage,
      crypto: window.crypto,
      location: window.location,
      config: { serviceURL: form.dataset.serviceUrl, clientKey: form.dataset.clientKey, restaurant: form.dataset.restaurant },
      data: JSON.parse(document.getElementById("booking-data").textContent),
      view: domView(document)
    });
    document.getElementById("slot").addEventListener("change", function (event) { booking.selectSlot(event.target.value); });
    document.getElementById("party-size").addEventListener("change", function (event) { booking.setPartySize(event.target.value); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      booking.submit({
        slotId: form.elements.slotId.value,
        partySize: form.elements.partySize.value,
        name: form.elements.name.value,
        phone: form.elements.phone.value,
        comment: form.elements.comment.value
      });
    });
    document.getElementById("pay-button").addEventListener("click", function () { booking.pay(); });
    // A static page outlives its slots: re-check the clock while the page stays open.
    window.setInterval(booking.refresh, 30000);
    return booking;
  }

  var api = {
    startBooking: startBooking, validate: validate, normalizedPhone: normalizedPhone, formatWon: formatWon,
    guestKey: guestKey, newGuestKey: newGuestKey, MESSAGES: MESSAGES, GUEST_KEY_STORAGE: GUEST_KEY_STORAGE
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.YeyakBooking = api;
    if (root.document) {
      if (root.document.readyState === "loading") {
        root.document.addEventListener("DOMContentLoaded", function () { bootFromDocument(root); });
      } else {
        bootFromDocument(root);
      }
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
