// swift-tools-version:6.0
// Yeyak: restaurant table booking with a Toss Payments deposit.
// One executable (`yeyak`) over small libraries with one job each. No package dependencies:
// Foundation, Dispatch, Glibc and the system sqlite3 library only.
import PackageDescription

let package = Package(
    name: "Yeyak",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yeyak", targets: ["yeyak"]),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // MARK: - Shared small pieces
        /// Gregorian day numbers <-> year/month/day, without Foundation formatters.
        .target(name: "CivilTime"),
        /// JSON written by hand: HTML-safe strings, ordered keys, no Foundation bridging.
        .target(name: "JSONEncoding"),
        /// One folder walker (readdir + stat) with the caller's rule for what cannot be read.
        .target(name: "FolderWalking"),

        // MARK: - Content and site
        /// Content files -> validated model: restaurants, tables, slots, Korean formatting.
        .target(name: "YeyakContent", dependencies: ["CivilTime"]),
        /// Mustache v1.3 (with inheritance): parse once, render many.
        .target(name: "Mustache"),
        /// `yeyak build`: view models + templates -> static pages, incrementally.
        .target(name: "SiteBuilder", dependencies: ["YeyakContent", "Mustache", "JSONEncoding", "FolderWalking"]),

        // MARK: - Service
        /// HTTP/1.1: a pure parser state machine and a POSIX socket server.
        .target(name: "HTTPServer"),
        /// Bookings, holds and inventory behind a protocol; the SQLite implementation.
        .target(name: "BookingStore", dependencies: ["CSQLite"]),
        /// The Toss Payments REST API over URLSession.
        .target(name: "TossClient", dependencies: ["HTTPServer", "CivilTime", "JSONEncoding"]),
        /// Routes, the booking state machine, confirm/refund, the reconciler.
        .target(name: "BookingService", dependencies: [
            "YeyakContent", "Mustache", "SiteBuilder", "HTTPServer", "BookingStore", "TossClient", "JSONEncoding",
        ]),
        /// A stateful local stand-in for Toss: API, SDK script, payment window, webhooks, faults.
        .target(name: "TossSandbox", dependencies: ["HTTPServer", "CivilTime", "JSONEncoding", "Mustache"]),

        // MARK: - Local development
        /// `yeyak dev`: one port for the pages and the service, rebuild on change, live reload.
        .target(name: "DevServer", dependencies: ["HTTPServer", "SiteBuilder", "YeyakContent", "FolderWalking"]),

        // MARK: - Command line
        /// Argument parsing and the commands; `yeyak` only calls into it.
        .target(name: "YeyakCLI", dependencies: [
            "YeyakContent", "Mustache", "SiteBuilder", "HTTPServer", "BookingStore",
            "TossClient", "BookingService", "TossSandbox", "DevServer", "JSONEncoding",
        ]),
        .executableTarget(name: "yeyak", dependencies: ["YeyakCLI"]),

        // MARK: - Tests
        /// Helpers every test target shares: temporary folders, free ports, child processes.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "YeyakContentTests", dependencies: ["YeyakContent", "TestSupport"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache", "TestSupport"]),
        // js/: the booking page script test and shared phone-number cases, run with node.
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "TestSupport"], exclude: ["js"]),
        .testTarget(name: "JSONEncodingTests", dependencies: ["JSONEncoding"]),
        .testTarget(name: "FolderWalkingTests", dependencies: ["FolderWalking", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "BookingStoreTests", dependencies: ["BookingStore", "TestSupport"]),
        .testTarget(name: "TossClientTests", dependencies: ["TossClient", "TossSandbox", "HTTPServer", "TestSupport"]),
        .testTarget(name: "BookingServiceTests", dependencies: [
            "BookingService", "TossSandbox", "TestSupport",
        ]),
        .testTarget(name: "TossSandboxTests", dependencies: ["TossSandbox", "TestSupport"]),
        // BookingService only for the route table the CLI gives the router; DevServer does not depend on it.
        .testTarget(name: "DevServerTests", dependencies: ["DevServer", "HTTPServer", "BookingService", "TestSupport"]),
        .testTarget(name: "YeyakCLITests", dependencies: ["YeyakCLI", "yeyak", "BookingStore", "TestSupport"]),
        // Headless Chromium, nginx and the HTML checker against the real `yeyak` binary.
        .testTarget(name: "BrowserTests", dependencies: ["yeyak", "TestSupport"]),
    ]
)
