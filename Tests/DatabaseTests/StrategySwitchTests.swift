import Foundation
import PostgresHarness
import SQLBuilder
import Testing

@testable import MetricsSchema

extension DatabaseTests {
  /// Switching strategies is an ordinary generated migration: from the database the committed
  /// migrations build, with data in it, to the incremental strategy and back, the view holds
  /// the contract's rows at every step and the objects end as they began.
  @Suite struct StrategySwitch {
    @Test func toTheIncrementalStrategyAndBack() throws {
      let database = try MetricsDatabase.get()
      try database.reset()
      defer { try? database.reset() }
      var data = MessyData(seed: 31)
      try database.cluster.psql(SQLFor.inserts(data) + "SELECT public.refresh_metrics_daily();")
      let stateFile = MetricsDatabase.root.appendingPathComponent("supabase/migrations-state.json")
      let committed = try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: stateFile))
      let forth = try MigrationPlan(from: committed, to: MetricsScripts.all(.incremental))
      var incremental = SchemaState()
      incremental.objects = forth.objects
      let back = try MigrationPlan(from: incremental, to: MetricsScripts.all(.refresh))
      #expect(
        forth.changes.contains("rebuild relation public.mv_metrics_daily"), "\(forth.changes)")
      #expect(
        back.changes.contains("drop relation private.metrics_daily_totals"), "\(back.changes)")
      let before = data
      data.mutate()
      let expected = try StrategyComparison.expectedView()
      let output = try database.cluster.psql(
        """
        BEGIN;
        \(try #require(forth.sql))
        \(expected)
        SELECT 'missing before a catch-up|' || count(*) FROM (SELECT * FROM pg_temp.expected_metrics EXCEPT ALL SELECT * FROM public.mv_metrics_daily) x;
        SELECT 'extra before a catch-up|' || count(*) FROM (SELECT * FROM public.mv_metrics_daily EXCEPT ALL SELECT * FROM pg_temp.expected_metrics) x;
        DROP VIEW pg_temp.expected_metrics;
        SELECT public.refresh_metrics_daily();
        SELECT 'kind after the switch|' || CASE relkind WHEN 'v' THEN 1 ELSE 0 END
        FROM pg_class WHERE oid = 'public.mv_metrics_daily'::regclass;
        \(expected)
        SELECT 'missing after the switch|' || count(*) FROM (SELECT * FROM pg_temp.expected_metrics EXCEPT ALL SELECT * FROM public.mv_metrics_daily) x;
        SELECT 'extra after the switch|' || count(*) FROM (SELECT * FROM public.mv_metrics_daily EXCEPT ALL SELECT * FROM pg_temp.expected_metrics) x;
        \(SQLFor.changes(from: before, to: data))
        SELECT public.refresh_metrics_daily();
        SELECT 'missing after changes|' || count(*) FROM (SELECT * FROM pg_temp.expected_metrics EXCEPT ALL SELECT * FROM public.mv_metrics_daily) x;
        SELECT 'extra after changes|' || count(*) FROM (SELECT * FROM public.mv_metrics_daily EXCEPT ALL SELECT * FROM pg_temp.expected_metrics) x;
        DROP VIEW pg_temp.expected_metrics;
        \(try #require(back.sql))
        SELECT public.refresh_metrics_daily();
        SELECT 'rows back|' || count(*) FROM public.mv_metrics_daily;
        \(expected)
        SELECT 'missing back|' || count(*) FROM (SELECT * FROM pg_temp.expected_metrics EXCEPT ALL SELECT * FROM public.mv_metrics_daily) x;
        SELECT 'extra back|' || count(*) FROM (SELECT * FROM public.mv_metrics_daily EXCEPT ALL SELECT * FROM pg_temp.expected_metrics) x;
        SELECT 'capture triggers left|' || count(*) FROM pg_trigger WHERE tgname LIKE 'metrics_capture_%';
        SELECT 'incremental tables left|' || count(*) FROM pg_class
        WHERE relnamespace = 'private'::regnamespace AND relkind = 'r'
          AND oid NOT IN (\(MetricsScripts.refreshStrategyTables.map { "'\($0.qualifiedName.rendered)'::regclass" }.joined(separator: ", ")));
        SELECT '-- catalog --';
        \(MetricsDatabase.catalogQuery)
        ROLLBACK;
        """, options: ["-t", "-A"])
      let counts = countsByTag(output)
      #expect(counts["kind after the switch"] == 1, "\(output.suffix(3000))")
      // Until the first catch-up builds the totals, the view computes its rows from the sources.
      for stage in ["before a catch-up", "after the switch", "after changes", "back"] {
        #expect(counts["missing \(stage)"] == 0, "\(stage): \(output.suffix(3000))")
        #expect(counts["extra \(stage)"] == 0, "\(stage)")
      }
      #expect(counts["rows back", default: 0] > 30)
      #expect(counts["capture triggers left"] == 0)
      #expect(counts["incremental tables left"] == 0, "only the refresh strategy's tables stay")
      let catalog = try #require(output.components(separatedBy: "-- catalog --\n").last)
      #expect(catalog == database.catalogAfterMigrations)
    }
  }
}
