import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// The incremental strategy's `mv_metrics_daily` before and after its first catch-up. Until a
/// rebuild has computed the totals (`private.metrics_totals_built` holds no row), the view
/// computes its rows from the sources with the refresh strategy's query; after, it reads the
/// totals. Measured: the generated files applied to a loaded database, the first catch-up (the
/// rebuild), and `get_metrics_for_range` in both states, alternating, with the server's JIT
/// setting (on, PostgreSQL's default) and with `jit = off`.
struct LiveFallbackResult: Codable {
  var calls: Int
  var loadSeconds: Double
  var runs: Int
  /// `/proc/loadavg` before and after: the machine is shared.
  var loadAverageBefore: String
  var loadAverageAfter: String
  /// The generated files applied in order to the loaded database, each in one transaction,
  /// with no other session: seconds each.
  var files: [AppliedFile] = []
  /// The job's first catch-up after the files, `SELECT public.refresh_metrics_daily();`, which
  /// builds the totals (ms, as psql timed it).
  var firstCatchUpInFileMs = 0.0
  /// The same state again each run (totals emptied, the marker row deleted, a rebuild
  /// requested, as schema.sql leaves them), then the catch-up timed.
  var firstCatchUpMs: [Double] = []
  var medianFirstCatchUpMs = 0.0
  var reads: [FallbackRead] = []
}

struct AppliedFile: Codable {
  var name: String
  var seconds: Double
}

struct FallbackRead: Codable {
  /// One location, or all 100 locations of the large account; 30 days.
  var caller: String
  /// The server's JIT setting for the session.
  var jit: Bool
  /// The view's state (``ViewState``).
  var state: String
  var rows = 0
  /// Whether the rows are those the other states return (compared as text, in order).
  var rowsMatchOtherStates = false
  /// Per run: `EXPLAIN ANALYZE` execution time of a connection's first call.
  var firstCallMs: [Double] = []
  /// Per run: the median of the next 10 calls in the same session.
  var warmMs: [Double] = []
  var medianFirstCallMs = 0.0
  var medianWarmMs = 0.0
}

enum LiveFallbackBench {
  /// Readers: a user with one location of the large account, and one with all 100.
  static let callers: [(name: String, user: String, location: String)] = [
    ("one location", "one-location-user", ReadAPICalls.firstLocation),
    ("100 locations", "all-locations-user", "NULL"),
  ]
  /// A statement that runs away is stopped rather than left to run for hours.
  static let statementTimeout = "SET statement_timeout = '600s';"

  /// What the reading session does first, in a transaction it never commits, so no other
  /// session sees it.
  enum ViewState: String, CaseIterable {
    /// The totals built: the view reads them.
    case built = "totals built"
    /// The marker row deleted: the view computes its rows from the sources.
    case notBuilt = "not built (rows from the sources)"
    /// The view replaced by its first branch alone, the totals without the fallback: what
    /// the view was before it had one.
    case totalsOnly = "totals built, view without the fallback branch"

    func setup(viewWithoutFallback: String) -> String {
      switch self {
      case .built: ""
      case .notBuilt: "BEGIN;\nDELETE FROM private.metrics_totals_built;"
      case .totalsOnly: "BEGIN;\n" + viewWithoutFallback
      }
    }
  }

  /// `CREATE OR REPLACE VIEW` of `mv_metrics_daily` as schema.sql creates it, with its first
  /// branch (the totals) alone.
  static func viewWithoutFallback(_ schema: String) throws -> String {
    let header = "CREATE VIEW public.mv_metrics_daily WITH (security_invoker = true) AS\n"
    guard let start = schema.range(of: header),
      let union = schema.range(of: "\nUNION ALL\n", range: start.upperBound..<schema.endIndex),
      schema[start.upperBound..<union.lowerBound].contains(
        "FROM \(MetricsDailyFromTotals.qualifiedName.rendered) t")
    else {
      throw PostgresCluster.Failure(
        description: "schema.sql's mv_metrics_daily is not the totals UNION ALL a fallback")
    }
    return "CREATE OR REPLACE VIEW public.mv_metrics_daily WITH (security_invoker = true) AS\n"
      + schema[start.upperBound..<union.lowerBound] + ";"
  }

  /// What schema.sql leaves on a first deploy: no totals, no marker, a rebuild requested.
  static let unbuilt = """
    DELETE FROM private.metrics_totals_built;
    TRUNCATE private.metrics_daily_totals;
    INSERT INTO private.metrics_rebuild_requests (requested_at) VALUES (now());
    """

