import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// What the refresh strategy's `metrics_daily_status()` promises: every write committed
  /// before `refreshed_at` is counted, also when the refresh runs in a REPEATABLE READ
  /// transaction whose snapshot was taken before it.
  @Suite struct RefreshStatus {
    @Test func everyWriteCommittedBeforeRefreshedAtIsCounted() throws {
      let database = try MetricsDatabase.get(.refresh)
      try database.reset()
      defer { try? database.reset() }
      let concurrency = Concurrency()
      try database.cluster.psql(
        concurrency.call("before") + "SELECT public.refresh_metrics_daily();")

      // A refresh whose transaction took its snapshot before a call was committed.
      let refresher = try PsqlSession(database.cluster)
      refresher.send("BEGIN ISOLATION LEVEL REPEATABLE READ;\nSELECT 'snapshot taken';")
      try database.waitUntil(
        "SELECT count(*) = 1 FROM pg_stat_activity WHERE query = 'SELECT ''snapshot taken'';' AND state = 'idle in transaction'"
      )
      let committed = try database.cluster.psql(
        concurrency.call("meanwhile") + "SELECT 'committed|' || clock_timestamp();")
      refresher.send("SELECT public.refresh_metrics_daily();\nCOMMIT;")
      let output = refresher.close()
      #expect(!output.contains("ERROR"), "\(output)")

      let counted = try concurrency.totalCalls(database)
      #expect(counted == "1", "the refresh read the snapshot from before the second call")
      let committedAt = try #require(
        committed.split(separator: "\n").first { $0.hasPrefix("committed|") }?.dropFirst(10))
      let claimed = try database.cluster.psql(
        "SELECT refreshed_at < '\(committedAt)'::timestamptz FROM public.metrics_daily_status();")
      #expect(claimed == "t\n", "refreshed_at must precede a write the refresh did not count")
    }
  }
}
