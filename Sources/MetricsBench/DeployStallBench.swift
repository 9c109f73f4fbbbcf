import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// What writers feel while the incremental strategy is deployed: pgbench runs writer clients
/// inserting calls (and some orders and reservations) at a fixed rate while a deploy runs, and
/// every writer transaction's latency is logged.
struct DeployStallResult: Codable {
  var calls: Int
  var loadSeconds: Double
  var writerClients: Int
  /// Writer transactions per second, all clients together.
  var writerRate: Int
  var lockTimeoutSeconds: Double
  var scenarios: [DeployScenario] = []
}

struct DeployScenario: Codable {
  var name: String
  var description: String
  var steps: [DeployStep] = []
  var writers: WriterStats
}

struct DeployStep: Codable {
  var name: String
  /// Seconds since the writers started.
  var startedAt: Double
  var seconds: Double
  var succeeded: Bool
  var error: String?
  /// The longest part of one writer transaction's wait that fell within this step (its wait
  /// counted as the whole run's: from its scheduled start to its end).
  var writersLongestWaitWithinMs: Double?
  /// Writer transactions whose wait within this step was over 5 s.
  var writersOverFiveSecondsWithin: Int?
  /// The step's last statement, as psql timed it (ms): refresh_metrics.sql's is the catch-up.
  var lastStatementMs: Double?
}

/// pgbench's per-transaction log, summed up. A transaction's latency counts from when the
/// rate schedule wanted it to start (what a caller waits), its execution from when it started.
struct WriterStats: Codable {
  var transactions = 0
  var medianMs = 0.0
  var p99Ms = 0.0
  var longestMs = 0.0
  var longestExecutionMs = 0.0
  var overOneSecond = 0
  var overFiveSeconds = 0
  var executionsOverOneSecond = 0
  /// Seconds since the writers started at which the longest transaction ended.
  var longestEndedAt = 0.0
  var abortedClients = 0
  var pgbenchStatus: Int32 = 0
}

/// pgbench writers, started at once and stopped on demand (SIGALRM ends a `-T` run as its
/// timer would, and pgbench writes out its logs).
final class WriterLoad {
  static let clients = 8
  static let rate = 200

  static let script = """
    \\set l random(1, 100)
    \\set kind random(1, 10)
    BEGIN;
    INSERT INTO calls VALUES (gen_random_uuid()::text, md5('location' || :l)::uuid, 'completed', 'general', now());
    \\if :kind <= 3
    INSERT INTO orders VALUES (gen_random_uuid(), md5('account' || (1 + :l % 20))::uuid, md5('location' || :l)::uuid, 24.5, now());
    \\elif :kind = 4
    INSERT INTO reservations VALUES (gen_random_uuid(), md5('location' || :l)::uuid, 4, NULL, now());
    \\endif
    COMMIT;

    """

  let process = Process()
  let folder: URL
  let started = Date()

