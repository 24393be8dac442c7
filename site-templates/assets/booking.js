/*
 * Yeyak booking page: hold seats with the service, then pay the deposit with the Toss payment
 * widget (SDK v2), in the order Toss documents:
 *   TossPayments(clientKey).widgets({customerKey}) -> setAmount -> renderPaymentMethods
 *   -> renderAgreement -> requestPayment({orderId, orderName, successUrl, failUrl, ...}).
 *
 * Picking, as on Catchtable: party size first (2명 by default where a table seats two), then a
 * date from the strip, then one of that date's times (chips with the seats left; full ones say
 * 마감, started ones are not offered). Every choice is kept in the URL (?party=&slot= or &date=,
 * with history.replaceState), so back, forward and a reload come back to it.
 *
 * Pay what you see: once seats are held, changing the party size or the time takes the payment
 * box away and holds again (the same slot: the service resizes the guest's hold; another slot:
 * the old hold is released first) before anything can be paid; the amount on screen is then the
 * service's amount, the one the widget charges. A countdown shows until when the seats are held
 * (the hold's expiresAt); when it ends the page says so and offers to hold again.
 *
 * The flow (`startBooking`) takes everything it touches as `deps` (fetch, TossPayments, storage,
 * session, crypto, location, history, now, view), so Tests/SiteBuilderTests/js runs it in node
 * with a stand-in SDK and a clock of its own.
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
    payFailed: "결제를 시작하지 못했습니다. 다시 시도해 주세요.",
    pickTime: "시간을 골라 주세요",
    noTimes: "이 날은 예약할 수 있는 시간이 없습니다. 다른 날짜를 골라 주세요.",
    holdingAgain: "바뀐 인원과 시간으로 좌석을 다시 잡고 있습니다.",
    heldAgain: "바뀐 내용으로 좌석을 다시 잡았습니다. 아래 금액으로 결제됩니다.",
    holdButton: "좌석 잡고 결제하기",
    holdAgainButton: "다시 좌석 잡기",
    holdNoteUnknown: "시간을 고르고 ‘좌석 잡고 결제하기’를 누르면 결제하시는 동안 좌석을 잡아 둡니다.",
    holdNote: function (duration) { return "‘좌석 잡고 결제하기’를 누르면 " + duration + " 동안 좌석을 잡아 둡니다. 그 안에 결제를 마쳐 주세요."; },
    expired: function (duration) {
      return "좌석을 잡아 둔 시간(" + duration + ")이 지나 좌석이 풀렸습니다. 결제는 되지 않았습니다. 같은 시간으로 다시 잡으려면 ‘다시 좌석 잡기’를 눌러 주세요.";
    }
  };

  /** Where the page keeps the guest's last hold (this tab only), per restaurant. */
  var HOLD_STORAGE_PREFIX = "yeyak.hold.";

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

  /** `name` from the page's query (?slot=, ?party=, ?date=), or null. */
  function queryValue(location, name) {
    var search = (location && location.search) || "";
    var match = new RegExp("[?&]" + name + "=([^&#]*)").exec(search);
    if (!match) return null;
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return null; }
  }

  /** "15분", "20초", "1분 30초": how long a hold lasts, as a guest reads it. */
  function formatDuration(seconds) {
    var whole = Math.max(0, Math.round(seconds));
    var minutes = Math.floor(whole / 60), rest = whole % 60;
    if (minutes === 0) return rest + "초";
    return rest === 0 ? minutes + "분" : minutes + "분 " + rest + "초";
  }

  /** "14:59": a countdown's minutes and seconds, rounded up (it reads 0:00 only at the end). */
  function formatClock(milliseconds) {
    var seconds = Math.max(0, Math.ceil(milliseconds / 1000));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  async function readJSON(response) {
    try { return await response.json(); } catch (e) { return null; }
  }

  // MARK: - The flow

  /**
   * deps: { fetch, TossPayments, storage (the guest key), session (the tab's last hold;
   * optional), crypto, location, history (optional, replaceState), now (optional, ms like Date.now),
   * config: {serviceURL, clientKey, restaurant},
   * data: {slots: [{id, day (ISO date), date, time, tableName, maxParty, deposit, startsAt (ms)}]},
   * view }.
   * view: { setPartySize(size), setDate(isoDate), showTimes([{id, time, tableName, open, note}], selectedId),
   * setTotal(text), setSeatsLeft(text), showErrors({field: message}), showMessage(text, kind),
   * setBusy(bool), setHoldLabel(text), setHoldNote(text), showPayment(summary), hidePayment(),
   * setCountdown(text), formValues() -> {name, phone, comment} }.
   */
  function startBooking(deps) {
    var view = deps.view;
    var config = deps.config;
    var serviceURL = String(config.serviceURL || "").replace(/\/+$/, "");
    var slots = (deps.data && deps.data.slots) || [];
    var slotsById = {};
    var days = [];
    slots.forEach(function (slot) {
      slotsById[slot.id] = slot;
      if (days.indexOf(slot.day) < 0) days.push(slot.day);
    });
    var largestParty = slots.reduce(function (most, slot) { return Math.max(most, slot.maxParty); }, 1);
    var seatsLeft = {};
    var now = deps.now || Date.now;
    /** The slot ids the live availability lists, once it answered; null until then. */
    var listed = null;
    /** How long the service holds seats (from the availability answer), in seconds; null until known. */
    var holdSeconds = null;
    /** The guest's own hold as the last availability answer counted it (seats taken), or null. */
    var countedOwn = null;
    var key = guestKey(deps.storage, deps.crypto);
    var holdKey = HOLD_STORAGE_PREFIX + config.restaurant;
    var state = {
      slotId: null, date: null, partySize: Math.min(2, largestParty),
      /** The hold the payment box shows; null when none is shown. */
      hold: null,
      /** The guest's last READY hold the service gave this tab (shown or not): released when the
       * guest moves to another slot, and not counted against them in the seats left. */
      ownHold: null, ownHoldChecked: false,
      holding: false, expired: false, widgets: null, rendered: false, guest: null, generation: 0
    };
    var queue = Promise.resolve();

    function currentSlot() { return slotsById[state.slotId] || null; }

    /** "started" (by the browser's clock), "closed" (the live availability no longer lists it) or null. */
    function gone(slot) {
      if (typeof slot.startsAt === "number" && slot.startsAt <= now()) return "started";
      if (listed && !listed[slot.id]) return "closed";
      return null;
    }

    /** Seats the guest may take in a slot: the service's count plus what the guest's own live hold took in it. */
    function seatsFor(slot) {
      var left = seatsLeft[slot.id];
      if (typeof left !== "number") return undefined;
      var own = state.ownHold;
      if (own && countedOwn && own.orderId === countedOwn.orderId && own.slotId === slot.id && state.ownHoldChecked
          && Date.parse(own.expiresAt) > now()) left += countedOwn.partySize;
      return left;
    }

    /** Why `slot` cannot take the current party: a note for its chip, or null when it can. */
    function refusal(slot) {
      var left = seatsFor(slot);
      if (gone(slot) === "closed" || left === 0) return "마감";
      if (slot.maxParty < state.partySize) return "최대 " + slot.maxParty + "명";
      if (typeof left === "number" && left < state.partySize) return "남은 " + left + "석";
      return null;
    }

    function rememberChoice() {
      if (!deps.history || !deps.history.replaceState) return;
      var query = "?party=" + state.partySize + (state.slotId ? "&slot=" + encodeURIComponent(state.slotId)
        : (state.date ? "&date=" + state.date : ""));
      try { deps.history.replaceState(null, "", query); } catch (e) { /* a file:// page may refuse */ }
    }

    function refresh() {
      var slot = currentSlot();
      view.setPartySize(state.partySize);
      view.setDate(state.date);
      var times = slots.filter(function (each) { return each.day === state.date && gone(each) !== "started"; }).map(function (each) {
        var refused = refusal(each);
        var left = seatsFor(each);
        return { id: each.id, time: each.time, tableName: each.tableName, open: refused === null,
                 note: refused || (typeof left === "number" ? "남은 " + left + "석" : "최대 " + each.maxParty + "명") };
      });
      view.showTimes(times, state.slotId);
      view.setTotal(state.hold ? formatWon(state.hold.amount) : (slot ? formatWon(slot.deposit * state.partySize) : MESSAGES.pickTime));
      var reason = slot ? gone(slot) : null;
      var left = slot ? seatsFor(slot) : undefined;
      if (!slot) view.setSeatsLeft(times.some(function (t) { return t.open; }) ? "" : MESSAGES.noTimes);
      else if (reason) view.setSeatsLeft(reason === "started" ? MESSAGES.slotStarted : MESSAGES.slotClosed);
      else view.setSeatsLeft(typeof left === "number" ? (left > 0 ? "남은 좌석 " + left + "석" : MESSAGES.slotClosed) : "");
      // A slot known to be full or gone cannot be held: the guest picks another time instead of
      // sending the same request into the same 409.
      if (!state.hold && !state.holding) view.setBusy(left === 0 || reason !== null);
      if (view.setHoldNote) view.setHoldNote(holdSeconds ? MESSAGES.holdNote(formatDuration(holdSeconds)) : MESSAGES.holdNoteUnknown);
      rememberChoice();
    }

    /** The first date with a time open for the current party (or the first date). */
    function firstOpenDay() {
      var open = slots.filter(function (slot) { return !gone(slot) && refusal(slot) === null; })[0];
      return open ? open.day : (days[0] || null);
    }

    // MARK: Choices

    /** After any change of party or time: a shown hold no longer matches what the guest sees. */
    function changed() {
      var hadHold = state.hold !== null || state.holding;
      if (state.hold) withdraw();
      refresh();
      if (!hadHold) return null;
      var values = view.formValues ? view.formValues() : (state.lastValues || {});
      if (!currentSlot()) {
        // No time chosen any more: let go of the held seats; the guest holds again after picking.
        state.generation++;
        return enqueue(releaseOwnHold);
      }
      view.showMessage(MESSAGES.holdingAgain, "info");
      return submit(Object.assign({}, values, { slotId: state.slotId, partySize: state.partySize }), { again: true });
    }

    /**
     * Name, phone or comment edited after the seats are held: hold again with what is on screen
     * (the service's reuse rule updates the booking's contact), so the booking, the restaurant's
     * message and 예약 조회 all carry the number the guest last typed. Unchanged: nothing happens.
     */
    function contactChanged() {
      if ((!state.hold && !state.holding) || !view.formValues || !state.lastValues) return null;
      var values = view.formValues();
      var last = state.lastValues;
      if (values.name === last.name && values.phone === last.phone && values.comment === last.comment) return null;
      view.showMessage(MESSAGES.holdingAgain, "info");
      return submit(Object.assign({}, values, { slotId: state.slotId, partySize: state.partySize }), { again: true });
    }

    function selectSlot(id) {
      var slot = slotsById[id];
      if (!slot) return changed();
      state.slotId = slot.id;
      state.date = slot.day;
      if (state.partySize > slot.maxParty) state.partySize = slot.maxParty;
      return changed();
    }

    function selectDate(day) {
      if (days.indexOf(day) < 0) return null;
      state.date = day;
      var slot = currentSlot();
      if (slot && slot.day !== day) state.slotId = null;
      return changed();
    }

    function setPartySize(size) {
      state.partySize = Math.min(largestParty, Math.max(1, Math.trunc(Number(size)) || 1));
      var slot = currentSlot();
      // A time that cannot seat the new party is let go of (its chip says why).
      if (slot && !gone(slot) && refusal(slot) !== null) state.slotId = null;
      return changed();
    }

    // MARK: Service calls

    /** Seats left per slot and the hold's length, when the service is reachable; the page works without it. */
    async function loadAvailability() {
      if (!deps.fetch || !serviceURL) return;
      // The answer counts the hold live when it was asked for (held before, so taken in it).
      var asked = state.ownHold ? { orderId: state.ownHold.orderId, partySize: state.ownHold.partySize } : null;
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
        if (typeof body.holdSeconds === "number" && body.holdSeconds > 0) holdSeconds = body.holdSeconds;
        countedOwn = asked;
        refresh();
      } catch (e) { /* availability is a hint only */ }
    }

    function saveOwnHold() {
      try {
        if (!deps.session) return;
        if (state.ownHold) deps.session.setItem(holdKey, JSON.stringify(state.ownHold));
        else deps.session.removeItem(holdKey);
      } catch (e) { /* storage refused: the hold is still known to this page */ }
    }

    /** The tab's last hold (a guest back from the payment window), if the service still holds it. */
    async function restoreOwnHold() {
      var stored = null;
      try { stored = deps.session && JSON.parse(deps.session.getItem(holdKey) || "null"); } catch (e) { stored = null; }
      if (!stored || !stored.orderId || !(Date.parse(stored.expiresAt) > now())) { state.ownHoldChecked = true; return saveOwnHold(); }
      state.ownHold = stored;
      try {
        var response = await deps.fetch(serviceURL + "/api/bookings/" + encodeURIComponent(stored.orderId),
                                        { method: "GET", headers: { Accept: "application/json", "X-Customer-Key": key }, cache: "no-store" });
        var body = response.ok ? await readJSON(response) : null;
        // A payment that failed or was made freed or sold the seats: they are not the guest's to add back.
        if (state.ownHold === stored && !(body && body.state === "READY")) state.ownHold = null;
      } catch (e) { if (state.ownHold === stored) state.ownHold = null; }
      state.ownHoldChecked = true;
      saveOwnHold();
      refresh();
    }

    /** Lets go of the guest's hold on a slot they left (best effort: it lapses anyway). */
    async function releaseOwnHold() {
      var own = state.ownHold;
      if (!own) return;
      state.ownHold = null;
      saveOwnHold();
      try {
        await deps.fetch(serviceURL + "/api/bookings/" + encodeURIComponent(own.orderId) + "/cancel", {
          method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ customerKey: key, reason: "다른 시간으로 변경" })
        });
      } catch (e) { /* unreachable: the hold lapses by itself */ }
      refresh();
      loadAvailability();
    }

    function fieldErrorsFrom(body) {
      var error = (body && body.error) || {};
      var errors = {};
      if (error.field && FIELD_IDS[error.field]) errors[error.field] = error.message || MESSAGES.invalid;
      return { errors: errors, message: error.message };
    }

    /** Runs holds one after another, so a late answer can never overtake a newer choice. */
    function enqueue(task) {
      var run = queue.then(task, task);
      queue = run.catch(function () {});
      return run;
    }

    /**
     * Holds the seats for `values` (slotId, partySize, name, phone, comment) and opens the payment
     * box. A newer choice made meanwhile wins: this one answers "superseded" and shows nothing.
     */
    function submit(values, options) {
      var slot = slotsById[values.slotId] || null;
      var errors = validate(values, slot);
      if (slot && gone(slot)) errors.slotId = MESSAGES.slotGone;
      view.showErrors(errors);
      if (Object.keys(errors).length > 0) {
        view.showMessage(MESSAGES.invalid, "error");
        return Promise.resolve({ status: "invalid", errors: errors });
      }
      if (!(options && options.again)) view.showMessage("", "info");
      state.lastValues = { name: values.name, phone: values.phone, comment: values.comment };
      var generation = ++state.generation;
      state.holding = true;
      if (state.hold) withdraw();
      view.setBusy(true);
      return enqueue(function () { return hold(values, slot, generation, options || {}); });
    }

    async function hold(values, slot, generation, options) {
      if (generation !== state.generation) return { status: "superseded" };
      if (state.ownHold && state.ownHold.slotId !== slot.id) await releaseOwnHold();
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
        return refused(generation, function () { view.showMessage(MESSAGES.unreachable, "error"); return { status: "unreachable" }; });
      }
      var body = await readJSON(response);
      if (response.status === 201 && body && body.orderId && body.amount > 0) {
        state.ownHold = { orderId: body.orderId, slotId: slot.id, partySize: request.partySize, expiresAt: body.expiresAt };
        state.ownHoldChecked = true;
        saveOwnHold();
        // The service hands a guest back their own hold while it is live by the service's clock,
        // with its expiry unchanged; expiresAt is whole seconds and the phone's clock may differ,
        // so a hold this page already counted out can come back lapsed: let go of it and hold
        // afresh, once, so "다시 좌석 잡기" gets a new countdown.
        if (!(Date.parse(body.expiresAt) > now()) && !options.retried) {
          await releaseOwnHold();
          return hold(values, slot, generation, Object.assign({}, options, { retried: true }));
        }
        loadAvailability();
        if (generation !== state.generation) return { status: "superseded" };
        state.guest = { name: request.name, phone: normalizedPhone(request.phone) };
        return startPayment(body, slot, request.partySize, generation, options);
      }
      return refused(generation, function () {
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
          var fields = fieldErrorsFrom(body);
          view.showErrors(fields.errors);
          view.showMessage(fields.message || MESSAGES.invalid, "error");
          return { status: "invalid", errors: fields.errors };
        }
        if (response.status === 429) {
          view.showMessage((body && body.error && body.error.message) || MESSAGES.tooManyHolds, "error");
          return { status: "tooManyHolds" };
        }
        view.showMessage(MESSAGES.unreachable, "error");
        return { status: "unreachable" };
      });
    }

    /** A hold that did not happen: says why, unless a newer choice already replaced it. */
    function refused(generation, say) {
      if (generation !== state.generation) return { status: "superseded" };
      state.holding = false;
      view.setBusy(false);
      var result = say();
      refresh();
      return result;
    }

    /** The widget calls, in Toss's documented order; the amount is the service's. */
    async function startPayment(hold, slot, partySize, generation, options) {
      var TossPayments = deps.TossPayments;
      if (typeof TossPayments !== "function") {
        return refused(generation, function () { view.showMessage(MESSAGES.sdkMissing, "error"); return { status: "sdkMissing" }; });
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
        return refused(generation, function () { view.showMessage(MESSAGES.sdkFailed, "error"); return { status: "sdkFailed" }; });
      }
      if (generation !== state.generation) return { status: "superseded" };
      state.holding = false;
      state.expired = false;
      state.hold = { orderId: hold.orderId, orderName: hold.orderName, amount: hold.amount, slotId: slot.id, partySize: partySize,
                     expiresAt: Date.parse(hold.expiresAt) };
      state.heldFor = Math.max(1000, state.hold.expiresAt - now());
      view.setBusy(false);
      view.setHoldLabel(MESSAGES.holdButton);
      refresh();
      view.showPayment(slot.date + " " + slot.time + " · " + slot.tableName + " · " + partySize + "명 · 예약금 " + formatWon(hold.amount));
      if (options.again) view.showMessage(MESSAGES.heldAgain, "info");
      tick();
      return { status: "ready", hold: hold };
    }

    /** Takes the payment box away (a changed choice or a lapsed hold). */
    function withdraw() {
      state.hold = null;
      view.hidePayment();
    }

    /** Milliseconds the shown hold has left; at most the service's hold length (a fast browser clock). */
    function remaining() {
      if (!state.hold || !(state.hold.expiresAt > 0)) return Infinity;
      var left = state.hold.expiresAt - now();
      return holdSeconds ? Math.min(left, holdSeconds * 1000) : left;
    }

    /** The countdown, once a second; at zero the hold is over and the page says so. */
    function tick() {
      if (!state.hold) return;
      var left = remaining();
      if (left === Infinity) return;
      if (left > 0) { view.setCountdown(formatClock(left)); return; }
      withdraw();
      enqueue(releaseOwnHold);
      state.expired = true;
      view.setHoldLabel(MESSAGES.holdAgainButton);
      refresh();
      loadAvailability();
      view.showMessage(MESSAGES.expired(formatDuration(holdSeconds || (state.heldFor || 0) / 1000)), "error");
    }

    async function pay() {
      var hold = state.hold;
      // Only the hold on screen, for exactly what the guest chose, and only while it lasts.
      if (!hold || !state.widgets || state.holding || hold.slotId !== state.slotId || hold.partySize !== state.partySize) return { status: "noHold" };
      // A contact typed after the hold and not yet held again (no change event yet): hold again first.
      if (contactChanged()) return { status: "noHold" };
      if (remaining() <= 0) { tick(); return { status: "expired" }; }
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
        return { status: "requested", amount: hold.amount };
      } catch (e) {
        view.showMessage(MESSAGES.payFailed, "error");
        return { status: "payFailed", error: e };
      }
    }

    // MARK: Start: the choice from the URL (a link, back, forward, reload), else the defaults.
    var wanted = slotsById[queryValue(deps.location, "slot")] || null;
    var wantedParty = Math.trunc(Number(queryValue(deps.location, "party")));
    if (wantedParty >= 1 && wantedParty <= largestParty) state.partySize = wantedParty;
    var wantedDay = queryValue(deps.location, "date");
    if (wanted) {
      state.slotId = wanted.id;
      state.date = wanted.day;
      if (state.partySize > wanted.maxParty) state.partySize = wanted.maxParty;
    } else {
      state.date = days.indexOf(wantedDay) >= 0 ? wantedDay : firstOpenDay();
    }
    refresh();
    // The stored hold first: the availability answer then counts it as the guest's own.
    var restored = deps.fetch && serviceURL ? restoreOwnHold() : null;
    var availability = Promise.all([loadAvailability(), restored]);

    return {
      guestKey: key,
      availability: availability,
      selectSlot: selectSlot,
      selectDate: selectDate,
      setPartySize: setPartySize,
      contactChanged: contactChanged,
      refresh: refresh,
      tick: tick,
      submit: submit,
      pay: pay,
      get state() { return state; }
    };
  }

  // MARK: - The page

  function domView(document) {
    function byId(id) { return document.getElementById(id); }
    function check(name, value) {
      Array.prototype.forEach.call(document.querySelectorAll("input[name='" + name + "']"), function (input) {
        input.checked = input.value === String(value);
      });
    }
    var shownTimes = "";
    var shownDate = null;
    /** A chip: a radio the whole chip covers (keyboard and labels for free) over its face. */
    function timeChip(time) {
      var label = document.createElement("label");
      label.className = "chip time-chip";
      label.setAttribute("data-slot-id", time.id);
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "slotId";
      input.value = time.id;
      var face = document.createElement("span");
      face.className = "chip-face";
      [["chip-time", time.time], ["chip-table", time.tableName], ["chip-note", ""]].forEach(function (part) {
        var span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        face.appendChild(span);
        face.appendChild(document.createTextNode(" "));
      });
      label.appendChild(input);
      label.appendChild(face);
      return label;
    }
    return {
      setPartySize: function (size) { check("partySize", size); },
      setDate: function (day) {
        if (shownDate === day) return;
        shownDate = day;
        check("date", day);
        // A date far along the strip (from the URL) is scrolled into the strip's view, sideways only.
        var chip = document.querySelector("#date input:checked");
        var strip = chip && chip.closest(".date-strip");
        if (strip) strip.scrollLeft = Math.max(0, chip.parentNode.offsetLeft - strip.offsetLeft - 8);
      },
      showTimes: function (times, selectedId) {
        var box = byId("time-chips");
        var ids = times.map(function (t) { return t.id; }).join(" ");
        // Redrawn only when the list changes, so arrow keys keep moving through the same radios.
        if (ids !== shownTimes) {
          var hadFocus = box.contains(document.activeElement);
          box.textContent = "";
          times.forEach(function (time) { box.appendChild(timeChip(time)); });
          shownTimes = ids;
          if (hadFocus) {
            var first = box.querySelector("input:not([disabled])");
            if (first) first.focus();
          }
        }
        Array.prototype.forEach.call(box.querySelectorAll("label.time-chip"), function (label, index) {
          var time = times[index];
          var input = label.querySelector("input");
          input.disabled = !time.open;
          input.checked = time.id === selectedId && time.open;
          label.classList.toggle("chip-closed", !time.open);
          label.querySelector(".chip-note").textContent = time.note;
        });
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
        if (!first) return;
        var target = byId(FIELD_IDS[first]);
        // A group of chips takes the focus on its chosen (or first open) chip.
        if (target.tagName === "FIELDSET") target = target.querySelector("input:checked") || target.querySelector("input:not([disabled])") || target;
        if (target.focus) target.focus();
      },
      showMessage: function (text, kind) {
        var message = byId("form-message");
        message.textContent = text;
        message.hidden = !text;
        message.className = kind === "error" ? "message message-error" : "message";
      },
      setBusy: function (busy) { byId("hold-button").disabled = busy; },
      setHoldLabel: function (text) { byId("hold-button").textContent = text; },
      setHoldNote: function (text) { byId("hold-note").textContent = text; },
      setCountdown: function (text) { byId("hold-remaining").textContent = text; },
      showPayment: function (summary) {
        byId("hold-summary").textContent = summary;
        byId("payment").hidden = false;
        byId("cta-bar").hidden = true;
        byId("pay-button").disabled = false;
        byId("payment-title").focus();
      },
      hidePayment: function () {
        var wasShown = !byId("payment").hidden;
        byId("payment").hidden = true;
        byId("pay-button").disabled = true;
        byId("cta-bar").hidden = false;
        if (wasShown && byId("payment").contains(document.activeElement)) byId("hold-button").focus();
      },
      formValues: function () {
        var form = byId("booking-form");
        return { name: form.elements.name.value, phone: form.elements.phone.value, comment: form.elements.comment.value };
      }
    };
  }

  function bootFromDocument(window) {
    var document = window.document;
    var form = document.getElementById("booking-form");
    if (!form) return null;
    var storage = null, session = null;
    try { storage = window.localStorage; } catch (e) { storage = null; }
    try { session = window.sessionStorage; } catch (e) { session = null; }
    var booking = startBooking({
      fetch: window.fetch ? window.fetch.bind(window) : null,
      TossPayments: window.TossPayments,
      storage: storage,
      session: session,
      crypto: window.crypto,
      location: window.location,
      history: window.history,
      config: { serviceURL: form.dataset.serviceUrl, clientKey: form.dataset.clientKey, restaurant: form.dataset.restaurant },
      data: JSON.parse(document.getElementById("booking-data").textContent),
      view: domView(document)
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "partySize") booking.setPartySize(target.value);
      else if (target.name === "date") booking.selectDate(target.value);
      else if (target.name === "slotId") booking.selectSlot(target.value);
      else if (target.name === "name" || target.name === "phone" || target.name === "comment") booking.contactChanged();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = domView(document).formValues();
      values.slotId = booking.state.slotId;
      values.partySize = booking.state.partySize;
      booking.submit(values);
    });
    document.getElementById("pay-button").addEventListener("click", function () { booking.pay(); });
    // A static page outlives its slots: re-check the clock while the page stays open.
    window.setInterval(booking.refresh, 30000);
    window.setInterval(booking.tick, 1000);
    // Back from the payment window, a page restored from the browser's memory catches up at once.
    window.addEventListener("pageshow", function (event) { if (event.persisted) { booking.tick(); booking.refresh(); } });
    return booking;
  }

  var api = {
    startBooking: startBooking, validate: validate, normalizedPhone: normalizedPhone, formatWon: formatWon,
    formatDuration: formatDuration, formatClock: formatClock,
    guestKey: guestKey, newGuestKey: newGuestKey, MESSAGES: MESSAGES, GUEST_KEY_STORAGE: GUEST_KEY_STORAGE
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.YeyakBooking = api;
    if (root.document) {
      if (root.document.readyState === "loading") {
        root.document.addEventListener("DOMContentLoaded", function () { root.yeyakBooking = bootFromDocument(root); });
      } else {
        root.yeyakBooking = bootFromDocument(root);
      }
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
