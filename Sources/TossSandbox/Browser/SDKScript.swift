/// The stand-in for `https://js.tosspayments.com/v2/standard`: the same globals and calls as the
/// real v2 SDK, validating like it and failing loudly (a rejected Promise, or a thrown Error for
/// the synchronous calls, with `error.code` set and a `console.error`). `requestPayment` registers
/// the session with the sandbox (found from this script's own URL) and opens its payment window.
enum SDKScript {
    static let contentType = "application/javascript; charset=utf-8"

    static let source = #"""
/* Yeyak Toss sandbox: stand-in for the TossPayments v2 SDK. SANDBOX - nothing is charged. */
(function (global) {
  "use strict";
  var script = document.currentScript;
  var BASE = script && script.src ? script.src.replace(/\/v2\/standard(?:[?#].*)?$/, "") : "";
  var ANONYMOUS = "@@ANONYMOUS";
  var ORDER_ID = /^[A-Za-z0-9_-]{6,64}$/;
  var CUSTOMER_KEY = /^[A-Za-z0-9\-_=.@]{2,50}$/;
  var WIDGET_KEY = /^(test|live)_gck_/;
  var API_KEY = /^(test|live)_ck_/;

  function sdkError(code, message) {
    var error = new Error("[TossPayments SANDBOX] " + code + ": " + message);
    error.code = code;
    error.name = "TossPaymentsError";
    console.error(error);
    return error;
  }
  function reject(code, message) { return Promise.reject(sdkError(code, message)); }

  function isPositiveInteger(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value && value > 0;
  }
  function isAbsoluteUrl(value) {
    if (typeof value !== "string") return false;
    try { var url = new URL(value); return url.protocol === "http:" || url.protocol === "https:"; }
    catch (e) { return false; }
  }
  function checkCustomerKey(customerKey) {
    if (customerKey === ANONYMOUS) return;
    if (typeof customerKey !== "string" || !CUSTOMER_KEY.test(customerKey)) {
      throw sdkError("INVALID_CUSTOMER_KEY",
        "customerKey must be 2-50 characters of A-Z a-z 0-9 - _ = . @ (or TossPayments.ANONYMOUS)");
    }
  }
  function checkAmount(amount) {
    if (!amount || typeof amount !== "object") return "amount must be { currency: \"KRW\", value }";
    if (amount.currency !== "KRW") return "amount.currency must be \"KRW\"";
    if (!isPositiveInteger(amount.value)) return "amount.value must be an integer greater than 0";
    return null;
  }
  /** Checks the fields both flows share; returns [code, message] or null. */
  function checkOrder(options) {
    if (!options || typeof options !== "object") return ["INVALID_PARAMETERS", "payment options are required"];
    if (typeof options.orderId !== "string" || !ORDER_ID.test(options.orderId))
      return ["INVALID_ORDER_ID", "orderId must be 6-64 characters of A-Z a-z 0-9 - _"];
    if (typeof options.orderName !== "string" || options.orderName.length === 0 || options.orderName.length > 100)
      return ["INVALID_ORDER_NAME", "orderName is required (at most 100 characters)"];
    if (!isAbsoluteUrl(options.successUrl)) return ["INVALID_SUCCESS_URL", "successUrl must be an absolute URL"];
    if (!isAbsoluteUrl(options.failUrl)) return ["INVALID_FAIL_URL", "failUrl must be an absolute URL"];
    if (options.customerName != null && String(options.customerName).length > 100)
      return ["INVALID_CUSTOMER_NAME", "customerName must be at most 100 characters"];
    if (options.customerEmail != null && String(options.customerEmail).length > 100)
      return ["INVALID_CUSTOMER_EMAIL", "customerEmail must be at most 100 characters"];
    if (options.customerMobilePhone != null && !/^[0-9]{8,15}$/.test(String(options.customerMobilePhone)))
      return ["INVALID_CUSTOMER_MOBILE_PHONE", "customerMobilePhone must be 8-15 digits"];
    return null;
  }

  /** Registers the session with the sandbox and sends the top window to the payment window. */
  function openPaymentWindow(clientKey, customerKey, flow, amount, options) {
    var body = {
      clientKey: clientKey, customerKey: customerKey, flow: flow, amount: amount,
      orderId: options.orderId, orderName: options.orderName,
      successUrl: options.successUrl, failUrl: options.failUrl
    };
    return fetch(BASE + "/__sandbox/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw sdkError(json.code || "SANDBOX_ERROR", json.message || ("HTTP " + response.status));
        (global.top || global).location.href = BASE + json.paymentWindowPath;
        return new Promise(function () {}); // the page is leaving, as with the real SDK
      });
    }, function (error) {
      throw sdkError("NETWORK_ERROR", "the sandbox at " + BASE + " cannot be reached: " + error.message);
    });
  }

  function placeholder(selector, title, lines) {
    var element = typeof selector === "string" ? document.querySelector(selector) : null;
    if (!element) return null;
    var box = document.createElement("div");
    box.setAttribute("data-toss-sandbox", title);
    box.style.cssText = "border:3px dashed #191f28;background:#fff8cc;padding:12px;margin:8px 0;font-family:sans-serif";
    var heading = document.createElement("strong");
    heading.textContent = "SANDBOX · " + title;
    box.appendChild(heading);
    lines.forEach(function (line) {
      var p = document.createElement("p");
      p.style.margin = "4px 0";
      p.textContent = line;
      box.appendChild(p);
    });
    element.innerHTML = "";
    element.appendChild(box);
    return box;
  }

  function formatWon(value) { return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "원"; }

  function TossPayments(clientKey) {
    if (typeof clientKey !== "string" || !(WIDGET_KEY.test(clientKey) || API_KEY.test(clientKey))) {
      throw sdkError("INVALID_CLIENT_KEY", "TossPayments(clientKey) needs a client key (test_gck_..., test_ck_...)");
    }
    return {
      widgets: function (options) {
        if (!WIDGET_KEY.test(clientKey)) {
          throw sdkError("INVALID_CLIENT_KEY", "widgets() needs a payment-widget client key (test_gck_...), got an API key");
        }
        var customerKey = options && options.customerKey;
        checkCustomerKey(customerKey);
        var amount = null;
        var methodsBox = null;
        var methodsRendered = false;
        return {
          setAmount: function (value) {
            var problem = checkAmount(value);
            if (problem) return reject("INVALID_AMOUNT", problem);
            amount = { currency: value.currency, value: value.value };
            if (methodsBox) methodsBox.lastChild.textContent = "결제 금액: " + formatWon(amount.value);
            return Promise.resolve();
          },
          renderPaymentMethods: function (options) {
            if (!amount) return reject("NEED_AMOUNT", "call setAmount() before renderPaymentMethods()");
            var box = placeholder(options && options.selector, "결제수단 (테스트 카드)",
              ["실제 결제가 일어나지 않는 샌드박스입니다.", "결제 금액: " + formatWon(amount.value)]);
            if (!box) return reject("INVALID_SELECTOR", "no element matches selector " + (options && options.selector));
            methodsBox = box;
            methodsRendered = true;
            return Promise.resolve({ on: function () {}, getSelectedPaymentMethod: function () {
              return Promise.resolve({ type: "NORMAL", method: "카드" }); } });
          },
          renderAgreement: function (options) {
            if (!amount) return reject("NEED_AMOUNT", "call setAmount() before renderAgreement()");
            var box = placeholder(options && options.selector, "약관 동의", ["[필수] 결제 서비스 이용 약관 (샌드박스)"]);
            if (!box) return reject("INVALID_SELECTOR", "no element matches selector " + (options && options.selector));
            return Promise.resolve({ on: function () {} });
          },
          requestPayment: function (options) {
            if (!amount) return reject("NEED_AMOUNT", "call setAmount() before requestPayment()");
            if (!methodsRendered) return reject("NEED_RENDER", "call renderPaymentMethods() before requestPayment()");
            var problem = checkOrder(options);
            if (problem) return reject(problem[0], problem[1]);
            return openPaymentWindow(clientKey, customerKey, "widget", amount.value, options);
          }
        };
      },
      payment: function (options) {
        if (!API_KEY.test(clientKey)) {
          throw sdkError("INVALID_CLIENT_KEY", "payment() needs an API-individual client key (test_ck_...), got a widget key");
        }
        var customerKey = options && options.customerKey;
        checkCustomerKey(customerKey);
        return {
          requestPayment: function (options) {
            if (!options || options.method !== "CARD")
              return reject("INVALID_METHOD", "the sandbox supports method: \"CARD\"");
            var problem = checkAmount(options.amount);
            if (problem) return reject("INVALID_AMOUNT", problem);
            var orderProblem = checkOrder(options);
            if (orderProblem) return reject(orderProblem[0], orderProblem[1]);
            return openPaymentWindow(clientKey, customerKey, "payment", options.amount.value, options);
          }
        };
      }
    };
  }
  TossPayments.ANONYMOUS = ANONYMOUS;
  TossPayments.SANDBOX = true;
  global.TossPayments = TossPayments;
})(window);
"""#
}
