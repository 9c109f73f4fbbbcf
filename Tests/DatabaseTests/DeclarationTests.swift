import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// What the declaration of a base table decides in the incremental strategy, on a schema
  /// other than the project's own: which updates are logged, and which indexes are added.
  @Suite struct Declaration {
    /// An update of a column the declaration lists is logged; one of a column it leaves out
    /// (`recording_url`, `channel`, `notes`) is not.
    @Test func onlyUpdatesOfDeclaredColumnsAreLogged() throws {
      let database = try MetricsDatabase.incremental(.phoneAgent)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(
        SQLFor.inserts(MessyData(seed: 3)) + "SELECT public.refresh_metrics_daily();")
      func logged(_ sql: String) throws -> Int {
        let output = try database.cluster.psql(
          """
          \(sql)
          SELECT (SELECT count(*) FROM private.metrics_call_changes)
            + (SELECT count(*) FROM private.metrics_order_changes)
            + (SELECT count(*) FROM private.metrics_reservation_changes);
          SELECT public.refresh_metrics_daily();
          """)
        return Int(output.split(separator: "\n").first ?? "") ?? -1
      }
      #expect(
        try logged("UPDATE public.phone_calls SET recording_url = 'https://example.com/r';") == 0)
      #expect(try logged("UPDATE public.sales SET channel = 'web';") == 0)
      #expect(try logged("UPDATE public.bookings SET notes = 'window seat';") == 0)
      let calls = try database.cluster.psql("SELECT count(*) FROM public.phone_calls;")
      let changed = try logged(
        "UPDATE public.phone_calls SET tag = coalesce(tag, '') || ' catering';")
      #expect(changed == 2 * (Int(calls.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0))
      let drift = try database.cluster.psql("SELECT public.metrics_daily_drift();")
      #expect(drift.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// A row the view does not show (a cancelled booking) counts for nothing, and cancelling
    /// one takes it away at the next catch-up, as the view's WHERE would.
    @Test func aRowTheViewHidesIsNotCounted() throws {
      let database = try MetricsDatabase.incremental(.phoneAgent)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(
        SQLFor.inserts(MessyData(seed: 4)) + "SELECT public.refresh_metrics_daily();")
      let output = try database.cluster.psql(
        """
        UPDATE public.bookings SET cancelled_at = now()
        WHERE booking_id IN (SELECT booking_id FROM public.bookings ORDER BY booking_id LIMIT 10);
        SELECT public.refresh_metrics_daily();
        \(try StrategyComparison.expectedView())
        \(StrategyComparison.comparison)
        SELECT 'drift|' || public.metrics_daily_drift();
        SELECT 'cancelled|' || count(*) FROM public.bookings WHERE cancelled_at IS NOT NULL;
        """, options: ["-t", "-A"])
      let counts = countsByTag(output)
      #expect(counts["cancelled"] == 10, "\(output)")
      #expect(counts["missing"] == 0 && counts["extra"] == 0, "\(output)")
      #expect(counts["drift"] == 0, "\(output)")
    }

    /// The strategy adds an index on a location or account column only where no index the
    /// table already has leads with it.
    @Test func noIndexDuplicatesOneTheTableHas() throws {
      let database = try MetricsDatabase.incremental(.phoneAgent)
      let indexes = try database.cluster.psql(
        """
        SELECT indexrelid::regclass FROM pg_index
        WHERE indrelid IN ('public.phone_calls'::regclass, 'public.sales'::regclass, 'public.bookings'::regclass)
        ORDER BY 1::text;
        """
      ).split(separator: "\n").map(String.init)
      #expect(
        Set(indexes) == [
          "phone_calls_pkey", "phone_calls_restaurant_answered", "sales_pkey", "sales_tenant",
          "metrics_sales_restaurant_id", "bookings_pkey", "metrics_bookings_restaurant_id",
        ], "\(indexes)")
    }
  }
}
