import Foundation

/// Copies a folder (`site-templates/assets`, `content/images`) into `output/`, file by file,
/// through the incremental writer so unchanged files stay untouched.
enum AssetCopier {
    static func copy(from folder: URL, to destination: String, writer: IncrementalWriter) throws {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles])
        else { return }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let file as URL in enumerator {
            let path = file.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix), (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let bytes = OutputFile.contents(path)
            else { continue }
            try writer.write(destination + "/" + String(path.dropFirst(prefix.count)), bytes)
        }
    }
}
