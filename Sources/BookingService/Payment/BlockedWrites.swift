import Foundation

/// A store write that must not fail just because the database is briefly locked by another
/// process (an operator's sqlite3 shell, a backup): after Toss has moved money, the answer is
/// retried with a growing pause (100 ms doubling to 1 s) for `budget` seconds. nil when the
/// budget ran out; the caller then says so and leaves the booking for the reconciler.
/// `onlyWhen` narrows which errors are worth another attempt (all by default).
func retryingBlockedWrite<T: Sendable>(
    budget: TimeInterval, onlyWhen retryable: (Error) -> Bool = { _ in true }, _ write: () async throws -> T
) async -> (T?, Error?) {
    let started = DispatchTime.now()
    var pause: UInt64 = 100_000_000
    while true {
        do {
            return (try await write(), nil)
        } catch {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            guard elapsed < budget, retryable(error) else { return (nil, error) }
            try? await Task.sleep(nanoseconds: pause)
            pause = min(pause * 2, 1_000_000_000)
        }
    }
}
