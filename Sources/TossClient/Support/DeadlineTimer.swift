import Dispatch

/// Runs `action` once after `seconds` unless cancelled first. Cancelling frees the timer at
/// once (unlike a cancelled `Task.sleep`, which holds on to its timer until the deadline).
/// Safe to cancel from any thread: `DispatchSource.cancel` is.
struct DeadlineTimer: @unchecked Sendable {
    private let source: DispatchSourceTimer

    init(after seconds: Double, queue: DispatchQueue, action: @escaping @Sendable () -> Void) {
        source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + seconds)
        source.setEventHandler(handler: action)
        source.resume()
    }

    func cancel() { source.cancel() }
}