  init(_ cluster: PostgresCluster) throws {
    folder = cluster.root.appendingPathComponent("writers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = folder.appendingPathComponent("writers.sql")
    try Data(Self.script.utf8).write(to: script)
    let output = folder.appendingPathComponent("pgbench.out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    process.executableURL = URL(fileURLWithPath: PostgresCluster.binDirectory + "/pgbench")
    process.currentDirectoryURL = folder
    process.arguments = [
      "-n", "-c", String(Self.clients), "-j", "1", "-R", String(Self.rate), "-T", "7200",
      "-f", script.path, "-l", "--log-prefix", folder.appendingPathComponent("log").path,
      "-h", cluster.socketDirectory, "-U", "postgres", PostgresCluster.databaseName,
    ]
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
  }

  /// Seconds since the writers started.
  var elapsed: Double { Date().timeIntervalSince(started) }

  /// Each writer transaction's wait, from its scheduled start to its end, in seconds since the
  /// writers started; read by `stop()`.
  private(set) var waits: [(start: Double, end: Double)] = []

  /// Stops the writers and reads their logs.
  func stop() throws -> WriterStats {
    kill(process.processIdentifier, SIGALRM)
    process.waitUntilExit()
    let summary =
      (try? String(contentsOf: folder.appendingPathComponent("pgbench.out"), encoding: .utf8))
      ?? ""
    var stats = WriterStats()
    stats.pgbenchStatus = process.terminationStatus
    stats.abortedClients = summary.split(separator: "\n").filter { $0.contains("aborted") }.count
    let startEpoch = started.timeIntervalSince1970
    var latencies: [Double] = []
    let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("log.")
    }
    for name in logs {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      for line in text.split(separator: "\n") {
        // client transaction latency_us script epoch_s epoch_us schedule_lag_us
        let f = line.split(separator: " ")
        guard f.count >= 7, let latency = Double(f[2]), let s = Double(f[4]),
          let us = Double(f[5]), let lag = Double(f[6])
        else { continue }
        let ms = latency / 1000
        let executionMs = (latency - lag) / 1000
        latencies.append(ms)
        let end = s + us / 1_000_000 - startEpoch
        waits.append((start: end - latency / 1_000_000, end: end))
        if ms > 1000 { stats.overOneSecond += 1 }
        if ms > 5000 { stats.overFiveSeconds += 1 }
        if executionMs > 1000 { stats.executionsOverOneSecond += 1 }
        stats.longestExecutionMs = max(stats.longestExecutionMs, executionMs)
        if ms > stats.longestMs {
          stats.longestMs = ms
          stats.longestEndedAt = s + us / 1_000_000 - startEpoch
        }
      }
    }
    latencies.sort()
    stats.transactions = latencies.count
    if !latencies.isEmpty {
      stats.medianMs = Timing.median(latencies)
      stats.p99Ms = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
    }
    if stats.pgbenchStatus != 0 || stats.abortedClients > 0 {
      log("pgbench: \(summary.suffix(1500))")
    }
    try? FileManager.default.removeItem(at: folder)
    return stats
  }
}

enum DeployStallBench {
  static let lockTimeout = "SET LOCAL lock_timeout = '5s';"

  /// A transaction on `calls` held open for 15 seconds, as a long import or a slow request
  /// would, started before the deploy.
  static func holdWriter(_ cluster: PostgresCluster, _ tag: String) throws -> PsqlSession {
    let session = try PsqlSession(cluster)
    session.send(
      """
      SET application_name = 'bench-long-writer';
      BEGIN;
      INSERT INTO calls VALUES ('long-writer-\(tag)', md5('location1')::uuid, 'completed', 'general', now());
      SELECT pg_sleep(15);
      COMMIT;
      """)
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      let held = try cluster.psql(
        """
        SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE a.application_name = 'bench-long-writer'
                          AND l.relation = 'public.calls'::regclass AND l.granted);
        """)
      if held.trimmingCharacters(in: .whitespacesAndNewlines) == "t" { return session }
      usleep(20_000)
    }
    throw PostgresCluster.Failure(description: "the long writer never took its lock")
  }

  /// Runs `steps` (name, SQL, in one transaction or not) while the writers write, with
  /// `settle` seconds of writing before and after; a failed step ends the deploy.
  static func scenario(
    _ name: String, _ description: String, _ cluster: PostgresCluster,
    holdingAWriter: Bool = false, steps: [(String, String, Bool)]
  ) throws -> DeployScenario {
    log("deploy-stall: \(name)")
    let writers = try WriterLoad(cluster)
    sleep(3)
    let holder = holdingAWriter ? try holdWriter(cluster, name) : nil
    if holder != nil { sleep(1) }
    var done: [DeployStep] = []
    for (stepName, sql, oneTransaction) in steps {
      let startedAt = writers.elapsed
      let result = try cluster.psqlResult(
        "\\timing on\n" + sql, options: oneTransaction ? ["--single-transaction"] : [])
      let error = result.error.split(separator: "\n").first { $0.contains("ERROR") }
      let lastTime = result.output.split(separator: "\n").last { $0.hasPrefix("Time: ") }
      done.append(
        DeployStep(
          name: stepName, startedAt: startedAt, seconds: writers.elapsed - startedAt,
          succeeded: result.status == 0, error: error.map(String.init),
          lastStatementMs: result.status == 0
            ? lastTime.flatMap { Double($0.dropFirst(6).split(separator: " ").first ?? "") }
            : nil))
      if result.status != 0 { break }
    }
    holder?.close()
    sleep(3)
    let stats = try writers.stop()
    for i in done.indices {
      let from = done[i].startedAt
      let to = from + done[i].seconds
      let within = writers.waits.map { min($0.end, to) - max($0.start, from) }.filter { $0 > 0 }
      done[i].writersLongestWaitWithinMs = (within.max() ?? 0) * 1000
      done[i].writersOverFiveSecondsWithin = within.filter { $0 > 5 }.count
    }
    log(
      "  steps: "
        + done.map {
          "\($0.name) \(String(format: "%.2f", $0.seconds)) s\($0.succeeded ? "" : " FAILED")"
            + " (writers waited up to \(String(format: "%.0f", $0.writersLongestWaitWithinMs ?? 0)) ms)"
        }
        .joined(separator: ", ")
        + String(
          format: "; writers: %d transactions, longest %.0f ms, %d over 1 s", stats.transactions,
          stats.longestMs, stats.overOneSecond))
    return DeployScenario(name: name, description: description, steps: done, writers: stats)
  }

