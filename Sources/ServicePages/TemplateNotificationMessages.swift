import BookingService
import BookingStore
import Foundation
import Mustache
import SiteBuilder

/// The notification texts from `site-templates/messages/guest.mustache` and `restaurant.mustache`:
/// plain text (SMS, 알림톡), one section per event type (`{{#paid}}`, `{{#cancelled}}`, ...).
/// Values are inserted with `{{{ }}}`: nothing here is HTML, and the JSON writer escapes the
/// texts where they are written. Surrounding whitespace is trimmed.
package struct TemplateNotificationMessages: NotificationMessages {
    private let guest: Template
    private let restaurant: Template

    /// Throws `BuildError` naming the file when one is missing or does not parse, or when an
    /// event type renders empty (a template that forgot a section): refused at load.
    package init(templatesFolder: URL) throws {
        let folder = templatesFolder.appendingPathComponent("messages", isDirectory: true)
        func load(_ name: String) throws -> Template {
            let file = folder.appendingPathComponent(name + ".mustache")
            guard let source = try? String(contentsOf: file, encoding: .utf8) else {
                throw BuildError("\(file.path): the notification template is missing")
            }
            do { return try Template(source, name: "messages/\(name).mustache") } catch { throw BuildError("\(error)") }
        }
        guest = try load("guest")
        restaurant = try load("restaurant")
        for kind in NotificationKind.allCases {
            let trial = NotificationFacts(kind: kind, eventId: "evt_trial", orderId: "TRIAL", restaurantName: "-", restaurantSlug: "trial",
                                          when: "-", tableName: "-", partySize: 2, guestName: "-", phone: "-", comment: "-",
                                          amount: "0원", refund: "0원", code: "TRIA-L234")
            let texts = try render(trial)
            if texts.guest.isEmpty || texts.restaurant.isEmpty {
                throw BuildError("\(folder.path): no text for \(kind.rawValue) in \(texts.guest.isEmpty ? "guest" : "restaurant").mustache")
            }
        }
    }

    package func render(_ facts: NotificationFacts) throws -> NotificationTexts {
        let value = Self.fields(facts)
        return NotificationTexts(guest: try guest.render(value).trimmingCharacters(in: .whitespacesAndNewlines),
                                 restaurant: try restaurant.render(value).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func fields(_ facts: NotificationFacts) -> MustacheValue {
        var fields: [String: MustacheValue] = [
            "eventId": .string(facts.eventId), "orderId": .string(facts.orderId), "code": .string(facts.booking.code),
            "restaurantName": .string(facts.restaurantName), "restaurant": .string(facts.restaurantSlug),
            "when": .string(facts.when), "partySize": .int(facts.partySize), "name": .string(facts.guestName),
            "phone": .string(facts.phone), "comment": .string(facts.comment), "amount": .string(facts.amount),
        ]
        if let table = facts.tableName { fields["tableName"] = .string(table) }
        if let refund = facts.refund { fields["refund"] = .string(refund) }
        let sections: [NotificationKind: String] = [
            .paid: "paid", .cancelled: "cancelled", .released: "released", .needsAttention: "needsAttention",
            .failed: "failed", .refundRefused: "refundRefused",
        ]
        for (kind, name) in sections { fields[name] = .bool(kind == facts.kind) }
        return .object(fields)
    }
}
