#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator gives each busy thread its own arena (up to 8 per core), and URLSession's
/// worker threads come and go, so freed memory ends up spread over many arenas and the service's
/// RSS kept climbing in the confirm benchmark (61 MiB after 60,000 confirms with the default,
/// 57 MiB with two arenas; docs/benchmarks.md "Service memory"). Two arenas are plenty on the
/// small machines the service runs on. `mallopt` is not in Swift's Glibc module, so it is looked
/// up at run time; on other C libraries this does nothing.
enum AllocatorTuning {
    static func limitArenas(to count: Int32 = 2) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mArenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mArenaMax, count)
        #endif
    }
}
