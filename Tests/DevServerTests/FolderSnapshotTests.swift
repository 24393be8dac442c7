import DevServer
import Foundation
import TestSupport
import XCTest

final class FolderSnapshotTests: XCTestCase {
    typealias Stamp = FolderSnapshot.Stamp

    func testChangesAreAddedRemovedAndModifiedFiles() {
        let older = FolderSnapshot(files: ["/c/a.json": Stamp(size: 10, modifiedSeconds: 1, modifiedNanoseconds: 0),
                                           "/c/b.json": Stamp(size: 10, modifiedSeconds: 1, modifiedNanoseconds: 0),
                                           "/c/gone.json": Stamp(size: 1, modifiedSeconds: 1, modifiedNanoseconds: 0)])
        let newer = FolderSnapshot(files: ["/c/a.json": Stamp(size: 10, modifiedSeconds: 1, modifiedNanoseconds: 0),
                                           "/c/b.json": Stamp(size: 10, modifiedSeconds: 1, modifiedNanoseconds: 5),
                                           "/c/new.json": Stamp(size: 3, modifiedSeconds: 2, modifiedNanoseconds: 0)])
        XCTAssertEqual(newer.changes(since: older), ["/c/b.json", "/c/gone.json", "/c/new.json"])
        XCTAssertEqual(newer.changes(since: newer), [])
    }

    func testTakeSeesNestedFilesAndASizeChange() throws {
        let folder = try TemporaryDirectory(prefix: "yeyak-snapshot")
        try folder.write("restaurants/jipbap.json", "{}")
        let before = FolderSnapshot.take(of: [folder.url])
        XCTAssertEqual(before.files.count, 1)
        try folder.write("restaurants/jipbap.json", "{ }")
        XCTAssertEqual(FolderSnapshot.take(of: [folder.url]).changes(since: before), [folder.path + "/restaurants/jipbap.json"])
        XCTAssertTrue(FolderSnapshot.take(of: [folder.url.appendingPathComponent("missing")]).files.isEmpty)
    }
}
