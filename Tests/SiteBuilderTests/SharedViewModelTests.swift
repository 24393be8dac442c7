import Foundation
@testable import SiteBuilder
import TestSupport
import XCTest
import YeyakContent

/// A restaurant's page and booking page are rendered from one view model, so its slot list and
/// tables are built once for both (issue 14). The bytes must be those of rendering each page
/// from a model of its own, as builds did before, in either order.
final class SharedViewModelTests: XCTestCase {
    func testPagesFromOneSharedModelEqualPagesFromAModelEach() throws {
        let now = Date()
        let content = try ContentLoader.load(from: SharedFolder.projectRoot.appendingPathComponent("content"), now: now)
        let templates = try PageTemplates(folder: SiteFixture.templates)
        let folder = try TemporaryDirectory(prefix: "yeyak-shared-model")
        var slotsSeen = 0
        for indexFile in ["", "index.html"] {
            let pages = SitePages(site: content.site, templates: templates, writer: IncrementalWriter(output: folder.url),
                                  indexFile: indexFile, base: Fingerprint())
            for restaurant in content.restaurants {
                let upcoming = restaurant.upcomingSlots(after: now)
                slotsSeen += upcoming.count
                func fresh() -> RestaurantViewModel { RestaurantViewModel(restaurant, upcoming: upcoming) }
                var alone = fresh()
                let page = try pages.restaurantPage(&alone)
                alone = fresh()
                let book = try pages.bookingPage(&alone)

                var shared = fresh()
                XCTAssertEqual(try pages.restaurantPage(&shared), page, restaurant.slug)
                XCTAssertEqual(try pages.bookingPage(&shared), book, restaurant.slug)
                shared = fresh()
                XCTAssertEqual(try pages.bookingPage(&shared), book, restaurant.slug)
                XCTAssertEqual(try pages.restaurantPage(&shared), page, restaurant.slug)
            }
        }
        XCTAssertGreaterThan(slotsSeen, 0, "the sample content offers slots, so the slot lists were compared")
    }
}
