import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// What the capture functions' exception block costs writers. The incremental strategy's
/// capture functions run their INSERT into a change log inside `BEGIN … EXCEPTION WHEN OTHERS
/// THEN … END`, a subtransaction per trigger call. The same writes are timed with the functions
/// as generated, with the block left out (``MetricsScripts/captureFunctions(guarded:)``), and
/// with the triggers on `calls` disabled, in one cluster, the three in a rotating order.
struct CaptureCostResult: Codable {
  var calls: Int
  var runs: Int
  var singleInsertsPerRun: Int
  var hundredInsertTransactionsPerRun: Int
  var concurrentClients: Int
  var concurrentSecondsPerRun: Int
  /// `/proc/loadavg` before and after: the machine is shared.
  var loadAverageBefore: String
  var loadAverageAfter: String
  /// `/proc/loadavg` at the start of each run.
  var loadAverageEachRun: [String] = []
  var variants: [CaptureVariant] = []
}

struct CaptureVariant: Codable {
  var name: String
  var description: String
  /// Per run: the median of the one-row INSERTs into `calls`, each its own transaction, as
  /// psql times them (round trip included).
  var insertOneMs: [Double] = []
  /// Per run: one 10,000-row INSERT … SELECT into `calls`.
  var insertBulkMs: [Double] = []
  /// Per run: the median of 5 DO blocks each making 100 one-row INSERTs into `calls` in one
  /// transaction (the statement's time as psql measures it; one round trip).
  var hundredInsertsInOneTransactionMs: [Double] = []
  /// Per run: the backend's CPU time per one-row INSERT in its own transaction (µs): its
  /// `/proc/self/schedstat` read through `pg_read_file` before and after 1,000 of them, after
  /// a warm-up. Unlike the wall times, not stretched by waiting for a CPU on a shared machine.
  var backendCPUPerOneRowInsertUs: [Double] = []
  /// Per run: the same per transaction of 100 one-row INSERTs (µs), around 10 of them.
  var backendCPUPerHundredInsertTransactionUs: [Double] = []
  /// Transaction IDs a one-row INSERT in its own transaction consumes, its subtransactions'
  /// included.
  var xidsPerOneRowInsert = 0
  /// Transaction IDs the transaction of 100 one-row INSERTs consumes: over 65 means more than
  /// 64 subtransaction IDs, which overflows the backend's subtransaction cache.
  var xidsPerHundredInsertTransaction = 0
  /// Per run: reading, through `calls`' primary key, 100,000 calls written (by one INSERT …
  /// SELECT) after another session began a transaction of 100 one-row INSERTs, while that
  /// transaction is still open: the median of 5 reads (ms). With more than 64 subtransaction
  /// IDs in it, every snapshot is marked overflowed, and each of those rows' visibility check
  /// looks its transaction up in pg_subtrans.
  var readRecentRowsWhileOpenMs: [Double] = []
  /// Per run: the same read once that transaction has ended.
  var readRecentRowsAfterMs: [Double] = []
  /// Per run: pgbench, `concurrentClients` clients each inserting one call per transaction,
  /// as fast as they can.
  var concurrentTPS: [Double] = []
  var concurrentLatencyMs: [Double] = []

  /// The medians over the runs, set by ``summarize()``.
  var medianInsertOneMs = 0.0
  var medianInsertBulkMs = 0.0
  var medianHundredInsertsMs = 0.0
  var medianConcurrentTPS = 0.0
  var medianConcurrentLatencyMs = 0.0
  var medianReadRecentRowsWhileOpenMs = 0.0
  var medianReadRecentRowsAfterMs = 0.0
  var medianBackendCPUPerOneRowInsertUs = 0.0
  var medianBackendCPUPerHundredInsertTransactionUs = 0.0

  init(name: String, description: String) {
    self.name = name
    self.description = description
  }

