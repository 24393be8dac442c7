import Foundation
import TossClient
import XCTest
@testable import BookingService

/// docs/service.md promises that webhooks and the reconciler together make at most
/// `BackgroundLookups.budget` Toss calls at once, so a flood cannot take a confirm's connections.
final class BackgroundLookupsTests: XCTestCase {
    func testNoMoreThanTheBudgetRunAtOnceAndEveryCallStillRuns() async {
        let lookups = BackgroundLookups(toss: TossClient(configuration: TossClientConfiguration(
            secretKey: "test_gsk_docs_OaPz8L5KdmQXkzRz3y47BMw6", baseURL: URL(string: "http://127.0.0.1:9")!)))
        let counts = Counts()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    await lookups.withinBudget {
                        counts.start()
                        try? await Task.sleep(for: .milliseconds(20))
                        counts.finish()
                    }
                }
            }
        }
        let final = counts.snapshot
        XCTAssertEqual(final.done, 40, "every call waits its turn; none is dropped")
        XCTAssertLessThanOrEqual(final.most, BackgroundLookups.budget)
        XCTAssertGreaterThan(final.most, 1, "calls within the budget do run side by side")
    }
}

private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0, most = 0, done = 0
    func start() { lock.withLock { running += 1; most = max(most, running) } }
    func finish() { lock.withLock { running -= 1; done += 1 } }
    var snapshot: (most: Int, done: Int) { lock.withLock { (most, done) } }
}
