import FolderWalking
import Foundation
import TestSupport
import XCTest

/// The one walker under both snapshots: the same tree, the two failure rules.
final class FolderWalkTests: XCTestCase {
    func paths(_ root: String, _ rule: FolderWalk.FailureRule) -> (complete: Bool, paths: [String]) {
        var paths: [String] = []
        let complete = FolderWalk.walk(root, onFailure: rule) { relativePath, _ in paths.append(relativePath) }
        return (complete, paths.sorted())
    }

    func testNestedAndHiddenFilesAreSeenRelativeToTheRoot() throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-walk")
        try folder.write("restaurants/jipbap.json", "{}")
        try folder.write(".hidden", "")
        try folder.write("a/b/c.txt", "")
        for rule in [FolderWalk.FailureRule.skip, .giveUp] {
            let walked = paths(folder.path, rule)
            XCTAssertTrue(walked.complete)
            XCTAssertEqual(walked.paths, [".hidden", "a/b/c.txt", "restaurants/jipbap.json"], "\(rule)")
        }
    }

    func testWhatCannotBeReadIsSkippedOrEndsTheWalk() throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-walk")
        let outside = try TemporaryDirectory(prefix: "yeyak-walk-outside")
        try folder.write("kept.json", "{}")
        try outside.write("inner.json", "{}")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dangling", withDestinationPath: folder.path + "/nowhere")
        XCTAssertEqual(paths(folder.path, .skip).paths, ["kept.json"])
        XCTAssertFalse(paths(folder.path, .giveUp).complete, "a dangling link")

        try FileManager.default.removeItem(atPath: folder.path + "/dangling")
        XCTAssertTrue(paths(folder.path, .giveUp).complete)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/linked", withDestinationPath: outside.path)
        XCTAssertEqual(paths(folder.path, .skip).paths, ["kept.json"], "a linked folder is not followed")
        XCTAssertFalse(paths(folder.path, .giveUp).complete, "a linked folder")

        XCTAssertEqual(paths(folder.path + "/missing", .skip).paths, [])
        XCTAssertTrue(paths(folder.path + "/missing", .skip).complete)
        XCTAssertFalse(paths(folder.path + "/missing", .giveUp).complete)
    }

    func testFoldersDeeperThanTheLimitAreSkippedOrEndTheWalk() throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-walk")
        let deep = Array(repeating: "d", count: FolderWalk.maxDepth).joined(separator: "/")
        try folder.write("top.txt", "")
        try folder.write(deep + "/bottom.txt", "")
        XCTAssertEqual(paths(folder.path, .skip).paths, ["top.txt"])
        XCTAssertFalse(paths(folder.path, .giveUp).complete)
    }
}
