#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A response as read off the wire by `RawHTTPClient`, with no interpretation beyond framing.
package struct RawHTTPResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client on 127.0.0.1 that sends exact bytes (malformed ones included) and reads
/// responses back, for testing HTTP servers without any HTTP library in between.
package final class RawHTTPClient {
    package enum ClientError: Error, CustomStringConvertible {
        case connect(Int32), send(Int32), timedOut, malformedResponse(String)
        package var description: String {
            switch self {
            case .connect(let code): return "connect failed: errno \(code)"
            case .send(let code): return "send failed: errno \(code)"
            case .timedOut: return "timed out waiting for the server"
            case .malformedResponse(let text): return "malformed response: \(text)"
            }
        }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closedByPeer = false

    /// Connects to `host:port`; reads give up after `timeout` seconds of silence. `from` binds
    /// the client's own address first (127.0.0.2-4 act as distinct clients on loopback).
    /// `beforeConnect` runs once the client's socket exists (a test may use up descriptors there).
    package init(host: String = "127.0.0.1", port: Int, timeout: TimeInterval = 5, from source: String? = nil,
                 beforeConnect: () -> Void = {}) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError.connect(errno) }
        beforeConnect()
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, source, &local.sin_addr)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let code = errno
                close(fd)
                throw ClientError.connect(code)
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw ClientError.connect(code)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int32((timeout - Double(Int(timeout))) * 1_000_000).asSuseconds)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    // MARK: - Sending

    package func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw ClientError.send(errno) }
            offset += written
        }
    }

    package func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends each byte in its own write (TCP_NODELAY is on, so each is its own segment).
    package func sendByteAtATime(_ bytes: [UInt8]) throws {
        for byte in bytes { try send([byte]) }
    }

    /// Closes our sending side; the server sees end of stream but can still answer.
    package func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    // MARK: - Receiving

    /// Reads one full response (`Content-Length` framed, or until close). `bodyExpected: false`
    /// for answers to HEAD. Returns nil when the server closed without sending anything.
    package func readResponse(bodyExpected: Bool = true) throws -> RawHTTPResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            if let found = firstRange(of: separator) { headEnd = found; break }
            guard try fill() else { break }
        }
        guard let headEnd else {
            if buffer.isEmpty { return nil }
            throw ClientError.malformedResponse(String(decoding: buffer, as: UTF8.self))
        }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw ClientError.malformedResponse(head)
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), line[colon...].dropFirst().trimmingCharacters(in: .whitespaces))
        }
        var response = RawHTTPResponse(status: status, headers: headers, body: [])
        let noBody = !bodyExpected || status == 204 || status == 304 || (100..<200).contains(status)
        if noBody { return response }
        if let lengthText = response.header("Content-Length"), let length = Int(lengthText) {
            while buffer.count < length { guard try fill() else { throw ClientError.malformedResponse("short body") } }
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        } else {
            while try fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// Everything until the server closes the connection.
    package func readUntilClose() throws -> [UInt8] {
        while try fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// True when the server has closed the connection (end of stream or reset) within the
    /// receive timeout; bytes that arrive first are kept for `readResponse`.
    package func waitForClose() -> Bool {
        do {
            while try fill() {}
            return true
        } catch ClientError.timedOut {
            return false
        } catch {
            return true
        }
    }

    /// Reads more bytes into the buffer; false at end of stream (or a reset, treated alike).
    private func fill() throws -> Bool {
        if closedByPeer { return false }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[..<count]
                return true
            }
            if count == 0 { closedByPeer = true; return false }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw ClientError.timedOut }
            closedByPeer = true
            return false
        }
    }

    private func firstRange(of separator: [UInt8]) -> Int? {
        guard buffer.count >= separator.count else { return nil }
        for index in 0...(buffer.count - separator.count) where buffer[index] == separator[0] {
            if Array(buffer[index..<(index + separator.count)]) == separator { return index }
        }
        return nil
    }

    // MARK: - One-shot

    /// Connects, sends `request`, reads one response.
    package static func exchange(port: Int, _ request: String, timeout: TimeInterval = 5) throws -> RawHTTPResponse? {
        let client = try RawHTTPClient(port: port, timeout: timeout)
        try client.send(request)
        return try client.readResponse()
    }
}

extension Int32 {
    fileprivate var asSuseconds: Int { Int(self) }
}