  mutating func summarize() {
    medianInsertOneMs = Timing.median(insertOneMs)
    medianInsertBulkMs = Timing.median(insertBulkMs)
    medianHundredInsertsMs = Timing.median(hundredInsertsInOneTransactionMs)
    medianConcurrentTPS = Timing.median(concurrentTPS)
    medianConcurrentLatencyMs = Timing.median(concurrentLatencyMs)
    medianReadRecentRowsWhileOpenMs = Timing.median(readRecentRowsWhileOpenMs)
    medianReadRecentRowsAfterMs = Timing.median(readRecentRowsAfterMs)
    medianBackendCPUPerOneRowInsertUs = Timing.median(backendCPUPerOneRowInsertUs)
    medianBackendCPUPerHundredInsertTransactionUs = Timing.median(
      backendCPUPerHundredInsertTransactionUs)
  }
}

enum CaptureCostBench {
  static let singleInserts = 200
  static let hundredInsertTransactions = 5
  static let clients = 8
  static let concurrentSeconds = 5

  enum Variant: CaseIterable {
    case guarded, unguarded, noTriggers

    var name: String {
      switch self {
      case .guarded: "exception block (as generated)"
      case .unguarded: "no exception block"
      case .noTriggers: "no capture triggers"
      }
    }

    var description: String {
      switch self {
      case .guarded:
        "The capture functions as refresh_metrics.sql creates them: each runs its INSERT into the change log in BEGIN … EXCEPTION WHEN OTHERS THEN <rebuild request> END."
      case .unguarded:
        "The same functions rendered without the exception block (the INSERT into the change log alone), replaced with CREATE OR REPLACE FUNCTION."
      case .noTriggers:
        "The functions as generated, with the user triggers on calls disabled: what the writes cost without the incremental strategy."
      }
    }

    var tag: String {
      switch self {
      case .guarded: "g"
      case .unguarded: "u"
      case .noTriggers: "n"
      }
    }
  }

  static func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The capture functions rendered as `CREATE OR REPLACE FUNCTION` statements.
  static func functions(guarded: Bool) throws -> [String] {
    try MetricsScripts.captureFunctions(guarded: guarded).map { try render($0) }
  }

