import Foundation
import PostgresHarness
import Testing

@testable import MetricsSchema
@testable import SQLBuilder

// The next version of the definitions: today's, whatever they hold, with a `failed_calls`
// metric and a refresh function with more sort memory.

/// `daily_totals` of the next version: today's, then failed calls.
struct DailyTotalsWithFailedCalls: CommonTable, ShapedRelation {
  typealias Shape = DailyTotals
  static let qualifiedName = QualifiedName("daily_totals")
  let failedCalls = Column<PG.BigInt, NotNull>("failed_calls")
}

/// Failed calls per key.
struct FailedCalls: CommonTable {
  static let qualifiedName = QualifiedName("failed_calls")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let failedCalls = Column<PG.BigInt, NotNull>("failed_calls")
}

/// `mv_metrics_daily` of the next version: today's columns, then failed calls.
struct MetricsDailyWithFailedCalls: ShapedRelation, ReadAPI.Rows {
  typealias Shape = MetricsDailyCounts
  static let qualifiedName = MetricsDaily.qualifiedName
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let counts = ShapeColumns()
  let failedCalls = Column<PG.BigInt, NotNull>("failed_calls")
  let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
  let totalRevenueResEstimate = Column<PG.DoublePrecision, NotNull>("total_revenue_res_estimate")
  let totalRevenue = Column<PG.DoublePrecision, NotNull>("total_revenue")
  let minutesSaved = Column<PG.DoublePrecision, NotNull>("minutes_saved")
}

enum NextVersion {
  static let failedCalls = Select(FailedCalls.self) { q, out in
    let f = q.from(DailyFacts.self, as: "f")
    q.groupBy(f.accountID, f.locationID, f.day)
    out.accountID(f.accountID)
    out.locationID(f.locationID)
    out.date(f.day.cast(to: PG.Date.self))
    out.failedCalls(count(filter: f.status == "failed"))
  }

  /// Today's totals, and the failed calls of each key.
  static let dailyTotals = Select(DailyTotalsWithFailedCalls.self) { q, out in
    let t = q.from(MetricsView.dailyTotals { $0.from(DailyFacts.self, as: "f") }, as: "t")
    let x = q.join(FailedCalls.self, as: "x") {
      $0.accountID == t.accountID && $0.locationID.isNotDistinct(from: t.locationID)
        && $0.date == t.date
    }
    out.failedCalls(x.failedCalls)
    out.columns(of: t)
  }

  static let view = CreateMaterializedView(MetricsDailyWithFailedCalls.self) {
    with {
      MetricsView.locationZones
      MetricsView.accountZones
      MetricsView.dailyFacts
      failedCalls
      dailyTotals
    } select: {
      Select(MetricsDailyWithFailedCalls.self) { q, out in
        let rows = MetricsView.metricsRows(ordered: false) {
          $0.from(DailyTotalsWithFailedCalls.self, as: "t").asShape
        }
        let m = q.from(rows, as: "m")
        let t = q.join(DailyTotalsWithFailedCalls.self, as: "t") {
          $0.accountID == m.accountID && $0.locationID.isNotDistinct(from: m.locationID)
            && $0.date == m.date
        }
        q.orderBy(m.accountID, m.locationID, m.date)
        out.failedCalls(t.failedCalls)
        out.columns(of: m)
      }
    }
  }

  static let refreshFunction = CreateFunction(
    RefreshMachinery.function, returns: .void, security: .definer,
    settings: [.emptySearchPath, FunctionSetting("work_mem", "128MB")]
      + RefreshMachinery.refreshSettings.filter { $0.name != "work_mem" }
  ) { _ in RefreshMachinery.body }

