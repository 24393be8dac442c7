import CCurl
import Foundation
import Synchronization

/// The default transport: libcurl's multi interface driven by one thread of its own.
///
/// Why not URLSession: on Linux it wraps the same libcurl with a dispatch queue per task and
/// worker threads (which grew glibc arenas), cost 0.67 ms of service CPU per confirm and leaks
/// about 64 bytes a request (`CFURLSessionCurlHostIsEqual`). Here every call is one easy handle
/// added to one multi handle; its connection cache keeps keep-alive connections to Toss (at most
/// 64 per host, as the URLSession transport allowed), so a confirm normally costs no TCP or TLS
/// handshake. Each call has its connect and total timeout, answers are read up to `answerLimit`
/// bytes and a larger one ends the call with `answerTooLarge` (the outcome is then unknown),
/// only http and https are spoken, redirects are not followed, and TLS peers are verified
/// (libcurl's defaults, TLS 1.2 at least).
package final class CurlTossTransport: TossTransport, Sendable {
    private let loop: CurlLoop
    private let options: CurlCallOptions

    package init(connectTimeout: TimeInterval, totalTimeout: TimeInterval,
                 answerLimit: Int = URLSessionTossTransport.defaultAnswerLimit, connectionsPerHost: Int = 64) {
        options = CurlCallOptions(connectTimeoutMs: Self.milliseconds(connectTimeout),
                                  totalTimeoutMs: Self.milliseconds(totalTimeout), answerLimit: answerLimit)
        loop = CurlLoop(connectionsPerHost: connectionsPerHost)
    }

    deinit { loop.stop() }

    package func send(_ request: TossHTTPRequest) async throws -> TossHTTPReply {
        var headers = request.headers.map { $0.name + ": " + $0.value }
        // A POST body over 1 KiB would otherwise wait for `100 Continue`, a round trip for nothing.
        headers.append("Expect:")
        let call = CurlCall(method: request.method, url: request.url, headers: headers, body: request.body, options: options)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                call.outcome.install(continuation)
                loop.submit(call)
            }
        } onCancel: {
            call.outcome.finish(.failure(CancellationError()))
            loop.cancel(call)
        }
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int { max(1, Int((seconds * 1000).rounded())) }

    /// TCP connections opened so far (each reused connection is not counted again): for tests
    /// and the benchmark's connection figure.
    package var connectionsOpened: Int { loop.connectionsOpened }
}

struct CurlCallOptions: Sendable {
    let connectTimeoutMs: Int
    let totalTimeoutMs: Int
    let answerLimit: Int
}

/// One request in flight: what to send, the answer so far, and who waits for it. `received`
/// and `tooLarge` are touched by the loop thread only (inside libcurl's write callback).
final class CurlCall: @unchecked Sendable {
    let method: String
    let url: String
    let headers: [String]
    let body: [UInt8]?
    let options: CurlCallOptions
    let outcome = FirstResult<TossHTTPReply>()
    var received: [UInt8] = []
    var tooLarge = false

    init(method: String, url: String, headers: [String], body: [UInt8]?, options: CurlCallOptions) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.options = options
    }
}

/// The thread that owns the multi handle. Other threads only put calls into the inbox (or ask
/// for one to be dropped) and wake the thread with `curl_multi_wakeup`, the one multi function
/// libcurl allows from any thread.
final class CurlLoop: @unchecked Sendable {
    private struct Inbox {
        var new: [CurlCall] = []
        var cancelled: [CurlCall] = []
        var stopping = false
    }

    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let opened = Atomic<Int>(0)
    // The loop thread's own state.
    private var running: [UnsafeMutableRawPointer: (call: CurlCall, headers: UnsafeMutablePointer<curl_slist>?)] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []

