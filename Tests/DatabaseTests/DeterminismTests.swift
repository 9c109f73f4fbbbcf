import Foundation
import Testing

extension DatabaseTests {
  /// A refresh with nothing new rewrites nothing: the same sources give bit-identical rows
  /// whatever share of the facts each parallel worker sums.
  @Suite struct Determinism {
    @Test func aRefreshWithNoChangeInTheSourcesRewritesNoRow() throws {
      let database = try MetricsDatabase.get()
      try database.reset()
      defer { try? database.reset() }
      let account = "a0000000-0000-4000-8000-00000000d001"
      let location = "b0000000-0000-4000-8000-00000000d001"
      let parallel = """
        SET parallel_setup_cost = 0;
        SET parallel_tuple_cost = 0;
        SET min_parallel_table_scan_size = 0;
        """
      try database.cluster.psql(
        """
        INSERT INTO accounts VALUES ('\(account)', 'UTC');
        INSERT INTO locations VALUES ('\(location)', '\(account)', 'Asia/Tokyo');
        INSERT INTO account_settings VALUES ('\(account)', 120, 'orders_plus_res_estimate', 31.70);
        -- Amounts whose sum in double precision depends on the order they are added in.
        INSERT INTO orders
        SELECT gen_random_uuid(), '\(account)', '\(location)', (i * 7919 % 100003) / 7.0 + 1e-9 * i,
               timestamptz '2024-03-01 00:00Z' + (i % 20) * interval '1 day'
        FROM generate_series(1, 200000) i;
        INSERT INTO reservations
        SELECT gen_random_uuid(), '\(location)', 1 + i % 9, (i % 97) / 3.0,
               timestamptz '2024-03-01 00:00Z' + (i % 20) * interval '1 day'
        FROM generate_series(1, 100000) i;
        -- Orders without a location, on 5 of the days.
        INSERT INTO orders
        SELECT gen_random_uuid(), '\(account)', NULL, (i * 7919 % 100003) / 7.0,
               timestamptz '2024-03-01 12:00Z' + (i % 5) * interval '1 day'
        FROM generate_series(1, 1000) i;
        ANALYZE orders, reservations;
        """)
      // The view's query under the same settings, as QueryPlanTests explains it.
      let plan = try QueryPlan.plan()
      #expect(plan.contains("Parallel Seq Scan on orders"), "\(plan)")
      let result = try database.cluster.psql(
        """
        \(parallel)
        SELECT public.refresh_metrics_daily();
        CREATE TEMP TABLE before AS SELECT ctid AS row_ctid, xmin::text AS row_xmin FROM public.mv_metrics_daily;
        SELECT public.refresh_metrics_daily();
        SELECT public.refresh_metrics_daily();
        SELECT 'rows|' || count(*) FROM public.mv_metrics_daily;
        SELECT CASE WHEN m.location_id IS NULL THEN 'rewritten without location|' ELSE 'rewritten|' END || count(*)
        FROM public.mv_metrics_daily m
        WHERE NOT EXISTS (SELECT 1 FROM before b WHERE b.row_ctid = m.ctid AND b.row_xmin = m.xmin::text)
        GROUP BY m.location_id IS NULL;
        """, options: ["-t", "-A"])
      let counts = countsByTag(result)
      #expect(counts["rows"] == 25, "\(result)")
      #expect(counts["rewritten", default: 0] == 0, "\(result)")
      // REFRESH … CONCURRENTLY matches old and new rows with `=` on the unique index's columns,
      // which is never true of NULL: rows without a location are rewritten (contract section 3).
      #expect(counts["rewritten without location"] == 5, "\(result)")
    }
  }
}
