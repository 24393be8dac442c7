import Foundation

/// The short booking code a person can read out over the phone (`K7QX-2M9P`), beside the
/// unguessable order id. Together with the guest's phone number it finds the booking on any
/// device (`Bookings.lookup`); alone it proves nothing.
///
/// 8 characters from 31 that cannot be mistaken for one another when read, heard or typed
/// (no 0/O, 1/I/L): 31^8 = 852,891,037,441 codes, about 39.6 bits. Stored as the 8 characters;
/// shown with a dash after the fourth. See docs/service.md, "Booking codes", for why guessing
/// one does not pay under the lookup limits.
package enum BookingCode {
    /// Digits 2-9 and the letters without I, L and O.
    package static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    package static let length = 8
    private static let alphabetBytes = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ".utf8)

    /// A fresh code from the system's cryptographic generator.
    @Sendable package static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A code from `generator`, each character uniform over the alphabet (rejection sampling:
    /// a byte of 248 or more, 8 x 31, is thrown away instead of folded, which would favour
    /// the first characters).
    package static func random<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let limit = UInt8(alphabetBytes.count * (256 / alphabetBytes.count))
        var out: [UInt8] = []
        out.reserveCapacity(length)
        while out.count < length {
            withUnsafeBytes(of: generator.next()) { bytes in
                for byte in bytes where byte < limit && out.count < length {
                    out.append(alphabetBytes[Int(byte) % alphabetBytes.count])
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The stored form of what a guest typed: case-insensitive, with or without the dash and
    /// spaces, full-width characters (a Korean keyboard's) read as their ASCII forms. nil when
    /// it is not 8 characters of the alphabet.
    package static func normalize(_ input: String) -> String? {
        let folded = input.precomposedStringWithCompatibilityMapping.uppercased()
        var out: [UInt8] = []
        for byte in folded.utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            guard alphabetBytes.contains(byte), out.count < length else { return nil }
            out.append(byte)
        }
        return out.count == length ? String(decoding: out, as: UTF8.self) : nil
    }

    /// `K7QX-2M9P` for a stored `K7QX2M9P`; anything else (an empty code) unchanged.
    package static func formatted(_ code: String) -> String {
        guard code.count == length else { return code }
        return String(code.prefix(4)) + "-" + String(code.suffix(4))
    }
}
