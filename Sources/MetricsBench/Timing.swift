import Foundation
import MetricsSchema
import PostgresHarness

/// Server round trips timed by psql's `\\timing`, each in a fresh session like a pg_cron run.
enum Timing {
  /// Milliseconds `sql` took, as psql measured it: its last statement's.
  static func milliseconds(_ cluster: PostgresCluster, _ sql: String) throws -> Double {
    try eachMilliseconds(cluster, sql).last!
  }

  /// Milliseconds each statement of `sql` took, as psql measured them, in order.
  static func eachMilliseconds(_ cluster: PostgresCluster, _ sql: String) throws -> [Double] {
    try times(in: try cluster.psql("\\timing on\n" + sql, options: ["-t"]))
  }

  /// Milliseconds `sql`, a call of `refresh_metrics_daily()`, took. A call that returned at
  /// once measured nothing: its notice, which names what held the view, is logged, and the call
  /// is timed again, up to three times in all.
  static func refreshMilliseconds(_ cluster: PostgresCluster, _ sql: String) throws -> Double {
    for _ in 0..<3 {
      let result = try cluster.psqlResult("\\timing on\n" + sql, options: ["-t"])
      if try refreshed(result, else: "timing it again") {
        return try times(in: result.output).last!
      }
      Thread.sleep(forTimeInterval: 1)
    }
    throw PostgresCluster.Failure(description: "the refresh returned at once three times")
  }

  /// Whether psql's run of a refresh, `result`, refreshed: false, with its notice logged and
  /// `retrying` said, when it returned at once; a failure throws.
  static func refreshed(_ result: Shell.Result, else retrying: String) throws -> Bool {
    guard result.status == 0 else {
      throw PostgresCluster.Failure(description: "psql failed: \(result.error)")
    }
    guard result.error.contains(RefreshMachinery.returnsWithoutRefreshing) else { return true }
    log("the refresh returned at once, \(retrying): \(result.error)")
    return false
  }

  /// The times psql's `\\timing` printed in `output`, in order.
  static func times(in output: String) throws -> [Double] {
    let times = output.split(separator: "\n").compactMap { line -> Double? in
      guard line.hasPrefix("Time: ") else { return nil }
      return Double(line.dropFirst(6).split(separator: " ").first ?? "")
    }
    guard !times.isEmpty else {
      throw PostgresCluster.Failure(description: "no timing in: \(output)")
    }
    return times
  }

  /// The execution time `EXPLAIN ANALYZE` reports for `query`, in milliseconds.
  static func executionTime(_ cluster: PostgresCluster, _ query: String, after setup: String = "")
    throws -> Double
  {
    let plan = try cluster.psql(setup + "\nEXPLAIN (ANALYZE, TIMING OFF) " + query + ";")
    guard let value = executionTimes(in: plan).first else {
      throw PostgresCluster.Failure(description: "no execution time in: \(plan)")
    }
    return value
  }

  /// The `Execution Time:` of each plan in `output`, in order.
  static func executionTimes(in output: String) -> [Double] {
    output.split(separator: "\n").filter { $0.contains("Execution Time:") }.compactMap {
      $0.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
    }
  }

  /// The execution times `EXPLAIN ANALYZE` reports for `query` run `times + 1` times in one
  /// session after `setup`: the first run's (a new connection), and the median of the others
  /// (a pooled API connection, caches warm).
  static func firstAndWarmExecutionTimes(
    _ cluster: PostgresCluster, _ query: String, after setup: String = "", times: Int = 10
  ) throws -> (first: Double, warm: Double) {
    let runs = Array(repeating: "EXPLAIN (ANALYZE, TIMING OFF) " + query + ";", count: times + 1)
    let plan = try cluster.psql(setup + "\n" + runs.joined(separator: "\n"))
    let values = executionTimes(in: plan)
    guard values.count == times + 1, let first = values.first else {
      throw PostgresCluster.Failure(
        description: "expected \(times + 1) execution times in: \(plan)")
    }
    return (first, median(Array(values.dropFirst())))
  }

  /// The longest latency, in milliseconds, of a reader running `readQuery` over and over in a
  /// second session while `refresh` runs, measured by pgbench's per-transaction log.
  static func longestReadDuringRefresh(
    _ cluster: PostgresCluster, refresh: String, readQuery: String, expectedSeconds: Double
  ) throws -> Double {
    // A refresh that returned at once (its notice says so) overlapped nothing: measured again.
    for attempt in 1...3 {
      let bench = try Pgbench(cluster)
      defer { bench.remove() }
      let logPrefix = "log\(attempt)"
      let reader = try bench.start(
        script: try bench.script("read.sql", readQuery + ";\n"), clients: 1,
        seconds: Int(expectedSeconds.rounded(.up)) + 2, logPrefix: logPrefix)
      usleep(500_000)
      let start = Date().timeIntervalSince1970
      let result = try cluster.psqlResult(refresh)
      let end = Date().timeIntervalSince1970
      reader.waitUntilExit()
      guard try refreshed(result, else: "measuring the reads again") else { continue }
      return try bench.loggedTransactions(logPrefix: logPrefix).filter {
        $0.ended >= start && $0.ended - $0.latencyMs / 1000 <= end
      }.map(\.latencyMs).max() ?? 0
    }
    throw PostgresCluster.Failure(description: "the refresh returned at once three times")
  }

  /// The session's backend CPU time (µs) of each of `blocks`, run one after another after
  /// `warmUp`: its `/proc/self/schedstat` read through `pg_read_file` between them, which waiting
  /// for a CPU on a shared machine does not stretch.
  static func backendCPUMicroseconds(
    _ cluster: PostgresCluster, warmUp: String, blocks: [String]
  ) throws -> [Double] {
    let read = "SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1);"
    let output = try cluster.psql(
      ([warmUp, read] + blocks.flatMap { [$0, read] }).joined(separator: "\n"),
      options: ["-t", "-A"])
    let ns = output.split(separator: "\n").compactMap { Int64($0) }
    guard ns.count == blocks.count + 1 else {
      throw PostgresCluster.Failure(description: "no schedstat in: \(output)")
    }
    return (1..<ns.count).map { Double(ns[$0] - ns[$0 - 1]) / 1000 }
  }

  /// The middle value of `values` (the mean of the two middle ones for an even count).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
