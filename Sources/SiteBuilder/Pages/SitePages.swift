import Dispatch
import Foundation
import Mustache
import YeyakContent

/// Renders each page of the site into the incremental writer.
struct SitePages: Sendable {
    let site: Site
    let templates: PageTemplates
    let writer: IncrementalWriter
    let indexFile: String
    let base: Fingerprint

    /// What the list page needs of one restaurant, made by the thread that did its pages.
    struct ListCard {
        /// The fingerprint of the restaurant's pages' inputs; the list depends on all of them.
        let fingerprint: String
        let summary: MustacheValue
    }

    /// Each restaurant's page and booking page, rendered on every core; skipped entirely when
    /// their inputs did not change since the last build. Returns each restaurant's list card.
    ///
    /// One thread per core takes the next restaurant until none is left, and each renders with
    /// its own copy of the templates (`Template.privateCopy()`: sharing them cost 12% of the CPU).
    /// The threads also pick the upcoming slots and make the list's cards: done one after the
    /// other afterwards, that was a quarter of a cold build's wall time on two cores.
    func restaurantPages(_ restaurants: [Restaurant], now: Date, progress: (@Sendable (String) -> Void)?) throws -> [ListCard] {
        let failure = FirstError()
        let counter = ProgressCounter(total: restaurants.count, report: progress)
        let queue = IndexQueue(count: restaurants.count)
        let cards = ParallelResults<ListCard>(count: restaurants.count)
        let threads = min(restaurants.count, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let job = SitePages(site: site, templates: templates.privateCopy(), writer: writer, indexFile: indexFile, base: base)
            while !failure.isSet, let index = queue.next() {
                do {
                    cards.set(index, try job.restaurantPages(restaurants[index], upcoming: restaurants[index].upcomingSlots(after: now)))
                    counter.tick()
                } catch {
                    failure.set(error)
                }
            }
        }
        if let error = failure.error { throw error }
        return cards.values
    }

    private func restaurantPages(_ restaurant: Restaurant, upcoming: [Slot]) throws -> ListCard {
        let pagePath = RestaurantViewModel.folder(restaurant.slug) + "index.html"
        let bookPath = RestaurantViewModel.bookFolder(restaurant.slug) + "index.html"
        let fingerprint = InputFingerprint.restaurant(restaurant, upcoming: upcoming, base: base).hex
        // Both checks run (each records the file as unchanged when fresh).
        let pageFresh = writer.isFresh(pagePath, fingerprint: fingerprint)
        let bookFresh = writer.isFresh(bookPath, fingerprint: fingerprint)
        // One model for both pages: its slot list and tables are built once.
        var model = RestaurantViewModel(restaurant, upcoming: upcoming)
        if !pageFresh { try writer.write(pagePath, restaurantPage(&model), fingerprint: fingerprint) }
        if !bookFresh { try writer.write(bookPath, bookingPage(&model), fingerprint: fingerprint) }
        return ListCard(fingerprint: fingerprint, summary: model.summary(links: PageLinks.relative(depth: 0, indexFile: indexFile)))
    }

    func restaurantPage(_ model: inout RestaurantViewModel) throws -> [UInt8] {
        let links = PageLinks.relative(depth: 2, indexFile: indexFile)
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: model.restaurant.name)
        fields["restaurant"] = model.detail(links: links)
        fields["booking"] = .object(["serviceURL": .string(site.serviceOrigin)])
        return try templates.render("restaurant", fields)
    }

    func bookingPage(_ model: inout RestaurantViewModel) throws -> [UInt8] {
        let links = PageLinks.relative(depth: 3, indexFile: indexFile)
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: "\(model.restaurant.name) 예약")
        fields["restaurant"] = model.booking(links: links, site: site)
        fields["booking"] = .object([
            "serviceURL": .string(site.serviceOrigin),
            "clientKey": .string(site.tossClientKey),
            "sdkURL": .string(site.tossSDKURL.absoluteString),
        ])
        return try templates.render("book", fields)
    }

    /// The restaurant list; depends on every restaurant, so any change re-renders it.
    func listPage(_ cards: [ListCard]) throws {
        var hash = base
        for card in cards { hash.add(card.fingerprint) }
        let fingerprint = hash.hex
        guard !writer.isFresh("index.html", fingerprint: fingerprint) else { return }
        let links = PageLinks.relative(depth: 0, indexFile: indexFile)
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: nil)
        fields["restaurants"] = .list(cards.map(\.summary))
        fields["restaurantCount"] = .int(cards.count)
        try writer.write("index.html", templates.render("index", fields), fingerprint: fingerprint)
    }

    /// `booking/`: where a guest checks or cancels a booking. The order id travels in the URL
    /// fragment (never sent to any server) and the guest key stays in the browser's storage.
    func managePage() throws {
        try bookingPage(RestaurantViewModel.manageFolder, template: "manage", title: "예약 확인 · 취소",
                        status: "예약을 불러오고 있습니다…")
    }

    /// `lookup/`: "예약 조회", a booking found by its code and phone number on any device.
    func lookupPage() throws {
        try bookingPage(RestaurantViewModel.lookupFolder, template: "lookup", title: "예약 조회", status: nil)
    }

    /// A page of `manage.js` (one folder deep), which talks to the service; `status` is the
    /// line shown until the script has answered (none: the line starts hidden).
    private func bookingPage(_ folder: String, template: String, title: String, status: String?) throws {
        let links = PageLinks.relative(depth: 1, indexFile: indexFile)
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: title)
        fields["booking"] = .object(["serviceURL": .string(site.serviceOrigin)])
        fields["statusText"] = .string(status ?? "")
        fields["statusHidden"] = .bool(status == nil)
        try writer.write(folder + "index.html", templates.render(template, fields))
    }

    /// Served by static hosts for any missing path, so it links from the absolute base URL.
    func notFoundPage() throws {
        let links = PageLinks.absolute(base: site.baseURLWithSlash, indexFile: indexFile)
        let fields = LayoutViewModel.fields(site: site, links: links, pageTitle: "페이지를 찾을 수 없습니다")
        try writer.write("404.html", templates.render("404", fields))
    }

    /// Absolute URLs from `site.baseURL`: the list, each restaurant and its booking page.
    func sitemap(_ restaurants: [Restaurant]) throws {
        let base = site.baseURLWithSlash
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func add(_ path: String) { xml += "  <url><loc>" + HTMLEscaping.escape(base + path) + "</loc></url>\n" }
        add("")
        add(RestaurantViewModel.lookupFolder)
        for restaurant in restaurants {
            add(RestaurantViewModel.folder(restaurant.slug))
            add(RestaurantViewModel.bookFolder(restaurant.slug))
        }
        xml += "</urlset>\n"
        try writer.write("sitemap.xml", Array(xml.utf8))
    }
}

/// The first error thrown by any of the parallel page jobs.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var isSet: Bool { lock.withLock { stored != nil } }
    var error: Error? { lock.withLock { stored } }
    func set(_ error: Error) { lock.withLock { if stored == nil { stored = error } } }
}

/// Hands out 0..<count, each index once, to the threads that ask.
final class IndexQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }
}

/// Prints "rendered 500/2000 restaurants" at each quarter of a long build.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (String) -> Void)?

    init(total: Int, report: (@Sendable (String) -> Void)?) {
        self.total = total
        self.report = total >= 400 ? report : nil
    }

    func tick() {
        guard let report else { return }
        let count = lock.withLock { done += 1; return done }
        let step = max(1, total / 4)
        if count % step == 0 && count < total { report("rendered \(count)/\(total) restaurants") }
    }
}
