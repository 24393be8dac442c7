import Synchronization

/// Resumes one continuation with whichever result arrives first; later results are dropped.
final class FirstResult<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Error>?
        var early: Result<Value, Error>?
        var finished = false
        var onFinish: [@Sendable () -> Void] = []
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Value, Error>) {
        let early = state.withLock { state -> Result<Value, Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func finish(_ result: Result<Value, Error>) {
        let (continuation, callbacks) = state.withLock { state -> (CheckedContinuation<Value, Error>?, [@Sendable () -> Void]) in
            guard !state.finished else { return (nil, []) }
            state.finished = true
            if state.continuation == nil { state.early = result }
            defer { state.continuation = nil; state.onFinish = [] }
            return (state.continuation, state.onFinish)
        }
        continuation?.resume(with: result)
        callbacks.forEach { $0() }
    }

    /// Runs `action` once a result is in (at once if it already is).
    func whenFinished(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.finished { return true }
            state.onFinish.append(action)
            return false
        }
        if runNow { action() }
    }
}
