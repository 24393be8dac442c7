import Foundation

/// How the service behaves; the CLI fills it from flags.
package struct ServiceConfiguration: Sendable {
    /// How long a hold keeps its seats. 15 minutes covers Toss's payment window comfortably
    /// for a guest who is typing card details; a guest who pays later still gets the booking
    /// if the seats are free (the late-payment rule), and is not charged otherwise.
    package var holdDuration: TimeInterval = 15 * 60
    /// The site's origin when the pages live on another origin than the service (CORS).
    package var siteOrigin: String?
    /// How long a duplicate success redirect waits for the first one to finish confirming
    /// before it shows "결제를 확인하고 있습니다".
    package var concurrentConfirmWait: TimeInterval = 10
    /// A CONFIRMING booking older than this is considered abandoned (e.g. the process died
    /// mid-call) and is settled by the reconciler through a lookup.
    package var staleConfirmAfter: TimeInterval = 30
    /// A CANCELLING booking whose refund Toss does not show is asked again (with a new key) only
    /// once it is older than this: longer than the Toss client's total timeout, so the first
    /// cancel has surely ended and two partial refunds can never both go through.
    package var staleCancelAfter: TimeInterval = 60
    /// The same for a partial refund, much longer: a partial cancel that Toss ran late after a
    /// retry had gone through would refund twice (a second full cancel is merely refused), so a
    /// partial one is asked again only when no HTTP request can still be alive at Toss.
    package var stalePartialCancelAfter: TimeInterval = 15 * 60
    /// How long a CANCELLED write blocked by another process's lock is retried after Toss
    /// refunded, before the guest is answered 202 (the reconciler then records it).
    package var refundWriteRetryBudget: TimeInterval = 8
    /// After this long, an order Toss has never heard of is settled as failed: the payment
    /// session (30 min) and the confirm window (10 min) are both over.
    package var unknownPaymentGivesUpAfter: TimeInterval = 45 * 60
    /// When Toss has said DONE and the PAID write fails (the database briefly locked by another
    /// connection, SQLITE_BUSY), the write is retried for this long before the page says
    /// "결제가 확인되었습니다. 예약을 확정하는 중입니다" (the booking stays CONFIRMING and the
    /// reconciler records it). Each attempt may itself wait the store's busy timeout.
    package var paidWriteRetryBudget: TimeInterval = 8
    /// Before Toss is called: how long the move READY -> CONFIRMING is retried while another
    /// connection holds the write lock, before the page says "not charged yet, reload to go on".
    package var confirmStartRetryBudget: TimeInterval = 8
    /// Whose forwarded client address is believed (`--trusted-proxy`); everyone else is known
    /// by the socket peer. The address counts against the hold limits.
    package var clientAddresses = ClientAddressResolver()
    /// How many lookups by booking code and phone may fail, per client and per code.
    package var lookupLimits = LookupLimits.standard

    package init(holdDuration: TimeInterval = 15 * 60, siteOrigin: String? = nil) {
        self.holdDuration = holdDuration
        self.siteOrigin = siteOrigin
    }
}
