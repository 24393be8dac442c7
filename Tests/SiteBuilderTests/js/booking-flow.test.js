// Runs site-templates/assets/booking.js in node against a stand-in Toss SDK and a fake service.
// Usage: node booking-flow.test.js PATH/TO/booking.js PATH/TO/phone-cases.json
// Prints "ok N" and exits 0 when every scenario passes; prints the failure and exits 1 otherwise.
"use strict";
const assert = require("assert");
const { webcrypto } = require("crypto");
const booking = require(process.argv[2]);
const phoneCases = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));

const SERVICE = "http://svc.example:8080/";
const SLOTS = [
  { id: "jipbap.window2.20261224.1200", date: "12월 24일 (목)", time: "오후 12:00", tableName: "창가 2인석", maxParty: 2, deposit: 10000,
    startsAt: Date.parse("2026-12-24T12:00:00+09:00") },
  { id: "jipbap.room6.20261224.1830", date: "12월 24일 (목)", time: "오후 6:30", tableName: "룸 6인석", maxParty: 6, deposit: 15000,
    startsAt: Date.parse("2026-12-24T18:30:00+09:00") },
];
/** The browser's clock in every scenario unless one says otherwise: before both slots. */
const BEFORE_BOTH = Date.parse("2026-12-20T12:00:00+09:00");

function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), items };
}

function recordingView() {
  const view = { slot: null, partyMax: null, party: null, total: null, seatsLeft: null, errors: {}, message: "", busy: false, payment: null };
  return Object.assign(view, {
    selectSlot(id) { view.slot = id; },
    setPartySizes(max, selected) { view.partyMax = max; view.party = selected; },
    setTotal(text) { view.total = text; },
    setSeatsLeft(text) { view.seatsLeft = text; },
    showErrors(errors) { view.errors = Object.assign({}, errors); },
    showMessage(text) { view.message = text; },
    setBusy(busy) { view.busy = busy; },
    showPayment(summary) { view.payment = summary; },
  });
}

/** A stand-in for the Toss SDK v2 that records every call with its arguments. */
function standInSDK() {
  const calls = [];
  function TossPayments(clientKey) {
    calls.push(["TossPayments", clientKey]);
    return {
      widgets(options) {
        calls.push(["widgets", options]);
        return {
          async setAmount(amount) { calls.push(["setAmount", amount]); },
          async renderPaymentMethods(options) { calls.push(["renderPaymentMethods", options]); },
          async renderAgreement(options) { calls.push(["renderAgreement", options]); },
          async requestPayment(options) { calls.push(["requestPayment", options]); },
        };
      },
    };
  }
  return { TossPayments, calls };
}

function response(status, body) {
  return { status, ok: status >= 200 && status < 300, json: async () => body };
}

/** A fake service: availability always answers (both slots unless given); the reservation answer is given per test. */
function fakeService(reservationAnswer, availability) {
  const requests = [];
  async function fetch(url, init) {
    requests.push({ url, init });
    if (url.startsWith("http://svc.example:8080/api/availability?restaurant=jipbap")) {
      return response(200, { slots: availability || [{ slotId: SLOTS[0].id, seatsLeft: 2 }, { slotId: SLOTS[1].id, seatsLeft: 5 }] });
    }
    if (url === "http://svc.example:8080/api/reservations" && init.method === "POST") {
      return reservationAnswer(JSON.parse(init.body));
    }
    return response(404, {});
  }
  return { fetch, requests, posts: () => requests.filter((r) => r.init && r.init.method === "POST") };
}

function start(service, sdk, overrides) {
  const view = recordingView();
  const controller = booking.startBooking(Object.assign({
    fetch: service.fetch, TossPayments: sdk.TossPayments, storage: memoryStorage(), crypto: webcrypto,
    location: { search: "?slot=" + encodeURIComponent(SLOTS[1].id) }, now: () => BEFORE_BOTH,
    config: { serviceURL: SERVICE, clientKey: "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm", restaurant: "jipbap" },
    data: { slots: SLOTS }, view,
  }, overrides || {}));
  return { controller, view };
}