  /// The committed scripts with the view and the function replaced.
  static var scripts: [SQLScript] {
    MetricsScripts.all.map { script in
      let statements: [any SQLStatement] = script.statements.map { statement in
        if statement is CreateMaterializedView<MetricsDaily> { return view }
        if let function = statement as? CreateFunction {
          switch function.name {
          case RefreshMachinery.function.name: return refreshFunction
          case ReadAPI.function.name:
            return ReadAPI.createFunction(MetricsDailyWithFailedCalls.self)
          case ReadAPI.visibleToCaller.name:
            return ReadAPI.createVisibleToCaller(MetricsDailyWithFailedCalls.self)
          default: return statement
          }
        }
        return statement
      }
      return SQLScript(script.path, header: script.header) { statements }
    }
  }
}

extension DatabaseTests {
  /// From the database the committed migrations build, with data in it: the next version's
  /// migration alone brings the new column and function, and the contract still holds.
  @Suite struct Upgrade {
    @Test func theNextMigrationAddsAColumnAndChangesTheFunction() throws {
      let database = try MetricsDatabase.get()
      try database.reset()
      let data = MessyData(seed: 21)
      try database.cluster.psql(SQLFor.inserts(data))
      try database.cluster.psql("SELECT public.refresh_metrics_daily();")
      let stateFile = MetricsDatabase.root.appendingPathComponent("supabase/migrations-state.json")
      let committed = try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: stateFile))
      let upgrade = try MigrationPlan(from: committed, to: NextVersion.scripts)
      var upgraded = SchemaState()
      upgraded.objects = upgrade.objects
      let downgrade = try MigrationPlan(from: upgraded, to: MetricsScripts.all)
      var downgraded = false
      defer {
        if !downgraded {
          _ = try? database.cluster.psql(downgrade.sql ?? "", options: ["--single-transaction"])
        }
        try? database.reset()
      }
      #expect(
        upgrade.changes == [
          "rebuild relation public.mv_metrics_daily",
          "replace function public.refresh_metrics_daily()",
          "recreate function private.metrics_visible_to_caller(uuid, date, date, uuid), which reads relation public.mv_metrics_daily",
          "recreate function public.get_metrics_for_range(uuid, date, date, uuid), which reads relation public.mv_metrics_daily",
          "refresh relation public.metrics_time_zone_names, which relation public.mv_metrics_daily reads",
          "refresh relation public.metrics_time_zone_offsets, which relation public.mv_metrics_daily reads",
        ])
      try database.cluster.psql(try #require(upgrade.sql), options: ["--single-transaction"])

      let shape = try database.cluster.psql(
        """
        SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = 'public.mv_metrics_daily'::regclass AND attnum > 0;
        SELECT relispopulated FROM pg_class WHERE oid = 'public.mv_metrics_daily'::regclass;
        SELECT 'work_mem=128MB' = ANY (proconfig) FROM pg_proc
        WHERE oid = 'public.refresh_metrics_daily()'::regprocedure;
        SELECT (SELECT sum(failed_calls) FROM public.mv_metrics_daily)
          = (SELECT count(*) FROM calls_v
             WHERE status = 'failed' AND account_id IS NOT NULL
               AND started_at >= '\(MetricsView.earliestInstant)'
               AND started_at < '\(MetricsView.endOfInstants)');
        """)
      let columns = MetricsDailyWithFailedCalls.columns.map(\.name)
      #expect(columns.contains("failed_calls") && columns.contains("total_calls"))
      #expect(shape == columns.joined(separator: ",") + "\nt\nt\nt\n")
      // The new function refreshes, and every rule of the contract still holds.
      try RandomizedContract().compare(database, data, stage: "after the upgrade")

      // Going back is a migration too, and leaves what the committed migrations build.
      try database.cluster.psql(try #require(downgrade.sql), options: ["--single-transaction"])
      downgraded = true
      let catalog = try database.cluster.psql(MetricsDatabase.catalogQuery)
      #expect(
        catalog == database.catalogAfterMigrations,
        "\(catalogDifference(database.catalogAfterMigrations, catalog))")
    }
  }
}
