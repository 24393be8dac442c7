/// What a Toss key's prefix says, checked offline (`yeyak check`, `yeyak build`, `yeyak serve`).
///
/// Toss issues keys in pairs per product (docs.tosspayments.com, "API 키"): the payment widget
/// (결제위젯 연동 키: client `test_gck_`/`live_gck_`, secret `test_gsk_`/`live_gsk_`) and API
/// individual integration (API 개별 연동 키, for the payment window: client `test_ck_`/`live_ck_`,
/// secret `test_sk_`/`live_sk_`). The booking page uses the widget, whose `widgets()` refuses an
/// API-individual client key, and a secret of the other product fails every confirm with
/// `INVALID_API_KEY`; both are caught here before anyone pays.
package enum TossKeyRules {
    package enum Product: String, Sendable, Equatable {
        case widget = "payment widget (결제위젯 연동 키)"
        case apiIndividual = "API individual (API 개별 연동 키)"
    }

    package struct Kind: Sendable, Equatable {
        package var product: Product
        package var isSecret: Bool
        package var isTest: Bool
    }

    /// The kind of a key from its prefix; nil for text that is no Toss key.
    package static func kind(of key: String) -> Kind? {
        let table: [(String, Product, Bool)] = [
            ("_gck_", .widget, false), ("_gsk_", .widget, true), ("_ck_", .apiIndividual, false), ("_sk_", .apiIndividual, true),
        ]
        for mode in ["test", "live"] {
            for (infix, product, secret) in table where key.hasPrefix(mode + infix) {
                return Kind(product: product, isSecret: secret, isTest: mode == "test")
            }
        }
        return nil
    }

    /// Why this client key cannot drive the booking page's payment widget, or nil when it can.
    package static func widgetClientKeyProblem(_ key: String) -> String? {
        guard let kind = kind(of: key), !kind.isSecret, kind.product == .apiIndividual else { return nil }
        let mode = kind.isTest ? "test" : "live"
        return "API 개별 연동(결제창) 클라이언트 키입니다 ('\(key.prefix(8))…'). 예약 페이지는 결제위젯을 쓰고, 결제위젯의 "
            + "widgets()는 이 키를 받지 않습니다. 결제위젯 연동 키(\(mode)_gck_…, 개발자센터 > API 키 > 결제위젯 연동 키)를 쓰세요"
    }

    /// Why `secret` does not go with `clientKey`, or nil when it does. The secret is never echoed.
    package static func secretKeyProblem(secret: String, clientKey: String) -> String? {
        guard let secretKind = kind(of: secret), secretKind.isSecret else {
            return "TOSS_SECRET_KEY가 토스 시크릿 키가 아닙니다 (test_gsk_…, live_gsk_…, test_sk_… 또는 live_sk_…로 시작합니다)"
        }
        guard let clientKind = kind(of: clientKey), !clientKind.isSecret else { return nil }
        if secretKind.product != clientKind.product {
            return "TOSS_SECRET_KEY는 \(secretKind.product.rawValue) 시크릿 키인데 toss.clientKey는 "
                + "\(clientKind.product.rawValue) 클라이언트 키입니다. 토스가 모든 결제 승인을 INVALID_API_KEY로 거절하니, 한 상품의 키 쌍을 쓰세요"
        }
        if secretKind.isTest != clientKind.isTest {
            return "TOSS_SECRET_KEY는 \(secretKind.isTest ? "테스트" : "라이브") 키인데 toss.clientKey는 "
                + "\(clientKind.isTest ? "테스트" : "라이브") 키입니다. 두 키를 같은 환경(테스트 또는 라이브)에서 가져오세요"
        }
        return nil
    }
}