  static func measure(calls: Int, runs: Int) throws -> CaptureCostResult {
    log("== \(calls) calls, capture cost: starting PostgreSQL")
    let (cluster, _) = try startCluster(loading: calls)
    defer { cluster.stop() }
    log("applying the incremental strategy's generated SQL")
    let files = try generate(MetricsScripts.all(.incremental))
    for file in files { try cluster.psql(file.text, options: ["-1"]) }
    try cluster.psql("VACUUM ANALYZE;")

    // The guarded functions are exactly what refresh_metrics.sql creates; the unguarded ones
    // differ only by the block.
    let guarded = try functions(guarded: true)
    let unguarded = try functions(guarded: false)
    let refreshFile = files.first { $0.path == "refresh_metrics.sql" }?.text ?? ""
    guard guarded.count == unguarded.count, guarded.allSatisfy({ refreshFile.contains($0) }),
      guarded.allSatisfy({ $0.contains("EXCEPTION WHEN OTHERS") }),
      !unguarded.contains(where: { $0.contains("EXCEPTION") })
    else {
      throw PostgresCluster.Failure(
        description:
          "the rendered capture functions are not refresh_metrics.sql's, with and without the block"
      )
    }

    var result = CaptureCostResult(
      calls: calls, runs: runs, singleInsertsPerRun: singleInserts,
      hundredInsertTransactionsPerRun: hundredInsertTransactions, concurrentClients: clients,
      concurrentSecondsPerRun: concurrentSeconds, loadAverageBefore: loadAverage(),
      loadAverageAfter: "")
    var variants = Variant.allCases.map {
      CaptureVariant(name: $0.name, description: $0.description)
    }

    func install(_ variant: Variant) throws {
      switch variant {
      case .guarded: try cluster.psql(guarded.joined(separator: "\n"), options: ["-1"])
      case .unguarded: try cluster.psql(unguarded.joined(separator: "\n"), options: ["-1"])
      case .noTriggers: try cluster.psql("ALTER TABLE calls DISABLE TRIGGER USER;")
      }
    }
    /// Back to the functions as generated, the written rows gone (logged as deletes where the
    /// inserts were), caught up and vacuumed.
    func restore(_ variant: Variant, _ prefix: String) throws {
      try cluster.psql("DELETE FROM calls WHERE id LIKE '\(prefix)%';")
      if variant == .noTriggers { try cluster.psql("ALTER TABLE calls ENABLE TRIGGER USER;") }
      if variant == .unguarded {
        try cluster.psql(guarded.joined(separator: "\n"), options: ["-1"])
      }
      try cluster.psql(IncrementalBench.catchUp + IncrementalBench.vacuumLogs + "VACUUM calls;")
    }
    func call(_ id: String) -> String {
      "INSERT INTO calls VALUES (\(id), md5('location1')::uuid, 'completed', 'general', now());"
    }
    func hundredInOneTransaction(_ prefix: String) -> String {
      """
      DO $$
      BEGIN
        FOR i IN 1..100 LOOP
          \(call("'\(prefix)' || i"))
        END LOOP;
      END;
      $$;
      """
    }
    func xids(_ sql: String) throws -> Int {
      let output = try cluster.psql(
        "SELECT txid_current();\n" + sql + "\nSELECT txid_current();", options: ["-t"])
      let ids = output.split(separator: "\n").compactMap {
        Int($0.trimmingCharacters(in: .whitespaces))
      }
      guard ids.count == 2 else {
        throw PostgresCluster.Failure(description: "no transaction IDs in: \(output)")
      }
      return ids[1] - ids[0] - 1
    }

    /// The session's backend CPU time (µs) per statement of `measured`, after `warmUp`.
    func backendCPUMicroseconds(warmUp: String, measured: [String]) throws -> Double {
      try Timing.backendCPUMicroseconds(
        cluster, warmUp: warmUp, blocks: [measured.joined(separator: "\n")]
      )[0] / Double(measured.count)
    }

    for run in 0..<runs {
      log("run \(run + 1) of \(runs)")
      result.loadAverageEachRun.append(loadAverage())
      // Rotate which goes first, so drift on the shared machine falls on each alike.
      let order = (0..<Variant.allCases.count).map {
        Variant.allCases[($0 + run) % Variant.allCases.count]
      }
      for variant in order {
        let index = Variant.allCases.firstIndex(of: variant)!
        let prefix = "cap-\(variant.tag)\(run)-"
        try install(variant)
        variants[index].insertBulkMs.append(
          try Timing.milliseconds(
            cluster,
            """
            INSERT INTO calls SELECT '\(prefix)bulk-' || i, md5('location' || (1 + i % 100))::uuid,
              'completed', 'general', now() - i * interval '1 second' FROM generate_series(1, 10000) i;
            """))
        variants[index].insertOneMs.append(
          Timing.median(
            try Timing.eachMilliseconds(
              cluster,
              (1...singleInserts).map { call("'\(prefix)one-\($0)'") }.joined(separator: "\n"))))
        variants[index].hundredInsertsInOneTransactionMs.append(
          Timing.median(
            try Timing.eachMilliseconds(
              cluster,
              (1...hundredInsertTransactions).map {
                hundredInOneTransaction(prefix + "hundred\($0)-")
              }.joined(separator: "\n"))))
        variants[index].backendCPUPerOneRowInsertUs.append(
          try backendCPUMicroseconds(
            warmUp: call("'\(prefix)cpu-warm'"),
            measured: (1...1000).map { call("'\(prefix)cpu-one-\($0)'") }))
        variants[index].backendCPUPerHundredInsertTransactionUs.append(
          try backendCPUMicroseconds(
            warmUp: hundredInOneTransaction(prefix + "cpu-warm-"),
            measured: (1...10).map { hundredInOneTransaction(prefix + "cpu-hundred\($0)-") }))
        if run == 0 {
          variants[index].xidsPerOneRowInsert = try xids(call("'\(prefix)xid-one'"))
          variants[index].xidsPerHundredInsertTransaction = try xids(
            hundredInOneTransaction(prefix + "xid-hundred-"))
        }
        let reads = try readsBesideOpenSubtransactions(
          cluster, prefix: prefix + "recent-", open: hundredInOneTransaction(prefix + "open-"))
        variants[index].readRecentRowsWhileOpenMs.append(reads.whileOpen)
        variants[index].readRecentRowsAfterMs.append(reads.after)
        let (tps, latency) = try concurrentWriters(cluster, prefix: prefix + "pgbench-")
        variants[index].concurrentTPS.append(tps)
        variants[index].concurrentLatencyMs.append(latency)
        try restore(variant, prefix)
      }
    }
    for i in variants.indices { variants[i].summarize() }
    result.variants = variants
    result.loadAverageAfter = loadAverage()
    return result
  }

