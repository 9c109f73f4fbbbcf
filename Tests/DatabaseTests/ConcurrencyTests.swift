import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// Two sessions at once: a refresh never queues behind another, and never blocks readers.
  @Suite struct Concurrency {
    let account = "a0000000-0000-0000-0000-000000000001"
    let location = "10000000-0000-0000-0000-000000000001"

    /// A completed call at the account's location, which is created with the first call.
    func call(_ id: String, at time: String = "2024-05-01 10:00Z") -> String {
      """
      INSERT INTO locations VALUES ('\(location)', '\(account)', 'UTC') ON CONFLICT DO NOTHING;
      INSERT INTO calls VALUES ('\(id)', '\(location)', 'completed', 'order', '\(time)');
      """
    }

    func totalCalls(_ database: MetricsDatabase) throws -> String {
      try database.cluster.psql(
        "SELECT coalesce(sum(total_calls), 0) FROM public.mv_metrics_daily;"
      )
      .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Session A holds `holding` in an open transaction; meanwhile the function is called in a
    /// second session, which must return within a second, having refreshed nothing, with a
    /// notice that says so and matches `notice`.
    func refreshReturnsAtOnce(
      whileAnotherSessionRuns holding: String, holds lockQuery: String, notice: String,
      strategy: MetricsStrategy = .refresh
    ) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(call("first"))
      let other = try PsqlSession(database.cluster)
      other.send("BEGIN;")
      other.send(holding)
      try database.waitUntil(lockQuery)
      try database.cluster.psql(call("second"))
      let started = Date()
      let result = try database.cluster.psqlResult(
        "SET lock_timeout = '5s'; SELECT public.refresh_metrics_daily();")
      let elapsed = Date().timeIntervalSince(started)
      other.send("COMMIT;")
      let transcript = other.close()
      #expect(result.status == 0, "the second refresh failed: \(result.error)")
      #expect(elapsed < 1.0, "the second refresh took \(elapsed) s: it queued behind the first")
      #expect(!transcript.contains("ERROR"), "\(transcript)")
      #expect(try totalCalls(database) == "1", "only the first session's refresh ran")
      #expect(
        result.error.range(of: "NOTICE:  " + notice, options: .regularExpression) != nil
          && result.error.contains(RefreshMachinery.returnsWithoutRefreshing), "\(result.error)")
    }

    @Test(arguments: MetricsStrategy.allCases)
    func returnsAtOnceWhileTheFunctionRunsElsewhere(_ strategy: MetricsStrategy) throws {
      // The marker lock is taken once the function is done, so the second call lands after
      // the first session's catch-up, while that session still holds the function's lock.
      try refreshReturnsAtOnce(
        whileAnotherSessionRuns:
          "SELECT public.refresh_metrics_daily(); SELECT pg_advisory_xact_lock(42);",
        holds:
          "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 42 AND granted);",
        notice: "another refresh of public.mv_metrics_daily holds the refreshes' advisory lock",
        strategy: strategy)
    }

    @Test func returnsAtOnceWhileARefreshStartedOutsideTheFunctionRuns() throws {
      try refreshReturnsAtOnce(
        whileAnotherSessionRuns: "REFRESH MATERIALIZED VIEW CONCURRENTLY public.mv_metrics_daily;",
        holds: """
          SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'public.mv_metrics_daily'::regclass
                          AND mode = 'ExclusiveLock' AND granted);
          """,
        notice:
          #"sessions holding a lock on public.mv_metrics_daily that a refresh waits for, \d+ \(client backend, ExclusiveLock\):"#
      )
    }

    /// A reader in a second session, with a two-second lock timeout, reads while a refresh holds
    /// its locks; against a plain refresh the same reader times out, so the check can fail.
    func readerWhileRefreshing(_ refresh: String, strategy: MetricsStrategy = .refresh) throws
      -> Shell.Result
    {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(call("first"))
      let refresher = try PsqlSession(database.cluster)
      refresher.send("BEGIN;")
      refresher.send(refresh)
      // The refresh holds the view's lock; a catch-up, its advisory lock and the totals' rows.
      try database.waitUntil(
        strategy == .refresh
          ? """
          SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'public.mv_metrics_daily'::regclass
                          AND mode IN ('ExclusiveLock', 'AccessExclusiveLock') AND granted);
          """
          : "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted);")
      let reader = try database.cluster.psqlResult(
        "SET lock_timeout = '2s'; SELECT count(*) FROM public.mv_metrics_daily;")
      refresher.send("COMMIT;")
      refresher.close()
      return reader
    }

    @Test(arguments: MetricsStrategy.allCases)
    func readersAreNotBlockedWhileTheFunctionRefreshes(_ strategy: MetricsStrategy) throws {
      let reader = try readerWhileRefreshing(
        "SELECT public.refresh_metrics_daily();", strategy: strategy)
      #expect(reader.status == 0, "the reader was blocked: \(reader.error)")
    }

    @Test func aPlainRefreshWouldBlockTheSameReader() throws {
      let reader = try readerWhileRefreshing("REFRESH MATERIALIZED VIEW public.mv_metrics_daily;")
      #expect(reader.status != 0)
      #expect(reader.error.contains("lock timeout"))
    }
  }
}
