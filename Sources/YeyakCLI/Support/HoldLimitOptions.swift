import BookingService
import BookingStore

/// The client-address and hold-limit options shared by `yeyak serve` and `yeyak dev`
/// (docs/service.md, "Hold limits").
enum HoldLimitOptions {
    static let standard = HoldLimits.standard

    static let specs: [OptionSpec] = [
        .repeated("--trusted-proxy", "ADDR",
                  "A proxy (e.g. nginx, 127.0.0.1) whose X-Forwarded-For / X-Real-IP is believed; anyone else's is ignored."),
        .value("--max-holds-per-phone", "N", "Live unpaid holds per phone number (0: no limit).",
               default: "\(standard.holdsPerPhone!)"),
        .value("--max-unpaid-seats-per-address", "N", "Unpaid seats one client address may hold across the site (0: no limit).",
               default: "\(standard.seatsPerAddress!)"),
        .value("--max-unpaid-seats-per-network", "N", "Unpaid seats one /24 (IPv4) or /64 (IPv6) may hold across the site (0: no limit).",
               default: "\(standard.seatsPerNetwork!)"),
        .value("--max-slot-share", "PERCENT", "Share of one slot's seats one network may hold unpaid, at least one table (0: no limit).",
               default: "\(standard.slotSharePercent!)"),
        .flag("--no-hold-limits", "Turn off the four limits above (load tests only; the per-customerKey limit stays)."),
    ]

    static func limits(_ arguments: ParsedArguments) throws -> HoldLimits {
        if arguments.has("--no-hold-limits") { return .off }
        func limit(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            let value = try arguments.integer(name, in: range)!
            return value == 0 ? nil : value
        }
        return HoldLimits(
            holdsPerPhone: try limit("--max-holds-per-phone", 0...1000),
            seatsPerAddress: try limit("--max-unpaid-seats-per-address", 0...1_000_000),
            seatsPerNetwork: try limit("--max-unpaid-seats-per-network", 0...1_000_000),
            slotSharePercent: try limit("--max-slot-share", 0...100))
    }

    static func clientAddresses(_ arguments: ParsedArguments) throws -> ClientAddressResolver {
        do {
            return try ClientAddressResolver(trustedProxyAddresses: arguments.values("--trusted-proxy"))
        } catch {
            throw UsageError("\(error)")
        }
    }
}
