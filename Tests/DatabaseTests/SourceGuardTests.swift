import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// A deploy checks the source relations against their declarations before it creates
  /// anything that reads them, and stops naming every difference, with nothing applied.
  @Suite struct SourceGuard {
    /// Each kind of difference, made at once in the transaction that applies the file.
    static let breakage = """
      ALTER TABLE orders RENAME COLUMN total_amount TO amount;
      ALTER TABLE calls ALTER COLUMN status DROP NOT NULL;
      ALTER TABLE user_location_access DROP COLUMN account_id;
      ALTER TABLE location_settings ALTER COLUMN minutes_saved_baseline_seconds TYPE bigint;
      DROP VIEW reservations_v;
      CREATE VIEW reservations_v AS
        SELECT id, NULL::uuid AS account_id, location_id, guest_count::text AS guest_count, created_at
        FROM reservations;
      ALTER TABLE reservations RENAME TO bookings;
      ALTER TABLE orders DROP CONSTRAINT orders_pkey;
      """

    /// The problems `breakage` makes, as each strategy's check names them.
    static func problems(_ strategy: MetricsStrategy) -> [String] {
      let contract = [
        "public.location_settings.minutes_saved_baseline_seconds is bigint, declared integer",
        "public.user_location_access.account_id does not exist",
        "public.reservations_v.guest_count is text, declared integer",
        "public.reservations_v.avg_spend_per_head_override does not exist",
      ]
      let baseTables = [
        "public.orders.total_amount does not exist",
        "public.calls.status may be NULL, declared NOT NULL",
        "public.reservations does not exist",
        "public.orders has no unique index leading with (id), declared",
      ]
      return strategy == .refresh ? contract : contract + baseTables
    }

    @Test(arguments: MetricsStrategy.allCases)
    func everyDifferenceIsNamedAndNothingIsApplied(_ strategy: MetricsStrategy) throws {
      let cluster = try MetricsDatabase.emulatedCluster()
      defer { cluster.stop() }
      let schema = try #require(try MetricsDatabase.files(strategy).first)
      let result = try cluster.psqlResult(
        Self.breakage + schema, options: ["--single-transaction"])
      #expect(result.status != 0)
      let message = result.error
      #expect(message.contains("The source relations differ from their declarations"), "\(message)")
      for problem in Self.problems(strategy) {
        #expect(message.contains(problem), "\(strategy): \(problem) not in \(message)")
      }
      if strategy == .refresh {
        #expect(
          !message.contains("public.orders.total_amount"),
          "the refresh strategy reads only the views")
      }
      let after = try cluster.psql(
        """
        SELECT to_regclass('public.mv_metrics_daily') IS NULL, to_regclass('public.reservations') IS NOT NULL,
               to_regclass('private.metrics_daily_totals') IS NULL;
        """)
      #expect(after.trimmingCharacters(in: .whitespacesAndNewlines) == "t|t|t", "\(after)")
    }

    /// The incremental strategy's second file checks again before its triggers: a base table
    /// changed after `schema.sql` was applied gets no trigger that would fail every write.
    @Test func theTriggersAreNotCreatedOnATableThatChanged() throws {
      let cluster = try MetricsDatabase.emulatedCluster()
      defer { cluster.stop() }
      let files = try MetricsDatabase.files(.incremental)
      try cluster.psql(files[0], options: ["--single-transaction"])
      let result = try cluster.psqlResult(
        "ALTER TABLE calls RENAME COLUMN call_type TO kind;\n" + files[1],
        options: ["--single-transaction"])
      #expect(result.error.contains("public.calls.call_type does not exist"), "\(result.error)")
      let triggers = try cluster.psql(
        "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'metrics_capture_%';")
      #expect(triggers.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
      try cluster.psql("INSERT INTO calls VALUES ('1', NULL, 'completed', 'order', now());")
    }
  }

  /// A capture trigger that cannot log never fails the writer's statement: it asks for a
  /// rebuild, `metrics_daily_status()` says why, and the next catch-up is exact.
  @Suite struct BrokenChangeLog {
    @Test func aWriteSucceedsAndTheNextCatchUpRebuilds() throws {
      let cluster = try MetricsDatabase.emulatedCluster()
      defer { cluster.stop() }
      let files = try MetricsDatabase.files(.incremental)
      for file in files { try cluster.psql(file, options: ["--single-transaction"]) }
      try cluster.psql(
        SQLFor.inserts(MessyData(seed: 5)) + "SELECT public.refresh_metrics_daily();")
      func writes(_ suffix: String) -> String {
        """
        INSERT INTO calls SELECT id || '\(suffix)', location_id, status, call_type, started_at FROM calls WHERE id NOT LIKE '%-%-%' LIMIT 20;
        UPDATE orders SET total_amount = total_amount + 1 WHERE id IN (SELECT id FROM orders LIMIT 20);
        DELETE FROM calls WHERE id IN (SELECT id FROM calls ORDER BY id LIMIT 3);
        """
      }
      let statusAndCatchUp = """
        SELECT 'due|' || rebuild_due::int FROM public.metrics_daily_status();
        SELECT rebuild_reason FROM public.metrics_daily_status();
        SELECT public.refresh_metrics_daily();
        SELECT 'due after|' || rebuild_due::int FROM public.metrics_daily_status();
        SELECT 'drift|' || public.metrics_daily_drift();
        SELECT 'calls|' || sum(total_calls) FROM public.mv_metrics_daily;
        SELECT 'source calls|' || count(*) FROM calls_v WHERE account_id IS NOT NULL AND started_at >= '1900-01-01' AND started_at < '9999-01-01';
        """

      // A log that rejects rows, as a bug would: the writes go through, and once it accepts
      // rows again the catch-up rebuilds.
      try cluster.psql(
        """
        ALTER TABLE private.metrics_order_changes ADD CONSTRAINT broken CHECK (false) NOT VALID;
        \(writes("-x-1"))
        ALTER TABLE private.metrics_order_changes DROP CONSTRAINT broken;
        """)
      var output = try cluster.psql(statusAndCatchUp)
      var counts = countsByTag(output)
      #expect(counts["due"] == 1, "\(output)")
      #expect(
        output.contains("private.metrics_capture_order_updates could not log a write"), "\(output)")
      #expect(counts["due after"] == 0 && counts["drift"] == 0, "\(output)")
      #expect(counts["calls"] == counts["source calls"], "\(output)")

      // A log dropped (with the view that reads it): the writes go through; the file that
      // creates the logs brings both back.
      try cluster.psql("DROP TABLE private.metrics_call_changes CASCADE;\n" + writes("-x-2"))
      output = try cluster.psql(
        """
        SELECT rebuild_reason FROM public.metrics_daily_status();
        SELECT reason FROM private.metrics_rebuild_requests;
        """)
      #expect(output.contains("a change log is missing or altered"), "\(output)")
      #expect(
        output.contains("private.metrics_capture_call_inserts could not log a write"), "\(output)")
      try cluster.psql(files[0], options: ["--single-transaction"])
      output = try cluster.psql(statusAndCatchUp)
      counts = countsByTag(output)
      #expect(counts["due after"] == 0 && counts["drift"] == 0, "\(output)")
      #expect(counts["calls"] == counts["source calls"], "\(output)")
    }
  }
}
