import BookingStore
import Foundation
import Synchronization

/// How many lookups by booking code and phone may fail before more are refused for a while:
/// per client address, per network (/24, /64: an IPv6 host gets a whole /64 to rotate through)
/// and per code typed. nil turns one off. See docs/service.md, "Booking codes", for the
/// arithmetic behind the defaults.
package struct LookupLimits: Sendable, Hashable {
    /// The fixed window failures are counted in.
    package var window: TimeInterval
    package var failuresPerAddress: Int?
    package var failuresPerNetwork: Int?
    package var failuresPerCode: Int?

    package init(window: TimeInterval = 3600, failuresPerAddress: Int? = 20, failuresPerNetwork: Int? = 200,
                 failuresPerCode: Int? = 10) {
        self.window = window
        self.failuresPerAddress = failuresPerAddress
        self.failuresPerNetwork = failuresPerNetwork
        self.failuresPerCode = failuresPerCode
    }

    /// What `yeyak serve` and `yeyak dev` use: 20 failed lookups an hour from one address (a
    /// guest who mistypes a few times never meets it), 200 from one network (Korean carriers
    /// put many phones behind one NAT address), 10 on one code (someone who knows a code and
    /// guesses the phone number).
    package static let standard = LookupLimits()
}

/// Counts failed lookups in memory, per fixed window, and refuses a lookup once any of its
/// counters is full. An attempt is counted when it starts (so concurrent guesses cannot slip
/// past the limit together) and given back when it finds the booking, so only failures count.
///
/// The counter of a code is kept for whatever was typed, existing or not: a refusal says nothing
/// about whether the code exists. Memory is bounded: at `maxKeys` counters the lapsed ones go,
/// then the oldest. Per process: with several service instances the limits add up (docs).
package final class LookupLimiter: Sendable {
    /// What a lookup holds while it runs: the counters it was charged to.
    package struct Attempt: Sendable {
        fileprivate var keys: [String]
    }

    private struct Counter {
        var windowStart: Date
        var failures: Int
    }

    private let limits: LookupLimits
    private let maxKeys: Int
    private let counters = Mutex<[String: Counter]>([:])

    package init(_ limits: LookupLimits, maxKeys: Int = 100_000) {
        self.limits = limits
        self.maxKeys = maxKeys
    }

    /// Charges one attempt to every counter of `client` and `code`, or refuses: the seconds
    /// until the first full counter's window ends.
    package func begin(client: ClientAddress, code: String, now: Date) -> Result<Attempt, LookupRefused> {
        var charged: [(String, Int)] = [("code:" + code, limits.failuresPerCode ?? 0)]
        if client.isKnown {
            charged.append(("address:" + client.address, limits.failuresPerAddress ?? 0))
            charged.append(("network:" + client.network, limits.failuresPerNetwork ?? 0))
        }
        let keyed = charged.filter { $0.1 > 0 }
        return counters.withLock { counters in
            var refusedFor: TimeInterval?
            for (key, limit) in keyed {
                guard let counter = counters[key], now.timeIntervalSince(counter.windowStart) < limits.window,
                      counter.failures >= limit else { continue }
                let left = counter.windowStart.addingTimeInterval(limits.window).timeIntervalSince(now)
                refusedFor = max(refusedFor ?? 0, left)
            }
            if let refusedFor { return .failure(LookupRefused(retryAfter: max(1, Int(refusedFor.rounded(.up))))) }
            if counters.count + keyed.count > maxKeys { Self.evict(&counters, now: now, window: limits.window, keep: maxKeys / 2) }
            for (key, _) in keyed {
                if var counter = counters[key], now.timeIntervalSince(counter.windowStart) < limits.window {
                    counter.failures += 1
                    counters[key] = counter
                } else {
                    counters[key] = Counter(windowStart: now, failures: 1)
                }
            }
            return .success(Attempt(keys: keyed.map(\.0)))
        }
    }

    /// The lookup found its booking: its attempt does not count.
    package func succeeded(_ attempt: Attempt) {
        counters.withLock { counters in
            for key in attempt.keys {
                if var counter = counters[key], counter.failures > 0 {
                    counter.failures -= 1
                    counters[key] = counter
                }
            }
        }
    }

    /// Drops lapsed counters, then the oldest, until at most `keep` are left.
    private static func evict(_ counters: inout [String: Counter], now: Date, window: TimeInterval, keep: Int) {
        counters = counters.filter { now.timeIntervalSince($0.value.windowStart) < window }
        guard counters.count > keep else { return }
        let newest = counters.sorted { $0.value.windowStart > $1.value.windowStart }.prefix(keep)
        counters = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}

/// A lookup refused by `LookupLimiter`: try again in `retryAfter` seconds.
package struct LookupRefused: Error, Sendable, Equatable {
    package var retryAfter: Int
}
