import Foundation
import PostgresHarness
import SQLBuilder
import Testing

@testable import MetricsSchema

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

    @Test(arguments: RandomizedContract.seeds, SourceFixture.all)
    func bothStrategiesGiveTheSameRows(seed: UInt64, source: SourceFixture) throws {
      let database = try MetricsDatabase.incremental(source)
      try database.reset()
      defer { try? database.reset() }
      var data = MessyData(seed: seed)
      var steps = [("load", SQLFor.inserts(data))]
      for round in 1...3 {
        let before = data
        data.mutate()
        steps.append(("changes \(round)", SQLFor.changes(from: before, to: data)))
      }
      steps.append(("updates in place", Self.updatesInPlace))
      steps.append(("a TRUNCATE", "TRUNCATE \(source.reservations.rendered);"))
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

    /// A catch-up adds up every column of the totals but the key, and the totals a query
    /// computes have the same columns as the table.
    @Test func theCatchUpAddsUpEveryColumnButTheKey() {
      let added = CatchUp<SourceTables>.summed.map(\.name)
      let key = ["account_id", "location_id", "date"]
      #expect(Set(added) == Set(MetricsDailyTotals.columns.map(\.name)).subtracting(key))
      #expect(added.count == Set(added).count)
      #expect(DailyTotals.columns.map(\.name) == MetricsDailyTotals.columns.map(\.name))
    }

    /// A catch-up rewrites the totals of the keys that changed and no other: writes that
    /// cancel out, and updates of nothing the metrics read, rewrite nothing.
    @Test func aCatchUpRewritesOnlyTheKeysThatChanged() throws {
      let database = try MetricsDatabase.incremental()
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(
        SQLFor.inserts(MessyData(seed: 9)) + "SELECT public.refresh_metrics_daily();")
      let output = try database.cluster.psql(
        """
        CREATE TEMP TABLE before AS
          SELECT ctid AS row_ctid, xmin::text AS row_xmin FROM private.metrics_daily_totals;
        SELECT public.refresh_metrics_daily();
        INSERT INTO calls SELECT id || '-again', location_id, status, call_type, started_at FROM calls LIMIT 20;
        DELETE FROM calls WHERE id LIKE '%-again';
        UPDATE calls SET call_type = call_type;
        UPDATE orders SET total_amount = total_amount;
        SELECT public.refresh_metrics_daily();
        SELECT 'rewritten after nothing|' || count(*) FROM private.metrics_daily_totals t
        WHERE NOT EXISTS (SELECT 1 FROM before b WHERE b.row_ctid = t.ctid AND b.row_xmin = t.xmin::text);
        UPDATE calls SET status = CASE WHEN status = 'completed' THEN 'failed' ELSE 'completed' END
        WHERE id = (SELECT c.id FROM calls_v c JOIN public.mv_metrics_daily m
                      ON m.account_id = c.account_id AND m.location_id = c.location_id
                    WHERE c.started_at BETWEEN '1900-01-02' AND '9000-01-01' ORDER BY c.id LIMIT 1);
        SELECT public.refresh_metrics_daily();
        SELECT 'rewritten after one change|' || count(*) FROM private.metrics_daily_totals t
        WHERE NOT EXISTS (SELECT 1 FROM before b WHERE b.row_ctid = t.ctid AND b.row_xmin = t.xmin::text);
        SELECT 'rows|' || count(*) FROM private.metrics_daily_totals;
        """, options: ["-t", "-A"])
      let counts = countsByTag(output)
      #expect(counts["rows", default: 0] > 50, "\(output)")
      #expect(counts["rewritten after nothing"] == 0, "\(output)")
      #expect(counts["rewritten after one change"] == 1, "\(output)")
    }

    /// A reservation's estimate follows its updates and deletes: each logged row counts by its
    /// sign in the override's cents and in the guests priced at the settings, in one catch-up.
    @Test func aReservationsEstimateFollowsItsUpdatesAndDeletes() throws {
      let database = try MetricsDatabase.incremental()
      try database.reset()
      defer { try? database.reset() }
      let account = "'00000000-0000-0000-0000-0000000000a1'"
      let location = "'00000000-0000-0000-0000-0000000000b1'"
      func reservation(_ n: Int) -> String { "'00000000-0000-0000-0000-00000000000\(n)'" }
      let output = try database.cluster.psql(
        """
        INSERT INTO accounts VALUES (\(account), 'Europe/Berlin');
        INSERT INTO locations VALUES (\(location), \(account), NULL);
        INSERT INTO account_settings VALUES (\(account), 120, 'orders_plus_res_estimate', 30.00);
        INSERT INTO reservations VALUES
          (\(reservation(1)), \(location), 2, NULL, '2024-05-01 10:00Z'),
          (\(reservation(2)), \(location), 4, 25.50, '2024-05-01 11:00Z'),
          (\(reservation(3)), \(location), 3, NULL, '2024-05-01 12:00Z'),
          (\(reservation(4)), \(location), 5, 12.25, '2024-05-01 13:00Z');
        SELECT public.refresh_metrics_daily();
        UPDATE reservations SET guest_count = 6 WHERE id = \(reservation(1));
        UPDATE reservations SET avg_spend_per_head_override = NULL WHERE id = \(reservation(2));
        UPDATE reservations SET avg_spend_per_head_override = 40.00 WHERE id = \(reservation(3));
        DELETE FROM reservations WHERE id = \(reservation(4));
        SELECT 'logged|' || count(*) FROM private.metrics_reservation_changes;
        SELECT public.refresh_metrics_daily();
        SELECT 'estimate|' || total_revenue_res_estimate FROM public.mv_metrics_daily
        WHERE location_id = \(location);
        """ + Self.expectedView() + Self.comparison, options: ["-t", "-A"])
      let counts = countsByTag(output)
      #expect(counts["logged"] == 7, "three updates log two rows each, the delete one: \(output)")
      // 6 and 4 guests at the account's 30.00, 3 at their own 40.00.
      #expect(output.contains("estimate|420\n"), "\(output)")
      #expect(counts["missing"] == 0 && counts["extra"] == 0, "\(output)")
      #expect(counts["pending"] == 0, "\(output)")
    }

    /// A crash empties the unlogged logs, changes not yet caught up included; the missing
    /// sentinel makes the next catch-up rebuild, so nothing is lost.
    @Test func aCrashThatEmptiesTheLogsIsRepairedByTheNextCatchUp() throws {
      let database = try MetricsDatabase.incremental()
      try database.reset()
      defer { try? database.reset() }
      var data = MessyData(seed: 7)
      try database.cluster.psql(SQLFor.inserts(data) + "SELECT public.refresh_metrics_daily();")
      let before = data
      data.mutate()
      try database.cluster.psql(SQLFor.changes(from: before, to: data))
      let pending = countsByTag(
        try database.cluster.psql(
          "SELECT 'pending|' || count(*) FROM private.metrics_call_changes;", options: ["-t", "-A"])
      )
      #expect(pending["pending", default: 0] > 0, "the changes should wait in the logs")
      try database.cluster.crashAndRestart()
      let output = try database.cluster.psql(
        "SELECT 'sentinel|' || count(*) FROM private.metrics_log_sentinel;\n"
          + "SELECT public.refresh_metrics_daily();\n" + Self.expectedView() + Self.comparison,
        options: ["-t", "-A"])
      let counts = countsByTag(output)
      #expect(counts["sentinel"] == 0, "crash recovery should empty the unlogged sentinel")
      #expect(counts["rows", default: 0] > 30)
      #expect(counts["missing"] == 0 && counts["extra"] == 0, "\(output)")
      #expect(counts["pending"] == 0)
      let sentinel = try database.cluster.psql("SELECT count(*) FROM private.metrics_log_sentinel;")
      #expect(sentinel == "1\n", "the rebuild writes the sentinel again")
    }

    /// A writer reads a location's zone and logs a call; before it commits, the location moves
    /// to another zone and a catch-up runs. The call still counts on its date in the new zone.
    @Test func aWriterThatCommitsAfterAZoneChangeAndACatchUpCountsInTheNewZone() throws {
      let database = try MetricsDatabase.incremental()
      try database.reset()
      defer { try? database.reset() }
      let account = "a0000000-0000-4000-8000-0000000000f1"
      let location = "b0000000-0000-4000-8000-0000000000f1"
      try database.cluster.psql(
        """
        INSERT INTO accounts VALUES ('\(account)', 'UTC');
        INSERT INTO locations VALUES ('\(location)', '\(account)', 'America/New_York');
        INSERT INTO calls VALUES ('before', '\(location)', 'completed', 'order', '2024-03-01 02:00Z');
        SELECT public.refresh_metrics_daily();
        """)
      let writer = try PsqlSession(database.cluster)
      writer.send("BEGIN;")
      writer.send("SELECT time_zone FROM locations WHERE location_id = '\(location)';")
      // 02:00 UTC on 1 March: 29 February in New York, 1 March in Tokyo.
      writer.send(
        "INSERT INTO calls VALUES ('racing', '\(location)', 'completed', 'order', '2024-03-01 02:00Z');"
      )
      try database.waitUntil(
        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE state = 'idle in transaction');")
      try database.cluster.psql(
        """
        UPDATE locations SET time_zone = 'Asia/Tokyo' WHERE location_id = '\(location)';
        SELECT public.refresh_metrics_daily();
        """)
      writer.send("COMMIT;")
      let transcript = writer.close()
      #expect(!transcript.contains("ERROR"), "\(transcript)")
      let output = try database.cluster.psql(
        "SELECT public.refresh_metrics_daily();\n" + Self.expectedView() + Self.comparison
          + "SELECT date || '|' || total_calls FROM public.mv_metrics_daily WHERE account_id = '\(account)';\n",
        options: ["-t", "-A"])
      let counts = countsByTag(output)
      #expect(counts["missing"] == 0 && counts["extra"] == 0, "\(output)")
      #expect(output.contains("2024-03-01|2\n"), "both calls count on 1 March in Tokyo: \(output)")
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
