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
  var ORDER_ID = /^[A-Za-z0-9_=-]{6,64}$/;
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
      return ["INVALID_ORDER_ID", "orderId must be 6-64 characters of A-Z a-z 0-9 - _ ="];
    if (typeof options.orderName !== "string" || options.orderName.length === 0 || options.orderName.length > 100)
      return ["INVALID_ORDER_NAME", "orderName is required (at most 100 characters)"];
    // Without successUrl and failUrl the SDK works in Promise mode (the result resolves the Promise).
    var promiseMode = options.successUrl == null && options.failUrl == null;
    if (!promiseMode && !isAbsoluteUrl(options.successUrl)) return ["INVALID_SUCCESS_URL", "successUrl must be an absolute URL"];
    if (!promiseMode && !isAbsoluteUrl(options.failUrl)) return ["INVALID_FAIL_URL", "failUrl must be an absolute URL"];
    if (options.customerName != null && String(options.customerName).length > 100)
      return ["INVALID_CUSTOMER_NAME", "customerName must be at most 100 characters"];
    if (options.customerEmail != null && String(options.customerEmail).length > 100)
      return ["INVALID_CUSTOMER_EMAIL", "customerEmail must be at most 100 characters"];
    if (options.customerMobilePhone != null && !/^[0-9]{8,15}$/.test(String(options.customerMobilePhone)))
      return ["INVALID_CUSTOMER_MOBILE_PHONE", "customerMobilePhone must be 8-15 digits"];
    return null;
  }

  /**
   * Registers the session with the sandbox, then either sends the top window to the payment window
   * (redirect mode: successUrl/failUrl given) or opens it in an overlay iframe and settles the
   * returned Promise with the buyer's choice (Promise mode: no successUrl/failUrl), as the real SDK.
   */
  function openPaymentWindow(clientKey, customerKey, flow, amount, options) {
    var promiseMode = options.successUrl == null && options.failUrl == null;
    var body = {
      clientKey: clientKey, customerKey: customerKey, flow: flow, amount: amount,
      orderId: options.orderId, orderName: options.orderName
    };
    if (!promiseMode) { body.successUrl = options.successUrl; body.failUrl = options.failUrl; }
    return fetch(BASE + "/__sandbox/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw sdkError(json.code || "SANDBOX_ERROR", json.message || ("HTTP " + response.status));
        if (!promiseMode) {
          (global.top || global).location.href = BASE + json.paymentWindowPath;
          return new Promise(function () {}); // the page is leaving, as with the real SDK
        }
        return windowInOverlay(BASE + json.paymentWindowPath, json.sessionId);
      });
    }, function (error) {
      throw sdkError("NETWORK_ERROR", "the sandbox at " + BASE + " cannot be reached: " + error.message);
    });
  }

  /** Promise mode: the payment window in an iframe; its result page posts the outcome back. */
  function windowInOverlay(url, sessionId) {
    return new Promise(function (resolve, reject) {
      var frame = document.createElement("iframe");
      frame.src = url;
      frame.id = "tosspayments-sandbox-window";
      frame.setAttribute("title", "SANDBOX 결제창");
      frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0;z-index:2147483647;background:#fff";
      function listener(event) {
        var data = event.data;
        if (!data || data.type !== "tosspayments-sandbox-result" || data.sessionId !== sessionId) return;
        global.removeEventListener("message", listener);
        if (frame.parentNode) frame.parentNode.removeChild(frame);
        if (data.ok) {
          var result = { paymentKey: data.paymentKey, orderId: data.orderId,
                         amount: { currency: "KRW", value: data.amount } };
          if (data.flow === "widget") result.paymentType = "NORMAL";
          resolve(result);
        } else {
          var error = sdkError(data.code, data.message);
          error.orderId = data.orderId;
          reject(error);
        }
      }
      global.addEventListener("message", listener);
      document.body.appendChild(frame);
    });
  }

  function unsupported(name) {
    return function () {
      return reject("SANDBOX_UNSUPPORTED", name + " is not implemented by the Yeyak Toss sandbox (card payments only)");
    };
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
        var agreementBox = null;
        var methodsRendered = false;
        function removeBox(box) { if (box && box.parentNode) box.parentNode.removeChild(box); }
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
            if (methodsRendered) {
              return reject("ALREADY_RENDERED_PAYMENT_METHODS",
                "renderPaymentMethods() was already called: destroy() the payment methods widget first (PaymentMethodsWidgetAlreadyRenderedError)");
            }
            var box = placeholder(options && options.selector, "결제수단 (테스트 카드)",
              ["실제 결제가 일어나지 않는 샌드박스입니다.", "결제 금액: " + formatWon(amount.value)]);
            if (!box) return reject("INVALID_SELECTOR", "no element matches selector " + (options && options.selector));
            methodsBox = box;
            methodsRendered = true;
            var selected = { code: "CARD" };
            return Promise.resolve({
              on: function (eventName, callback) {
                if (eventName !== "paymentMethodSelect") throw sdkError("INVALID_EVENT_PARAMETER", "the payment methods widget has the event paymentMethodSelect");
                if (typeof callback !== "function") throw sdkError("INVALID_CALLBACK_PARAMETER", "callback must be a function");
                setTimeout(function () { callback({ code: selected.code }); }, 0);
              },
              getSelectedPaymentMethod: function () { return Promise.resolve({ code: selected.code }); },
              destroy: function () { removeBox(methodsBox); methodsBox = null; methodsRendered = false; return Promise.resolve(); }
            });
          },
          renderAgreement: function (options) {
            if (!amount) return reject("NEED_AMOUNT", "call setAmount() before renderAgreement()");
            if (agreementBox) {
              return reject("ALREADY_RENDERED_AGREEMENT",
                "renderAgreement() was already called: destroy() the agreement widget first (AgreementWidgetAlreadyRenderedError)");
            }
            var box = placeholder(options && options.selector, "약관 동의", ["[필수] 결제 서비스 이용 약관 (샌드박스)"]);
            if (!box) return reject("INVALID_SELECTOR", "no element matches selector " + (options && options.selector));
            agreementBox = box;
            return Promise.resolve({
              on: function (eventName, callback) {
                if (eventName !== "agreementStatusChange") throw sdkError("INVALID_EVENT_PARAMETER", "the agreement widget has the event agreementStatusChange");
                setTimeout(function () { callback({ agreedRequiredTerms: true, agreements: [] }); }, 0);
              },
              destroy: function () { removeBox(agreementBox); agreementBox = null; return Promise.resolve(); }
            });
          },
          requestPayment: function (options) {
            if (!amount) return reject("NEED_AMOUNT", "call setAmount() before requestPayment()");
            if (!methodsRendered) return reject("NEED_RENDER", "call renderPaymentMethods() before requestPayment()");
            var problem = checkOrder(options);
            if (problem) return reject(problem[0], problem[1]);
            return openPaymentWindow(clientKey, customerKey, "widget", amount.value, options);
          },
          renderPaymentWindow: unsupported("widgets.renderPaymentWindow()"),
          requestPaymentWindow: unsupported("widgets.requestPaymentWindow()")
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
              return reject("SANDBOX_UNSUPPORTED", "the sandbox's payment window takes method: \"CARD\" only, not " +
                JSON.stringify(options && options.method) + " (virtual accounts: pick 가상계좌 in the widget's window)");
            var problem = checkAmount(options.amount);
            if (problem) return reject("INVALID_AMOUNT", problem);
            var orderProblem = checkOrder(options);
            if (orderProblem) return reject(orderProblem[0], orderProblem[1]);
            return openPaymentWindow(clientKey, customerKey, "payment", options.amount.value, options);
          },
          requestBillingAuth: unsupported("payment().requestBillingAuth()")
        };
      },
      brandpay: function (options) {
        if (!API_KEY.test(clientKey)) {
          throw sdkError("INVALID_CLIENT_KEY", "brandpay() needs an API-individual client key (test_ck_...)");
        }
        checkCustomerKey(options && options.customerKey);
        return {
          requestPayment: unsupported("brandpay().requestPayment()"),
          addPaymentMethod: unsupported("brandpay().addPaymentMethod()"),
          openSettings: unsupported("brandpay().openSettings()"),
          changeOneTouchPay: unsupported("brandpay().changeOneTouchPay()"),
          changePassword: unsupported("brandpay().changePassword()"),
          isOneTouchPayEnabled: unsupported("brandpay().isOneTouchPayEnabled()")
        };
      },
      requestPayment: function () {
        return reject("V1_METHOD_NOT_SUPPORTED",
          "TossPayments(clientKey).requestPayment(method, options) is the v1 SDK; with /v2/standard use payment() or widgets()");
      }
    };
  }
  TossPayments.ANONYMOUS = ANONYMOUS;
  TossPayments.SANDBOX = true;
  global.TossPayments = TossPayments;
})(window);
"""#
}
