import Foundation
import Testing

extension DatabaseTests {
  /// The shape of `mv_metrics_daily`'s plan that its refresh speed rests on. Costs are zeroed so
  /// the planner picks a parallel plan whenever one exists, whatever the tables hold.
  @Suite struct QueryPlan {
    static func plan() throws -> String {
      let database = try MetricsDatabase.get()
      let query = try database.cluster.psql(
        "SELECT pg_get_viewdef('public.mv_metrics_daily'::regclass);", options: ["-t", "-A"])
      return try database.cluster.psql(
        """
        SET parallel_setup_cost = 0;
        SET parallel_tuple_cost = 0;
        SET min_parallel_table_scan_size = 0;
        EXPLAIN (COSTS OFF) \(query.trimmingCharacters(in: .whitespacesAndNewlines).dropLast(1));
        """)
    }

    /// All three sources are scanned by parallel workers and feed one partial aggregate, so no
    /// source is aggregated by a single process. A UNION ALL branch whose column types differ
    /// from the first branch's, or a materialized CTE, silently loses this.
    @Test func everySourceIsScannedInParallelIntoOneAggregate() throws {
      let plan = try Self.plan()
      let lines = plan.split(separator: "\n")
      for source in ["calls_v", "orders_v", "reservations_v"] {
        #expect(plan.contains("Parallel Seq Scan on \(source) "), "\(source):\n\(plan)")
      }
      #expect(lines.filter { $0.contains("Partial HashAggregate") }.count == 1, "\(plan)")
      #expect(lines.filter { $0.contains("Parallel Append") }.count == 1, "\(plan)")
    }

    /// The rows come out in key order, which keeps the concurrent refresh's duplicate check (a
    /// sort of the new rows as whole records) cheap.
    @Test func rowsComeOutInKeyOrder() throws {
      let plan = try Self.plan().split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      #expect(plan.first == "Sort", "\(plan)")
      let key = plan.dropFirst().first ?? ""
      #expect(
        key.contains(#/^Sort Key: \w+\.account_id, \w+\.location_id, /#), "\(plan)")
    }
  }
}