  /// A second session runs `open` in a transaction it keeps open; then 100,000 calls whose
  /// ids start with `prefix` are written and read through the primary key, 5 times while that
  /// transaction is open and 5 times after it ended: the median of each.
  static func readsBesideOpenSubtransactions(
    _ cluster: PostgresCluster, prefix: String, open: String
  ) throws -> (whileOpen: Double, after: Double) {
    let name = "bench-open-transaction"
    let holder = try PsqlSession(cluster)
    holder.send("SET application_name = '\(name)';\nBEGIN;\n\(open)\nSELECT pg_sleep(600);")
    let deadline = Date().addingTimeInterval(30)
    while try cluster.psql(
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(name)' AND wait_event = 'PgSleep';",
      options: ["-t"]
    ).trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
      guard Date() < deadline else {
        throw PostgresCluster.Failure(
          description: "the open transaction never got to its sleep: \(holder.close())")
      }
      usleep(20_000)
    }
    try cluster.psql(
      """
      INSERT INTO calls SELECT '\(prefix)' || i, md5('location' || (1 + i % 100))::uuid,
        'completed', 'general', now() - i * interval '1 second' FROM generate_series(1, 100000) i;
      """)
    let read = (1...5).map { _ in
      "SELECT count(*) FROM calls WHERE id >= '\(prefix)' AND id < '\(prefix)~';"
    }.joined(separator: "\n")
    let whileOpen = Timing.median(try Timing.eachMilliseconds(cluster, read))
    try cluster.psql(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)';")
    holder.close()
    let after = Timing.median(try Timing.eachMilliseconds(cluster, read))
    return (whileOpen, after)
  }

  /// pgbench: `clients` clients inserting one call each per transaction, unthrottled, for
  /// `concurrentSeconds`; its transactions per second and average latency (ms).
  static func concurrentWriters(_ cluster: PostgresCluster, prefix: String) throws -> (
    Double, Double
  ) {
    let bench = try Pgbench(cluster)
    defer { bench.remove() }
    let script = try bench.script(
      "insert.sql",
      """
      \\set l random(1, 100)
      INSERT INTO calls VALUES ('\(prefix)' || gen_random_uuid()::text, md5('location' || :l)::uuid, 'completed', 'general', now());

      """)
    let report = try bench.run(script: script, clients: clients, seconds: concurrentSeconds)
    return (report.transactionsPerSecond, report.latencyAverageMs)
  }

  static func table(_ results: [CaptureCostResult]) -> String {
    func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    var lines = [
      "| calls | capture functions | backend CPU: one-row INSERT / 100-INSERT transaction (median µs) | one-row INSERT (median ms) | 10,000-row INSERT (median ms) | 100 one-row INSERTs in one transaction (median ms) | XIDs: one-row INSERT / 100-INSERT transaction | \(clients) concurrent writers: tps / latency (median ms) | reading 100,000 newer rows while a 100-INSERT transaction is open / after (median ms) |",
      "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results {
      for v in r.variants {
        lines.append(
          "| \(r.calls) | \(v.name) | \(f(v.medianBackendCPUPerOneRowInsertUs, 1)) / \(f(v.medianBackendCPUPerHundredInsertTransactionUs, 0)) | \(f(v.medianInsertOneMs, 3)) | \(f(v.medianInsertBulkMs, 1)) | \(f(v.medianHundredInsertsMs, 2)) | \(v.xidsPerOneRowInsert) / \(v.xidsPerHundredInsertTransaction) | \(f(v.medianConcurrentTPS, 0)) / \(f(v.medianConcurrentLatencyMs, 3)) | \(f(v.medianReadRecentRowsWhileOpenMs, 1)) / \(f(v.medianReadRecentRowsAfterMs, 1)) |"
        )
      }
    }
    return lines.joined(separator: "\n")
  }
}
