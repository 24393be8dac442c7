import Foundation
import Synchronization
import TossClient

/// Toss calls made for webhooks and the reconciler, kept to a small budget of their own so that
/// a flood of webhooks (anyone can post one) or a long reconciler queue can never take the
/// connections a guest's confirm needs; concurrent lookups of one payment share one call.
final class BackgroundLookups: Sendable {
    /// At most this many background Toss calls at once (the client keeps 64 connections).
    static let budget = 8

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var inFlight: [String: Task<TossResult, Never>] = [:]
    }
    private let state = Mutex(State())
    private let toss: TossClient

    init(toss: TossClient) { self.toss = toss }

    /// The payment by paymentKey; a lookup already in flight for the same key is shared.
    func payment(paymentKey: String) async -> TossResult {
        let task = state.withLock { state -> Task<TossResult, Never> in
            if let running = state.inFlight[paymentKey] { return running }
            let task = Task { await self.withinBudget { await self.toss.payment(paymentKey: paymentKey) } }
            state.inFlight[paymentKey] = task
            return task
        }
        let result = await task.value
        state.withLock { state in
            if state.inFlight[paymentKey] == task { state.inFlight[paymentKey] = nil }
        }
        return result
    }

    /// Runs `work` once one of the budget's slots is free.
    func withinBudget<T: Sendable>(_ work: () async -> T) async -> T {
        await acquire()
        defer { release() }
        return await work()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                if state.running < Self.budget {
                    state.running += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()  // the slot passes straight to the next waiter
        }
        next?.resume()
    }
}