const goodForm = { slotId: SLOTS[1].id, partySize: "2", name: " 김예약 ", phone: "010-1234-5678", comment: "창가 자리 부탁드려요" };
const scenarios = {
  async widgetCallsInDocumentedOrder() {
    const sdk = standInSDK();
    // The service answers 45,000원 although the page would show 2 x 15,000원: the service decides.
    const service = fakeService((body) => response(201, {
      orderId: "ord_4fQm9xZ2pL7sT1vK8wYb3n", amount: 45000, orderName: "맛있는 집밥 12월 24일 2명",
      customerKey: body.customerKey, expiresAt: "2026-12-20T18:15:00+09:00", slot: { id: body.slotId },
    }));
    const { controller, view } = start(service, sdk);
    await controller.availability;
    assert.strictEqual(view.slot, SLOTS[1].id, "?slot= preselects the slot");
    controller.setPartySize(2);
    assert.strictEqual(view.total, "30,000원", "page total = party size x deposit");
    assert.strictEqual(view.seatsLeft, "남은 좌석 5석");

    const result = await controller.submit(goodForm);
    assert.strictEqual(result.status, "ready", JSON.stringify(result));
    const post = service.posts()[0];
    assert.deepStrictEqual(JSON.parse(post.init.body), {
      slotId: SLOTS[1].id, partySize: 2, customerKey: controller.guestKey, name: "김예약", phone: "010-1234-5678",
      comment: "창가 자리 부탁드려요",
    });
    assert.deepStrictEqual(sdk.calls, [
      ["TossPayments", "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"],
      ["widgets", { customerKey: controller.guestKey }],
      ["setAmount", { currency: "KRW", value: 45000 }],
      ["renderPaymentMethods", { selector: "#payment-method", variantKey: "DEFAULT" }],
      ["renderAgreement", { selector: "#agreement", variantKey: "AGREEMENT" }],
    ]);
    await controller.pay();
    assert.deepStrictEqual(sdk.calls[5], ["requestPayment", {
      orderId: "ord_4fQm9xZ2pL7sT1vK8wYb3n", orderName: "맛있는 집밥 12월 24일 2명",
      successUrl: "http://svc.example:8080/restaurant/confirm/success/",
      failUrl: "http://svc.example:8080/restaurant/confirm/failed/",
      customerName: "김예약", customerMobilePhone: "01012345678",
    }]);
    assert.ok(view.payment.includes("45,000원"));
  },

  async soldOutShowsSeatsLeftAndNeverCallsTheSDK() {
    const sdk = standInSDK();
    const service = fakeService(() => response(409, { error: { code: "SOLD_OUT", message: "남은 좌석이 부족합니다.", seatsLeft: 1 } }));
    const { controller, view } = start(service, sdk);
    const result = await controller.submit(goodForm);
    assert.strictEqual(result.status, "soldOut");
    assert.ok(view.message.includes("남은 좌석이 부족합니다"), view.message);
    assert.ok(view.message.includes("1석"), view.message);
    assert.deepStrictEqual(sdk.calls, []);
    assert.strictEqual(view.busy, false);
  },

  async aSlotFoundFullCannotBeSubmittedAgain() {
    const sdk = standInSDK();
    const service = fakeService(() => response(409, { error: { code: "SOLD_OUT", message: "선택하신 시간은 예약이 마감되었습니다.", seatsLeft: 0 } }));
    const { controller, view } = start(service, sdk);
    assert.strictEqual((await controller.submit(goodForm)).status, "soldOut");
    assert.strictEqual(view.busy, true, "the hold button is disabled for a full slot");
    assert.deepStrictEqual(sdk.calls, []);
  },

  async serviceFieldErrorIsShownNextToTheField() {
    const sdk = standInSDK();
    const service = fakeService(() => response(422, { error: { code: "INVALID_FIELD", message: "연락처를 확인해 주세요.", field: "phone" } }));
    const { controller, view } = start(service, sdk);
    const result = await controller.submit(goodForm);
    assert.strictEqual(result.status, "invalid");
    assert.deepStrictEqual(view.errors, { phone: "연락처를 확인해 주세요." });
    assert.deepStrictEqual(sdk.calls, []);
  },

  async tooManyHolds() {
    const sdk = standInSDK();
    const service = fakeService(() => response(429, { error: { code: "TOO_MANY_HOLDS", message: "진행 중인 예약이 너무 많습니다." } }));
    const { controller, view } = start(service, sdk);
    assert.strictEqual((await controller.submit(goodForm)).status, "tooManyHolds");
    assert.ok(view.message.includes("진행 중인 예약이 너무 많습니다"));
    assert.deepStrictEqual(sdk.calls, []);
  },

  async unreachableServiceAndServerErrors() {
    for (const answer of [() => { throw new TypeError("Failed to fetch"); }, () => response(503, null)]) {
      const sdk = standInSDK();
      const service = fakeService(answer);
      const { controller, view } = start(service, sdk);
      assert.strictEqual((await controller.submit(goodForm)).status, "unreachable");
      assert.ok(view.message.startsWith("예약 서버에 연결할 수 없습니다"), view.message);
      assert.deepStrictEqual(sdk.calls, []);
    }
  },

  async localValidationInKoreanBeforeAnyRequest() {
    const sdk = standInSDK();
    const service = fakeService(() => { throw new Error("must not be called"); });
    const { controller, view } = start(service, sdk);
    const result = await controller.submit({ slotId: SLOTS[0].id, partySize: "3", name: "  ", phone: "010-12", comment: "x".repeat(501) });
    assert.strictEqual(result.status, "invalid");
    assert.deepStrictEqual(Object.keys(view.errors).sort(), ["comment", "name", "partySize", "phone"]);
    assert.strictEqual(view.errors.name, "예약자 이름을 입력해 주세요.");
    assert.strictEqual(view.errors.phone, "연락처는 010-1234-5678 또는 02-123-4567 형식으로 입력해 주세요.");
    assert.strictEqual(service.posts().length, 0);
  },

  async partySizeIsBoundedByTheSlotsTable() {
    const { controller, view } = start(fakeService(() => response(500, null)), standInSDK(), { location: { search: "" } });
    assert.strictEqual(view.slot, SLOTS[0].id, "no ?slot= selects the first slot");
    controller.setPartySize(5);
    assert.strictEqual(view.partyMax, 2);
    assert.strictEqual(view.party, 2);
    assert.strictEqual(view.total, "20,000원");
  },

  async guestKeyIsRandomKeptAndFollowsTossRules() {
    const storage = memoryStorage();
    const first = start(fakeService(() => response(500, null)), standInSDK(), { storage }).controller.guestKey;
    const again = start(fakeService(() => response(500, null)), standInSDK(), { storage }).controller.guestKey;
    const other = start(fakeService(() => response(500, null)), standInSDK()).controller.guestKey;
    assert.strictEqual(first, again, "the key is kept in storage");
    assert.notStrictEqual(first, other, "another browser gets another key");
    assert.strictEqual(storage.items.get(booking.GUEST_KEY_STORAGE), first);
    assert.match(first, /^[A-Za-z0-9\-_=.@]{2,50}$/);
    const random = first.slice("guest-".length);
    assert.ok(random.length * 6 >= 128, "at least 128 random bits: " + random);
  },

  async aSlotThatStartedOrLeftTheLiveListIsNeverSubmitted() {
    const holds = (body) => response(201, { orderId: "ord_x", amount: 15000, orderName: "n", customerKey: body.customerKey, slot: { id: body.slotId } });
    // 12:05 on the day: the 12:00 slot has started by the browser's clock, 18:30 is still open.
    const lunchStarted = () => Date.parse("2026-12-24T12:05:00+09:00");
    let service = fakeService(holds);
    let page = start(service, standInSDK(), { now: lunchStarted, location: { search: "?slot=" + encodeURIComponent(SLOTS[0].id) } });
    await page.controller.availability;
    assert.strictEqual(page.view.seatsLeft, booking.MESSAGES.slotStarted);
    assert.strictEqual(page.view.busy, true, "the hold button is disabled for a slot that started");
    let result = await page.controller.submit(Object.assign({}, goodForm, { slotId: SLOTS[0].id, partySize: "1" }));
    assert.strictEqual(result.status, "invalid");
    assert.strictEqual(page.view.errors.slotId, booking.MESSAGES.slotGone);
    assert.strictEqual(service.posts().length, 0, "no hold for a slot that started");
    // The open slot next to it is unchanged: it is held.
    page.controller.selectSlot(SLOTS[1].id);
    assert.strictEqual(page.view.seatsLeft, "남은 좌석 5석");
    assert.strictEqual(page.view.busy, false);
    assert.strictEqual((await page.controller.submit(goodForm)).status, "ready");
    // Without ?slot= the first slot still open is chosen.
    page = start(fakeService(holds), standInSDK(), { now: lunchStarted, location: { search: "" } });
    assert.strictEqual(page.view.slot, SLOTS[1].id);

    // Before both starts, but the live availability no longer lists 18:30 (it was taken off sale).
    service = fakeService(holds, [{ slotId: SLOTS[0].id, seatsLeft: 2 }]);
    page = start(service, standInSDK());
    await page.controller.availability;
    assert.strictEqual(page.view.seatsLeft, booking.MESSAGES.slotClosed);
    assert.strictEqual(page.view.busy, true);
    result = await page.controller.submit(goodForm);
    assert.strictEqual(result.status, "invalid");
    assert.strictEqual(page.view.errors.slotId, booking.MESSAGES.slotGone);
    assert.strictEqual(service.posts().length, 0, "no hold for a slot the service no longer lists");
  },

  async phoneRuleMatchesTheSharedTable() {
    for (const [input, digits] of Object.entries(phoneCases.accepted)) assert.strictEqual(booking.normalizedPhone(input), digits, input);
    for (const input of phoneCases.refused) assert.strictEqual(booking.normalizedPhone(input), null, input);
  },
};

(async () => {
  let count = 0;
  for (const [name, run] of Object.entries(scenarios)) {
    try {
      await run();
      count++;
    } catch (error) {
      console.error("FAILED " + name + ": " + (error && error.stack || error));
      process.exit(1);
    }
  }
  console.log("ok " + count);
})();
