import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// What each strategy's five-minute job writes to the WAL, which streaming replication sends to
/// every read replica: a refresh or catch-up with nothing new, and after a five-minute batch.
/// With `full_page_writes = on`, as in production: each figure is measured once right after a
/// checkpoint (the first change of each page then writes the whole page, as it does every five
/// minutes with the default `checkpoint_timeout`) and once without one.
struct ReplicaWALResult: Codable {
  var calls = 0
  var refreshIdleAfterCheckpointBytes: [Double] = []
  var refreshIdleBytes: [Double] = []
  var refreshBatchAfterCheckpointBytes: [Double] = []
  var refreshBatchBytes: [Double] = []
  var catchUpIdleAfterCheckpointBytes: [Double] = []
  var catchUpIdleBytes: [Double] = []
  var catchUpBatchAfterCheckpointBytes: [Double] = []
  var catchUpBatchBytes: [Double] = []
  /// The WAL of writing the batch itself after a checkpoint, beside the job's (incremental:
  /// with the captures and the indexes the strategy adds).
  var batchWritesRefreshStrategyBytes: [Double] = []
  var batchWritesIncrementalBytes: [Double] = []
  /// Rows of the view a refresh with nothing new deleted and inserted again: the rows without
  /// a location, whose NULL key `REFRESH … CONCURRENTLY` never finds equal.
  var refreshIdleRowsRewritten: [Double] = []
}

enum ReplicaWALBench {
  static func measure(calls: Int, runs: Int) throws -> ReplicaWALResult {
    var result = ReplicaWALResult(calls: calls)
    for strategy in MetricsStrategy.allCases {
      log("== \(calls) calls, \(strategy) strategy: starting PostgreSQL")
      let (cluster, _) = try startCluster(
        loading: calls, settings: ["full_page_writes": "on", "autovacuum": "off"])
      defer { cluster.stop() }
      for file in try generate(MetricsScripts.all(strategy)) {
        try cluster.psql(file.text, options: ["-1"])
      }
      try cluster.psql(IncrementalBench.catchUp + "VACUUM ANALYZE;")
      let job = IncrementalBench.catchUp
      let vacuum = strategy == .incremental ? IncrementalBench.vacuumLogs : ""
      for run in 0..<runs {
        log("run \(run + 1) of \(runs)")
        try cluster.psql(vacuum)
        let idleAfterCheckpoint = try walBytes(cluster, job, checkpoint: true)
        let idle = try walBytes(cluster, job, checkpoint: false)
        if strategy == .refresh {
          result.refreshIdleRowsRewritten.append(try rowsRewritten(cluster, job))
        }
        let writes = try walBytes(
          cluster,
          IncrementalBench.facts(
            "wal-a\(run)", count: 10, at: "now() - i * interval '20 seconds'"),
          checkpoint: true)
        try cluster.psql(vacuum)
        let batchAfterCheckpoint = try walBytes(cluster, job, checkpoint: true)
        try cluster.psql(
          IncrementalBench.facts("wal-b\(run)", count: 10, at: "now() - i * interval '20 seconds'")
            + vacuum)
        let batch = try walBytes(cluster, job, checkpoint: false)
        switch strategy {
        case .refresh:
          result.refreshIdleAfterCheckpointBytes.append(idleAfterCheckpoint)
          result.refreshIdleBytes.append(idle)
          result.refreshBatchAfterCheckpointBytes.append(batchAfterCheckpoint)
          result.refreshBatchBytes.append(batch)
          result.batchWritesRefreshStrategyBytes.append(writes)
        case .incremental:
          result.catchUpIdleAfterCheckpointBytes.append(idleAfterCheckpoint)
          result.catchUpIdleBytes.append(idle)
          result.catchUpBatchAfterCheckpointBytes.append(batchAfterCheckpoint)
          result.catchUpBatchBytes.append(batch)
          result.batchWritesIncrementalBytes.append(writes)
        }
      }
    }
    return result
  }

  /// The rows of `mv_metrics_daily` that `sql` deleted (a concurrent refresh deletes, and
  /// inserts again, each row it does not find unchanged), counted in its own session.
  static func rowsRewritten(_ cluster: PostgresCluster, _ sql: String) throws -> Double {
    let deleted = """
      SELECT pg_stat_force_next_flush();
      SELECT 'deleted|' || n_tup_del FROM pg_stat_all_tables
      WHERE relid = 'public.mv_metrics_daily'::regclass;
      """
    let output = try cluster.psql(deleted + "\n" + sql + "\n" + deleted)
    let counts = output.split(separator: "\n").filter { $0.hasPrefix("deleted|") }.compactMap {
      Double($0.dropFirst(8))
    }
    guard counts.count == 2 else {
      throw PostgresCluster.Failure(description: "no row counts in: \(output)")
    }
    return counts[1] - counts[0]
  }

  /// The WAL `sql` writes, in bytes, in one session: after a `CHECKPOINT` when `checkpoint`.
  static func walBytes(_ cluster: PostgresCluster, _ sql: String, checkpoint: Bool) throws
    -> Double
  {
    let output = try cluster.psql(
      """
      \(checkpoint ? "CHECKPOINT;" : "")
      SELECT pg_current_wal_insert_lsn() AS before \\gset
      \(sql)
      SELECT 'wal|' || pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'before');
      """)
    guard
      let line = output.split(separator: "\n").last(where: { $0.hasPrefix("wal|") }),
      let bytes = Double(line.dropFirst(4))
    else { throw PostgresCluster.Failure(description: "no WAL figure in: \(output)") }
    return bytes
  }

  static func table(_ results: [ReplicaWALResult]) -> String {
    func kb(_ values: [Double]) -> String {
      let sorted = values.sorted()
      guard let low = sorted.first, let high = sorted.last else { return "-" }
      let median = Timing.median(values) / 1024
      return String(format: "%.1f (%.1f–%.1f)", median, low / 1024, high / 1024)
    }
    var lines = [
      "| calls | strategy | nothing new, after a checkpoint | nothing new | 10-call batch, after a checkpoint | 10-call batch | the batch's own writes, after a checkpoint |",
      "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results {
      lines.append(
        "| \(r.calls) | refresh | \(kb(r.refreshIdleAfterCheckpointBytes)) | \(kb(r.refreshIdleBytes)) | \(kb(r.refreshBatchAfterCheckpointBytes)) | \(kb(r.refreshBatchBytes)) | \(kb(r.batchWritesRefreshStrategyBytes)) |"
      )
      lines.append(
        "| \(r.calls) | incremental | \(kb(r.catchUpIdleAfterCheckpointBytes)) | \(kb(r.catchUpIdleBytes)) | \(kb(r.catchUpBatchAfterCheckpointBytes)) | \(kb(r.catchUpBatchBytes)) | \(kb(r.batchWritesIncrementalBytes)) |"
      )
    }
    let rewritten = results.map {
      "\($0.calls) calls: \(Int(Timing.median($0.refreshIdleRowsRewritten))) rows"
    }.joined(separator: ", ")
    return "WAL per five-minute job, KB: median (least–most)\n" + lines.joined(separator: "\n")
      + "\nRows a refresh with nothing new deletes and inserts again: \(rewritten)"
  }
}
