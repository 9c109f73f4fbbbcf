import SQLBuilder

/// The query behind `mv_metrics_daily`, exactly as the metrics contract defines it.
public enum MetricsView {
  static let lz = LocationZones.alias("lz").optional
  static let az = AccountZones.alias("az").optional

  /// The local date of `instant` in the fact's effective time zone: its location's zone, else
  /// its account's, else UTC (joined as `lz` and `az`).
  static func localDate(_ instant: Expression<PG.TimestampTZ, some Nullability>) -> Expression<
    PG.Date, Nullable
  > {
    instant.nullable.atTimeZone(coalesce(lz.timeZone, az.timeZone, "UTC")).cast(to: PG.Date.self)
  }

  // The zone lookups are tiny and read by all three sources. Inlined, each source's scan and
  // joins can run in parallel workers; a materialized CTE would keep them in one process.
  static let locationZones = {
    let l = Locations.alias("l")
    let z = MetricsTimeZoneNames.alias("z")
    return Query(LocationZones.self) { out in
      out.locationID(l.locationID)
      out.timeZone(z.name)
    }
    .from(l)
    .join(z, on: z.name == l.timeZone)
    .notMaterialized()
  }()

  static let accountZones = {
    let a = Accounts.alias("a")
    let z = MetricsTimeZoneNames.alias("z")
    return Query(AccountZones.self) { out in
      out.accountID(a.accountID)
      out.timeZone(z.name)
    }
    .from(a)
    .join(z, on: z.name == a.defaultTimeZone)
    .notMaterialized()
  }()

  static let callDays = {
    let c = CallsV.alias("c")
    let date = localDate(c.startedAt)
    return Query(CallDays.self) { out in
      out.accountID(c.accountID.assumingNotNull)
      out.locationID(c.locationID)
      out.date(date.assumingNotNull)
      out.totalCalls(count())
      out.ordersCount(count(filter: c.callType == "order"))
      out.reservationsCount(count(filter: c.callType == "reservation"))
      out.completedCalls(count(filter: c.status == "completed"))
    }
    .from(c)
    .leftJoin(lz, on: lz.locationID == c.locationID)
    .leftJoin(az, on: az.accountID == c.accountID)
    .where(c.accountID.isNotNull && c.startedAt.isNotNull)
    .groupBy(c.accountID, c.locationID, date)
  }()

  static let orderDays = {
    let o = OrdersV.alias("o")
    let date = localDate(o.createdAt)
    return Query(OrderDays.self) { out in
      out.accountID(o.accountID)
      out.locationID(o.locationID)
      out.date(date.assumingNotNull)
      out.totalRevenueOrders(coalesce(sum(o.totalAmount), .constant(0)))
    }
    .from(o)
    .leftJoin(lz, on: lz.locationID == o.locationID)
    .leftJoin(az, on: az.accountID == o.accountID)
    .groupBy(o.accountID, o.locationID, date)
  }()

  static let reservationDays = {
    let r = ReservationsV.alias("r")
    let ls = LocationSettings.alias("ls").optional
    let acs = AccountSettings.alias("acs").optional
    let date = localDate(r.createdAt)
    let spendPerHead = coalesce(r.avgSpendPerHeadOverride, ls.avgSpendPerHead, acs.avgSpendPerHead)
    let countsEstimate = acs.revenueMode == "orders_plus_res_estimate"
    return Query(ReservationDays.self) { out in
      out.accountID(r.accountID.assumingNotNull)
      out.locationID(r.locationID)
      out.date(date.assumingNotNull)
      out.totalRevenueResEstimate(sum(r.guestCount * spendPerHead, filter: countsEstimate))
    }
    .from(r)
    .leftJoin(lz, on: lz.locationID == r.locationID)
    .leftJoin(az, on: az.accountID == r.accountID)
    .leftJoin(ls, on: ls.locationID == r.locationID)
    .leftJoin(acs, on: acs.accountID == r.accountID)
    .where(r.accountID.isNotNull)
    .groupBy(r.accountID, r.locationID, date)
  }()

