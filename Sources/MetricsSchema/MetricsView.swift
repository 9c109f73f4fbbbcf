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

  /// One fact per call with an account and a start time.
  static let callFacts = {
    let c = CallsV.alias("c")
    return Query(DailyFacts.self) { out in
      out.accountID(c.accountID.assumingNotNull)
      out.locationID(c.locationID)
      out.date(localDate(c.startedAt).assumingNotNull)
      out.isCall(true)
      out.callType(c.callType)
      out.status(c.status)
      out.orderAmount(.null)
      out.reservationEstimate(.null)
    }
    .from(c)
    .leftJoin(lz, on: lz.locationID == c.locationID)
    .leftJoin(az, on: az.accountID == c.accountID)
    .where(c.accountID.isNotNull && c.startedAt.isNotNull)
  }()

  /// One fact per order.
  static let orderFacts = {
    let o = OrdersV.alias("o")
    return Query(DailyFacts.self) { out in
      out.accountID(o.accountID)
      out.locationID(o.locationID)
      out.date(localDate(o.createdAt).assumingNotNull)
      out.isCall(false)
      out.callType(.null)
      out.status(.null)
      out.orderAmount(o.totalAmount)
      out.reservationEstimate(.null)
    }
    .from(o)
    .leftJoin(lz, on: lz.locationID == o.locationID)
    .leftJoin(az, on: az.accountID == o.accountID)
  }()

  /// One fact per reservation with an account, carrying its revenue estimate when the account
  /// counts estimates.
  static let reservationFacts = {
    let r = ReservationsV.alias("r")
    let ls = LocationSettings.alias("ls").optional
    let acs = AccountSettings.alias("acs").optional
    let spendPerHead = coalesce(r.avgSpendPerHeadOverride, ls.avgSpendPerHead, acs.avgSpendPerHead)
    let estimate = Case {
      When(acs.revenueMode == "orders_plus_res_estimate", then: r.guestCount * spendPerHead)
    }
    return Query(DailyFacts.self) { out in
      out.accountID(r.accountID.assumingNotNull)
      out.locationID(r.locationID)
      out.date(localDate(r.createdAt).assumingNotNull)
      out.isCall(false)
      out.callType(.null)
      out.status(.null)
      out.orderAmount(.null)
      out.reservationEstimate(estimate.cast(to: PG.DoublePrecision.self))
    }
    .from(r)
    .leftJoin(lz, on: lz.locationID == r.locationID)
    .leftJoin(az, on: az.accountID == r.accountID)
    .leftJoin(ls, on: ls.locationID == r.locationID)
    .leftJoin(acs, on: acs.accountID == r.accountID)
    .where(r.accountID.isNotNull)
  }()

  static let dailyFacts = callFacts.unionAll(orderFacts).unionAll(reservationFacts)

  static let dailyTotals = {
    let f = DailyFacts.alias("f")
    return Query(DailyTotals.self) { out in
      out.accountID(f.accountID)
      out.locationID(f.locationID)
      out.date(f.date)
      out.totalCalls(count(filter: f.isCall))
      out.ordersCount(count(filter: f.callType == "order"))
      out.reservationsCount(count(filter: f.callType == "reservation"))
      out.completedCalls(count(filter: f.status == "completed"))
      out.totalRevenueOrders(coalesce(sum(f.orderAmount), .constant(0)))
      out.totalRevenueResEstimate(coalesce(sum(f.reservationEstimate), .constant(0)))
    }
    .from(f)
    .groupBy(f.accountID, f.locationID, f.date)
  }()

  /// `mv_metrics_daily`'s query.
  ///
  /// Rows come out in key order. `REFRESH … CONCURRENTLY` looks for duplicate rows by sorting
  /// the new rows as whole records, which is cheap when they are already sorted, and a lookup
  /// for one account or location reads neighbouring pages.
  public static let query = with {
    locationZones
    accountZones
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
    .orderBy(t.accountID, t.locationID, t.date)
  }
}
