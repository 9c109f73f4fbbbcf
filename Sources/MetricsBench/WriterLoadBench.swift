import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// What capturing changes costs concurrent writers: 8 pgbench clients with the incremental
/// strategy's capture triggers, without them, and without them while a logical replication
/// slot (wal2json) is read every 2 seconds instead, alternating short runs; with durable
/// commits (as Supabase runs) and without; and where a trigger call's time goes.
struct WriterLoadResult: Codable {
  var calls: Int
  var clients: Int
  var secondsPerRun: Int
  var runs: Int
  var loadAverageEachRun: [String] = []
  var cases: [WriterLoadCase] = []
  /// Backend CPU time per one-row INSERT into `calls` (µs) inside one transaction of 5,000,
  /// with the capture function on `calls` taken apart step by step: the median of 3 blocks
  /// per run, then the median over runs.
  var statementCPU: [String: [Double]] = [:]
  var statementCPUMedians: [String: Double] = [:]
  /// `pg_stat_activity`'s wait events of the writers, sampled every 10 ms for the length of one
  /// run of each variant (durable commits, the mixed workload): samples per event.
  var waitEvents: [String: [String: Int]] = [:]
  /// Per logical decoding run: the WAL the run wrote and how much of it the slot's reader had
  /// confirmed when the writers stopped (bytes), and how many times it read the slot.
  var decodingWALBytes: [Int] = []
  var decodedWALBytes: [Int] = []
  var decodingReads: [Int] = []
}

struct WriterLoadCase: Codable {
  var durability: String
  var workload: String
  /// Transactions per second of each run, per variant.
  var tps: [String: [Double]] = [:]
  var medianTPS: [String: Double] = [:]
  /// How many fewer transactions per second than without capture (%), medians compared.
  var fewerThanWithoutCapturePercent: [String: Double] = [:]
}

enum WriterLoadBench {
  static let clients = 8
  static let seconds = 10
  static let slot = "metrics_bench"
  static let captured = ["calls", "orders", "reservations", "locations", "accounts"]

  enum Variant: String, CaseIterable {
    case noCapture = "no capture"
    case triggers = "capture triggers (as generated)"
    case logicalDecoding = "logical decoding (wal2json slot read every 2 s, no triggers)"
  }

  enum Durability: String, CaseIterable {
    case durable = "durable commits (fsync, synchronous_commit, full_page_writes on)"
    case none = "no durability (fsync, synchronous_commit, full_page_writes off)"

    var settings: String {
      let value = self == .durable ? "on" : "off"
      return ["fsync", "synchronous_commit", "full_page_writes"].map {
        "ALTER SYSTEM SET \($0) = \(value);"
      }.joined(separator: "\n") + "\nSELECT pg_reload_conf();"
    }
  }

  /// One call per transaction, as fast as the clients go.
  static let inserts = """
    \\set l random(1, 100)
    INSERT INTO calls VALUES ('wl-' || gen_random_uuid(), md5('location' || :l)::uuid, 'completed', 'general', now());

    """

  /// The issue's mix: mostly calls; a third with an order and a tenth with a reservation in the
  /// same transaction; some updates and deletes of existing calls.
  static func mixed(calls: Int) -> String {
    """
    \\set l random(1, 100)
    \\set r random(1, 100)
    \\set c random(1, \(calls))
    \\if :r <= 30
    BEGIN;
    INSERT INTO calls VALUES ('wl-' || gen_random_uuid(), md5('location' || :l)::uuid, 'completed', 'order', now());
    INSERT INTO orders VALUES (gen_random_uuid(), md5('account' || (1 + :l % 20))::uuid, md5('location' || :l)::uuid, 24.5, now());
    COMMIT;
    \\elif :r <= 40
    BEGIN;
    INSERT INTO calls VALUES ('wl-' || gen_random_uuid(), md5('location' || :l)::uuid, 'completed', 'reservation', now());
    INSERT INTO reservations VALUES (gen_random_uuid(), md5('location' || :l)::uuid, 4, NULL, now());
    COMMIT;
    \\elif :r <= 45
    UPDATE calls SET status = CASE status WHEN 'completed' THEN 'missed' ELSE 'completed' END WHERE id = 'call-' || :c;
    \\elif :r <= 47
    DELETE FROM calls WHERE id = 'call-' || :c;
    \\else
    INSERT INTO calls VALUES ('wl-' || gen_random_uuid(), md5('location' || :l)::uuid, 'completed', 'general', now());
    \\endif

    """
  }

  /// Reads the slot's changes to the captured tables, as a catch-up would.
  static let readSlot = """
    SELECT count(*) FROM pg_logical_slot_get_changes('\(slot)', NULL, NULL, 'format-version', '2',
      'add-tables', '\(captured.map { "public." + $0 }.joined(separator: ","))');
    \\sleep 2 s

    """

  static func captureTriggers(_ action: String) -> String {
    """
    DO $$
    DECLARE t record;
    BEGIN
      FOR t IN SELECT tgrelid::regclass AS rel, tgname FROM pg_trigger
               WHERE tgname LIKE 'metrics_capture_%' AND NOT tgisinternal LOOP
        EXECUTE format('ALTER TABLE %s \(action) TRIGGER %I', t.rel, t.tgname);
      END LOOP;
    END $$;
    """
  }

