/// What `beginCancel` did, so that exactly one caller goes on to call Toss's cancel.
package enum CancelStart: Sendable, Hashable {
    /// PAID -> CANCELLING with the refund recorded: this caller cancels at Toss, with the
    /// cancel's Idempotency-Key that the same transaction stored.
    case started(Booking, idempotencyKey: String)
    /// Already CANCELLING (an earlier attempt's outcome is unknown): settle it by lookup first.
    case inProgress(Booking)
    /// Already CANCELLED: nothing to do.
    case alreadyCancelled(Booking)
    /// Not PAID (a hold, a failed or unsettled payment).
    case notCancellable(Booking)
    case notFound
}
