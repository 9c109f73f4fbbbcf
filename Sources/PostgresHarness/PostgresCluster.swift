import Foundation

/// A throwaway PostgreSQL 15 cluster with pg_cron, in a temporary folder, reached only through
/// a Unix socket. As root (CI) the server runs as the unprivileged `postgres` user, since
/// `initdb` and `postgres` refuse to run as root.
public final class PostgresCluster: @unchecked Sendable {
  /// Where the PostgreSQL 15 server programs live on Debian.
  public static let binDirectory = "/usr/lib/postgresql/15/bin"
  /// The database pg_cron runs jobs in; the tests use it.
  public static let databaseName = "metrics_test"
  /// The Debian packages the cluster needs.
  public static let requiredPackages =
    "postgresql-15 postgresql-15-cron postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl"

  /// The folder holding the data directory, the socket and the server log.
  public let root: URL
  /// The socket folder, for `psql -h`.
  public var socketDirectory: String { root.appendingPathComponent("socket").path }
  var dataDirectory: String { root.appendingPathComponent("data").path }
  var logFile: String { root.appendingPathComponent("server.log").path }
  private let runAsPostgres: Bool
  var running = false

  /// A setup step failed; the message says what to install or where to look.
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    public let description: String

    /// A failure described by `description`.
    public init(description: String) { self.description = description }
  }

  /// Checks the installation, then creates and starts a cluster with `settings` added.
  public convenience init(settings: [String: String] = [:]) throws {
    try Self.checkInstallation()
    try self.init(root: Self.makeRoot())
    try startGuardian()
    try run(
      Self.binDirectory + "/initdb",
      [
        "-D", dataDirectory, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8",
        "--no-sync",
      ])
    var all: [String: String] = [
      "listen_addresses": "''", "unix_socket_directories": "'\(socketDirectory)'",
      "shared_preload_libraries": "'pg_cron'", "cron.database_name": "'\(Self.databaseName)'",
      // Jobs are scheduled but their commands never run on their own: a job firing on the
      // five-minute mark would take the refresh's lock while a test or a benchmark refreshes.
      // pg_cron starts each job by connecting to `cron.host` (localhost), where the cluster does
      // not listen, so the start fails. (`cron.max_running_jobs = 0` does not stop a job, in a
      // background worker or a connection.) Tests run the jobs' commands themselves.
      "cron.use_background_workers": "off", "max_worker_processes": "16",
      "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
      "max_connections": "40",
    ]
    all.merge(settings) { $1 }
    try appendSettings(all)
    try start()
    try psql("CREATE DATABASE \(Self.databaseName);", database: "postgres")
  }

  /// A cluster in `root`, not yet created or started.
  init(root: URL) {
    self.root = root
    runAsPostgres = getuid() == 0
  }

  /// A new temporary folder with its socket folder, owned by `postgres` when we are root.
  static func makeRoot() throws -> URL {
    let template = FileManager.default.temporaryDirectory.appendingPathComponent(
      "metrics-pg-XXXXXX"
    ).path
    var buffer = Array(template.utf8CString)
    guard let made = mkdtemp(&buffer) else {
      throw Failure(description: "cannot create a temporary folder")
    }
    let root = URL(fileURLWithPath: String(cString: made))
    try FileManager.default.createDirectory(
      atPath: root.appendingPathComponent("socket").path, withIntermediateDirectories: true)
    if getuid() == 0 {
      let result = try Shell.run("/bin/chown", ["-R", "postgres:postgres", root.path])
      guard result.status == 0 else {
        throw Failure(description: "chown failed: \(result.error)")
      }
    }
    return root
  }

  /// Appends `settings` to `postgresql.conf`; a later line wins over an earlier one.
  func appendSettings(_ settings: [String: String]) throws {
    let conf = settings.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)\n" }.joined()
    let handle = try FileHandle(
      forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
    handle.seekToEndOfFile()
    handle.write(Data(conf.utf8))
    try handle.close()
  }

  /// Starts the server, waiting until it accepts connections (or, for a standby, until it
  /// accepts read-only ones).
  func start() throws {
    try run(
      Self.binDirectory + "/pg_ctl",
      ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "start"], detaching: true)
    running = true
  }

  /// Starts a shell, in the background and deaf to Ctrl-C, that stops the server and removes its
  /// folder within a second or two once `process` (this one) is gone or a zombie, however it
  /// ended: Ctrl-C, `kill`, a crash. It ends by itself once the folder is removed.
  package func startGuardian(watching process: pid_t = getpid()) throws {
    let stop =
      (runAsPostgres ? "/usr/sbin/runuser -u postgres -- " : "")
      + "\(Self.binDirectory)/pg_ctl -D \"$0/data\" -m immediate -w stop"
    let script = """
      ( trap '' INT TERM HUP
        while [ -d "$0" ] && kill -0 "$1" 2>/dev/null \\
          && ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"; do sleep 1; done
        if [ -d "$0" ]; then \(stop); rm -rf "$0"; fi ) &
      """
    let result = try Shell.runDetaching(
      "/bin/sh", ["-c", script, root.path, String(process)],
      logFile: root.appendingPathComponent("guardian.log").path)
    guard result.status == 0 else {
      throw Failure(description: "cannot start the cluster's guardian: \(result.output)")
    }
  }

  deinit { stop() }

  /// Stops the server and removes its folder.
  public func stop() {
    guard running else { return }
    running = false
    _ = try? run(
      Self.binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    try? FileManager.default.removeItem(at: root)
  }

  /// Stops the server without a shutdown checkpoint, as a crash would, and starts it again:
  /// crash recovery runs, and empties every unlogged table.
  public func crashAndRestart() throws {
    try run(Self.binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    try run(
      Self.binDirectory + "/pg_ctl",
      ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "start"], detaching: true)
  }

  /// Fails with the packages to install when the server, pg_cron or pgTAP is missing.
  public static func checkInstallation() throws {
    let needed = [
      binDirectory + "/postgres": "postgresql-15",
      "/usr/share/postgresql/15/extension/pg_cron.control": "postgresql-15-cron",
      "/usr/share/postgresql/15/extension/pgtap.control": "postgresql-15-pgtap",
      "/usr/bin/pg_prove": "libtap-parser-sourcehandler-pgtap-perl",
    ]
    let missing = needed.filter { !FileManager.default.fileExists(atPath: $0.key) }.map(\.value)
      .sorted()
    guard missing.isEmpty else {
      throw Failure(
        description:
          "PostgreSQL test server unavailable: missing \(missing.joined(separator: ", ")). Install with `apt-get install \(requiredPackages)`, or run `bash scripts/test.sh`, which installs them."
      )
    }
  }

  /// Runs SQL through `psql` (stopping at the first error) and returns its unaligned output.
  @discardableResult
  public func psql(
    _ sql: String, database: String = PostgresCluster.databaseName, user: String = "postgres",
    options: [String] = []
  ) throws -> String {
    let result = try Shell.run(
      psqlPath, psqlArguments(database: database, user: user) + options, input: sql)
    guard result.status == 0 else {
      throw Failure(
        description: "psql failed (\(result.status)): \(result.error)\(result.output.suffix(2000))")
    }
    return result.output
  }

  /// Runs SQL and returns psql's result whatever it is, for tests that expect errors.
  public func psqlResult(
    _ sql: String, database: String = PostgresCluster.databaseName, user: String = "postgres",
    options: [String] = []
  ) throws -> Shell.Result {
    try Shell.run(psqlPath, psqlArguments(database: database, user: user) + options, input: sql)
  }

  /// The path of the `psql` program.
  public var psqlPath: String { Self.binDirectory + "/psql" }

  /// The arguments that connect `psql` to this cluster, quietly, failing on the first error.
  public func psqlArguments(
    database: String = PostgresCluster.databaseName, user: String = "postgres"
  ) -> [String] {
    [
      "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-U", user, "-d",
      database,
    ]
  }

  /// Runs `executable`, as `postgres` when we are root and `as` is true.
  func run(
    _ executable: String, _ arguments: [String], as postgres: Bool = true, detaching: Bool = false
  ) throws {
    let (program, allArguments) =
      runAsPostgres && postgres
      ? ("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
      : (executable, arguments)
    let result =
      detaching
      ? try Shell.runDetaching(
        program, allArguments, logFile: root.appendingPathComponent("pg_ctl.log").path)
      : try Shell.run(program, allArguments)
    guard result.status == 0 else {
      let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
      throw Failure(
        description:
          "\(executable) failed (\(result.status)): \(result.error)\(result.output)\n\(log.suffix(3000))"
      )
    }
  }
}