  static func replicaIdentity(_ identity: String) -> String {
    captured.map { "ALTER TABLE public.\($0) REPLICA IDENTITY \(identity);" }.joined(
      separator: "\n")
  }

  static func measure(calls: Int, runs: Int) throws -> WriterLoadResult {
    log("== \(calls) calls, writer load: starting PostgreSQL")
    guard FileManager.default.fileExists(atPath: "/usr/lib/postgresql/15/lib/wal2json.so") else {
      throw PostgresCluster.Failure(
        description: "--writer-load needs wal2json: apt-get install postgresql-15-wal2json")
    }
    let (cluster, _) = try startCluster(
      loading: calls, settings: ["wal_level": "logical", "max_replication_slots": "4"])
    defer { cluster.stop() }
    log("applying the incremental strategy's generated SQL")
    for file in try generate(MetricsScripts.all(.incremental)) {
      try cluster.psql(file.text, options: ["-1"])
    }
    try cluster.psql(IncrementalBench.catchUp + "VACUUM ANALYZE;")
    let bench = try Pgbench(cluster)
    defer { bench.remove() }
    let scripts = [
      ("one call per transaction", try bench.script("inserts.sql", inserts)),
      (
        "mixed: calls with orders or reservations, updates and deletes",
        try bench.script("mixed.sql", mixed(calls: calls))
      ),
    ]
    let reader = try bench.script("read-slot.sql", readSlot)
    var result = WriterLoadResult(
      calls: calls, clients: clients, secondsPerRun: seconds, runs: runs)

    let start = try cluster.psql("SELECT now();", options: ["-t", "-A"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    /// The same after every run, whatever the variant: the rows it wrote removed unlogged, the
    /// totals rebuilt, the tables vacuumed and a checkpoint, so every run starts alike.
    func afterRun() throws {
      try cluster.psql(
        captureTriggers("DISABLE")
          + """
          DELETE FROM calls WHERE id >= 'wl-' AND id < 'wl.';
          DELETE FROM orders WHERE created_at >= '\(start)';
          DELETE FROM reservations WHERE created_at >= '\(start)';
          """ + captureTriggers("ENABLE")
          + "SELECT public.rebuild_metrics_daily();\n" + IncrementalBench.vacuumLogs
          + "VACUUM calls, orders, reservations;\nCHECKPOINT;")
    }
    func run(_ variant: Variant, _ script: String, sampleWaits: Bool = false) throws -> Double {
      switch variant {
      case .noCapture: try cluster.psql(captureTriggers("DISABLE"))
      case .triggers: break
      case .logicalDecoding:
        try cluster.psql(
          captureTriggers("DISABLE") + replicaIdentity("FULL")
            + "\nSELECT pg_create_logical_replication_slot('\(slot)', 'wal2json');")
      }
      func lsn() throws -> String {
        try cluster.psql("SELECT pg_current_wal_lsn();", options: ["-t", "-A"])
          .trimmingCharacters(in: .whitespacesAndNewlines)
      }
      let walBefore = try lsn()
      let consumer =
        variant == .logicalDecoding
        ? try bench.start(script: reader, clients: 1, seconds: seconds, output: "slot.out") : nil
      let sampler = sampleWaits ? try startWaitSampler(cluster) : nil
      let tps = try bench.run(
        script: script, clients: clients, seconds: seconds, applicationName: writers
      ).transactionsPerSecond
      if let consumer {
        let walAfter = try lsn()
        consumer.waitUntilExit()
        guard consumer.terminationStatus == 0,
          let reads = bench.reportedTransactions(output: "slot.out")
        else {
          throw PostgresCluster.Failure(description: "reading the logical slot failed")
        }
        let bytes = try cluster.psql(
          """
          SELECT pg_wal_lsn_diff('\(walAfter)', '\(walBefore)')::bigint,
            pg_wal_lsn_diff(least(confirmed_flush_lsn, '\(walAfter)'), '\(walBefore)')::bigint
          FROM pg_replication_slots WHERE slot_name = '\(slot)';
          """, options: ["-t", "-A"]
        ).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").compactMap {
          Int($0)
        }
        guard bytes.count == 2 else {
          throw PostgresCluster.Failure(description: "no slot \(slot) after the run")
        }
        result.decodingWALBytes.append(bytes[0])
        result.decodedWALBytes.append(bytes[1])
        result.decodingReads.append(reads)
      }
      if let sampler { result.waitEvents[variant.rawValue] = try waitEvents(cluster, sampler) }
      switch variant {
      case .noCapture: try cluster.psql(captureTriggers("ENABLE"))
      case .triggers: break
      case .logicalDecoding:
        try cluster.psql(
          "SELECT pg_drop_replication_slot('\(slot)');\n" + replicaIdentity("DEFAULT")
            + captureTriggers("ENABLE"))
      }
      try afterRun()
      return tps
    }

    for durability in Durability.allCases {
      try cluster.psql(durability.settings)
      for (workload, script) in scripts {
        var measured = WriterLoadCase(durability: durability.rawValue, workload: workload)
        for round in 0..<runs {
          log("\(durability): \(workload): run \(round + 1) of \(runs)")
          result.loadAverageEachRun.append(CaptureCostBench.loadAverage())
          for i in Variant.allCases.indices {
            let variant = Variant.allCases[(i + round) % Variant.allCases.count]
            let sample = durability == .durable && script.hasSuffix("mixed.sql") && round == 0
            measured.tps[variant.rawValue, default: []].append(
              try run(variant, script, sampleWaits: sample))
          }
        }
        for variant in Variant.allCases {
          measured.medianTPS[variant.rawValue] = Timing.median(measured.tps[variant.rawValue]!)
        }
        let base = measured.medianTPS[Variant.noCapture.rawValue]!
        for variant in Variant.allCases {
          measured.fewerThanWithoutCapturePercent[variant.rawValue] =
            (1 - measured.medianTPS[variant.rawValue]! / base) * 100
        }
        result.cases.append(measured)
      }
    }
    try cluster.psql(Durability.durable.settings)
    for run in 0..<runs {
      for (step, cpu) in try StatementCPU.measure(cluster, run: run) {
        result.statementCPU[step, default: []].append(cpu)
      }
    }
    result.statementCPUMedians = result.statementCPU.mapValues(Timing.median)
    return result
  }

  /// The writers' `application_name`.
  static let writers = "bench-writers"

  /// A session sampling the writers' wait events every 10 ms into `bench_waits`, for as long
  /// as a run lasts.
  static func startWaitSampler(_ cluster: PostgresCluster) throws -> PsqlSession {
    try cluster.psql(
      "DROP TABLE IF EXISTS bench_waits; CREATE UNLOGGED TABLE bench_waits (event text);")
    let session = try PsqlSession(cluster)
    session.send(
      """
      DO $$
      DECLARE stop timestamptz := clock_timestamp() + interval '\(seconds) seconds';
      BEGIN
        WHILE clock_timestamp() < stop LOOP
          PERFORM pg_stat_clear_snapshot();
          INSERT INTO bench_waits
          SELECT coalesce(wait_event_type || ': ' || wait_event, 'on CPU')
          FROM pg_stat_activity WHERE application_name = '\(writers)' AND state = 'active';
          PERFORM pg_sleep(0.01);
        END LOOP;
      END $$;
      """)
    return session
  }

  static func waitEvents(_ cluster: PostgresCluster, _ sampler: PsqlSession) throws -> [String:
    Int]
  {
    sampler.close()
    var events: [String: Int] = [:]
    for line in try cluster.psql(
      "SELECT event, count(*) FROM bench_waits GROUP BY event;", options: ["-t", "-A"]
    ).split(separator: "\n") {
      let parts = line.split(separator: "|")
      if parts.count == 2, let n = Int(parts[1]) { events[String(parts[0])] = n }
    }
    return events
  }

  static func table(_ results: [WriterLoadResult]) -> String {
    func f(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }
    var lines = [
      "| calls | commits | workload | \(Variant.allCases.map { $0 == .noCapture ? "\($0.rawValue): tps" : "\($0.rawValue): tps (change against no capture)" }.joined(separator: " | ")) |",
      "|---:|---|---|" + String(repeating: "---:|", count: Variant.allCases.count),
    ]
    for r in results {
      for c in r.cases {
        let cells = Variant.allCases.map { variant -> String in
          let tps = f(c.medianTPS[variant.rawValue] ?? .nan)
          guard variant != .noCapture else { return tps }
          let fewer = c.fewerThanWithoutCapturePercent[variant.rawValue] ?? .nan
          return "\(tps) (\(String(format: "%+.1f", -fewer)) %)"
        }
        lines.append(
          "| \(r.calls) | \(c.durability) | \(c.workload) | \(cells.joined(separator: " | ")) |")
      }
      lines.append("")
      lines.append(
        "| step of a trigger call, one-row INSERT into calls | backend CPU (µs) | over the triggers disabled (µs) |"
      )
      lines.append("|---|---:|---:|")
      let disabled = r.statementCPUMedians[StatementCPU.Step.disabled.rawValue] ?? .nan
      for step in StatementCPU.Step.allCases {
        let cpu = r.statementCPUMedians[step.rawValue] ?? .nan
        lines.append("| \(step.rawValue) | \(f(cpu, 2)) | \(f(cpu - disabled, 2)) |")
      }
      lines.append("")
      lines.append("The writers' wait events, one run of each variant (durable commits, the mix):")
      for (variant, events) in r.waitEvents.sorted(by: { $0.key < $1.key }) {
        let total = Double(events.values.reduce(0, +))
        let top = events.sorted { $0.value > $1.value }.prefix(6).map {
          "\($0.key) \(f(Double($0.value) / total * 100, 0)) %"
        }
        lines.append("- \(variant): \(top.joined(separator: ", "))")
      }
    }
    return lines.joined(separator: "\n")
  }
}
