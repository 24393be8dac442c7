import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lines for a person watching a long-running command. Flushed at once: when stdout is a pipe
/// (a test, `tee`), buffered text would only appear at exit.
enum Terminal {
    static func say(_ text: String) {
        print(text)
        fflush(nil)  // every output stream; naming `stdout` is not concurrency-safe in Swift 6
    }
}
