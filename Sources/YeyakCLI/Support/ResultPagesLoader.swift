import BookingService
import Foundation

/// Picks how the service renders result pages.
enum ResultPagesLoader {
    static func load(templates: String, contentDirectory: URL) throws -> any ResultPages {
        PlainResultPages()
    }
}