    init(connectionsPerHost: Int) {
        precondition(Self.globalInit, "curl_global_init failed")
        multi = curl_multi_init()
        _ = yeyak_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, connectionsPerHost)
        _ = yeyak_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, connectionsPerHost)
        let thread = Thread { [self] in run() }
        thread.name = "yeyak-toss-curl"
        thread.start()
    }

    var connectionsOpened: Int { opened.load(ordering: .relaxed) }

    func submit(_ call: CurlCall) {
        inbox.withLock { $0.new.append(call) }
        curl_multi_wakeup(multi)
    }

    func cancel(_ call: CurlCall) {
        inbox.withLock { $0.cancelled.append(call) }
        curl_multi_wakeup(multi)
    }

    func stop() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    // MARK: - The loop thread

    private func run() {
        var stillRunning: Int32 = 0
        while true {
            let work = inbox.withLock { inbox -> Inbox in
                defer { inbox.new = []; inbox.cancelled = [] }
                return inbox
            }
            if work.stopping {
                work.new.forEach { $0.outcome.finish(.failure(CancellationError())) }
                break
            }
            for call in work.new { start(call) }
            for call in work.cancelled {
                if let handle = running.first(where: { $0.value.call === call })?.key { finish(handle, nil) }
            }
            curl_multi_perform(multi, &stillRunning)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                finish(handle, message.pointee.data.result)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for handle in Array(running.keys) { finish(handle, nil) }
        idleHandles.forEach { curl_easy_cleanup($0) }
        curl_multi_cleanup(multi)
    }

    private func start(_ call: CurlCall) {
        guard let handle = idleHandles.popLast() ?? curl_easy_init() else {
            call.outcome.finish(.failure(TossTransportError.connectionFailed("curl_easy_init failed")))
            return
        }
        var headers: UnsafeMutablePointer<curl_slist>?
        for line in call.headers { headers = curl_slist_append(headers, line) }
        let options = call.options
        _ = yeyak_curl_setopt_string(handle, CURLOPT_URL, call.url)
        _ = yeyak_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = yeyak_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = yeyak_curl_setopt_long(handle, CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        _ = yeyak_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMs)
        _ = yeyak_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.totalTimeoutMs)
        _ = yeyak_curl_setopt_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.answerLimit))
        _ = yeyak_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        _ = yeyak_curl_setopt_write(handle, curlWriteBody)
        _ = yeyak_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(call).toOpaque())
        switch call.method {
        case "GET": _ = yeyak_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "POST": _ = yeyak_curl_setopt_long(handle, CURLOPT_POST, 1)
        default: _ = yeyak_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, call.method)
        }
        if let body = call.body {
            _ = yeyak_curl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBufferPointer { _ = yeyak_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        } else if call.method == "POST" {
            _ = yeyak_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, 0)
        }
        running[handle] = (call, headers)
        curl_multi_add_handle(multi, handle)
    }

    /// Ends a call: `result` is libcurl's code, nil when the call was cancelled or the loop stops.
    private func finish(_ handle: UnsafeMutableRawPointer, _ result: CURLcode?) {
        guard let (call, headers) = running.removeValue(forKey: handle) else { return }
        curl_multi_remove_handle(multi, handle)
        var connects = 0
        _ = yeyak_curl_connects(handle, &connects)
        opened.add(connects, ordering: .relaxed)
        switch result {
        case CURLE_OK?:
            var status = 0
            _ = yeyak_curl_response_code(handle, &status)
            call.outcome.finish(.success(TossHTTPReply(status: status, body: Data(call.received))))
        case let code?:
            call.outcome.finish(.failure(Self.error(code, tooLarge: call.tooLarge, limit: call.options.answerLimit)))
        case nil:
            call.outcome.finish(.failure(CancellationError()))
        }
        curl_slist_free_all(headers)
        curl_easy_reset(handle)
        if idleHandles.count < 64 { idleHandles.append(handle) } else { curl_easy_cleanup(handle) }
    }

    static func error(_ code: CURLcode, tooLarge: Bool, limit: Int) -> TossTransportError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_FILESIZE_EXCEEDED: return .answerTooLarge(limit: limit)
        case CURLE_WRITE_ERROR where tooLarge: return .answerTooLarge(limit: limit)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE: return .connectionClosed
        default: return .connectionFailed("curl \(code.rawValue): " + String(cString: curl_easy_strerror(code)))
        }
    }
}

/// libcurl's write callback: appends the answer's bytes to the call, or stops the transfer (by
/// taking none) once they would pass the call's limit, whatever Content-Length said.
private let curlWriteBody: yeyak_curl_write_callback = { data, size, count, context in
    let call = Unmanaged<CurlCall>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard call.received.count + length <= call.options.answerLimit else {
        call.tooLarge = true
        return 0
    }
    if let data { call.received.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
    return length
}