  static let dailyFacts = {
    let c = CallDays.alias("c")
    let o = OrderDays.alias("o")
    let r = ReservationDays.alias("r")
    let zero = Expression<PG.BigInt, NotNull>.constant(0)
    let none = Expression<PG.DoublePrecision, NotNull>.constant(0)
    return Query(DailyFacts.self) { out in
      out.accountID(c.accountID)
      out.locationID(c.locationID)
      out.date(c.date)
      out.totalCalls(c.totalCalls)
      out.ordersCount(c.ordersCount)
      out.reservationsCount(c.reservationsCount)
      out.completedCalls(c.completedCalls)
      out.totalRevenueOrders(none)
      out.totalRevenueResEstimate(none)
    }
    .from(c)
    .unionAll(
      Query(DailyFacts.self) { out in
        out.accountID(o.accountID)
        out.locationID(o.locationID)
        out.date(o.date)
        out.totalCalls(zero)
        out.ordersCount(zero)
        out.reservationsCount(zero)
        out.completedCalls(zero)
        out.totalRevenueOrders(o.totalRevenueOrders)
        out.totalRevenueResEstimate(none)
      }
      .from(o)
    )
    .unionAll(
      Query(DailyFacts.self) { out in
        out.accountID(r.accountID)
        out.locationID(r.locationID)
        out.date(r.date)
        out.totalCalls(zero)
        out.ordersCount(zero)
        out.reservationsCount(zero)
        out.completedCalls(zero)
        out.totalRevenueOrders(none)
        out.totalRevenueResEstimate(
          coalesce(r.totalRevenueResEstimate, .constant(0)).cast(to: PG.DoublePrecision.self))
      }
      .from(r)
    )
  }()

  static let dailyTotals = {
    let f = DailyFacts.alias("f")
    func total(_ x: Expression<PG.BigInt, NotNull>) -> Expression<PG.BigInt, NotNull> {
      coalesce(sum(x), .constant(0)).cast(to: PG.BigInt.self)
    }
    func total(_ x: Expression<PG.DoublePrecision, NotNull>) -> Expression<
      PG.DoublePrecision, NotNull
    > {
      coalesce(sum(x), .constant(0))
    }
    return Query(DailyTotals.self) { out in
      out.accountID(f.accountID)
      out.locationID(f.locationID)
      out.date(f.date)
      out.totalCalls(total(f.totalCalls))
      out.ordersCount(total(f.ordersCount))
      out.reservationsCount(total(f.reservationsCount))
      out.completedCalls(total(f.completedCalls))
      out.totalRevenueOrders(total(f.totalRevenueOrders))
      out.totalRevenueResEstimate(total(f.totalRevenueResEstimate))
    }
    .from(f)
    .groupBy(f.accountID, f.locationID, f.date)
  }()

  /// `mv_metrics_daily`'s query.
  public static let query = with {
    locationZones
    accountZones
    callDays
    orderDays
    reservationDays
    dailyFacts
    dailyTotals
  } select: {
    let t = DailyTotals.alias("t")
    let ls = LocationSettings.alias("ls").optional
    let acs = AccountSettings.alias("acs").optional
    let baselineSeconds = coalesce(
      ls.minutesSavedBaselineSeconds, acs.minutesSavedBaselineSeconds, 120)
    let minutesSaved = t.completedCalls * baselineSeconds / 60.0
    return Query(MetricsDaily.self) { out in
      out.accountID(t.accountID)
      out.locationID(t.locationID)
      out.date(t.date)
      out.totalCalls(t.totalCalls)
      out.ordersCount(t.ordersCount)
      out.reservationsCount(t.reservationsCount)
      out.completedCalls(t.completedCalls)
      out.totalRevenueOrders(t.totalRevenueOrders)
      out.totalRevenueResEstimate(t.totalRevenueResEstimate)
      out.totalRevenue(t.totalRevenueOrders + t.totalRevenueResEstimate)
      out.minutesSaved(minutesSaved.cast(to: PG.DoublePrecision.self))
    }
    .from(t)
    .leftJoin(ls, on: ls.locationID == t.locationID)
    .leftJoin(acs, on: acs.accountID == t.accountID)
  }
}
