// swift-tools-version:6.0
// Yeyak: restaurant table booking with a Toss Payments deposit.
// One executable (`yeyak`) over small libraries with one job each. No package dependencies:
// Foundation, Dispatch, Glibc and the system sqlite3 and libcurl libraries only. Linux only (Glibc, POSIX
// socket code, `Synchronization.Mutex`), so no Apple platform is claimed. Declarations shared
// between the package's modules are `package`, not `public`: the only product is the executable.
import PackageDescription

let package = Package(
    name: "Yeyak",
    products: [
        .executable(name: "yeyak", targets: ["yeyak"]),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        /// libcurl for the Toss client's transport (multi interface, keep-alive connections).
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        /// libpq, PostgreSQL's client library, for the PostgreSQL booking store (several instances).
        .systemLibrary(
            name: "CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        /// Our own few lines of C: epoll(7) and accept4(2) wrappers for the HTTP server (Swift's
        /// Glibc module does not export <sys/epoll.h>). Part of the package, not a dependency.
        .target(name: "CEpoll"),

        // MARK: - Shared small pieces
        /// Gregorian day numbers <-> year/month/day, without Foundation formatters; `WallClock`.
        .target(name: "CivilTime"),
        /// JSON by hand, both ways: a strict reader with line/column errors and a writer with
        /// HTML-safe strings and ordered keys; no Foundation bridging.
        .target(name: "JSON"),
        /// One folder walker (readdir + stat) with the caller's rule for what cannot be read.
        .target(name: "FolderWalking"),

        // MARK: - Content and site
        /// Content files -> validated model: restaurants, tables, slots, Korean formatting.
        .target(name: "YeyakContent", dependencies: ["CivilTime", "JSON"]),
        /// Mustache v1.3 (with inheritance): parse once, render many.
        .target(name: "Mustache"),
        /// `yeyak build`: view models + templates -> static pages, incrementally.
        .target(name: "SiteBuilder", dependencies: ["YeyakContent", "Mustache", "JSON", "FolderWalking"]),

        // MARK: - Service
        /// HTTP/1.1: a pure parser state machine and a POSIX socket server.
        .target(name: "HTTPServer", dependencies: ["CEpoll"]),
        /// Bookings, holds and inventory behind a protocol; the SQLite and PostgreSQL implementations.
        .target(name: "BookingStore", dependencies: ["CSQLite", "CPostgres"]),
        /// The Toss Payments REST API over libcurl (or URLSession, `TOSS_TRANSPORT=urlsession`).
        .target(name: "TossClient", dependencies: ["CCurl", "CivilTime", "JSON"]),
        /// The bookings facade (hold, confirm, refund, reconcile) and its HTTP routes and handlers.
        .target(name: "BookingService", dependencies: [
            "YeyakContent", "HTTPServer", "BookingStore", "TossClient", "CivilTime", "JSON",
        ]),
        /// The service's result and error pages rendered from the site's templates: above both
        /// the service (whose `ResultPages` it implements) and the site builder (whose layout it uses).
        .target(name: "ServicePages", dependencies: ["BookingService", "BookingStore", "SiteBuilder", "Mustache", "YeyakContent"]),
        /// A stateful local stand-in for Toss: API, SDK script, payment window, webhooks, faults.
        .target(name: "TossSandbox", dependencies: ["HTTPServer", "CivilTime", "JSON", "Mustache"]),

        // MARK: - Local development
        /// `yeyak dev`: one port for the pages and the service, rebuild on change, live reload.
        .target(name: "DevServer", dependencies: ["HTTPServer", "SiteBuilder", "YeyakContent", "FolderWalking", "CivilTime", "JSON"]),

        // MARK: - Command line
        /// Argument parsing and the commands; `yeyak` only calls into it.
        .target(name: "YeyakCLI", dependencies: [
            "YeyakContent", "Mustache", "SiteBuilder", "HTTPServer", "BookingStore",
            "TossClient", "BookingService", "ServicePages", "TossSandbox", "DevServer", "JSON",
        ]),
        .executableTarget(name: "yeyak", dependencies: ["YeyakCLI"]),

        // MARK: - Tests
        /// Helpers every test target shares: temporary folders, free ports, child processes, and
        /// the test doubles (plain result pages, ManualClock, ResponderTossTransport).
        .target(name: "TestSupport", dependencies: ["BookingService", "Mustache", "CivilTime", "HTTPServer", "TossClient"],
                path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "YeyakContentTests", dependencies: ["YeyakContent", "TestSupport"]),
        // The spec cases are read with the JSON reader and made template data by SiteBuilder, as
        // `yeyak render --data` does.
        .testTarget(name: "MustacheTests", dependencies: ["Mustache", "JSON", "SiteBuilder", "TestSupport"]),
        // js/: the booking page script test and shared phone-number cases, run with node.
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "YeyakContent", "JSON", "Mustache", "TestSupport"], exclude: ["js"]),
        .testTarget(name: "ServicePagesTests", dependencies: ["ServicePages", "BookingService", "YeyakContent", "TestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "FolderWalkingTests", dependencies: ["FolderWalking", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "BookingStoreTests", dependencies: ["BookingStore", "TestSupport"]),
        .testTarget(name: "TossClientTests", dependencies: ["TossClient", "TossSandbox", "HTTPServer", "TestSupport"]),
        .testTarget(name: "BookingServiceTests", dependencies: [
            "BookingService", "TossSandbox", "TestSupport",
        ]),
        .testTarget(name: "TossSandboxTests", dependencies: ["TossSandbox", "TestSupport"]),
        // BookingService only for the route table the CLI gives the router; DevServer does not depend on it.
        .testTarget(name: "DevServerTests", dependencies: ["DevServer", "HTTPServer", "BookingService", "TestSupport", "CivilTime"]),
        .testTarget(name: "YeyakCLITests", dependencies: ["YeyakCLI", "yeyak", "BookingStore", "TestSupport"]),
        // Headless Chromium, nginx and the HTML checker against the real `yeyak` binary.
        .testTarget(name: "BrowserTests", dependencies: ["yeyak", "TestSupport"]),
    ]
)