  static func measure(calls: Int, runs: Int) throws -> LiveFallbackResult {
    log("== \(calls) calls, live fallback: starting PostgreSQL")
    let (cluster, loadSeconds) = try startCluster(loading: calls)
    defer { cluster.stop() }
    var result = LiveFallbackResult(
      calls: calls, loadSeconds: loadSeconds, runs: runs,
      loadAverageBefore: CaptureCostBench.loadAverage(), loadAverageAfter: "")

    log("applying the incremental strategy's generated files")
    let files = try generate(MetricsScripts.all(.incremental))
    let withoutFallback = try viewWithoutFallback(
      files.first { $0.path == "schema.sql" }?.text ?? "")
    for file in files {
      let start = Date()
      try cluster.psql(file.text, options: ["-1", "-t"])
      result.files.append(AppliedFile(name: file.path, seconds: Date().timeIntervalSince(start)))
    }
    // The job's first catch-up builds the totals, in a transaction of its own.
    result.firstCatchUpInFileMs = try Timing.milliseconds(
      cluster, "SELECT public.refresh_metrics_daily();")
    try cluster.psql("VACUUM ANALYZE;\n" + ReadAPICalls.grantAccess)

    // Each caller, JIT setting and state: the rows, and whether every state gives the same.
    var reads: [FallbackRead] = []
    for caller in callers {
      for jit in [true, false] {
        var digests: Set<String> = []
        for state in ViewState.allCases {
          var read = FallbackRead(caller: caller.name, jit: jit, state: state.rawValue)
          let output = try cluster.psql(
            state.setup(viewWithoutFallback: withoutFallback) + "\n"
              + ReadAPICalls.signIn(caller.user) + "\n"
                + """
                SELECT count(*), md5(coalesce(string_agg(r::text, ';' ORDER BY r.date, r.location_id), ''))
                FROM (\(ReadAPICalls.query(location: caller.location))) r;
                """, options: ["-t", "-A"])
          let fields = (output.split(separator: "\n").last ?? "").split(separator: "|")
          guard fields.count == 2, let rows = Int(fields[0]), rows > 0 else {
            throw PostgresCluster.Failure(
              description: "the read API returned no rows for \(caller.user): \(output)")
          }
          read.rows = rows
          digests.insert(String(fields[1]))
          reads.append(read)
        }
        for i in reads.indices.suffix(ViewState.allCases.count) {
          reads[i].rowsMatchOtherStates = digests.count == 1
        }
      }
    }

    for run in 0..<runs {
      log("run \(run + 1) of \(runs)")
      // Alternate which state goes first.
      for i in (run % 2 == 0 ? Array(reads.indices) : reads.indices.reversed()) {
        let read = reads[i]
        let caller = callers.first { $0.name == read.caller }!
        let state = ViewState(rawValue: read.state)!
        let setup =
          statementTimeout + (read.jit ? "" : "\nSET jit = off;") + "\n"
          + state.setup(viewWithoutFallback: withoutFallback) + "\n"
          + ReadAPICalls.signIn(caller.user)
        let times = try Timing.firstAndWarmExecutionTimes(
          cluster, ReadAPICalls.query(location: caller.location), after: setup)
        reads[i].firstCallMs.append(times.first)
        reads[i].warmMs.append(times.warm)
        log(
          "  \(read.caller), jit \(read.jit ? "on" : "off"), \(read.state): first \(String(format: "%.2f", times.first)) ms, warm \(String(format: "%.2f", times.warm)) ms"
        )
      }
      try cluster.psql(unbuilt + IncrementalBench.vacuumLogs)
      let ms = try Timing.milliseconds(cluster, IncrementalBench.catchUp)
      log("  first catch-up \(String(format: "%.0f", ms)) ms")
      result.firstCatchUpMs.append(ms)
      try cluster.psql("VACUUM ANALYZE private.metrics_daily_totals;")
    }
    for i in reads.indices {
      reads[i].medianFirstCallMs = Timing.median(reads[i].firstCallMs)
      reads[i].medianWarmMs = Timing.median(reads[i].warmMs)
    }
    result.reads = reads
    result.medianFirstCatchUpMs = Timing.median(result.firstCatchUpMs)
    result.loadAverageAfter = CaptureCostBench.loadAverage()
    return result
  }

  static func table(_ results: [LiveFallbackResult]) -> String {
    func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    var lines = [
      "| calls | files applied (s) | first catch-up: in refresh_metrics.sql / median of later ones (ms) |",
      "|---:|---|---:|",
    ]
    for r in results {
      lines.append(
        "| \(r.calls) | \(r.files.map { "\($0.name) \(f($0.seconds, 2))" }.joined(separator: ", ")) | \(f(r.firstCatchUpInFileMs, 0)) / \(f(r.medianFirstCatchUpMs, 0)) |"
      )
    }
    lines += [
      "",
      "| calls | get_metrics_for_range, 30 days | JIT | rows | "
        + ViewState.allCases.map { "\($0.rawValue): pooled (median ms) / first call" }.joined(
          separator: " | ") + " | same rows |",
      "|---:|---|---|---:|" + String(repeating: "---:|", count: ViewState.allCases.count) + "---|",
    ]
    for r in results {
      for caller in callers {
        for jit in [true, false] {
          let reads = ViewState.allCases.compactMap { state in
            r.reads.first {
              $0.caller == caller.name && $0.jit == jit && $0.state == state.rawValue
            }
          }
          guard let first = reads.first else { continue }
          lines.append(
            "| \(r.calls) | \(caller.name) | \(jit ? "on" : "off") | \(first.rows) | "
              + reads.map { "\(f($0.medianWarmMs, 2)) / \(f($0.medianFirstCallMs, 2))" }.joined(
                separator: " | ")
              + " | \(reads.allSatisfy(\.rowsMatchOtherStates) ? "yes" : "no") |")
        }
      }
    }
    return lines.joined(separator: "\n")
  }
}
