import XCTest
@testable import YeyakCLI

final class ArgumentParserTests: XCTestCase {
    let command = Command(
        name: "demo", summary: "A demo.",
        arguments: [ArgumentSpec("FILE", "A file."), ArgumentSpec("MORE", "Optional.", optional: true)],
        options: [.value("--port", "N", "A port.", default: "8080"), .value("--host", "HOST", "A host."),
                  .flag("--verbose", "Talk more.")]
    ) { _ in 0 }

    func parse(_ arguments: [String]) throws -> ParsedArguments { try ArgumentParser.parse(arguments, for: command) }

    func testValuesFlagsDefaultsAndPositionals() throws {
        let parsed = try parse(["a.txt", "--host", "0.0.0.0", "--verbose", "--port=9000"])
        XCTAssertEqual(parsed.positionals, ["a.txt"])
        XCTAssertEqual(parsed.value("--host"), "0.0.0.0")
        XCTAssertEqual(parsed.value("--port"), "9000")
        XCTAssertTrue(parsed.has("--verbose"))
        XCTAssertEqual(try parse(["a.txt"]).value("--port"), "8080", "default applies")
        XCTAssertEqual(try parse(["--", "--not-an-option"]).positionals, ["--not-an-option"])
    }

    /// Booking numbers are base64url: about 1 in 64 starts with `-`, and staff must be able to
    /// paste one anywhere a positional goes (the `yeyak bookings show` test failed 1 run in 64).
    func testAWordWithOneLeadingDashIsAPositional() throws {
        XCTAssertEqual(try parse(["-WwH3kQ9dTzR2mX7pL4vB8nC", "--verbose"]).positionals, ["-WwH3kQ9dTzR2mX7pL4vB8nC"])
        XCTAssertEqual(try parse(["a", "-"]).positionals, ["a", "-"])
        XCTAssertEqual(try parse(["a", "--host", "-h0st"]).value("--host"), "-h0st", "an option's value may start with one dash")
    }

    func testUsageErrorsAreOneClearLine() {
        let cases: [([String], String)] = [
            (["a", "--bogus"], "unknown option '--bogus' for 'demo'"),
            (["a", "--host"], "--host needs a value (HOST)"),
            (["a", "--host", "--verbose"], "--host needs a value (HOST)"),
            (["a", "--verbose=yes"], "--verbose takes no value"),
            ([], "missing FILE for 'demo'"),
            (["a", "b", "c"], "unexpected argument 'c' for 'demo'"),
        ]
        for (arguments, message) in cases {
            XCTAssertThrowsError(try parse(arguments), "\(arguments)") { error in
                XCTAssertEqual((error as? UsageError)?.message, message)
            }
        }
    }

    func testARepeatableOptionKeepsEveryValueInOrder() throws {
        let repeating = Command(name: "keys", summary: "Keys.", options: [.repeated("--key", "PAIR", "A pair."), .value("--host", "HOST", "A host.")]) { _ in 0 }
        let parsed = try ArgumentParser.parse(["--key", "a:1", "--host", "h", "--key=b:2", "--host", "last"], for: repeating)
        XCTAssertEqual(parsed.values("--key"), ["a:1", "b:2"])
        XCTAssertEqual(parsed.value("--host"), "last", "a plain option given twice keeps the last value, as before")
        XCTAssertEqual(parsed.values("--host"), [], "only repeatable options collect")
        XCTAssertEqual(try ArgumentParser.parse([], for: repeating).values("--key"), [])
        XCTAssertThrowsError(try ArgumentParser.parse(["--key"], for: repeating))
        XCTAssertTrue(HelpText.command(repeating).contains("--key PAIR   A pair. (repeatable)"), HelpText.command(repeating))
    }

    func testIntegersRefuseSignsAndJunk() throws {
        for bad in ["+80", "-1", "8o", "", "99999999999", "70000"] {
            XCTAssertThrowsError(try parse(["a", "--port", bad]).integer("--port", in: 1...65535), bad)
        }
        XCTAssertEqual(try parse(["a", "--port", "65535"]).integer("--port", in: 1...65535), 65535)
    }
}

/// `YEYAK_WEBHOOK_SECRET_<SLUG>` names the secret of one restaurant's own receiver.
final class RestaurantWebhookSecretTests: XCTestCase {
    func testEachRestaurantsSecretIsFoundByItsSlug() {
        let secrets = NotifyOptions.restaurantSecrets([
            "YEYAK_WEBHOOK_SECRET": "shared", "YEYAK_WEBHOOK_SECRET_EULJIRO_GOGI": "own", "YEYAK_WEBHOOK_SECRET_JIPBAP": "",
            "OTHER_SECRET_JIPBAP": "no",
        ])
        XCTAssertEqual(secrets, ["euljiro-gogi": "own"])
    }
}
