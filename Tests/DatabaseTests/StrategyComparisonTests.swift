import Foundation
import MetricsSchema
import SQLBuilder
import Testing

extension DatabaseTests {
  /// The incremental strategy gives the refresh strategy's rows exactly, after the same random
  /// sequence of inserts, updates, deletes, settings, zone and account changes, location
  /// deletions and a TRUNCATE, each followed by a catch-up.
  @Suite struct StrategyComparison {
    /// What the refresh strategy's view would hold now, as a plain view of its query.
    static func expectedView() throws -> String {
      let query = try render(MetricsView.query).trimmingCharacters(in: .whitespacesAndNewlines)
      return "CREATE OR REPLACE VIEW pg_temp.expected_metrics AS \(query)\n"
    }

    static let comparison = """
      SELECT 'missing|' || count(*) FROM (SELECT * FROM pg_temp.expected_metrics EXCEPT ALL SELECT * FROM public.mv_metrics_daily) x;
      SELECT 'extra|' || count(*) FROM (SELECT * FROM public.mv_metrics_daily EXCEPT ALL SELECT * FROM pg_temp.expected_metrics) x;
      SELECT 'rows|' || count(*) FROM public.mv_metrics_daily;
      SELECT 'pending|' || (SELECT count(*) FROM private.metrics_call_changes)
        + (SELECT count(*) FROM private.metrics_order_changes)
        + (SELECT count(*) FROM private.metrics_reservation_changes)
        + (SELECT count(*) FROM private.metrics_attribution_changes)
        + (SELECT count(*) FROM private.metrics_rebuild_requests);
      """

    func reset(_ database: MetricsDatabase) throws {
      try database.cluster.psql(
        """
        TRUNCATE accounts, locations, calls, orders, reservations, account_settings, location_settings;
        SELECT public.refresh_metrics_daily();
        """)
    }

    @Test(arguments: RandomizedContract.seeds)
    func bothStrategiesGiveTheSameRows(seed: UInt64) throws {
      let database = try MetricsDatabase.incremental()
      try reset(database)
      defer { try? reset(database) }
      var data = MessyData(seed: seed)
      var steps = [("load", SQLFor.inserts(data))]
      for round in 1...3 {
        let before = data
        data.mutate()
        steps.append(("changes \(round)", SQLFor.changes(from: before, to: data)))
      }
      steps.append(("updates in place", Self.updatesInPlace))
      steps.append(("a TRUNCATE", "TRUNCATE reservations;"))
      for (stage, sql) in steps {
        let output = try database.cluster.psql(
          sql + "SELECT public.refresh_metrics_daily();\n" + Self.expectedView() + Self.comparison,
          options: ["-t", "-A"])
        let counts = countsByTag(output)
        #expect(counts["rows", default: 0] > 30, "seed \(seed), \(stage): too little data")
        #expect(counts["missing"] == 0, "seed \(seed), \(stage): rows the refresh strategy has")
        #expect(counts["extra"] == 0, "seed \(seed), \(stage): rows it does not have")
        #expect(counts["pending"] == 0, "seed \(seed), \(stage): changes left in the logs")
      }
    }

    /// Updates of facts that move them to other days, locations and amounts, and one that
    /// changes nothing the metrics read.
    static let updatesInPlace = """
      UPDATE calls SET started_at = started_at + interval '13 hours' WHERE id IN (SELECT id FROM calls WHERE started_at BETWEEN '1900-01-02' AND '9000-01-01' ORDER BY id LIMIT 40);
      UPDATE calls SET status = 'completed' WHERE id IN (SELECT id FROM calls ORDER BY id DESC LIMIT 40);
      UPDATE calls SET location_id = NULL WHERE id IN (SELECT id FROM calls ORDER BY id LIMIT 5);
      UPDATE calls SET call_type = call_type;
      UPDATE orders SET total_amount = total_amount * 2 WHERE id IN (SELECT id FROM orders WHERE abs(total_amount) < 1e12 ORDER BY id LIMIT 30);
      UPDATE orders SET location_id = NULL WHERE id IN (SELECT id FROM orders ORDER BY id DESC LIMIT 10);
      UPDATE reservations SET guest_count = coalesce(guest_count, 0) + 1 WHERE id IN (SELECT id FROM reservations ORDER BY id LIMIT 30);
      UPDATE reservations SET avg_spend_per_head_override = NULL WHERE id IN (SELECT id FROM reservations ORDER BY id DESC LIMIT 20);

      """
  }
}
