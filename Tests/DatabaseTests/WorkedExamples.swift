import Foundation
import MetricsSchema
import SQLBuilder
import Testing

// Three things a team writes next, in the DSL, run on the metrics database (README, "Worked
// examples"): a weekly rollup with its own refresh, an hourly distribution with each hour's
// share of the total, and a function with parameters that returns rows.

/// `public.mv_metrics_weekly`: the daily metrics per ISO week (Monday to Sunday).
struct MetricsWeekly: Relation {
  static let qualifiedName = QualifiedName("public", "mv_metrics_weekly")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let weekStart = Column<PG.Date, NotNull>("week_start")
  let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  let totalRevenue = Column<PG.DoublePrecision, NotNull>("total_revenue")
}

enum WeeklyRollup {
  static let refresh = Function("public", "refresh_metrics_weekly")

  /// The weeks with at least one call. The local date becomes a timestamp without time zone
  /// before `date_trunc`, so the week does not depend on the session's time zone.
  static let view = CreateMaterializedView(MetricsWeekly.self) {
    Select(MetricsWeekly.self) { q, out in
      let d = q.from(MetricsDaily.self, as: "d")
      let week = dateTruncLocal("week", d.date.cast(to: PG.Timestamp.self)).cast(to: PG.Date.self)
      q.groupBy(d.accountID, d.locationID, week)
      q.having(sum(d.totalCalls) > .constant(0))
      out.accountID(d.accountID)
      out.locationID(d.locationID)
      out.weekStart(week)
      out.totalCalls(coalesce(sum(d.totalCalls), .constant(0)).cast(to: PG.BigInt.self))
      out.totalRevenue(coalesce(sum(d.totalRevenue), .constant(0)))
    }
  }

  static let script = SQLScript("metrics_weekly.sql", header: ["The weekly rollup."]) {
    Drop.materializedView(MetricsWeekly.self, .cascade)
    view
    uniqueIndex(
      "mv_metrics_weekly_key", on: MetricsWeekly.self, \.accountID, \.locationID, \.weekStart,
      nullsNotDistinct: true)
    Revoke(.all, on: .table(MetricsWeekly.self), from: .public, .anon, .authenticated)
    Grant(.select, on: .table(MetricsWeekly.self), to: .serviceRole)
    CreateFunction(refresh, returns: .void, security: .definer, settings: [.emptySearchPath]) {
      _ in
      RefreshMaterializedView(MetricsWeekly.self, concurrently: true)
    }
    Revoke(.all, on: .function(refresh), from: .public, .anon, .authenticated)
    Grant(.execute, on: .function(refresh), to: .serviceRole)
    CronSchedule("refresh-metrics-weekly", schedule: "17 * * * *", command: SelectFunction(refresh))
  }
}

/// Calls per hour of the day (UTC) over the last 30 days, with each hour's share of them.
struct HourlyCalls: Relation {
  static let qualifiedName = QualifiedName("hourly_calls")
  let hour = Column<PG.Numeric, Nullable>("hour")
  let calls = Column<PG.BigInt, NotNull>("calls")
  let share = Column<PG.Numeric, Nullable>("share")
}

enum HourlyDistribution {
  static let query = Select(HourlyCalls.self) { q, out in
    let c = q.from(CallsV.self, as: "c")
    let hour = extract(.hour, from: c.startedAt.atTimeZone("UTC"))
    q.where(c.startedAt >= now() - interval(days: 30))
    q.groupBy(hour)
    q.orderBy(hour)
    out.hour(hour)
    out.calls(count())
    out.share(count().cast(to: PG.Numeric.self) / sum(count()).over())
  }
}

/// `public.calls_by_day(p_account_id, p_days DEFAULT 30)`: an account's calls per day.
struct CallsByDayParameters: FunctionParameters {
  let accountID = Parameter<PG.UUID>("p_account_id")
  let days = Parameter<PG.Integer>("p_days", default: 30)
}

struct CallsByDay: Relation {
  static let qualifiedName = QualifiedName("calls_by_day")
  let day = Column<PG.Date, NotNull>("day")
  let calls = Column<PG.BigInt, NotNull>("calls")
}

enum CallsByDayFunction {
  static let function = Function("public", "calls_by_day", parameters: CallsByDayParameters.self)

