// swift-tools-version:6.0
// libFuzzer targets over Yeyak's parsers of untrusted input (see docs/fuzzing.md).
//
// A separate package so the root package keeps no fuzzer runtime and exports no library
// products: SwiftPM only lets another package import *products*, so the library targets
// are compiled here a second time from symlinks (`Sources/HTTPServer -> ../../Sources/HTTPServer`).
// Build with `Fuzz/run.sh`, which adds `--sanitize=fuzzer --sanitize=address`.
import PackageDescription

let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"])]

let package = Package(
    name: "YeyakFuzz",
    targets: [
        // MARK: - The code under test (symlinked from the root package)
        // Full cross-module optimisation lets the fuzzers' calls into generic API (such as
        // `feed<C: Collection>`) be specialised, as they are inside the service: about 2x execs/s.
        .target(name: "CivilTime", swiftSettings: crossModule),
        .target(name: "CEpoll"),
        .target(name: "HTTPServer", dependencies: ["CEpoll"], swiftSettings: crossModule),
        .target(name: "Mustache", swiftSettings: crossModule),
        .target(name: "JSON", swiftSettings: crossModule),
        .target(name: "YeyakContent", dependencies: ["CivilTime", "JSON"], swiftSettings: crossModule),

        // MARK: - Fuzzers: each defines LLVMFuzzerTestOneInput; libFuzzer supplies main()
        .executableTarget(name: "FuzzHTTPParser", dependencies: ["HTTPServer"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzMustache", dependencies: ["Mustache"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzContentJSON", dependencies: ["YeyakContent", "JSON"],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
