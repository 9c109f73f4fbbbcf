import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder
import StorySketch

// MetricsBench: refresh and lookup speed of mv_metrics_daily against the story's own SQL,
// measured side by side in one run on a throwaway PostgreSQL 15.

struct SizeResult: Codable {
  var calls: Int
  var viewRows: Int
  var storyRows: Int
  var loadSeconds: Double
  var oursConcurrentMs: [Double]
  var storyConcurrentMs: [Double]
  var oursPlainMs: [Double]
  var storyPlainMs: [Double]
  var storyPlainUnderOurSettingsMs: [Double]
  /// The view as it was before its totals were always hashed (the planner chose between hashing
  /// and sorting the facts), in schema `sorted_totals`, refreshed under our function's settings.
  var sortedTotalsConcurrentMs: [Double] = []
  var sortedTotalsPlainMs: [Double] = []
  var concurrentRatio: Double
  var plainRatio: Double
  var plainRatioUnderOurSettings: Double
  var lookupLocationMs: Double
  var lookupAccountMs: Double
  var storyLookupLocationMs: Double
  var storyLookupAccountMs: Double
  var longestReadDuringOurRefreshMs: Double
  var longestReadDuringStoryRefreshMs: Double
  /// get_metrics_for_range for 30 days, as a signed-in user: one location, and an account of
  /// 100 locations the user sees all of.
  var readAPIOneLocationMs: Double = 0
  var readAPIHundredLocationsMs: Double = 0
  var readAPIFirstCallOneLocationMs: Double = 0
  var readAPIFirstCallHundredLocationsMs: Double = 0
  var readAPIOneLocationRows = 0
  var readAPIHundredLocationsRows = 0
  /// The incremental strategy on the same data, measured in the same run.
  var incremental: IncrementalResult? = nil
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// A throwaway cluster with the Supabase roles, the source relations and `calls` calls of
/// synthetic data, and how long loading the data took.
func startCluster(loading calls: Int, settings: [String: String] = [:]) throws -> (
  PostgresCluster, Double
) {
  // PL/pgSQL and pg_stat_statements preloaded as Supabase's postgresql.conf preloads them:
  // pg_cron's fresh session for each job then finds PL/pgSQL loaded (BENCHMARKS.md).
  let cluster = try PostgresCluster(
    settings: [
      "shared_buffers": "'1GB'", "max_parallel_workers_per_gather": "2",
      "shared_preload_libraries": "'pg_stat_statements, plpgsql, pg_cron'",
    ].merging(settings) { $1 })
  for support in [
    "supabase.sql", "auth.sql", "source_relations.sql", "fact_sources.sql",
  ] {
    try cluster.psql(
      String(
        contentsOf: root.appendingPathComponent("supabase/emulation/\(support)"),
        encoding: .utf8))
  }
  log("loading data")
  let loadStart = Date()
  try cluster.psql(SyntheticData.load(calls: calls))
  return (cluster, Date().timeIntervalSince(loadStart))
}

func measure(calls: Int, runs: Int) throws -> SizeResult {
  log("== \(calls) calls: starting PostgreSQL")
  let (cluster, loadSeconds) = try startCluster(loading: calls)
  defer { cluster.stop() }
  log("applying the generated SQL and the story's view")
  for file in try generate(MetricsScripts.all) { try cluster.psql(file.text, options: ["-1"]) }
  try cluster.psql(
    "CREATE SCHEMA story;\nSET search_path = story, public;\n"
      + [StorySketch.view, StorySketch.lookupIndex, StorySketch.uniqueKey].map(render).joined(
        separator: "\n"))
  let sortedTotals = try render(
    CreateMaterializedView(MetricsDaily.self) { MetricsView.query(hashedTotals: false) }
  ).replacingOccurrences(
    of: "CREATE MATERIALIZED VIEW public.mv_metrics_daily",
    with: "CREATE MATERIALIZED VIEW sorted_totals.mv_metrics_daily")
  try cluster.psql(
    "CREATE SCHEMA sorted_totals;\n\(sortedTotals)\nCREATE UNIQUE INDEX ON "
      + "sorted_totals.mv_metrics_daily (account_id, location_id, date) NULLS NOT DISTINCT;")
  // The sources were vacuumed and analyzed after loading; the three views are new.
  try cluster.psql(
    "VACUUM ANALYZE public.mv_metrics_daily, story.mv_metrics_daily, sorted_totals.mv_metrics_daily;"
  )

  // Each side as deployed: our refresh runs inside the function, with its settings (a plain
  // refresh is what the function does while the view is unpopulated); the story's statements run
  // with the server's. The story's plain refresh under our settings as well shows what the SQL
  // alone is worth.
  let functionSettings = RefreshMachinery.refreshSettings.map {
    "SET \($0.name) = \(PostgreSQL.stringLiteral($0.value)); "
  }.joined()
  let ours = (
    concurrent: "SELECT public.refresh_metrics_daily();",
    plain: functionSettings + "REFRESH MATERIALIZED VIEW public.mv_metrics_daily;"
  )
  let storyPlain = "REFRESH MATERIALIZED VIEW story.mv_metrics_daily;"
  let story = (
    concurrent: "REFRESH MATERIALIZED VIEW CONCURRENTLY story.mv_metrics_daily;",
    plain: storyPlain,
    plainUnderOurSettings: functionSettings + storyPlain
  )
  let before = (
    concurrent: functionSettings
      + "REFRESH MATERIALIZED VIEW CONCURRENTLY sorted_totals.mv_metrics_daily;",
    plain: functionSettings + "REFRESH MATERIALIZED VIEW sorted_totals.mv_metrics_daily;"
  )
  for sql in [ours.concurrent, story.concurrent, before.concurrent] {
    _ = try Timing.milliseconds(cluster, sql)  // warm-up
  }

  var result = SizeResult(
    calls: calls, viewRows: 0, storyRows: 0, loadSeconds: loadSeconds, oursConcurrentMs: [],
    storyConcurrentMs: [],
    oursPlainMs: [], storyPlainMs: [], storyPlainUnderOurSettingsMs: [], concurrentRatio: 0,
    plainRatio: 0, plainRatioUnderOurSettings: 0, lookupLocationMs: 0,
    lookupAccountMs: 0,
    storyLookupLocationMs: 0, storyLookupAccountMs: 0, longestReadDuringOurRefreshMs: 0,
    longestReadDuringStoryRefreshMs: 0)
  for run in 0..<runs {
    log("run \(run + 1) of \(runs)")
    // Alternate which goes first, so drift on the machine affects both alike.
    let order = run % 2 == 0 ? [true, false] : [false, true]
    for oursFirst in order {
      if oursFirst {
        result.oursConcurrentMs.append(try Timing.refreshMilliseconds(cluster, ours.concurrent))
        result.oursPlainMs.append(try Timing.milliseconds(cluster, ours.plain))
        result.sortedTotalsConcurrentMs.append(try Timing.milliseconds(cluster, before.concurrent))
        result.sortedTotalsPlainMs.append(try Timing.milliseconds(cluster, before.plain))
      } else {
        result.storyConcurrentMs.append(try Timing.milliseconds(cluster, story.concurrent))
        result.storyPlainMs.append(try Timing.milliseconds(cluster, story.plain))
        result.storyPlainUnderOurSettingsMs.append(
          try Timing.milliseconds(cluster, story.plainUnderOurSettings))
      }
    }
  }
  result.concurrentRatio =
    Timing.median(result.storyConcurrentMs) / Timing.median(result.oursConcurrentMs)
  result.plainRatio = Timing.median(result.storyPlainMs) / Timing.median(result.oursPlainMs)
  result.plainRatioUnderOurSettings =
    Timing.median(result.storyPlainUnderOurSettingsMs) / Timing.median(result.oursPlainMs)

  let account = "md5('account2')::uuid"
  let location = "md5('location21')::uuid"
  let window = "date BETWEEN '2024-06-01' AND '2024-06-30'"
  func thirtyDays(_ view: String, _ condition: String) -> String {
    "SELECT * FROM \(view) WHERE \(condition) AND \(window)"
  }
  func lookup(_ view: String, _ condition: String) throws -> Double {
    let query = thirtyDays(view, condition)
    return Timing.median(try (0..<9).map { _ in try Timing.executionTime(cluster, query) })
  }
  result.lookupLocationMs = try lookup(
    "public.mv_metrics_daily", "account_id = \(account) AND location_id = \(location)")
  result.lookupAccountMs = try lookup("public.mv_metrics_daily", "account_id = \(account)")
  result.storyLookupLocationMs = try lookup(
    "story.mv_metrics_daily", "account_id = \(account) AND location_id = \(location)")
  result.storyLookupAccountMs = try lookup("story.mv_metrics_daily", "account_id = \(account)")

  // The read API, as the dashboard calls it: a signed-in user with one location, and one with
  // all 100 locations of the large account; the first call of a connection plans and loads
  // caches, later calls (PostgREST keeps its connections) reuse them.
  try cluster.psql(ReadAPICalls.grantAccess)
  func readAPI(user: String, location: String) throws -> (rows: Int, first: Double, warm: Double) {
    let query = ReadAPICalls.query(location: location)
    let signIn = ReadAPICalls.signIn(user)
    let counted = try cluster.psql(
      signIn + "\nSELECT count(*) FROM (\(query)) rows;", options: ["-t"])
    guard
      let rows = counted.split(separator: "\n").last.flatMap({
        Int($0.trimmingCharacters(in: .whitespaces))
      }),
      rows > 0
    else {
      throw PostgresCluster.Failure(
        description: "the read API returned no rows for \(user): \(counted)")
    }
    let times = try Timing.firstAndWarmExecutionTimes(cluster, query, after: signIn)
    return (rows, times.first, times.warm)
  }
  let oneLocation = try readAPI(user: "one-location-user", location: ReadAPICalls.firstLocation)
  let hundredLocations = try readAPI(user: "all-locations-user", location: "NULL")
  result.readAPIOneLocationMs = oneLocation.warm
  result.readAPIHundredLocationsMs = hundredLocations.warm
  result.readAPIFirstCallOneLocationMs = oneLocation.first
  result.readAPIFirstCallHundredLocationsMs = hundredLocations.first
  result.readAPIOneLocationRows = oneLocation.rows
  result.readAPIHundredLocationsRows = hundredLocations.rows

  let reader = thirtyDays("public.mv_metrics_daily", "account_id = \(account)")
  let storyReader = thirtyDays("story.mv_metrics_daily", "account_id = \(account)")
  result.longestReadDuringOurRefreshMs = try Timing.longestReadDuringRefresh(
    cluster, refresh: ours.concurrent, readQuery: reader,
    expectedSeconds: Timing.median(result.oursConcurrentMs) / 1000)
  result.longestReadDuringStoryRefreshMs = try Timing.longestReadDuringRefresh(
    cluster, refresh: story.concurrent, readQuery: storyReader,
    expectedSeconds: Timing.median(result.storyConcurrentMs) / 1000)

  func count(_ view: String) throws -> Int {
    Int(
      try cluster.psql("SELECT count(*) FROM \(view);").trimmingCharacters(
        in: .whitespacesAndNewlines)) ?? -1
  }
  result.viewRows = try count("public.mv_metrics_daily")
  result.storyRows = try count("story.mv_metrics_daily")
  return result
}

func table(_ results: [SizeResult]) -> String {
  func ms(_ values: [Double]) -> String { String(format: "%.0f", Timing.median(values)) }
  func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
  var lines = [
    "The refresh strategy against the story's SQL (ratio: the story's time over ours):",
    "",
    "| calls | view rows | refresh via function / story CONCURRENTLY (median ms) | ratio | plain / plain (median ms) | ratio | story's plain under our settings (median ms) | ratio | totals left to the planner, concurrent / plain (median ms) | 30-day lookup, location / account (ms) | story's lookups (ms) | longest read during refresh, ours / story (ms) | get_metrics_for_range, 30 days, 1 / 100 locations: pooled connection (ms) | … first call of a connection (ms) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ]
  for r in results {
    lines.append(
      "| \(r.calls) | \(r.viewRows) | \(ms(r.oursConcurrentMs)) / \(ms(r.storyConcurrentMs)) | \(f(r.concurrentRatio))x | \(ms(r.oursPlainMs)) / \(ms(r.storyPlainMs)) | \(f(r.plainRatio))x | \(ms(r.storyPlainUnderOurSettingsMs)) | \(f(r.plainRatioUnderOurSettings))x | \(ms(r.sortedTotalsConcurrentMs)) / \(ms(r.sortedTotalsPlainMs)) | \(f(r.lookupLocationMs, 3)) / \(f(r.lookupAccountMs, 3)) | \(f(r.storyLookupLocationMs, 3)) / \(f(r.storyLookupAccountMs, 3)) | \(f(r.longestReadDuringOurRefreshMs, 1)) / \(f(r.longestReadDuringStoryRefreshMs, 1)) | \(f(r.readAPIOneLocationMs, 3)) / \(f(r.readAPIHundredLocationsMs, 3)) | \(f(r.readAPIFirstCallOneLocationMs, 2)) / \(f(r.readAPIFirstCallHundredLocationsMs, 2)) |"
    )
  }
  return lines.joined(separator: "\n")
}

func incrementalTable(_ results: [SizeResult]) -> String {
  func ms(_ values: [Double]) -> String { String(format: "%.1f", Timing.median(values)) }
  func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
  var lines = [
    "The incremental strategy on the same data, in a cluster of its own (medians; catch-ups in a fresh session; times faster: the refresh strategy's concurrent refresh over the catch-up):",
    "",
    "| calls | refresh strategy, concurrent (ms) | catch-up: nothing / 10-call batch / 1,000 spread / zone change (ms) | batch, spread: times faster | rebuild (ms) / plain refresh (ms) | insert 1 row with / without triggers (ms) | 10k-row INSERT … SELECT with / without (ms) | 30-day lookup (ms) | read API, 1 location (ms) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ]
  for r in results {
    guard let i = r.incremental else { continue }
    let refresh = Timing.median(r.oursConcurrentMs)
    lines.append(
      "| \(r.calls) | \(ms(r.oursConcurrentMs)) | \(ms(i.catchUpNothingMs)) / \(ms(i.catchUpBatchMs)) / \(ms(i.catchUpSpreadMs)) / \(ms(i.catchUpZoneChangeMs)) | \(f(refresh / Timing.median(i.catchUpBatchMs), 0))x, \(f(refresh / Timing.median(i.catchUpSpreadMs), 0))x | \(ms(i.rebuildMs)) / \(ms(r.oursPlainMs)) | \(f(i.insertOneWithTriggersMs, 3)) / \(f(i.insertOneWithoutTriggersMs, 3)) | \(ms(i.insertBulkWithTriggersMs)) / \(ms(i.insertBulkWithoutTriggersMs)) | \(f(i.lookupLocationMs, 3)) | \(f(i.readAPIOneLocationMs, 3)) |"
    )
  }
  return lines.joined(separator: "\n")
}

do {
  let options = try Options(Array(CommandLine.arguments.dropFirst()))
  func report<R: Encodable>(_ results: [R], _ table: ([R]) -> String) throws {
    if options.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(results), as: UTF8.self))
    } else {
      print(table(results))
    }
  }
  /// Measures each size with `measure` and reports the results: what every opt-in mode does.
  func measureEachSize<R: Encodable>(
    _ measure: (_ calls: Int, _ runs: Int) throws -> R, _ table: ([R]) -> String
  ) throws -> Never {
    try report(options.sizes.map { try measure($0, options.runs) }, table)
    exit(0)
  }
  switch options.mode {
  case .refresh: break
  case .deployStall:
    try measureEachSize(
      { calls, _ in try DeployStallBench.measure(calls: calls) }, DeployStallBench.table)
  case .deployFiles:
    try measureEachSize(
      { calls, _ in try DeployStallBench.measureFiles(calls: calls) }, DeployStallBench.table)
  case .captureCost: try measureEachSize(CaptureCostBench.measure, CaptureCostBench.table)
  case .liveFallback: try measureEachSize(LiveFallbackBench.measure, LiveFallbackBench.table)
  case .replicaWAL: try measureEachSize(ReplicaWALBench.measure, ReplicaWALBench.table)
  case .writerLoad: try measureEachSize(WriterLoadBench.measure, WriterLoadBench.table)
  case .readersUnderLoad:
    try measureEachSize(
      { calls, _ in try ReadersUnderLoadBench.measure(calls: calls) }, ReadersUnderLoadBench.table)
  }
  var results: [SizeResult] = []
  for size in options.sizes {
    var result = try measure(calls: size, runs: options.runs)
    if options.incremental {
      result.incremental = try IncrementalBench.measure(calls: size, runs: options.runs)
    }
    results.append(result)
  }
  // `--refresh-only` measured no incremental strategy: no table for it.
  try report(results) {
    table($0) + ($0.contains { $0.incremental != nil } ? "\n\n" + incrementalTable($0) : "")
  }
} catch let error as UsageError {
  log("MetricsBench: \(error.message) (see `swift run MetricsBench --help`)")
  exit(2)
} catch {
  log("MetricsBench: \(error)")
  exit(1)
}
