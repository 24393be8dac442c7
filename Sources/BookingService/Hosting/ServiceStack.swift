import BookingStore
import CivilTime
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TossClient
import YeyakContent

/// The service with everything it stands on, minus the socket: the store (SQLite, or PostgreSQL
/// shared by several instances), the content,
/// the Toss client and the reconciler loop. `yeyak serve` puts it behind an `HTTPServer`;
/// `yeyak dev` puts it behind the dev router next to the static pages.
package final class ServiceStack: Sendable {
    package struct Options: Sendable {
        package var contentDirectory: URL
        /// A SQLite file path, or a `postgres://` URL (several instances on one database).
        package var databasePath: String
        package var toss: TossClientConfiguration
        package var configuration: ServiceConfiguration
        /// Makes the result pages for a loaded site (links follow its base URL); called at start
        /// and on every reload, so an edited template is picked up with the content.
        package var resultPages: @Sendable (Site) throws -> any ResultPages
        package var reconcileInterval: TimeInterval = 5
        /// The store's settings; the hold limits are `HoldLimits.standard` unless changed.
        package var storeOptions = SQLiteBookingStore.Options(holdLimits: .standard)
        /// Connections this instance keeps to a PostgreSQL database (`--db-connections`).
        package var postgresConnections = 24
        /// Replace the site file's `baseURL` and `serviceURL` for this run: `yeyak dev` serves
        /// pages and service on its own port, and the result pages' links and the same-origin
        /// check must use that origin.
        package var baseURL: URL?
        package var serviceURL: URL?
        /// The wall clock; the service reads it through a `NonDecreasingClock`, so a step back
        /// never makes a lapsed hold live again within a run (docs/service.md, "Clocks").
        package var clock: any WallClock = SystemClock()
        /// False for `yeyak serve`: `/metrics` is not on the public port (see `--metrics-listen`).
        package var metricsOnServicePort = true
        /// Booking notifications (invariant 12): where, signed how, retried how long. Without
        /// them events are still written to the outbox and wait there (`yeyak notifications`).
        package var notifications: NotificationSettings?
        /// The texts' templates, re-read with the content like the result pages.
        package var notificationMessages: (@Sendable () throws -> any NotificationMessages)?
        package var webhookTransport: any WebhookTransport = CurlWebhookTransport()
        /// How the booking window's timer waits for the next Seoul midnight or slot start by
        /// `clock` (issue 19); nil turns the timer off (the window then moves only on reload).
        package var windowSleeper: WallClockSleeper? = WallClockSleeper()

        package init(contentDirectory: URL, databasePath: String, toss: TossClientConfiguration,
                    configuration: ServiceConfiguration = ServiceConfiguration(),
                    resultPages: @escaping @Sendable (Site) throws -> any ResultPages) {
            self.contentDirectory = contentDirectory
            self.databasePath = databasePath
            self.toss = toss
            self.configuration = configuration
            self.resultPages = resultPages
        }
    }

    package let service: BookingService
    package let store: any ServiceBookingStore
    private let options: Options
    /// Held until the stack is released: one live service per SQLite database (none for
    /// PostgreSQL, which several instances share on purpose).
    private let lock: DatabaseLock?
    private let log: @Sendable (String) -> Void
    private let reconcilerTask: Task<Void, Never>
    private let notificationTask: Task<Void, Never>?
    private let messages: CurrentMessages
    private let windowTask: Task<Void, Never>?
    private let loads: SerialLoads

    /// Takes the database's lock (`DatabaseLock.Held` if another service has it, before any
    /// write), opens (and migrates) the database, loads and syncs the content, settles what a previous
    /// run left unsettled, and starts the periodic reconciler.
    package static func open(_ options: Options, log: @escaping @Sendable (String) -> Void) async throws -> ServiceStack {
        let content = try loadContent(options, now: options.clock.now)
        let resultPages = try options.resultPages(content.site)
        let shared = PostgresBookingStore.isURL(options.databasePath)
        var lock: DatabaseLock?
        if !shared {
            try createPrivately(databasePath: options.databasePath)
            // Before the database is opened (opening migrates, loading syncs): a second service on
            // the same database, e.g. started by mistake with a stale content folder, changes nothing.
            lock = try DatabaseLock(databasePath: options.databasePath)
        }
        let store = try BookingStores.open(options.databasePath, sqlite: options.storeOptions, connections: options.postgresConnections)
        let toss = TossClient(configuration: options.toss, log: log)
        let service = BookingService(content: content, store: store, toss: toss, resultPages: resultPages,
                                     configuration: options.configuration, clock: NonDecreasingClock(options.clock, onFollowedBack: { seconds in
                                         log("the wall clock was set back by \(Int(seconds)) s, more than an hour: following it (the store's record keeps lapsed holds lapsed)")
                                     }), log: log,
                                     metricsOnServicePort: options.metricsOnServicePort)
        let messages: (any NotificationMessages)?
        let syncedAt = service.bookings.clock.now
        let report: InventoryReport
        do {
            messages = try options.notificationMessages?()
            report = try await service.load(content, contentVersion: ContentVersion.of(options.contentDirectory))
        } catch {
            store.close()  // a failed start (a locked database, refused content) leaves nothing open
            throw error
        }
        log("inventory: \(report.added.count) slots added, \(report.changed.count) changed, \(report.removed.count) removed")
        return ServiceStack(service: service, store: store, lock: lock, messages: messages, options: options,
                            syncedAt: syncedAt, log: log)
    }

    /// The bookings hold names and phone numbers: a folder the service creates is 0700, and a
    /// database it creates is 0600 before SQLite opens it (SQLite gives the -wal and -shm files
    /// the database's mode), whatever the umask outside systemd. Existing files are left as they are.
    static func createPrivately(databasePath: String) throws {
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let fd = Glibc.open(databasePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { Glibc.close(fd) }
    }

    private init(service: BookingService, store: any ServiceBookingStore, lock: DatabaseLock?, messages: (any NotificationMessages)?,
                 options: Options, syncedAt: Date, log: @escaping @Sendable (String) -> Void) {
        self.lock = lock
        self.service = service
        self.store = store
        self.options = options
        self.log = log
        self.messages = CurrentMessages(messages)
        let loads = SerialLoads()
        self.loads = loads
        if let settings = options.notifications, let first = messages {
            let bookings = service.bookings
            let current = self.messages
            let worker = NotificationWorker(
                outbox: store, transport: options.webhookTransport, settings: settings, clock: bookings.clock,
                content: { bookings.content }, messages: { current.value ?? first }, log: log)
            notificationTask = Task.detached { await worker.run() }
        } else {
            notificationTask = nil
        }
        let reconciler = service.bookings.reconciler
        let interval = options.reconcileInterval
        // What a previous run left unsettled is settled in the background, so a restart while
        // Toss is slow does not keep the port closed (found by Benchmarks/chaos: 80-106 s).
        // On a shared database a CONFIRMING booking may be another instance's confirm in flight,
        // not a crash's leftover: the first pass then waits out `staleConfirmAfter` like the rest.
        let forceFirstPass = !store.isShared
        reconcilerTask = Task.detached {
            let first = await reconciler.runOnce(force: forceFirstPass)
            if first.examined > 0 {
                log("reconciler: \(first.examined) unsettled bookings from before, \(first.settled) settled")
            }
            await reconciler.run(every: interval)
        }
        if let sleeper = options.windowSleeper {
            let bookings = service.bookings
            windowTask = Task.detached {
                await BookingWindowTimer.run(
                    since: syncedAt, clock: bookings.clock, sleeper: sleeper, content: { bookings.content },
                    reexpand: { now in
                        try await loads.run {
                            try await service.load(bookings.content.expanded(at: now),
                                                   contentVersion: ContentVersion.of(options.contentDirectory))
                        }
                    }, log: log)
            }
        } else {
            windowTask = nil
        }
    }

    /// Re-reads `content/` and the result pages' templates (SIGHUP, a dev rebuild). Invalid
    /// content or a template that does not parse is refused, and the old content and pages stay.
    @discardableResult
    package func reloadContent() async throws -> InventoryReport {
        let (options, service, current) = (options, service, messages)
        let report = try await loads.run {
            // "The next N days" count from the service's clock, as the timer's re-expansion does.
            let content = try Self.loadContent(options, now: service.bookings.clock.now)
            let resultPages = try options.resultPages(content.site)
            let messages = try options.notificationMessages?()
            let report = try await service.load(
                content, contentVersion: ContentVersion.of(options.contentDirectory), resultPages: resultPages)
            if let messages { current.value = messages }
            return report
        }
        log("reloaded content: \(report.added.count) slots added, \(report.changed.count) changed, \(report.removed.count) removed")
        return report
    }

    private static func loadContent(_ options: Options, now: Date) throws -> SiteContent {
        var content = try ContentLoader.load(from: options.contentDirectory, now: now)
        if let baseURL = options.baseURL { content.site.baseURL = baseURL }
        if let serviceURL = options.serviceURL { content.site.serviceURL = serviceURL }
        return content
    }

    /// Stops the reconciler and the window's timer, and closes the database after queued writes
    /// are committed.
    package func close() async {
        reconcilerTask.cancel()
        notificationTask?.cancel()
        windowTask?.cancel()
        _ = await windowTask?.value
        _ = await reconcilerTask.value
        _ = await notificationTask?.value
        store.close()
    }
}

/// The notification templates now loaded, replaced on reload.
private final class CurrentMessages: Sendable {
    private let stored: Mutex<(any NotificationMessages)?>
    init(_ messages: (any NotificationMessages)?) { stored = Mutex(messages) }
    var value: (any NotificationMessages)? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