  static func measure(calls: Int) throws -> DeployStallResult {
    log("== \(calls) calls, deploy stall: starting PostgreSQL")
    let (cluster, loadSeconds) = try startCluster(loading: calls)
    defer { cluster.stop() }
    // The refresh strategy, as the committed state has it.
    let stateFile = root.appendingPathComponent("supabase/migrations-state.json")
    let committed = try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: stateFile))
    log("installing the refresh strategy")
    for file in try generate(MetricsScripts.all(.refresh)) {
      try cluster.psql(file.text, options: ["-1"])
    }
    try cluster.psql("VACUUM ANALYZE;")

    // The migration `swift run GenSQL --name switch_to_incremental` writes, and back.
    let forth = try MigrationPlan(from: committed, to: MetricsScripts.all(.incremental))
    var incrementalState = SchemaState()
    incrementalState.objects = forth.objects
    let back = try MigrationPlan(from: incrementalState, to: MetricsScripts.all(.refresh))
    guard let switchSQL = forth.sql, let backSQL = back.sql else {
      throw PostgresCluster.Failure(description: "no migration between the strategies")
    }
    let catchUp = "SELECT public.refresh_metrics_daily();"
    // The base tables' indexes, built beforehand as docs/deploy.md shows.
    let concurrentIndexes = switchSQL.split(separator: "\n")
      .filter { $0.hasPrefix("CREATE INDEX IF NOT EXISTS ") && $0.contains(" ON public.") }
      .map {
        $0.replacingOccurrences(
          of: "CREATE INDEX IF NOT EXISTS ", with: "CREATE INDEX CONCURRENTLY IF NOT EXISTS ")
      }
    let refreshFile = try generate(MetricsScripts.all(.incremental))[1].text
    let refreshFileWithoutTimeout = refreshFile.split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .filter { $0 != lockTimeout }.joined(separator: "\n")
    guard refreshFile.contains(lockTimeout), refreshFileWithoutTimeout != refreshFile else {
      throw PostgresCluster.Failure(description: "refresh_metrics.sql sets no lock_timeout")
    }
    func revert() throws {
      log("back to the refresh strategy")
      try cluster.psql(backSQL, options: ["-1"])
      try cluster.psql("VACUUM ANALYZE;")
    }

    var result = DeployStallResult(
      calls: calls, loadSeconds: loadSeconds, writerClients: WriterLoad.clients,
      writerRate: WriterLoad.rate, lockTimeoutSeconds: 5)
    result.scenarios.append(
      try scenario(
        "switch",
        "The switch migration (indexes on the base tables, triggers, functions) in one transaction, then the first catch-up, which builds the totals.",
        cluster,
        steps: [("switch migration", switchSQL, true), ("first catch-up", catchUp, false)]))
    try revert()
    result.scenarios.append(
      try scenario(
        "switch, indexes built concurrently first",
        "The base tables' indexes built with CREATE INDEX CONCURRENTLY IF NOT EXISTS outside a transaction, then the switch migration and the first catch-up.",
        cluster,
        steps: concurrentIndexes.enumerated().map { ("index \($0.offset + 1)", $0.element, false) }
          + [("switch migration", switchSQL, true), ("first catch-up", catchUp, false)]))
    result.scenarios.append(
      try scenario(
        "refresh_metrics.sql again",
        "The incremental strategy's generated refresh_metrics.sql applied again (triggers replaced, catch-up).",
        cluster, steps: [("refresh_metrics.sql", refreshFile, true)]))
    result.scenarios.append(
      try scenario(
        "refresh_metrics.sql again behind a 15-second writer, without lock_timeout",
        "As before, with a write transaction on calls held open for 15 s from a second before the deploy, and the file's SET LOCAL lock_timeout removed.",
        cluster, holdingAWriter: true,
        steps: [("refresh_metrics.sql without lock_timeout", refreshFileWithoutTimeout, true)]))
    result.scenarios.append(
      try scenario(
        "refresh_metrics.sql again behind a 15-second writer",
        "The generated file as it is, behind the same 15-second write transaction: it gives up at its lock timeout.",
        cluster, holdingAWriter: true, steps: [("refresh_metrics.sql", refreshFile, true)]))
    try revert()
    result.scenarios.append(
      try scenario(
        "switch behind a 15-second writer",
        "The switch migration behind a write transaction on calls held open for 15 s: it gives up at its lock timeout.",
        cluster, holdingAWriter: true,
        steps: [("switch migration", switchSQL, true), ("first catch-up", catchUp, false)]))
    return result
  }

  /// The incremental strategy's generated files (schema.sql, refresh_metrics.sql,
  /// read_api.sql, each in one transaction, as docs/deploy.md applies them) on a database
  /// with data and no metrics objects yet, then the same files applied again, while the
  /// writers write. refresh_metrics.sql ends with the first catch-up, which builds the totals
  /// while the file's transaction holds the locks its CREATE TRIGGERs took.
  static func measureFiles(calls: Int) throws -> DeployStallResult {
    log("== \(calls) calls, deploying the generated files: starting PostgreSQL")
    let (cluster, loadSeconds) = try startCluster(loading: calls)
    defer { cluster.stop() }
    let files = try generate(MetricsScripts.all(.incremental)).filter {
      ["schema.sql", "refresh_metrics.sql", "read_api.sql"].contains($0.path)
    }
    guard files.map(\.path) == ["schema.sql", "refresh_metrics.sql", "read_api.sql"] else {
      throw PostgresCluster.Failure(description: "unexpected generated files: \(files.map(\.path))")
    }
    let steps = files.map { ($0.path, $0.text, true) }
    var result = DeployStallResult(
      calls: calls, loadSeconds: loadSeconds, writerClients: WriterLoad.clients,
      writerRate: WriterLoad.rate, lockTimeoutSeconds: 5)
    result.scenarios.append(
      try scenario(
        "generated files, first deploy",
        "schema.sql, refresh_metrics.sql and read_api.sql, each with psql --single-transaction, on a database with data and no metrics objects: schema.sql builds the base tables' indexes, refresh_metrics.sql creates the triggers and ends with the first catch-up, which builds the totals.",
        cluster, steps: steps))
    try cluster.psql("VACUUM ANALYZE;")
    result.scenarios.append(
      try scenario(
        "generated files again",
        "The same three files applied again on the running incremental strategy: the indexes exist; schema.sql asks for a rebuild, which refresh_metrics.sql's catch-up does.",
        cluster, steps: steps))
    return result
  }

  static func table(_ results: [DeployStallResult]) -> String {
    var lines = [
      "| calls | deploy | steps (s) [longest writer wait within, ms] | writer transactions | longest writer wait (ms) | over 1 s | over 5 s |",
      "|---:|---|---|---:|---:|---:|---:|",
    ]
    for r in results {
      for s in r.scenarios {
        let steps = s.steps.map {
          "\($0.name) \(String(format: "%.2f", $0.seconds))\($0.succeeded ? "" : " (failed: lock timeout)")"
            + " [\(String(format: "%.0f", $0.writersLongestWaitWithinMs ?? 0))]"
        }.joined(separator: ", ")
        lines.append(
          "| \(r.calls) | \(s.name) | \(steps) | \(s.writers.transactions) | \(String(format: "%.0f", s.writers.longestMs)) | \(s.writers.overOneSecond) | \(s.writers.overFiveSeconds) |"
        )
      }
    }
    return lines.joined(separator: "\n")
  }
}
