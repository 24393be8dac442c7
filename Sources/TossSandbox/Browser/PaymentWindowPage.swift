import JSON
import Mustache

/// The sandbox payment window: what the buyer sees instead of Toss's card form. Plain HTML forms
/// with stable ids (`approve`, `decline`, `cancel`) so a person or a browser test can choose.
enum PaymentWindowPage {
    static func render(_ payment: SandboxPayment) -> String {
        let id = HTMLEscaping.escape(payment.sessionId)
        let actions = payment.status == .ready ? """
            <form method="post" action="/payment-window/\(id)/approve"><button id="approve" type="submit">결제 승인 (테스트 카드)</button></form>
            <form method="post" action="/payment-window/\(id)/decline"><button id="decline" type="submit">카드사 거절 (REJECT_CARD_COMPANY)</button></form>
            <form method="post" action="/payment-window/\(id)/cancel"><button id="cancel" type="submit">결제창 닫기 (PAY_PROCESS_CANCELED)</button></form>
            <form method="post" action="/payment-window/\(id)/virtual-account"><button id="virtual-account" type="submit">가상계좌 발급 (WAITING_FOR_DEPOSIT)</button></form>
            """ : "<p id=\"state\">이 결제창은 이미 처리되었습니다 (\(HTMLEscaping.escape(payment.status.rawValue))).</p>"
        return page(title: "SANDBOX 결제창", body: """
            <p class="badge">SANDBOX · 테스트 결제창 · 실제 결제가 아닙니다</p>
            <h1>\(HTMLEscaping.escape(payment.orderName))</h1>
            <dl>
            <dt>결제 금액</dt><dd id="amount">\(HTMLText.won(payment.amount))</dd>
            <dt>주문번호</dt><dd id="order-id">\(HTMLEscaping.escape(payment.orderId))</dd>
            <dt>상점</dt><dd>\(HTMLEscaping.escape(payment.merchantId))</dd>
            </dl>
            \(actions)
            """)
    }

    /// Promise mode: the window (an iframe the SDK opened) tells the page what the buyer chose.
    /// A closed window is the SDK's `USER_CANCEL`; a decline keeps its Toss code.
    /// (`JSONValue.text` escapes `<`, `>`, `&` and `'`, so the JSON is safe inside the script element.)
    static func promiseResult(_ outcome: TossSandbox.WindowOutcome, sessionId: String) -> String {
        var message: JSONValue = [
            "type": "tosspayments-sandbox-result", "sessionId": .string(sessionId), "orderId": .string(outcome.orderId),
            "flow": .string(outcome.flow.rawValue),
        ]
        if let failure = outcome.failure {
            message.set("ok", false)
            message.set("code", .string(failure.code == "PAY_PROCESS_CANCELED" ? "USER_CANCEL" : failure.code))
            message.set("message", .string(failure.message))
        } else {
            message.set("ok", true)
            message.set("paymentKey", .orNull(outcome.paymentKey))
            message.set("amount", .int(outcome.amount))
        }
        return page(title: "SANDBOX 결제창", body: """
            <p class="badge">SANDBOX · 결과를 주문 페이지로 보냅니다</p>
            <script>parent.postMessage(\(message.text), "*");</script>
            """)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="ko">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscaping.escape(title))</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#191f28}
        .badge{background:#ffdd00;color:#191f28;font-weight:700;padding:.5rem;border:3px dashed #191f28;text-align:center}
        button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1rem;cursor:pointer}
        #approve{background:#3182f6;color:#fff;border:0}
        </style></head>
        <body>
        \(body)
        </body>
        </html>
        """
    }
}
