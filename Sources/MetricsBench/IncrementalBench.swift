import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder

/// The incremental strategy on the same data, in a cluster of its own: catch-ups after small
/// and spread batches, a zone change, the cost writers pay, reads, and a full rebuild.
struct IncrementalResult: Codable {
  var rebuildMs: [Double] = []
  var catchUpNothingMs: [Double] = []
  /// 10 new calls with their orders and reservations, as five minutes of a restaurant chain.
  var catchUpBatchMs: [Double] = []
  /// 1,000 new calls spread over the year, with their orders and reservations.
  var catchUpSpreadMs: [Double] = []
  /// One location of 200 moves to another zone: its whole history is dated again.
  var catchUpZoneChangeMs: [Double] = []
  var insertOneWithTriggersMs = 0.0
  var insertOneWithoutTriggersMs = 0.0
  var insertBulkWithTriggersMs: [Double] = []
  var insertBulkWithoutTriggersMs: [Double] = []
  var lookupLocationMs = 0.0
  var readAPIOneLocationMs = 0.0
  var viewRows = 0
}

enum IncrementalBench {
  /// New calls at the 100 shared locations, numbered from `first`, with an order per order
  /// call and a reservation per reservation call, at `instant(i)`.
  static func facts(_ tag: String, count: Int, at instant: String) -> String {
    """
    CREATE TEMP TABLE new_calls AS
    SELECT '\(tag)-' || i AS id, md5('location' || (1 + i % 100))::uuid AS location_id,
           md5('account' || (1 + (1 + i % 100) % 20))::uuid AS account_id,
           CASE WHEN i % 3 = 0 THEN 'order' WHEN i % 10 = 1 THEN 'reservation' ELSE 'general' END AS call_type,
           \(instant) AS started_at
    FROM generate_series(1, \(count)) i;
    INSERT INTO calls SELECT id, location_id, 'completed', call_type, started_at FROM new_calls;
    INSERT INTO orders SELECT md5('order-' || id)::uuid, account_id, location_id, 24.5, started_at
    FROM new_calls WHERE call_type = 'order';
    INSERT INTO reservations SELECT md5('reservation-' || id)::uuid, location_id, 4, NULL, started_at
    FROM new_calls WHERE call_type = 'reservation';
    DROP TABLE new_calls;
    """
  }

  static let catchUp = "SELECT public.refresh_metrics_daily();"
  /// What autovacuum does between two catch-ups five minutes apart.
  static let vacuumLogs = """
    VACUUM private.metrics_call_changes, private.metrics_order_changes,
      private.metrics_reservation_changes, private.metrics_attribution_changes,
      private.metrics_daily_totals;
    """

  static func measure(calls: Int, runs: Int) throws -> IncrementalResult {
    log("== \(calls) calls, incremental strategy: starting PostgreSQL")
    let (cluster, _) = try startCluster(loading: calls)
    defer { cluster.stop() }
    log("applying the incremental strategy's generated SQL")
    for file in try generate(MetricsScripts.all(.incremental)) {
      try cluster.psql(file.text, options: ["-1"])
    }
    // The job's first catch-up builds the totals; refresh_metrics.sql runs none.
    try cluster.psql(catchUp + "VACUUM ANALYZE;")
    var result = IncrementalResult()
    for run in 0..<runs {
      log("run \(run + 1) of \(runs)")
      try cluster.psql(vacuumLogs)
      result.catchUpNothingMs.append(try Timing.milliseconds(cluster, catchUp))
      try cluster.psql(facts("batch\(run)", count: 10, at: "now() - i * interval '20 seconds'"))
      try cluster.psql(vacuumLogs)
      result.catchUpBatchMs.append(try Timing.milliseconds(cluster, catchUp))
      try cluster.psql(
        facts(
          "spread\(run)", count: 1000,
          at: "timestamptz '2024-01-01' + (i * 8.77 + \(run)) * interval '1 hour'"))
      try cluster.psql(vacuumLogs)
      result.catchUpSpreadMs.append(try Timing.milliseconds(cluster, catchUp))
      let zone = run % 2 == 0 ? "Europe/Berlin" : "America/New_York"
      try cluster.psql(
        "UPDATE locations SET time_zone = '\(zone)' WHERE location_id = md5('location7')::uuid;")
      try cluster.psql(vacuumLogs)
      result.catchUpZoneChangeMs.append(try Timing.milliseconds(cluster, catchUp))
      result.rebuildMs.append(
        try Timing.milliseconds(cluster, "SELECT public.rebuild_metrics_daily();"))
    }

    // Writers: the same statements with the capture triggers and without; rows written
    // without them are removed without them too, so the totals stay right.
    func bulk(_ tag: String) -> String {
      """
      INSERT INTO calls SELECT '\(tag)-' || i, md5('location' || (1 + i % 100))::uuid, 'completed', 'general',
        now() - i * interval '1 second' FROM generate_series(1, 10000) i;
      """
    }
    func singles(_ tag: String) -> String {
      (1...50).map {
        "INSERT INTO calls VALUES ('\(tag)-\($0)', md5('location1')::uuid, 'completed', 'general', now());"
      }.joined(separator: "\n")
    }
    for run in 0..<runs {
      let order = run % 2 == 0 ? [true, false] : [false, true]
      for withTriggers in order {
        let tag = "\(withTriggers ? "on" : "off")\(run)"
        if !withTriggers { try cluster.psql("ALTER TABLE calls DISABLE TRIGGER USER;") }
        let bulkMs = try Timing.milliseconds(cluster, bulk(tag))
        let oneMs = Timing.median(try Timing.eachMilliseconds(cluster, singles(tag + "-one")))
        if withTriggers {
          result.insertBulkWithTriggersMs.append(bulkMs)
          result.insertOneWithTriggersMs += oneMs / Double(runs)
        } else {
          result.insertBulkWithoutTriggersMs.append(bulkMs)
          result.insertOneWithoutTriggersMs += oneMs / Double(runs)
        }
        try cluster.psql("DELETE FROM calls WHERE id LIKE '\(tag)-%';")
        if !withTriggers { try cluster.psql("ALTER TABLE calls ENABLE TRIGGER USER;") }
        try cluster.psql(catchUp + vacuumLogs)
      }
    }

    let account = "md5('account2')::uuid"
    let location = "md5('location21')::uuid"
    let query = """
      SELECT * FROM public.mv_metrics_daily WHERE account_id = \(account)
        AND location_id = \(location) AND date BETWEEN '2024-06-01' AND '2024-06-30'
      """
    result.lookupLocationMs = Timing.median(
      try (0..<9).map { _ in try Timing.executionTime(cluster, query) })
    try cluster.psql(
      """
      INSERT INTO user_location_access
      VALUES (md5('one-location-user')::uuid, \(ReadAPICalls.firstLocation), \(ReadAPICalls.account));
      """)
    result.readAPIOneLocationMs = try Timing.firstAndWarmExecutionTimes(
      cluster, ReadAPICalls.query(location: ReadAPICalls.firstLocation),
      after: ReadAPICalls.signIn("one-location-user")
    ).warm
    result.viewRows =
      Int(
        try cluster.psql("SELECT count(*) FROM public.mv_metrics_daily;")
          .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    return result
  }
}
