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

    /// Each restaurant's page and booking page, rendered in parallel; skipped entirely when
    /// their inputs did not change since the last build.
    func restaurantPages(_ restaurants: [Restaurant], upcoming: [[Slot]], progress: (@Sendable (String) -> Void)?) throws {
        let failure = FirstError()
        let counter = ProgressCounter(total: restaurants.count, report: progress)
        DispatchQueue.concurrentPerform(iterations: restaurants.count) { index in
            guard !failure.isSet else { return }
            do {
                try restaurantPages(restaurants[index], upcoming: upcoming[index])
                counter.tick()
            } catch {
                failure.set(error)
            }
        }
        if let error = failure.error { throw error }
    }

    private func restaurantPages(_ restaurant: Restaurant, upcoming: [Slot]) throws {
        let pagePath = RestaurantViewModel.folder(restaurant.slug) + "index.html"
        let bookPath = RestaurantViewModel.bookFolder(restaurant.slug) + "index.html"
        let fingerprint = InputFingerprint.restaurant(restaurant, upcoming: upcoming, base: base).hex
        // Both checks run (each records the file as unchanged when fresh).
        let pageFresh = writer.isFresh(pagePath, fingerprint: fingerprint)
        let bookFresh = writer.isFresh(bookPath, fingerprint: fingerprint)
        var model = RestaurantViewModel(restaurant, upcoming: upcoming)
        if !pageFresh {
            let links = PageLinks.relative(depth: 2, indexFile: indexFile)
            var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: restaurant.name)
            fields["restaurant"] = model.detail(links: links)
            fields["booking"] = .object(["serviceURL": .string(site.serviceOrigin)])
            try writer.write(pagePath, templates.render("restaurant", fields), fingerprint: fingerprint)
        }
        if !bookFresh {
            let links = PageLinks.relative(depth: 3, indexFile: indexFile)
            var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: "\(restaurant.name) 예약")
            fields["restaurant"] = model.booking(links: links, site: site)
            fields["booking"] = .object([
                "serviceURL": .string(site.serviceOrigin),
                "clientKey": .string(site.tossClientKey),
                "sdkURL": .string(site.tossSDKURL.absoluteString),
            ])
            try writer.write(bookPath, templates.render("book", fields), fingerprint: fingerprint)
        }
    }

    /// The restaurant list; depends on every restaurant, so any change re-renders it.
    func listPage(_ restaurants: [Restaurant], upcoming: [[Slot]]) throws {
        var hash = base
        for (restaurant, slots) in zip(restaurants, upcoming) {
            hash.add(InputFingerprint.restaurant(restaurant, upcoming: slots, base: Fingerprint()).hex)
        }
        let fingerprint = hash.hex
        guard !writer.isFresh("index.html", fingerprint: fingerprint) else { return }
        let links = PageLinks.relative(depth: 0, indexFile: indexFile)
        var fields = LayoutViewModel.fields(site: site, links: links, pageTitle: nil)
        var cards: [MustacheValue] = []
        cards.reserveCapacity(restaurants.count)
        for (restaurant, slots) in zip(restaurants, upcoming) {
            var model = RestaurantViewModel(restaurant, upcoming: slots)
            cards.append(model.summary(links: links))
        }
        fields["restaurants"] = .list(cards)
        fields["restaurantCount"] = .int(restaurants.count)
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
