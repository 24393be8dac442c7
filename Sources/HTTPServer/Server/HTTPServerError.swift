/// Why the server could not start.
package enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    case addressInUse(host: String, port: Int)
    case cannotResolve(host: String, reason: String)
    case systemCall(String, errno: Int32)
    case alreadyStarted

    package var description: String {
        switch self {
        case .addressInUse(let host, let port):
            return "port \(port) on \(host) is already in use (is another yeyak running? pick another --port)"
        case .cannotResolve(let host, let reason):
            return "cannot listen on '\(host)': \(reason)"
        case .systemCall(let call, let errno):
            return "\(call) failed: \(String(cString: strerror(errno)))"
        case .alreadyStarted:
            return "the server was already started"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
