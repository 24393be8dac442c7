/// What `beginConfirm` did, so that exactly one caller goes on to call Toss.
package enum ConfirmStart: Sendable, Hashable {
    /// READY (or a lapsed hold whose seats were re-taken) -> CONFIRMING: this caller confirms,
    /// with the confirm's Idempotency-Key that the same transaction stored.
    case started(Booking, idempotencyKey: String)
    /// Already PAID with this paymentKey: show the same success page, call nobody.
    case alreadyPaid(Booking)
    /// CONFIRMING or NEEDS_ATTENTION: another request or the reconciler owns it.
    case inProgress(Booking)
    /// The amount differs from the stored one: refuse before Toss; the booking is untouched.
    case amountMismatch(expected: Int)
    case notFound
    /// FAILED, CANCELLED, or PAID with another paymentKey.
    case notConfirmable(Booking)
    /// The hold lapsed and its seats are taken, or the slot has begun: now FAILED (SEATS_GONE or
    /// SLOT_STARTED), Toss not called.
    case seatsGone(Booking)
}
