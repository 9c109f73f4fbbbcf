import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// How long the dashboard's reads take while maintenance runs: `get_metrics_for_range` for one
/// location and 30 days, as a signed-in user in a transaction of its own (as PostgREST calls
/// it), over and over, alone and beside refreshes, catch-ups and writers.
struct ReadersUnderLoadResult: Codable {
  var calls: Int
  var secondsEach: Int
  var situations: [ReadSituation] = []
}

struct ReadSituation: Codable {
  var strategy: String
  var load: String
  var reads: Int
  var medianMs: Double
  var p99Ms: Double
  var longestMs: Double
  /// How many reads took over 50 ms.
  var readsOver50Ms: Int = 0
  /// Transactions per second of the first other load's sessions (refreshes, catch-ups), if any.
  var maintenanceTPS: Double?
  /// Transactions per second of the writers, if any.
  var writerTPS: Double?
  var loadAverage: String
}

enum ReadersUnderLoadBench {
  static let seconds = 30

  static let read = """
    BEGIN;
    \(ReadAPICalls.signIn("one-location-user", local: true))
    \(ReadAPICalls.query(location: ReadAPICalls.firstLocation));
    COMMIT;

    """

  /// A background load: `clients` sessions running `script`.
  struct Load {
    var name: String
    var script: String
    var clients: Int
    var isWriters = false
  }

  static func measure(calls: Int) throws -> ReadersUnderLoadResult {
    var result = ReadersUnderLoadResult(calls: calls, secondsEach: seconds)
    for strategy in MetricsStrategy.allCases {
      log("== \(calls) calls, readers under load, \(strategy) strategy: starting PostgreSQL")
      let (cluster, _) = try startCluster(loading: calls)
      defer { cluster.stop() }
      for file in try generate(MetricsScripts.all(strategy)) {
        try cluster.psql(file.text, options: ["-1"])
      }
      try cluster.psql(
        "SELECT public.refresh_metrics_daily();\nVACUUM ANALYZE;\n" + ReadAPICalls.grantAccess)
      let bench = try Pgbench(cluster)
      defer { bench.remove() }
      let reader = try bench.script("read.sql", read)
      let refresh = try bench.script("refresh.sql", "SELECT public.refresh_metrics_daily();\n")
      let writers = Load(
        name: "8 writers (mixed)",
        script: try bench.script("mixed.sql", WriterLoadBench.mixed(calls: calls)), clients: 8,
        isWriters: true)
      let situations: [[Load]]
      switch strategy {
      case .refresh:
        let direct = try bench.script(
          "refresh-direct.sql", "REFRESH MATERIALIZED VIEW CONCURRENTLY public.mv_metrics_daily;\n")
        // The loop of the function's callers without the function: three sessions returning at
        // once, one keeping the cores busy. Reads slowed here are slowed by the CPU, not by
        // maintenance.
        let returningAtOnce = try bench.script(
          "return-at-once.sql", "SELECT pg_try_advisory_xact_lock(0);\n")
        let scanning = try bench.script("scan.sql", "SELECT count(*) FROM public.calls;\n")
        situations = [
          [],
          [
            Load(
              name: "4 sessions calling refresh_metrics_daily() back to back", script: refresh,
              clients: 4)
          ],
          [
            Load(
              name: "4 sessions running REFRESH MATERIALIZED VIEW CONCURRENTLY back to back",
              script: direct, clients: 4)
          ],
          [
            Load(
              name: "3 sessions returning at once back to back (no maintenance)",
              script: returningAtOnce, clients: 3),
            Load(name: "1 counting calls back to back", script: scanning, clients: 1),
          ],
        ]
      case .incremental:
        try cluster.psql(WriterLoadBench.Durability.durable.settings)
        let everySecond = try bench.script(
          "catch-up.sql", "SELECT public.refresh_metrics_daily();\n\\sleep 1 s\n")
        situations = [
          [],
          [writers],
          [writers, Load(name: "a catch-up every second", script: everySecond, clients: 1)],
          [
            writers,
            Load(
              name: "4 sessions calling refresh_metrics_daily() back to back", script: refresh,
              clients: 4),
          ],
        ]
      }
      for loads in situations {
        log("\(strategy): \(loads.isEmpty ? "alone" : loads.map(\.name).joined(separator: " + "))")
        result.situations.append(
          try readWhile(loads, strategy: strategy, bench: bench, reader: reader))
        try cluster.psql("SELECT public.refresh_metrics_daily();\nVACUUM;")
      }
    }
    return result
  }

  /// Runs `loads` for ``seconds`` with the reader beside them, starting a second after them.
  static func readWhile(_ loads: [Load], strategy: MetricsStrategy, bench: Pgbench, reader: String)
    throws -> ReadSituation
  {
    let average = CaptureCostBench.loadAverage()
    let background = try loads.enumerated().map { i, load in
      (
        load,
        try bench.start(
          script: load.script, clients: load.clients, seconds: seconds + 2, output: "load\(i).out")
      )
    }
    sleep(1)
    let prefix = "read-\(UUID().uuidString.prefix(8))"
    let reading = try bench.start(script: reader, clients: 1, seconds: seconds, logPrefix: prefix)
    reading.waitUntilExit()
    var maintenanceTPS: Double?
    var writerTPS: Double?
    for (i, (load, process)) in background.enumerated() {
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw PostgresCluster.Failure(
          description: "pgbench running \(load.name) failed (\(process.terminationStatus))")
      }
      let tps = bench.reportedTPS(output: "load\(i).out")
      if load.isWriters { writerTPS = tps } else { maintenanceTPS = maintenanceTPS ?? tps }
    }
    let latencies = try bench.latencies(logPrefix: prefix)
    guard reading.terminationStatus == 0, !latencies.isEmpty else {
      throw PostgresCluster.Failure(description: "the reader failed or logged no transactions")
    }
    return ReadSituation(
      strategy: "\(strategy)",
      load: loads.isEmpty ? "none" : loads.map(\.name).joined(separator: " + "),
      reads: latencies.count, medianMs: Timing.median(latencies),
      p99Ms: Timing.percentile(latencies, 0.99), longestMs: latencies.max() ?? .nan,
      readsOver50Ms: latencies.filter { $0 > 50 }.count,
      maintenanceTPS: maintenanceTPS, writerTPS: writerTPS, loadAverage: average)
  }

  static func table(_ results: [ReadersUnderLoadResult]) -> String {
    func f(_ value: Double?, _ digits: Int = 1) -> String {
      value.map { String(format: "%.\(digits)f", $0) } ?? ""
    }
    var lines = [
      "| calls | strategy | beside the reads | reads | median / p99 / longest read (ms) | reads over 50 ms | maintenance tps | writer tps |",
      "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results {
      for s in r.situations {
        lines.append(
          "| \(r.calls) | \(s.strategy) | \(s.load) | \(s.reads) | \(f(s.medianMs, 2)) / \(f(s.p99Ms)) / \(f(s.longestMs)) | \(s.readsOver50Ms) | \(f(s.maintenanceTPS)) | \(f(s.writerTPS, 0)) |"
        )
      }
    }
    return lines.joined(separator: "\n")
  }
}
