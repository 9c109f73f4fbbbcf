import Foundation
import PostgresHarness
import Testing

@testable import MetricsSchema
@testable import SQLBuilder

// The next version of the definitions, as a team would write it: a `failed_calls` metric and a
// refresh function with more sort memory.

/// `daily_totals` with failed calls.
struct DailyTotalsWithFailedCalls: CommonTable {
  static let qualifiedName = QualifiedName("daily_totals")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  let completedCalls = Column<PG.BigInt, NotNull>("completed_calls")
  let failedCalls = Column<PG.BigInt, NotNull>("failed_calls")
  let orderCents = Column<PG.DoublePrecision, NotNull>("order_cents")
  let overrideCents = Column<PG.DoublePrecision, NotNull>("override_cents")
  let estimateGuests = Column<PG.BigInt, NotNull>("estimate_guests")
}

/// `mv_metrics_daily` with failed calls.
struct MetricsDailyWithFailedCalls: ReadAPI.Rows {
  static let qualifiedName = MetricsDaily.qualifiedName
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  let completedCalls = Column<PG.BigInt, NotNull>("completed_calls")
  let failedCalls = Column<PG.BigInt, NotNull>("failed_calls")
  let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
  let totalRevenueResEstimate = Column<PG.DoublePrecision, NotNull>("total_revenue_res_estimate")
  let totalRevenue = Column<PG.DoublePrecision, NotNull>("total_revenue")
  let minutesSaved = Column<PG.DoublePrecision, NotNull>("minutes_saved")
}

enum NextVersion {
  static let dailyTotals = Select(DailyTotalsWithFailedCalls.self) { q, out in
    let f = q.from(DailyFacts.self, as: "f")
    q.groupBy(f.accountID, f.locationID, f.date)
    out.accountID(f.accountID)
    out.locationID(f.locationID)
    out.date(f.date)
    out.totalCalls(count(filter: f.isCall))
    out.ordersCount(count(filter: f.callType == "order"))
    out.reservationsCount(count(filter: f.callType == "reservation"))
    out.completedCalls(count(filter: f.status == "completed"))
    out.failedCalls(count(filter: f.status == "failed"))
    out.orderCents(coalesce(sum(f.orderCents), .constant(0)))
    out.overrideCents(coalesce(sum(f.overrideCents), .constant(0)))
    out.estimateGuests(coalesce(sum(f.estimateGuests), .constant(0)))
  }

  static let view = CreateMaterializedView(MetricsDailyWithFailedCalls.self) {
    with {
      MetricsView.locationZones
      MetricsView.accountZones
      MetricsView.dailyFacts
      dailyTotals
    } select: {
      Select(MetricsDailyWithFailedCalls.self) { q, out in
        let t = q.from(DailyTotalsWithFailedCalls.self, as: "t")
        let ls = q.leftJoin(LocationSettings.self, as: "ls") { $0.locationID == t.locationID }
        let acs = q.leftJoin(AccountSettings.self, as: "acs") { $0.accountID == t.accountID }
        q.orderBy(t.accountID, t.locationID, t.date)
        let baseline = coalesce(
          ls.minutesSavedBaselineSeconds, acs.minutesSavedBaselineSeconds, 120)
        out.accountID(t.accountID)
        out.locationID(t.locationID)
        out.date(t.date)
        out.totalCalls(t.totalCalls)
        out.ordersCount(t.ordersCount)
        out.reservationsCount(t.reservationsCount)
        out.completedCalls(t.completedCalls)
        out.failedCalls(t.failedCalls)
        let revenue = MetricsView.revenue(
          orderCents: t.orderCents, overrideCents: t.overrideCents,
          estimateGuests: t.estimateGuests, ls, acs)
        out.totalRevenueOrders(revenue.orders)
        out.totalRevenueResEstimate(revenue.estimate)
        out.totalRevenue(revenue.total)
        out.minutesSaved((t.completedCalls * baseline / 60.0).cast(to: PG.DoublePrecision.self))
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
      #expect(
        shape
          == "account_id,location_id,date,total_calls,orders_count,reservations_count,completed_calls,failed_calls,total_revenue_orders,total_revenue_res_estimate,total_revenue,minutes_saved\nt\nt\nt\n"
      )
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
