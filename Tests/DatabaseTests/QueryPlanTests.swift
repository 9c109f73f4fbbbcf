import Foundation
import MetricsSchema
import Testing

extension DatabaseTests {
  /// The shape of `mv_metrics_daily`'s plan that its refresh speed rests on. Costs are zeroed so
  /// the planner picks a parallel plan whenever one exists, whatever the tables hold.
  @Suite struct QueryPlan {
    /// The plan on the same data and statistics whatever ran before: a plan depends on them.
    static func planOnKnownData(settings: String = "") throws -> String {
      let database = try MetricsDatabase.get()
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(SQLFor.inserts(MessyData(seed: 2)) + "ANALYZE;")
      return try plan(settings: settings)
    }

    /// The plan on the data the database holds, under `settings` (`SET` statements).
    static func plan(settings: String = "") throws -> String {
      let database = try MetricsDatabase.get()
      let query = try database.cluster.psql(
        "SELECT pg_get_viewdef('public.mv_metrics_daily'::regclass);", options: ["-t", "-A"])
      return try database.cluster.psql(
        """
        SET parallel_setup_cost = 0;
        SET parallel_tuple_cost = 0;
        SET min_parallel_table_scan_size = 0;
        \(settings)
        EXPLAIN (COSTS OFF) \(query.trimmingCharacters(in: .whitespacesAndNewlines).dropLast(1));
        """)
    }

    /// All three sources are scanned by parallel workers and feed one partial aggregate, so no
    /// source is aggregated by a single process. A UNION ALL branch whose column types differ
    /// from the first branch's, or a materialized CTE, silently loses this.
    @Test func everySourceIsScannedInParallelIntoOneAggregate() throws {
      let plan = try Self.planOnKnownData()
      let lines = plan.split(separator: "\n")
      for source in ["calls", "orders", "reservations"] {
        #expect(plan.contains("Parallel Seq Scan on \(source) "), "\(source):\n\(plan)")
      }
      #expect(lines.filter { $0.contains("Partial HashAggregate") }.count == 1, "\(plan)")
      #expect(lines.filter { $0.contains("Parallel Append") }.count == 1, "\(plan)")
    }

    /// The facts are aggregated in hash tables whatever the planner estimates: it guesses a tenth
    /// of the facts as keys (it has no statistics for a date computed per fact), and at 10M
    /// calls that guess outgrew the hash memory and the facts were sorted instead, twice as
    /// slowly. Forbidding hash aggregation is the strongest push towards sorting there is.
    @Test func factsAreHashedWhateverTheEstimate() throws {
      let plan = try Self.planOnKnownData(settings: "SET enable_hashagg = off;")
      #expect(!plan.contains("GroupAggregate"), "\(plan)")
      // The aggregate's subtree: the lines after it, indented deeper.
      let lines = plan.split(separator: "\n")
      func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
      let aggregate = try #require(lines.firstIndex { $0.contains("HashAggregate") }, "\(plan)")
      let below = lines[(aggregate + 1)...].prefix { indent($0) > indent(lines[aggregate]) }
      // No sort of the facts; sorts of the view's rows, above the aggregate, may remain.
      let sorts = below.filter { $0.hasSuffix("->  Sort") || $0.hasSuffix("->  Incremental Sort") }
      #expect(sorts.isEmpty, "\(plan)")
    }

    /// The rows come out in key order, which keeps the concurrent refresh's duplicate check (a
    /// sort of the new rows as whole records) cheap.
    @Test func rowsComeOutInKeyOrder() throws {
      let plan = try Self.planOnKnownData().split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      #expect(plan.first == "Sort", "\(plan)")
      let key = plan.dropFirst().first ?? ""
      #expect(
        key.contains(#/^Sort Key: \w+\.account_id, \w+\.location_id, /#), "\(plan)")
    }

    /// `get_metrics_for_range` fetches from the view only the rows it returns: the caller's
    /// locations drive one index range scan each, where a filter over the account's range (an
    /// OR of the location and account-wide rules, or a generic plan at scale) reads them all.
    @Test(arguments: MetricsStrategy.allCases)
    func readAPIFetchesOnlyTheRowsItReturns(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      // The relation the rows are stored in: the view itself, or the totals behind it.
      let stored = strategy == .refresh ? "public.mv_metrics_daily" : "private.metrics_daily_totals"
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(SQLFor.inserts(MessyData(seed: 21)))
      try database.cluster.psql("SELECT public.refresh_metrics_daily();")
      let view = try ViewRows.read(database.cluster).keys
      // An account with rows for at least two locations; the caller sees one of them.
      let byAccount = Dictionary(grouping: view.filter { $0.location != nil }, by: \.account)
      let (account, rows) = try #require(
        byAccount.sorted { $0.key < $1.key }.first { Set($0.value.map(\.location)).count >= 2 })
      let location = try #require(rows.compactMap(\.location).sorted().first)
      let from = try #require(rows.map(\.date).min())
      let user = "f0000000-0000-4000-8000-000000000021"
      let output = try database.cluster.psql(
        """
        INSERT INTO user_location_access VALUES ('\(user)', '\(location)', '\(account)');
        ANALYZE \(stored), public.user_location_access;
        BEGIN;
        -- Tables this small are cheaper to read whole; the function's own plan setting wins.
        SET LOCAL enable_seqscan = off;
        SET LOCAL plan_cache_mode = force_generic_plan;
        SET LOCAL ROLE authenticated;
        SET LOCAL request.jwt.claims = '{"sub": "\(user)", "role": "authenticated"}';
        SELECT 'returned|' || count(*) FROM public.get_metrics_for_range(
          p_account_id => '\(account)', p_location_id => NULL,
          p_from_date => '\(from)', p_to_date => date '\(from)' + 365);
        SELECT 'fetched|' || (seq_tup_read + coalesce(idx_tup_fetch, 0))
        FROM pg_stat_xact_user_tables WHERE relid = '\(stored)'::regclass;
        COMMIT;
        SELECT 'account|' || count(*) FROM public.mv_metrics_daily
        WHERE account_id = '\(account)' AND date BETWEEN '\(from)' AND date '\(from)' + 365;
        """, options: ["-t", "-A"])
      let counts = countsByTag(output)
      let returned = try #require(counts["returned"], "\(output)")
      #expect(returned > 0, "\(output)")
      #expect(try #require(counts["account"]) > returned, "the account must hold more rows")
      #expect(counts["fetched"] == returned, "\(output)")
    }
  }
}
