import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 for testing HTTP clients at the socket level: keeps
/// connections alive (one thread each), hands every request to `script`, and counts the
/// connections it accepted, so a test can see a client reuse one, time out, or meet a peer that
/// hangs up.
package final class ScriptedHTTPServer: Sendable {
    package struct Request: Sendable {
        package let method: String
        package let target: String
        /// Header names lower-cased.
        package let headers: [String: String]
        package let body: [UInt8]
    }

    package enum Reply: Sendable {
        /// Answers `status` with `body` after `delay` seconds and keeps the connection open.
        case answer(status: Int, body: String, delay: TimeInterval = 0)
        /// Closes the connection without a byte of answer.
        case hangUp
        /// Never answers (the connection stays open until the server stops).
        case silence
    }

    package let port: Int
    private let listener: Int32
    private let state = Mutex<(connections: Int, requests: [Request], open: [Int32], stopped: Bool)>((0, [], [], false))

    package init(script: @escaping @Sendable (Request) -> Reply) throws {
        let (listener, port) = try LoopbackListener.open()
        self.port = port
        self.listener = listener
        Thread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                let accepted = state.withLock { state -> Bool in
                    guard !state.stopped else { return false }
                    state.connections += 1
                    state.open.append(connection)
                    return true
                }
                guard accepted else { close(connection); return }
                Thread { [self] in serve(connection, script) }.start()
            }
        }.start()
    }

    /// Connections accepted so far.
    package var connections: Int { state.withLock { $0.connections } }
    /// Requests read so far, in order.
    package var requests: [Request] { state.withLock { $0.requests } }

    package func stop() {
        let open = state.withLock { state -> [Int32] in
            state.stopped = true
            return state.open
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        open.forEach { shutdown($0, Int32(SHUT_RDWR)) }
    }

    private func serve(_ connection: Int32, _ script: (Request) -> Reply) {
        defer {
            state.withLock { $0.open.removeAll { $0 == connection } }
            close(connection)
        }
        var buffer: [UInt8] = []
        while let request = Self.readRequest(connection, &buffer) {
            state.withLock { $0.requests.append(request) }
            switch script(request) {
            case .hangUp: return
            case .silence:
                var byte: UInt8 = 0
                while read(connection, &byte, 1) > 0 {}
                return
            case .answer(let status, let body, let delay):
                if delay > 0 { usleep(useconds_t(delay * 1_000_000)) }
                let bytes = Array(body.utf8)
                let head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n\r\n"
                let reply = Array(head.utf8) + bytes
                guard send(connection, reply, reply.count, Int32(MSG_NOSIGNAL)) == reply.count else { return }
            }
        }
    }

    /// One request (head and a Content-Length body) from `buffer` and the socket; nil once the
    /// peer closed.
    private static func readRequest(_ connection: Int32, _ buffer: inout [UInt8]) -> Request? {
        let end = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        func fill() -> Bool {
            let n = read(connection, &chunk, chunk.count)
            if n <= 0 { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        var headEnd: Int?
        while true {
            if buffer.count >= 4, let i = (0...(buffer.count - 4)).first(where: { buffer[$0..<$0 + 4].elementsEqual(end) }) {
                headEnd = i
                break
            }
            if !fill() { return nil }
        }
        let lines = String(decoding: buffer[0..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd! + 4
        while buffer.count < bodyStart + length { if !fill() { return nil } }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        buffer.removeFirst(bodyStart + length)
        return Request(method: parts.count > 0 ? String(parts[0]) : "", target: parts.count > 1 ? String(parts[1]) : "",
                       headers: headers, body: body)
    }
}