  static let create = CreateFunction(
    function, returnsTable: CallsByDay.self, volatility: .stable, settings: [.emptySearchPath]
  ) { args in
    Select(CallsByDay.self) { q, out in
      let d = q.from(MetricsDaily.self, as: "d")
      q.where(d.accountID == args.accountID && d.date > currentDate - args.days)
      q.groupBy(d.date)
      q.orderBy(d.date)
      out.day(d.date)
      out.calls(coalesce(sum(d.totalCalls), .constant(0)).cast(to: PG.BigInt.self))
    }
  }

  static let script = SQLScript("calls_by_day.sql", header: ["An account's calls per day."]) {
    create
    Revoke(.all, on: .function(function), from: .public, .anon, .authenticated)
    Grant(.execute, on: .function(function), to: .serviceRole)
  }
}

extension DatabaseTests {
  @Suite struct WorkedExamples {
    static let account = "00000000-0000-0000-0000-0000000000a1"
    static let location = "00000000-0000-0000-0000-0000000000b1"

    /// Three calls yesterday (UTC): two at 09:xx, one at 14:xx, at one location of one account.
    static let calls = """
      INSERT INTO accounts VALUES ('\(account)', 'UTC');
      INSERT INTO locations VALUES ('\(location)', '\(account)', 'UTC');
      INSERT INTO calls (id, location_id, status, call_type, started_at)
      SELECT 'c' || n, '\(location)', 'completed', 'order',
             date_trunc('day', now() AT TIME ZONE 'UTC' - interval '1 day') AT TIME ZONE 'UTC'
               + make_interval(hours => h, mins => n)
      FROM (VALUES (1, 9), (2, 9), (3, 14)) AS v(n, h);
      SELECT public.refresh_metrics_daily();
      """

    func apply(_ script: SQLScript, on database: MetricsDatabase) throws {
      try database.cluster.psql(try generate([script])[0].text)
    }

    @Test(arguments: MetricsStrategy.allCases)
    func weeklyRollupSurvivesReapplyingTheDailyView(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer {
        _ = try? database.cluster.psql(
          """
          DROP MATERIALIZED VIEW IF EXISTS public.mv_metrics_weekly;
          DROP FUNCTION IF EXISTS public.refresh_metrics_weekly();
          SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = 'refresh-metrics-weekly';
          """)
        try? database.reset()
      }
      try apply(WeeklyRollup.script, on: database)
      try database.cluster.psql(Self.calls + "SELECT public.refresh_metrics_weekly();")
      let weekly = try database.cluster.psql(
        "SELECT total_calls || ' ' || extract(isodow FROM week_start) FROM public.mv_metrics_weekly;"
      )
      #expect(weekly == "3 1\n")
      // schema.sql drops mv_metrics_daily with CASCADE, taking the weekly view along; both files
      // apply again, and so does the weekly script after them.
      try MetricsDatabase.applyGeneratedFiles(database.cluster, strategy)
      try apply(WeeklyRollup.script, on: database)
      try apply(WeeklyRollup.script, on: database)
      let rows = try database.cluster.psql("SELECT total_calls FROM public.mv_metrics_weekly;")
      #expect(rows == "3\n")
    }

    @Test(arguments: MetricsStrategy.allCases)
    func hourlyDistributionWithShares(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(Self.calls)
      let rows = try database.cluster.psql(
        "SELECT hour || ' ' || calls || ' ' || round(share, 3) FROM (\(try renderQuery(HourlyDistribution.query))) t;"
      )
      #expect(rows == "9 2 0.667\n14 1 0.333\n")
    }

    @Test(arguments: MetricsStrategy.allCases)
    func functionWithParametersReturningRows(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer {
        _ = try? database.cluster.psql(
          "DROP FUNCTION IF EXISTS public.calls_by_day(uuid, integer);")
        try? database.reset()
      }
      try apply(CallsByDayFunction.script, on: database)
      try database.cluster.psql(Self.calls)
      let named = try database.cluster.psql(
        "SELECT day = (now() AT TIME ZONE 'UTC')::date - 1, calls FROM public.calls_by_day(p_account_id => '\(Self.account)');"
      )
      #expect(named == "t|3\n")
      let none = try database.cluster.psql(
        "SELECT count(*) FROM public.calls_by_day(p_account_id => '\(Self.account)', p_days => 0);")
      #expect(none == "0\n")
      let anon = try database.cluster.psql(
        "SELECT has_function_privilege('anon', 'public.calls_by_day(uuid, integer)', 'EXECUTE');")
      #expect(anon == "f\n")
    }
  }
}
