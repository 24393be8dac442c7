import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP server that misbehaves on purpose: for each connection it reads the request
/// (head plus Content-Length body) and then runs `script` on the socket, which may answer
/// slowly, hugely or never. Counts connections, so a test can tell a request never came.
package final class ScriptedTCPServer: @unchecked Sendable {
    package let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var connectionCount = 0
    private var bytesWritten = 0
    private var stopped = false

    /// `script(write)` runs per connection; `write` returns false once the peer has gone.
    package init(script: @escaping @Sendable (_ write: ([UInt8]) -> Bool) -> Void) throws {
        let (fd, port) = try LoopbackListener.open()
        self.port = port
        listener = fd
        let listener = fd
        Thread.detachNewThread { [weak self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                guard let self else { close(client); return }
                self.lock.lock(); self.connectionCount += 1; self.lock.unlock()
                Thread.detachNewThread {
                    Self.readRequest(client)
                    script { bytes in
                        let sent = bytes.withUnsafeBytes { send(client, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
                        guard sent > 0 else { return false }
                        self.lock.lock(); self.bytesWritten += sent; self.lock.unlock()
                        return sent == bytes.count
                    }
                    close(client)
                }
            }
        }
    }

    deinit { stop() }

    package func stop() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    package var connections: Int { lock.lock(); defer { lock.unlock() }; return connectionCount }
    package var written: Int { lock.lock(); defer { lock.unlock() }; return bytesWritten }

    /// Reads up to the end of the head and the declared body (or the peer's close).
    private static func readRequest(_ fd: Int32) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            data += buffer[..<count]
            let text = String(decoding: data, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<end.lowerBound].lowercased()
            let declared = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound) + declared <= data.count { return }
        }
    }
}
