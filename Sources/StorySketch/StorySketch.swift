import SQLBuilder

/// The story's "Key Logic" SQL, written in the DSL exactly as the story has it, defects and all:
/// the baseline the contract corrects and the benchmark measures against.
public enum StorySketch {
  /// `calls`: counts per server date.
  static let calls = Select(StoryCallDays.self) { q, out in
    let v = q.from(StoryCalls.self)
    let day = date(v.startedAt)
    func tally(_ condition: SQLExpression<PG.Boolean, NotNull>) -> SQLExpression<
      PG.BigInt, Nullable
    > {
      sum(Case(else: 0) { When(condition, then: 1) })
    }
    q.groupBy(v.accountID, v.locationID, day)
    out.accountID(v.accountID)
    out.locationID(v.locationID)
    out.date(day)
    out.totalCalls(count())
    out.ordersCount(tally(v.callType == "order"))
    out.reservationsCount(tally(v.callType == "reservation"))
    out.completedCalls(tally(v.status == "completed"))
  }

  /// `orders`: order revenue per server date.
  static let orders = Select(StoryOrderDays.self) { q, out in
    let v = q.from(StoryOrders.self)
    q.groupBy(v.accountID, v.locationID, date(v.createdAt))
    out.accountID(v.accountID)
    out.locationID(v.locationID)
    out.date(date(v.createdAt))
    out.totalRevenueOrders(sum(v.totalAmount))
  }

  /// `res_est`: the reservation estimate, ignoring the revenue mode.
  static let reservationEstimates = Select(StoryReservationDays.self) { q, out in
    let r = q.from(StoryReservations.self, as: "r")
    let ls = q.leftJoin(StoryLocationSettings.self, as: "ls") { r.locationID == $0.locationID }
    let acs = q.leftJoin(StoryAccountSettings.self, as: "acs") { r.accountID == $0.accountID }
    q.groupBy(r.accountID, r.locationID, date(r.createdAt))
    out.accountID(r.accountID)
    out.locationID(r.locationID)
    out.date(date(r.createdAt))
    out.totalRevenueResEstimate(
      sum(
        r.guestCount
          * coalesce(r.avgSpendPerHeadOverride, ls.avgSpendPerHead, acs.avgSpendPerHead)))
  }

  /// `minutes`: minutes saved per row of `calls`.
  static let minutes = Select(StoryMinutes.self) { q, out in
    let c = q.from(StoryCallDays.self, as: "c")
    let ls = q.leftJoin(StoryLocationSettings.self, as: "ls") { c.locationID == $0.locationID }
    let acs = q.leftJoin(StoryAccountSettings.self, as: "acs") { c.accountID == $0.accountID }
    let baseline = coalesce(ls.minutesSavedBaselineSeconds, acs.minutesSavedBaselineSeconds, 120)
    out.accountID(c.accountID)
    out.locationID(c.locationID)
    out.date(c.date)
    out.minutesSaved((c.completedCalls * baseline / 60.0).parenthesized())
  }

  /// The sketch's view query: four CTEs joined with FULL OUTER JOIN … USING.
  public static let query = with {
    calls
    orders
    reservationEstimates
    minutes
  } select: {
    Select(StoryMetricsDaily.self) { q, out in
      let c = q.nullable(q.from(StoryCallDays.self, as: "c"))
      let o = q.fullJoin(StoryOrderDays.self, as: "o", using: \.accountID, \.locationID, \.date)
      let r = q.fullJoin(
        StoryReservationDays.self, as: "r", using: \.accountID, \.locationID, \.date)
      let m = q.fullJoin(StoryMinutes.self, as: "m", using: \.accountID, \.locationID, \.date)
      out.accountID(coalesce(c.accountID, o.accountID, r.accountID, m.accountID))
      out.locationID(coalesce(c.locationID, o.locationID, r.locationID, m.locationID))
      out.date(coalesce(c.date, o.date, r.date, m.date))
      out.totalCalls(coalesce(c.totalCalls, .constant(0)))
      out.ordersCount(coalesce(c.ordersCount, .constant(0)))
      out.reservationsCount(coalesce(c.reservationsCount, .constant(0)))
      out.totalRevenueOrders(coalesce(o.totalRevenueOrders, .constant(0)))
      out.totalRevenueResEstimate(coalesce(r.totalRevenueResEstimate, .constant(0)))
      out.minutesSaved(coalesce(m.minutesSaved, .constant(0)))
    }
  }

  /// `CREATE MATERIALIZED VIEW mv_metrics_daily AS …`.
  public static let view = CreateMaterializedView(StoryMetricsDaily.self) { query }

  /// The sketch's plain index, which `REFRESH … CONCURRENTLY` cannot use.
  public static let lookupIndex = index(
    "idx_mv_metrics_daily_account_location_date", on: StoryMetricsDaily.self,
    \.accountID, \.locationID, \.date)

  /// The unique index the benchmark adds so the sketch can refresh concurrently at all. NULLs
  /// stay distinct: the sketch's USING joins split NULL-location days into duplicate keys.
  public static let uniqueKey = uniqueIndex(
    "story_mv_metrics_daily_key", on: StoryMetricsDaily.self, \.accountID, \.locationID, \.date)

  /// The sketch's pg_cron job.
  public static let cronJob = CronSchedule(
    "refresh-metrics-daily", schedule: "*/5 * * * *",
    command: RefreshMaterializedView(StoryMetricsDaily.self, concurrently: true),
    replacesOtherOwners: false)

  /// The sketch's manual refresh function, callable by anyone.
  public static let refreshFunction = CreateFunction(
    Function(nil, "refresh_metrics_daily"), returns: .void
  ) { _ in
    RefreshMaterializedView(StoryMetricsDaily.self, concurrently: true)
  }
}
