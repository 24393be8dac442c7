import Foundation
import HTTPServer
import TestSupport
import TossClient
import TossSandbox
import XCTest

/// A sandbox plus a client wired to it in-process, and a way to play the buyer.
final class ClientHarness: @unchecked Sendable {
    let clock = ManualSandboxClock()
    let sandbox: TossSandbox
    let client: TossClient
    let logLines = LogLines()

    static let secret = MerchantKeys.docsWidget.secretKey

    init(sandboxConfiguration: SandboxConfiguration = SandboxConfiguration(), totalTimeout: TimeInterval = 5) {
        sandbox = TossSandbox(configuration: sandboxConfiguration, clock: clock)
        let configuration = TossClientConfiguration(
            secretKey: Self.secret, baseURL: URL(string: "http://127.0.0.1:9090")!, connectTimeout: 1,
            totalTimeout: totalTimeout)
        let lines = logLines
        client = TossClient(configuration: configuration, transport: ResponderTossTransport(sandbox),
                            log: { lines.append($0) })
    }

    /// Opens a session and approves it as the buyer; returns the paymentKey.
    func approvedPayment(orderId: String, amount: Int = 20_000) -> String {
        let session = SessionRequest(clientKey: MerchantKeys.docsWidget.clientKey, orderId: orderId,
                                     orderName: "맛있는 집밥 예약금", amount: amount,
                                     successUrl: "https://shop.example/ok", failUrl: "https://shop.example/fail")
        guard case .success(let id) = sandbox.openSession(session),
              case .success(let outcome) = sandbox.choose(.approve, sessionId: id) else {
            XCTFail("could not open and approve a session")
            return ""
        }
        return outcome.paymentKey ?? ""
    }

    static func newOrderId() -> String { "order_" + UUID().uuidString.prefix(8) }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
